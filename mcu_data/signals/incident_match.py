"""Whether two messages speak of one problem: a stand-in with the interface the grouping uses (replaced by the matcher)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from mcu_data.ingest import morph

SAME_AT = 0.5
MAX_DAYS = 60
SHORT_DAYS = 7


@dataclass(frozen=True)
class Message:
    text: str
    received_at: datetime
    theme: str
    settlement: str | None
    channel: str


@dataclass(frozen=True)
class Reading:
    lemmas: frozenset[str]


@lru_cache(maxsize=100_000)
def read(text: str) -> Reading:
    return Reading(frozenset(w for w in morph.lemma_text(text).split() if len(w) > 3))


def block_key(m: Message) -> str | None:
    return m.settlement


def reach_back_days(m: Message) -> int:
    return MAX_DAYS if "до сих пор" in m.text else SHORT_DAYS


def may_match(a: Message, b: Message) -> bool:
    if a.settlement and b.settlement and a.settlement != b.settlement:
        return False
    later = a if a.received_at >= b.received_at else b
    return abs((a.received_at - b.received_at).total_seconds()) <= reach_back_days(later) * 86400


def score(a: Message, b: Message) -> float:
    if not may_match(a, b):
        return 0.0
    la, lb = read(a.text).lemmas, read(b.text).lemmas
    if not la or not lb:
        return 0.0
    return len(la & lb) / len(la | lb) + (0.2 if a.theme == b.theme else 0.0)
