"""The inbox: a folder a nightly export job drops files into; the server imports each one in the background.

A file is taken once it has stopped growing (the same size and time on two looks in a row, and older than a
few seconds), so a file still being copied is never read half-written. It is imported exactly as an upload
is, as the account «папка загрузки», and then moved, with a report beside it:

    inbox/                 files to import; a subfolder pos/, im/, fz59/, survey/ or official_pages/ names the
                           source of its files (a survey's or the pages' file is recognised in inbox/ too)
    inbox/done/            imported files, each with <file>.report.txt and <file>.report.json
    inbox/failed/          files refused whole, with <file>.report.txt saying why (nothing was written)

Each import appears in the load log like any other, marked «папка загрузки»; a refused file appears there too.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from datetime import datetime
from pathlib import Path

from mcu_data import access
from mcu_data.ingest.loader import TABLE_IMPORTS, import_path, record_refusal
from mcu_data.ingest.profiles import PROFILES
from mcu_data.ingest.readers import ImportFileError
from mcu_data.ingest.report import details, summary, warnings_for
from mcu_data.server import process
from mcu_data.server.background import Background
from mcu_data.store import StoreError

SOURCES = (*PROFILES, *TABLE_IMPORTS)  # a subfolder per source: its files are imported as that source
SETTLE_SECONDS = 2.0
SKIP_PREFIXES = (".", "~$")  # hidden files and the lock files office software leaves beside an open book
SKIP_SUFFIXES = (".part", ".tmp", ".crdownload", ".report.txt", ".report.json")
LOG = logging.getLogger("mcu.inbox")


class Inbox(Background):
    """Watch one folder from a thread of its own; `stop()` ends it between two files."""

    name = "mcu-inbox"
    log = LOG

    def __init__(self, folder: Path, every: float = 5.0, max_bytes: int = 50 * 1_048_576) -> None:
        super().__init__(every)
        self.folder, self.max_bytes = folder, max_bytes
        self._seen: dict[Path, tuple[int, float]] = {}

    def start(self) -> Inbox:
        for sub in ("", "done", "failed", *SOURCES):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        return super().start()

    def round(self) -> int:
        return self.poll()

    def candidates(self) -> list[tuple[Path, str | None]]:
        found = []
        for sub, source in [("", None), *((code, code) for code in SOURCES)]:
            for path in sorted((self.folder / sub).iterdir()) if (self.folder / sub).is_dir() else []:
                if path.is_file() and not path.name.startswith(SKIP_PREFIXES) and not path.name.endswith(SKIP_SUFFIXES):
                    found.append((path, source))
        return found

    def poll(self) -> int:
        """One look at the folder: import the files that have settled; returns how many were handled."""
        handled = 0
        now = time.time()
        present = set()
        for path, source in self.candidates():
            present.add(path)
            stat = path.stat()
            mark = (stat.st_size, stat.st_mtime)
            if self._seen.get(path) != mark or now - stat.st_mtime < SETTLE_SECONDS:
                self._seen[path] = mark
                continue
            self._handle(path, source)
            self._seen.pop(path, None)
            handled += 1
            if self.stopping:
                break
        for gone in set(self._seen) - present:
            self._seen.pop(gone, None)
        return handled

    def _handle(self, path: Path, source: str | None) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        with access.acting(process.INBOX):
            try:
                store = process.store()
                report = import_path(store, path, source, self.max_bytes, origin="inbox")
            except ImportFileError as exc:
                reason = f"{exc} Хранилище не изменилось."
                record_refusal(store, path.name, reason, "inbox")
                target = self._move(path, "failed", stamp)
                target.with_name(target.name + ".report.txt").write_text(
                    f"{path.name}: НЕ ЗАГРУЖЕН.\n{reason}\n", encoding="utf-8"
                )
                LOG.warning("inbox: %s refused: %s", path.name, exc)
                return
            except StoreError as exc:  # the store is busy or broken: leave the file for the next look
                LOG.warning("inbox: %s waits: %s", path.name, exc)
                return
        target = self._move(path, "done", stamp)
        lines = [summary(report), *details(report), *("ВНИМАНИЕ. " + w for w in warnings_for(report))]
        target.with_name(target.name + ".report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        target.with_name(target.name + ".report.json").write_text(
            json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        LOG.info("inbox: %s imported as batch %s", path.name, report.batch_id)

    def _move(self, path: Path, where: str, stamp: str) -> Path:
        """Into done/ or failed/, under a name that never overwrites an earlier file of the same name."""
        target = self.folder / where / f"{stamp}_{path.name}"
        n = 1
        while target.exists():
            n += 1
            target = self.folder / where / f"{stamp}-{n}_{path.name}"
        shutil.move(str(path), target)
        return target
