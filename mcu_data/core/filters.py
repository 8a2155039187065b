"""The shared sidebar filters, and their translation into a bound SQL condition."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta


class FilterError(ValueError):
    """A filter value outside the known codes; the message is in Russian."""


@dataclass(frozen=True)
class Filters:
    """What the user chose; an empty tuple means «all»."""

    start: date
    end: date
    themes: tuple[str, ...] = field(default=())
    settlements: tuple[str, ...] = field(default=())
    sources: tuple[str, ...] = field(default=())
    recipients: tuple[str, ...] = field(default=())

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The period of the same length just before this one, with the same other choices."""
        return replace(self, start=self.start - timedelta(days=self.days), end=self.start - timedelta(days=1))

    def with_period(self, start: date, end: date) -> Filters:
        return replace(self, start=start, end=end)


# filter attribute -> appeal column; the only column names that reach SQL from filters
COLUMNS = {
    "themes": "theme_code",
    "settlements": "settlement_oktmo",
    "sources": "source_code",
    "recipients": "recipient_code",
}
NO_SETTLEMENT = "none"  # the choice «settlement not determined»


def validate(filters: Filters, allowed: dict[str, set[str]]) -> Filters:
    """Refuse codes that are not in the reference tables, and a period that runs backwards."""
    if filters.start > filters.end:
        raise FilterError("Начало периода позже его конца: выберите период заново.")
    for attr in COLUMNS:
        unknown = set(getattr(filters, attr)) - allowed.get(attr, set())
        if unknown:
            raise FilterError(f"Неизвестные значения фильтра: {', '.join(sorted(unknown))}")
    return filters


def to_where(filters: Filters, alias: str = "a", period: bool = True) -> tuple[str, list]:
    """(condition, params) over the appeal table; values are always bound, never formatted in."""
    clauses: list[str] = []
    params: list = []
    if period:
        clauses.append(f"{alias}.received_at >= ? and {alias}.received_at < ?")
        params += [filters.start, filters.end + timedelta(days=1)]
    for attr, column in COLUMNS.items():
        values = list(getattr(filters, attr))
        if not values:
            continue
        if attr == "settlements" and NO_SETTLEMENT in values:
            values.remove(NO_SETTLEMENT)
            if values:
                clauses.append(f"({alias}.{column} is null or {alias}.{column} in ({', '.join('?' * len(values))}))")
            else:
                clauses.append(f"{alias}.{column} is null")
        else:
            clauses.append(f"{alias}.{column} in ({', '.join('?' * len(values))})")
        params += values
    return (" and ".join(clauses) or "true"), params
