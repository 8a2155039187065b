"""Stable codes of the fixed enumerations and the groups they fall into."""

from __future__ import annotations

SOURCES: tuple[str, ...] = ("pos", "im", "fz59", "hotline", "other")
# what an import batch may load: the appeals' sources, the residents' surveys and the official pages' activity
BATCH_SOURCES: tuple[str, ...] = (*SOURCES, "survey", "official_pages")
# the networks of the official pages («госпаблики»); «other» for a network no export names yet
PAGE_NETWORKS: tuple[str, ...] = ("vk", "ok", "telegram", "other")
CHANNELS: tuple[str, ...] = (
    "gosuslugi",
    "vk",
    "ok",
    "telegram",
    "media",
    "site",
    "letter",
    "email",
    "reception",
    "phone",
    "other",
    "unknown",
)
UNKNOWN = "unknown"  # a value the source sent that no value map knows yet: kept raw, sent to review
KINDS: tuple[str, ...] = ("appeal_59fz", "message")
AUTHOR_TYPES: tuple[str, ...] = ("citizen", "organisation", "anonymous")
PROVENANCES: tuple[str, ...] = ("given", "mapped", "predicted", "corrected")

# Status says where the appeal is in its lifecycle; group open/done drives "overdue now".
STATUS_GROUPS: dict[str, str] = {
    "new": "open",
    "registered": "open",
    "in_progress": "open",
    "extended": "open",
    "answered": "done",
    "redirected": "done",
    "closed": "done",
    "unknown": "unknown",
}

# Outcome says what the answer achieved. Only "solved" is a fix: an answer that
# explains or refuses is "answered", never "solved" (FixMyStreet's closed != fixed).
OUTCOME_GROUPS: dict[str, str] = {
    "solved": "fixed",
    "explained": "answered",
    "refused": "answered",
    "redirected": "redirected",
    "formal": "formal",
    "unknown": "unknown",
}


def codes_in(groups: dict[str, str], group: str) -> tuple[str, ...]:
    """The codes of one group, in the order the enumeration lists them."""
    return tuple(code for code, g in groups.items() if g == group)
