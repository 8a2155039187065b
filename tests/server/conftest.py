"""A real server (serve.py) on a private empty store, with an inbox folder and API keys.

Empty, because the corpus files reuse ids of the sample exports: every count then comes from the manifest alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import serving

CORPUS = Path(__file__).resolve().parents[1] / "data" / "intake"


def corpus_rows(file_name: str) -> dict[str, int]:
    """What the hand-written manifest says should become of a corpus file's rows: outcome -> rows."""
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["file"] == file_name)
    counts: dict[str, int] = {}
    for row in entry["rows"]:
        counts[row["outcome"]] = counts.get(row["outcome"], 0) + 1
    return counts


@dataclass
class Live:
    url: str
    running: serving.Running
    store_path: Path
    inbox: Path
    curator_key: str
    officer_key: str  # an officer of the ПОС channel
    revoked_key: str


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    from mcu_data import access
    from mcu_data.access import auth, tokens
    from mcu_data.store import Store, bootstrap

    folder = tmp_path_factory.mktemp("live")
    store_path = folder / "store.duckdb"
    store = Store(store_path)
    bootstrap.prepare(store, None)
    with access.acting(access.SYSTEM):
        auth.save_account(store, auth.Account("tester", "Проверка: куратор", "curator"))
        auth.save_account(store, auth.Account("pos_officer", "Проверка: ПОС", "channel_officer", channel_code="pos"))
        curator_key = tokens.issue(store, "tester", "проверка")
        officer_key = tokens.issue(store, "pos_officer", "выгрузка ПОС")
        revoked_key = tokens.issue(store, "tester", "старый")
        tokens.revoke(store, tokens.digest(revoked_key)[:12])
    store.close()
    inbox = folder / "inbox"
    running = serving.start(store_path, {"MCU_INBOX_DIR": str(inbox), "MCU_INBOX_POLL": "0.3"})
    yield Live(running.url, running, store_path, inbox, curator_key, officer_key, revoked_key)
    if running.proc.poll() is None:
        serving.stop(running)
