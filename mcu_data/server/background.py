"""A job the server runs from a thread of its own, once every few seconds, until the server stops."""

from __future__ import annotations

import logging
import threading


class Background:
    """Call `round()` every `every` seconds; a failed round is logged and the next one runs as usual.

    `stop()` ends the thread between two rounds (or wakes it from its wait at once)."""

    name = "mcu-background"
    log = logging.getLogger("mcu")

    def __init__(self, every: float) -> None:
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def round(self) -> object:
        raise NotImplementedError

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.round()
            except Exception:  # the job must outlive any one bad round: a bad file, a busy store, a bug
                self.log.exception("%s: round failed", self.name)
            self._stop.wait(self.every)
