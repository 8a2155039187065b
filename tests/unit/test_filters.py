"""Filters translate to bound SQL, and only known codes pass."""

from datetime import date

import pytest

from mcu_data.core.filters import NO_SETTLEMENT, FilterError, Filters, to_where, validate

BASE = Filters(start=date(2026, 11, 1), end=date(2026, 11, 30))


@pytest.mark.parametrize(
    ("filters", "sql", "params"),
    [
        (BASE, "a.received_at >= ? and a.received_at < ?", [date(2026, 11, 1), date(2026, 12, 1)]),
        (
            Filters(BASE.start, BASE.end, themes=("roads", "housing")),
            "a.received_at >= ? and a.received_at < ? and a.theme_code in (?, ?)",
            [date(2026, 11, 1), date(2026, 12, 1), "roads", "housing"],
        ),
        (
            Filters(BASE.start, BASE.end, settlements=(NO_SETTLEMENT,)),
            "a.received_at >= ? and a.received_at < ? and a.settlement_oktmo is null",
            [date(2026, 11, 1), date(2026, 12, 1)],
        ),
        (
            Filters(BASE.start, BASE.end, settlements=("36612436", NO_SETTLEMENT)),
            "a.received_at >= ? and a.received_at < ? and (a.settlement_oktmo is null or a.settlement_oktmo in (?))",
            [date(2026, 11, 1), date(2026, 12, 1), "36612436"],
        ),
        (
            Filters(BASE.start, BASE.end, sources=("pos",), recipients=("kumi",)),
            "a.received_at >= ? and a.received_at < ? and a.source_code in (?) and a.recipient_code in (?)",
            [date(2026, 11, 1), date(2026, 12, 1), "pos", "kumi"],
        ),
    ],
)
def test_to_where(filters, sql, params):
    assert to_where(filters) == (sql, params)


def test_without_period_and_nothing_chosen_is_true():
    assert to_where(BASE, period=False) == ("true", [])


def test_values_never_reach_sql_text():
    evil = "x'); drop table appeal; --"
    sql, params = to_where(Filters(BASE.start, BASE.end, themes=(evil,)))
    assert evil not in sql and evil in params


def test_validate_refuses_unknown_codes_and_backward_periods():
    allowed = {"themes": {"roads"}, "settlements": set(), "sources": set(), "recipients": set()}
    with pytest.raises(FilterError, match="Неизвестные значения"):
        validate(Filters(BASE.start, BASE.end, themes=("bogus",)), allowed)
    with pytest.raises(FilterError, match="Начало периода"):
        validate(Filters(date(2026, 12, 1), date(2026, 11, 1)), allowed)
    assert validate(Filters(BASE.start, BASE.end, themes=("roads",)), allowed).themes == ("roads",)


def test_previous_period_has_same_length():
    prev = BASE.previous()
    assert prev.days == BASE.days == 30
    assert prev.end == date(2026, 10, 31)
