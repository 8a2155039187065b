"""Every surface, run on the hand-written ledger, gives the figures a person computed by hand (expected.csv)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from mcu_data.analytics import compliance, growth, heatmap, overview, rating
from mcu_data.store import Store
from tests.ledger import ledger

EXPECTED = ledger.Expected()
COUNT_FIGURES = ("received", "on_time", "late", "open_past_due", "not_yet_due", "open_no_due", "answered_no_due",
                 "closed_no_answer", "answered", "with_outcome", "solved", "formal", "substantive", "repeats", "rated",
                 "no_settlement", "accelerated_solved", "accelerated_base")
SHARE_FIGURES = ("on_time_share", "solved_share", "formal_share", "mean_satisfaction", "pos_mean_satisfaction",
                 "accelerated_share")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    s = Store(tmp_path_factory.mktemp("ledger") / "ledger.duckdb")
    ledger.load(s)
    yield s
    s.close()


def approx(case: str, figure: str, key: str = "", digits: int = 4):
    value = EXPECTED.value(case, figure, key)
    return None if value is None else pytest.approx(value, abs=0.5 * 10 ** -digits)


def same(got, case: str, figure: str, key: str = "", digits: int = 4) -> None:
    want = EXPECTED.value(case, figure, key)
    if want is None:
        assert got is None or pd.isna(got), (case, figure, key, got)
    else:
        assert got == pytest.approx(want, abs=0.5 * 10 ** -digits), (case, figure, key, got, want)


@pytest.mark.parametrize("case", ledger.FIGURE_CASES)
def test_overview_counts_and_shares(store: Store, case: str):
    c = ledger.CASES[case]
    ov = overview.compute(store, c.filters, c.as_of, top_n=50)
    for figure in COUNT_FIGURES:
        assert getattr(ov.counts, figure) == EXPECTED.value(case, figure), figure
    for figure in SHARE_FIGURES:
        same(getattr(ov.counts, figure), case, figure)
    assert ov.received_previous == EXPECTED.value(case, "received_previous")
    same(ov.change, case, "change")
    assert (ov.now.open_past_due, ov.now.open) == (EXPECTED.value(case, "overdue_now"), EXPECTED.value(case, "open_now"))
    themes = ov.top_themes.set_index("theme_code")
    assert set(themes.index) == set(EXPECTED.keys(case, "theme_count"))
    for theme in themes.index:
        assert themes.loc[theme, "n"] == EXPECTED.value(case, "theme_count", theme)
        assert themes.loc[theme, "n_prev"] == EXPECTED.value(case, "theme_previous", theme)
    places = ov.top_settlements.set_index("oktmo")
    by_rate = sorted(EXPECTED.keys(case, "settlement_per_1000"),
                     key=lambda k: -EXPECTED.value(case, "settlement_per_1000", k))
    assert list(places.index) == by_rate[:5]  # the five with most appeals per 1 000 residents
    for oktmo in places.index:
        assert places.loc[oktmo, "n"] == EXPECTED.value(case, "settlement_count", oktmo)
        same(places.loc[oktmo, "per_1000"], case, "settlement_per_1000", oktmo)


@pytest.mark.parametrize("case", ("week_all", "week_housing"))
def test_week_counts(store: Store, case: str):
    c = ledger.CASES[case]
    ov = overview.compute(store, c.filters, c.as_of)
    assert ov.week.complete
    assert ov.week_counts == (EXPECTED.value(case, "received"), EXPECTED.value(case, "previous_week"),
                              EXPECTED.value(case, "year_ago"))


@pytest.mark.parametrize("case", ledger.FIGURE_CASES)
def test_heat_map_cells_and_their_lists(store: Store, case: str):
    c = ledger.CASES[case]
    cells = heatmap.cells(store, c.filters, "settlement", c.as_of)
    own = cells[(cells["n"] > 0) & (cells["col_key"] != heatmap.NO_KEY)]
    assert {f"{t}|{k}" for t, k in zip(own["theme_code"], own["col_key"], strict=True)} == set(
        EXPECTED.keys(case, "cell_count"))
    for key in EXPECTED.keys(case, "cell_count"):
        theme, oktmo = key.split("|")
        cell = own[(own["theme_code"] == theme) & (own["col_key"] == oktmo)].iloc[0]
        assert cell["n"] == EXPECTED.value(case, "cell_count", key)
        listed = heatmap.cell_appeals(store, c.filters, "settlement", theme, oktmo, c.as_of)
        assert ";".join(sorted(listed["source_id"])) == EXPECTED.raw(case, "cell_ids", key)


@pytest.mark.parametrize("case", ledger.FIGURE_CASES)
def test_deadlines_per_recipient(store: Store, case: str):
    c = ledger.CASES[case]
    table = compliance.per_recipient(store, c.filters, c.as_of).set_index("recipient_code")
    expected = EXPECTED.keys(case, "recipient_received")
    assert set(table.index[table["received"] > 0]) == set(expected)
    for r in expected:
        row = table.loc[r]
        for figure in ("received", "on_time", "late", "open_past_due", "not_yet_due", "formal", "with_outcome"):
            assert row[figure] == EXPECTED.value(case, f"recipient_{figure}", r), (r, figure)
        same(row["on_time_share"], case, "recipient_on_time_share", r)
        same(row["median_days"], case, "recipient_median_days", r)
        same(row["p90_days"], case, "recipient_p90_days", r)
    # the district's totals are the sum of its recipients
    assert compliance.totals(table.reset_index()).on_time_share == approx(case, "on_time_share")


@pytest.mark.parametrize("case", (*ledger.FIGURE_CASES, "month_all"))
def test_rating(store: Store, case: str):
    c = ledger.CASES[case]
    current = compliance.per_recipient(store, c.filters, c.as_of)
    previous = compliance.per_recipient(store, c.filters.previous(), c.as_of)
    table = rating.rate(current, previous, rating.weights(store)).set_index("recipient_code")
    expected = EXPECTED.keys(case, "rating_score")
    assert set(table.index) == set(expected)
    for r in expected:
        row = table.loc[r]
        want = EXPECTED.value(case, "rating_score", r)
        if want == "мало обращений":
            assert row["unranked"] == "few_appeals" and pd.isna(row["rank"])
        else:
            assert row["score"] == pytest.approx(want, abs=0.005), r
            assert int(row["rank"]) == EXPECTED.value(case, "rating_rank", r)
        for comp in ("timeliness", "completeness", "satisfaction", "repeats"):
            same(row[f"value_{comp}"], case, f"rating_{comp}", r)


@pytest.mark.parametrize("case", ("week_all", "week_housing"))
def test_growth_points(store: Store, case: str):
    c = ledger.CASES[case]
    points = growth.detect(growth.weekly_counts(store, replace(c.filters), c.filters.end))
    assert len(points) == EXPECTED.value(case, "growth_points")
    for p in points.itertuples():
        assert p.observed == EXPECTED.value(case, "growth_point", f"{p.theme_code}|{p.settlement_oktmo}")


@pytest.mark.parametrize("case", ledger.FIGURE_CASES)
def test_accelerated_resolution_per_theme_adds_up(store: Store, case: str):
    c = ledger.CASES[case]
    per_theme = compliance.accelerated(store, c.filters, "theme", c.as_of)
    assert per_theme["accelerated_solved"].sum() == EXPECTED.value(case, "accelerated_solved")
    assert per_theme["accelerated_base"].sum() == EXPECTED.value(case, "accelerated_base")
