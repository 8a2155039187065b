"""The server's background grouping of incidents: the appeals a large import left ungrouped, a week at a time.

An import of a busy week groups its own appeals before it returns. A larger one (a year's history loaded once)
leaves them to this job, so the import keeps its pace and its memory: each round takes the first week that holds
ungrouped appeals (incident_store.regroup_pending), then the next, until none is left or the server stops.
It looks again only when the store was written to.
"""

from __future__ import annotations

import logging
import time

from mcu_data import access
from mcu_data.server import process
from mcu_data.server.background import Background
from mcu_data.signals import incident_store
from mcu_data.store import StoreError

LOG = logging.getLogger("mcu.incidents")
ROUND_SECONDS = 60.0  # a round stops after this long, so the server can stop between two weeks


class Grouper(Background):
    name = "mcu-grouper"
    log = LOG

    def __init__(self, every: float = 5.0) -> None:
        super().__init__(every)
        self._idle_at: int | None = None  # the store's write count when nothing was left to group

    def round(self) -> int:
        """Group pending weeks for up to ROUND_SECONDS; returns how many messages were grouped."""
        grouped = 0
        started = time.monotonic()
        try:
            with access.acting(process.GROUPER):
                store = process.store()
                if store.write_count() == self._idle_at:
                    return 0
                while not self.stopping and time.monotonic() - started < ROUND_SECONDS:
                    report = incident_store.regroup_pending(store)
                    if report.messages == 0:
                        self._idle_at = store.write_count()
                        break
                    grouped += report.messages
                    LOG.info("incidents: %s messages grouped in the background", report.messages)
        except StoreError as exc:  # busy or broken: the next round tries again
            LOG.warning("incident grouping waits for the store: %s", exc)
        return grouped
