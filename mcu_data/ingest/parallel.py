"""Normalise the chunks of a big file on several cores; a small file stays in the calling process.

Masking, themes and places are pure Python over each text, so one core normalises about 2 000 rows a second
and a region's million-row file would take most of ten minutes. Chunks are independent: worker processes
normalise them while this process reads the next ones and writes the finished ones into the staging tables.
The order of the chunks is kept, and no more than one chunk per worker is in flight, so memory stays flat.

The workers are started fresh («spawn»): the server has threads, and a forked copy of a threaded process can
inherit a lock some other thread held. Starting costs a few seconds, so only a file of PARALLEL_FROM_BYTES or
more uses them; MCU_IMPORT_WORKERS=1 switches them off.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date

import pandas as pd

from mcu_data.ingest.normalize import Chunk, References, normalize
from mcu_data.ingest.profiles import SourceProfile

PARALLEL_FROM_BYTES = 16 * 1_048_576  # about 40 000 rows of a social-media export
IN_FLIGHT_PER_WORKER = 1

_job: tuple[SourceProfile, References, date] | None = None


def workers_for(size_bytes: int | None) -> int:
    """How many worker processes a file of this size gets: 0 means normalise here."""
    wanted = os.environ.get("MCU_IMPORT_WORKERS", "")
    count = int(wanted) if wanted.isdigit() else min(2, os.cpu_count() or 1)
    if count <= 1 or size_bytes is None or size_bytes < PARALLEL_FROM_BYTES:
        return 0
    return count


def _start(profile: SourceProfile, refs: References, today: date) -> None:
    global _job
    _job = (profile, refs, today)


def _normalise(frame: pd.DataFrame) -> Chunk:
    assert _job is not None, "worker started without its job"
    return normalize(frame, *_job)


def normalised(
    frames: Iterable[pd.DataFrame], profile: SourceProfile, refs: References, today: date, workers: int = 0
) -> Iterator[tuple[pd.DataFrame, Chunk]]:
    """Each raw chunk with its normalised form, in file order."""
    if workers <= 0:
        for frame in frames:
            yield frame, normalize(frame, profile, refs, today)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, context, initializer=_start, initargs=(profile, refs, today)) as pool:
        pending: deque[tuple[pd.DataFrame, Future]] = deque()
        try:
            for frame in frames:
                pending.append((frame, pool.submit(_normalise, frame)))
                while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        finally:
            for _, future in pending:
                future.cancel()
