"""The server's mailer: a thread that, once a minute, queues the letters that are due and sends what waits.

It runs in the server, which owns the store, and acts as the account «рассылка». Nothing is planned while the
SMTP settings are missing or wrong; the page «Рассылка» says so. A round that fails (the store busy, a bug) is
logged and the next round tries again: the queue keeps every letter until it is sent or given up on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from mcu_data import access
from mcu_data.core.config import Mail
from mcu_data.outreach import outbox
from mcu_data.server import process
from mcu_data.server.background import Background
from mcu_data.store import StoreError

LOG = logging.getLogger("mcu.mail")


class Mailer(Background):
    name = "mcu-mailer"
    log = LOG

    def __init__(
        self, mail: Mail, every: float = 60.0, app_url: str = "", clock: Callable[[], datetime] = datetime.now
    ) -> None:
        super().__init__(every)
        self.mail, self.app_url, self.clock = mail, app_url, clock
        self._looked: tuple[int, object] | None = None  # (the store's write count, the day) of the last growth look

    def round(self) -> outbox.Tick:
        try:
            with access.acting(process.MAILER):
                store, now = process.store(), self.clock()
                seen = (store.write_count(), now.date())  # mail's own writes do not count: they never bump it
                tick = outbox.tick(store, self.mail, now, self.app_url, growth_check=seen != self._looked)
                self._looked = seen
                return tick
        except StoreError as exc:  # busy or broken: the queue keeps every letter for the next round
            LOG.warning("mailer waits for the store: %s", exc)
            return outbox.Tick(0, 0, 0)
