"""The server's mailer: a thread that, once a minute, queues the letters that are due and sends what waits.

It runs in the server, which owns the store, and acts as the account «рассылка». Nothing is planned while the
SMTP settings are missing or wrong; the page «Рассылка» says so. A round that fails (the store busy, a bug) is
logged and the next round tries again: the queue keeps every letter until it is sent or given up on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from mcu_data import access
from mcu_data.core.config import Mail
from mcu_data.outreach import outbox
from mcu_data.server import process
from mcu_data.store import StoreError

LOG = logging.getLogger("mcu.mail")


class Mailer:
    def __init__(
        self, mail: Mail, every: float = 60.0, app_url: str = "", clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self.mail, self.every, self.app_url, self.clock = mail, every, app_url, clock
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mcu-mailer", daemon=True)

    def start(self) -> Mailer:
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.round()
            except StoreError as exc:
                LOG.warning("mailer waits for the store: %s", exc)
            except Exception:  # the mailer must outlive any one bad round
                LOG.exception("mailer round failed")
            self._stop.wait(self.every)

    def round(self) -> outbox.Tick:
        with access.acting(process.MAILER):
            return outbox.tick(process.store(), self.mail, self.clock(), self.app_url)
