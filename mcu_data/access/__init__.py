"""Who may see and change what: the roles of the МЦУ regulation, checked where data is read and written.

Every write function of mcu_data, and every function that returns single appeals, calls `require`
with its action and scope. The acting user is set once per script run by the app (or by the command
line, as `SYSTEM`); with nobody set, the answer is a refusal. Pages hide what a role cannot do, but
the refusal here is what protects the data, whichever page or script makes the call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from mcu_data.core.filters import Filters
from mcu_data.core.locale import label

ROLES = ("curator", "channel_officer", "sector_leader", "settlement_head", "observer")

# actions
VIEW_AGGREGATES = "view_aggregates"  # figures, charts, ratings
VIEW_APPEALS = "view_appeals"  # single appeals: masked text, address, number in the source
EXPORT = "export"  # files with lists or notes
IMPORT = "import"  # load a channel's export (scope: channel)
UNDO = "undo"  # undo a channel's import (scope: channel)
SAVE_PROFILE = "save_profile"  # a column mapping for a channel (scope: channel)
EDIT_MEASURE = "edit_measure"  # roadmap measures (scope: themes, settlements)
CORRECT = "correct"  # theme and settlement corrections, which teach the mapping (scope: themes)
EDIT_RULES = "edit_rules"  # deadline rules, rating weights, indicators, boundaries
MANAGE_USERS = "manage_users"
MANAGE_MAIL = "manage_mail"  # the mail's addressees, schedules and switches, its log, a resend
VIEW_AUDIT = "view_audit"
PURGE = "purge"  # retention: delete old appeals
EDIT_NOTE = "edit_note"  # the weekly note's text, its proposal rules, and marking it sent


# pages each role reaches; the entry script builds the menu from this, and each page checks it again
PAGE_ROLES = {
    "overview": set(ROLES),
    "heatmap": set(ROLES),
    "deadlines": set(ROLES),
    "rating": set(ROLES),
    "incidents": set(ROLES),
    "satisfaction": set(ROLES),
    "official_pages": set(ROLES),  # aggregates only; a settlement head's filters keep their settlement's pages
    "roadmaps": set(ROLES),
    "wall_start": set(ROLES),
    "wall": set(ROLES),
    "definitions": set(ROLES),
    "weekly_note": {"curator", "channel_officer", "sector_leader", "settlement_head"},
    "conflicts": {"curator", "channel_officer", "sector_leader", "settlement_head"},
    "cur_report": {"curator", "channel_officer", "sector_leader", "settlement_head"},
    "data_import": {"curator", "channel_officer"},
    "review": {"curator", "sector_leader"},
    "references": {"curator", "channel_officer", "sector_leader", "settlement_head"},
    "settings": {"curator"},
    "admin": {"curator"},
    "mailing": {"curator"},
}


class AccessDenied(PermissionError):
    """The acting user may not do this; the message says so in Russian."""


@dataclass(frozen=True)
class User:
    login: str
    name: str
    role: str
    channel: str | None = None  # channel officer: pos, im, fz59
    block: str | None = None  # sector leader: the code of the official who leads the blocks (Appendix 2)
    oktmo: str | None = None  # settlement head
    themes: tuple[str, ...] = ()  # sector leader: the themes of the block, filled in at sign-in
    is_screen: bool = False
    must_change: bool = False
    by_key: bool = False  # a screen signed in by the key in the show's address, not by a password


SYSTEM = User("system", "командная строка", "curator")

_actor: ContextVar[User | None] = ContextVar("mcu_actor", default=None)


def set_actor(user: User | None) -> None:
    """The user for the rest of this script run (Streamlit runs each script in its own thread)."""
    _actor.set(user)


def current() -> User | None:
    return _actor.get()


@contextmanager
def acting(user: User | None) -> Iterator[User | None]:
    """Run a block as `user`: the command line acts as SYSTEM, tests as whoever they test."""
    token = _actor.set(user)
    try:
        yield user
    finally:
        _actor.reset(token)


def allowed(
    user: User | None,
    action: str,
    channel: str | None = None,
    themes: Iterable[str] = (),
    settlements: Iterable[str] = (),
) -> bool:
    """The role table of the regulation (section 2, Appendix 2) as code."""
    if user is None or user.role not in ROLES:
        return False
    if user.role == "curator":
        return True
    if action == VIEW_AGGREGATES:
        return True
    if user.role == "observer":
        return False
    if action in (VIEW_APPEALS, EXPORT):
        return True
    themes, settlements = set(themes), set(settlements)
    if user.role == "channel_officer":
        return action in (IMPORT, UNDO, SAVE_PROFILE) and channel is not None and channel == user.channel
    if user.role == "sector_leader":
        return action in (EDIT_MEASURE, CORRECT) and bool(themes) and themes <= set(user.themes)
    if user.role == "settlement_head":
        return action == EDIT_MEASURE and bool(settlements) and settlements <= {user.oktmo}
    return False


def require(
    action: str, channel: str | None = None, themes: Iterable[str] = (), settlements: Iterable[str] = ()
) -> User:
    """The acting user, if they may do `action` on this scope; otherwise AccessDenied with a Russian reason."""
    user = current()
    if user is None:
        raise AccessDenied("Действие недоступно: войдите в систему.")
    themes, settlements = tuple(themes), tuple(settlements)
    if not allowed(user, action, channel, themes, settlements):
        what = label("action", action)
        scope = ""
        if user.role == "channel_officer" and action in (IMPORT, UNDO, SAVE_PROFILE):
            scope = " — только по своему каналу"
        elif user.role == "sector_leader" and action in (EDIT_MEASURE, CORRECT):
            scope = " — только по темам своего блока"
        elif user.role == "settlement_head" and action == EDIT_MEASURE:
            scope = " — только мероприятия своего поселения"
        raise AccessDenied(f"Нет прав: {what}{scope}. Роль «{label('role', user.role)}».")
    return user


def scope_filters(user: User | None, filters: Filters) -> Filters:
    """What a role may see: a settlement's head sees only their settlement, whatever the filters ask."""
    if user is not None and user.role == "settlement_head" and user.oktmo:
        return replace(filters, settlements=(user.oktmo,))
    return filters


def own_settlement(user: User | None) -> str | None:
    """The one settlement a settlement head sees; None for every other role."""
    return user.oktmo if user is not None and user.role == "settlement_head" and user.oktmo else None


def require_appeals(filters: Filters) -> User:
    """Before returning single appeals: the role may see them, and only within its scope."""
    user = require(VIEW_APPEALS)
    if user.role == "settlement_head" and tuple(filters.settlements) != (user.oktmo,):
        raise AccessDenied("Нет прав: глава поселения видит обращения только своего поселения.")
    return user


def page_allowed(user: User | None, page: str) -> bool:
    return user is not None and user.role in PAGE_ROLES.get(page, set())
