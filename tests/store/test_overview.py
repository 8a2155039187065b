"""The overview's store queries agree with the same figures computed independently in pandas."""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from mcu_data.analytics import overview
from mcu_data.core.filters import Filters
from mcu_data.store import Store
from tests import oracle

END = date(2026, 11, 26)
AS_OF = datetime(2026, 11, 26, 23, 59, 59)


@pytest.fixture(scope="module")
def appeals(store: Store) -> pd.DataFrame:
    return store.query("select * from appeal")


def _window(df: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    return df[(df["received_at"] >= pd.Timestamp(start)) & (df["received_at"] < pd.Timestamp(end + timedelta(days=1)))]


@pytest.mark.parametrize(
    "filters",
    [
        Filters(END - timedelta(days=29), END),
        Filters(END - timedelta(days=89), END, themes=("housing", "roads")),
        Filters(date(2026, 7, 1), date(2026, 7, 31), settlements=("36612420",)),
        Filters(END - timedelta(days=364), END, sources=("fz59",), recipients=("adm_housing", "sp_gvardeytsy")),
    ],
    ids=["30days", "themes", "july-zaplavnoe", "year-fz59-recipients"],
)
def test_overview_matches_pandas(store: Store, appeals: pd.DataFrame, filters: Filters):
    ov = overview.compute(store, filters, AS_OF)
    df = appeals
    for attr, col in (
        ("themes", "theme_code"),
        ("settlements", "settlement_oktmo"),
        ("sources", "source_code"),
        ("recipients", "recipient_code"),
    ):
        if getattr(filters, attr):
            df = df[df[col].isin(getattr(filters, attr))]
    period = _window(df, filters.start, filters.end)
    assert ov.total == len(period)
    assert ov.received_previous == len(_window(df, filters.previous().start, filters.previous().end))
    week = ov.week
    for window, count in zip((week.window, week.previous, week.year_ago), ov.week_counts, strict=True):
        assert count == len(_window(df, window.start, window.end))
    state = oracle.states(period, AS_OF)
    for name in (
        "on_time",
        "late",
        "open_past_due",
        "not_yet_due",
        "open_no_due",
        "answered_no_due",
        "closed_no_answer",
    ):
        assert getattr(ov.counts, name) == int((state == name).sum()), name
    everything = oracle.states(df[df["received_at"] <= AS_OF], AS_OF)
    assert ov.now.open_past_due == int((everything == "open_past_due").sum())
    assert ov.now.open == int(everything.isin(["open_past_due", "not_yet_due", "open_no_due"]).sum())
    answered = period["first_answer_at"].notna() & (period["first_answer_at"] <= AS_OF)
    # the outcome as the figures count it: a flagged answer's text makes it formal whatever the source said
    outcome = oracle.judged_outcome(period)
    assert ov.counts.solved == int((answered & (outcome == "solved")).sum())
    assert ov.counts.formal == int((answered & (outcome == "formal")).sum())
    top = period["theme_code"].value_counts()
    assert list(ov.top_themes["n"]) == list(top.iloc[: len(ov.top_themes)])
    if not ov.top_settlements.empty:
        first = ov.top_settlements.iloc[0]
        assert first["n"] == int((period["settlement_oktmo"] == first["oktmo"]).sum())
        assert first["per_1000"] == pytest.approx(first["n"] * 1000 / first["population"])
    assert ov.weekly["n"].sum() == len(_window(df, ov.week.monday - timedelta(weeks=51), filters.end))


def test_hot_spots_lead_the_per_capita_ranking(store: Store):
    ov = overview.compute(store, Filters(END - timedelta(days=364), END), AS_OF)
    assert set(ov.top_settlements["name_ru"].iloc[:2]) == {"Гвардейцы", "Новоборское"}


def test_empty_store_gives_zeros_not_errors(empty_store: Store):
    ov = overview.compute(empty_store, Filters(END - timedelta(days=29), END), AS_OF)
    assert (ov.total, ov.now.open_past_due, ov.counts.on_time_share) == (0, 0, None)
    assert ov.top_themes.empty and ov.weekly.empty
    assert overview.data_span(empty_store) is None


def test_undetermined_settlements_are_counted(store: Store, appeals: pd.DataFrame):
    filters = Filters(END - timedelta(days=364), END)
    ov = overview.compute(store, filters, AS_OF)
    period = _window(appeals, filters.start, filters.end)
    assert ov.counts.no_settlement == int(period["settlement_oktmo"].isna().sum()) > 0
