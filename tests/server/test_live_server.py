"""The running server owns the store: the API, the command line beside it, and the inbox folder.

One server for the module; the tests run in file order, and the last one stops the server and opens the store
to check what the others left in it. Expected counts come from the corpus manifest, written by hand.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests import serving
from tests.server.conftest import CORPUS, Live, corpus_rows

ROOT = serving.ROOT
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
SHARED: dict[str, object] = {}  # what a later test of this module checks in the store


def call(live: Live, method: str, path: str, key: str | None = None, body: bytes | None = None):
    """(status, JSON answer) of one request."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    request = urllib.request.Request(live.url + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode("utf-8"))


def post_file(live: Live, name: str, key: str | None, **query) -> tuple[int, dict]:
    params = urllib.parse.urlencode({"file_name": name, **query})
    return call(live, "POST", f"/api/v1/imports?{params}", key, (CORPUS / name).read_bytes())


def cli(live: Live, *args: str) -> subprocess.CompletedProcess:
    """`python -m mcu_data --db <the server's store> …`, as an officer types it on the server machine."""
    return subprocess.run(
        [sys.executable, "-m", "mcu_data", "--db", str(live.store_path), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_health_answers_without_a_key_and_names_the_schema(live: Live):
    status, answer = call(live, "GET", "/api/v1/health")
    migrations = sorted((ROOT / "mcu_data" / "store" / "migrations").glob("[0-9][0-9][0-9]_*.sql"))
    assert status == 200
    assert answer == {"status": "ok", "schema_version": int(migrations[-1].name[:3])}


def test_leaflet_is_served_from_the_installed_package_with_a_long_cache(live: Live):
    import xstatic.pkg.leaflet as leaflet

    expected = (Path(leaflet.BASE_DIR) / "leaflet.js").read_bytes()
    with urllib.request.urlopen(live.url + "/assets/leaflet/leaflet.js?v=" + leaflet.VERSION, timeout=10) as answer:
        assert answer.read() == expected
        assert "max-age=31536000" in answer.headers["Cache-Control"]
    for outside in ("../__init__.py", "leaflet-src.js.map", "%2e%2e/%2e%2e/__init__.py", "nothing.js"):
        try:
            urllib.request.urlopen(live.url + "/assets/leaflet/" + outside, timeout=10)
        except urllib.error.HTTPError as refused:
            assert refused.code in (400, 404), outside
        else:
            raise AssertionError(f"{outside} было отдано")


def test_an_import_without_a_valid_key_is_refused_in_russian(live: Live):
    for key in (None, "mcu_wrong-key-0000", live.revoked_key, "Basic abc"):
        status, answer = post_file(live, "im_iso_minutes.csv", key)
        assert status == 401, key
        assert CYRILLIC.search(answer["error"]), answer


def test_an_officer_key_loads_only_its_own_channel_and_a_refusal_writes_nothing(live: Live):
    status, answer = post_file(live, "im_iso_minutes.csv", live.officer_key, source="im")
    assert status == 403 and CYRILLIC.search(answer["error"])
    # the same file by the curator: every row is new, so the refused attempt wrote none of them
    status, report = post_file(live, "im_iso_minutes.csv", live.curator_key)
    assert status == 201, report
    assert report["rows_new"] == corpus_rows("im_iso_minutes.csv")["kept"] == 5
    assert report["adds_up"] and report["origin"] == "api" and report["source_code"] == "im"
    SHARED["im_batch"] = report["batch_id"]
    # the officer's own channel goes through
    status, report = post_file(live, "pos_unknown_statuses.xlsx", live.officer_key)
    assert status == 201, report
    assert report["rows_new"] == corpus_rows("pos_unknown_statuses.xlsx")["kept"]
    assert report["rows_unrecognised"] > 0  # its statuses are unknown to the value maps, and the rows stay


def test_a_load_is_read_back_as_the_log_keeps_it(live: Live):
    batch = SHARED["im_batch"]
    status, answer = call(live, "GET", f"/api/v1/imports/{batch}", live.curator_key)
    assert status == 200
    assert (answer["batch_id"], answer["file_name"], answer["rows_new"]) == (batch, "im_iso_minutes.csv", 5)
    assert answer["origin"] == "api"
    status, answer = call(live, "GET", f"/api/v1/imports/{batch}", live.officer_key)
    assert status == 403  # an «Инцидент менеджмент» load is not the ПОС officer's
    status, answer = call(live, "GET", "/api/v1/imports/987654", live.curator_key)
    assert status == 404 and "987654" in answer["error"]


def test_a_broken_file_is_refused_whole_with_a_russian_reason(live: Live):
    status, answer = post_file(live, "pos_truncated.xlsx", live.curator_key)
    assert status == 422
    assert "Хранилище не изменилось" in answer["error"]
    assert not re.search(r"[A-Za-z]{4,}", answer["error"].replace("«pos_truncated.xlsx»", "")), (
        answer
    )  # no English inside


def test_the_command_line_imports_through_the_running_server(live: Live):
    name = "im_iso_seconds_offsets.csv"
    done = cli(live, "import", str(CORPUS / name))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "IO Error" not in done.stderr
    kept = corpus_rows(name)["kept"]
    assert f"новых {kept}, обновлено 0, без изменений 0" in done.stdout, done.stdout
    again = cli(live, "import", str(CORPUS / name))  # a re-import changes nothing
    assert again.returncode == 0, again.stderr
    assert f"новых 0, обновлено 0, без изменений {kept}" in again.stdout, again.stdout


def test_the_command_line_exits_non_zero_when_most_rows_are_rejected(live: Live):
    name = "fz59_bad_dates.csv"
    outcome = corpus_rows(name)
    assert outcome["kept"] < outcome["rejected"]  # the manifest's own count: 2 kept of 11
    done = cli(live, "import", str(CORPUS / name))
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "ВНИМАНИЕ" in done.stderr


def test_the_command_line_sends_a_survey_to_its_own_import(live: Live):
    from tests.store.test_survey_import import _csv

    path = live.store_path.parent / "опрос_ноябрь.csv"
    path.write_bytes(_csv())
    done = cli(live, "import", str(path))
    assert done.returncode == 0, done.stderr
    # the counts of test_survey_import, whose file this is: 12 lines read, 9 answers kept, 2 rejected
    assert "Опрос жителей" in done.stdout and "Прочитано строк: 12; новых 9" in done.stdout, done.stdout


def test_account_commands_go_through_the_server(live: Live):
    done = cli(live, "users", "reset", "admin")
    assert done.returncode == 0, done.stderr
    found = re.search(r"пароль для «admin»: (\S+)", done.stdout)
    assert found, done.stdout
    SHARED["admin_password"] = found.group(1)
    listed = cli(live, "users", "list")
    assert listed.returncode == 0 and "pos_officer" in listed.stdout


def _wait_for(pattern: str, folder: Path, timeout: float = 60) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(folder.glob(pattern))
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"В {folder} за {timeout:.0f} с не появилось {pattern}")


def test_a_file_dropped_into_the_inbox_is_imported_and_logged(live: Live):
    name = "fz59_cp1251_footer.csv"
    # copied under a temporary name and renamed, as an export job does; the watcher skips *.part
    part = live.inbox / "fz59" / (name + ".part")
    shutil.copy(CORPUS / name, part)
    part.rename(part.with_suffix(""))
    report_file = _wait_for(f"*_{name}.report.json", live.inbox / "done")[0]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    rows = corpus_rows(name)
    assert (report["rows_new"], report["rows_skipped"]) == (rows["kept"], rows["skipped_footer"])
    assert report["origin"] == "inbox" and report["source_code"] == "fz59"
    assert not (live.inbox / "fz59" / name).exists()
    assert (live.inbox / "done" / report_file.name.removesuffix(".report.json")).exists()
    status, logged = call(live, "GET", f"/api/v1/imports/{report['batch_id']}", live.curator_key)
    assert status == 200 and logged["origin"] == "inbox" and logged["file_name"] == name


def test_a_broken_file_in_the_inbox_goes_to_failed_with_its_reason(live: Live):
    name = "pos_crc_corrupt.xlsx"
    shutil.copy(CORPUS / name, live.inbox / name)
    reason = _wait_for(f"*_{name}.report.txt", live.inbox / "failed")[0].read_text(encoding="utf-8")
    assert "НЕ ЗАГРУЖЕН" in reason and "Хранилище не изменилось" in reason
    assert not (live.inbox / name).exists()
    SHARED["refused_inbox"] = name


def test_an_official_pages_file_in_the_inbox_is_recognised_by_its_header(live: Live):
    from tests.store.test_official_pages_import import _csv

    name = "госпаблики_ноябрь.csv"
    part = live.inbox / (name + ".part")
    part.write_bytes(_csv())
    part.rename(part.with_suffix(""))
    report = json.loads(_wait_for(f"*_{name}.report.json", live.inbox / "done")[0].read_text(encoding="utf-8"))
    # the counts of test_official_pages_import, whose file this is: 5 page-days kept, 5 rejected
    assert (report["source_code"], report["origin"], report["rows_new"], report["rows_rejected"]) == (
        "official_pages",
        "inbox",
        5,
        5,
    )


def test_a_second_process_gets_a_russian_busy_message(live: Live):
    from mcu_data.store import Store, StoreBusy

    try:
        Store(live.store_path).close()
    except StoreBusy as exc:
        assert "открыто другим процессом" in str(exc) and str(live.running.proc.pid) in str(exc)
    else:
        raise AssertionError("хранилище открылось при работающем сервере")


def test_after_the_server_stops_the_store_holds_what_the_others_did(live: Live):
    from mcu_data import access
    from mcu_data.access import auth
    from mcu_data.store import Store

    serving.stop(live.running)
    assert not live.store_path.with_name(live.store_path.name + ".server.json").exists()
    store = Store(live.store_path)
    try:
        batches = store.query("select file_name, origin, status, rows_new from import_batch order by batch_id")
        mine = batches[batches["origin"].isin(["api", "cli", "inbox"])]
        assert list(mine.itertuples(index=False, name=None)) == [
            ("im_iso_minutes.csv", "api", "done", 5),
            ("pos_unknown_statuses.xlsx", "api", "done", corpus_rows("pos_unknown_statuses.xlsx")["kept"]),
            ("im_iso_seconds_offsets.csv", "cli", "done", corpus_rows("im_iso_seconds_offsets.csv")["kept"]),
            ("im_iso_seconds_offsets.csv", "cli", "done", 0),
            ("fz59_bad_dates.csv", "cli", "done", corpus_rows("fz59_bad_dates.csv")["kept"]),
            ("опрос_ноябрь.csv", "cli", "done", 9),
            ("fz59_cp1251_footer.csv", "inbox", "done", corpus_rows("fz59_cp1251_footer.csv")["kept"]),
            (SHARED["refused_inbox"], "inbox", "refused", 0),
            ("госпаблики_ноябрь.csv", "inbox", "done", 5),
        ]
        ids = set(store.query("select source_id from appeal where source_code = 'im'")["source_id"])
        assert {"IM-58101", "IM-58105"} <= ids
        used = store.query("select label, last_used_at from api_token order by created_at")
        assert used.set_index("label")["last_used_at"].notna().to_dict() == {
            "проверка": True,
            "выгрузка ПОС": True,
            "старый": False,
        }
        with access.acting(access.SYSTEM):
            assert auth.sign_in(store, "admin", SHARED["admin_password"]).login == "admin"
    finally:
        store.close()
