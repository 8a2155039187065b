"""The server's background count of the repeat links of «Конфликтные ситуации» (conflicts.refresh_links).

The page finds a repeat by looking a quarter back from each appeal of its period: at a region's size and a year's
period that search alone takes longer than a page may. The links depend on no filter and no period, so this job
counts them once for the whole store, and the page reads them for as long as no write has come since. It waits
until the store has been quiet for one whole round (an import, then its incidents grouped in the background, come
as a burst of writes), and a count that a write overtakes is thrown away and done again.
"""

from __future__ import annotations

import logging

from mcu_data import access
from mcu_data.server import process
from mcu_data.server.background import Background
from mcu_data.signals import conflicts
from mcu_data.store import StoreError

LOG = logging.getLogger("mcu.conflicts")


class Linker(Background):
    name = "mcu-linker"
    log = LOG

    def __init__(self, every: float = 5.0) -> None:
        super().__init__(every)
        self._seen: int | None = None  # the store's write count at the last round

    def round(self) -> int | None:
        """Count the links if the store has not been written to since the last round; returns how many, or None."""
        try:
            with access.acting(process.LINKER):
                store = process.store()
                now = store.write_count()
                quiet, self._seen = now == self._seen, now
                if not quiet:
                    return None
                counted = conflicts.refresh_links(store)
                if counted is not None:
                    LOG.info("conflicts: %s repeat links counted ahead", counted)
                return counted
        except StoreError as exc:  # busy or broken: the next round tries again
            LOG.warning("the repeat links wait for the store: %s", exc)
            return None
