"""Slides of the presentation mode show the pages' numbers: each is checked against a query of its own."""

from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd
import pytest

from geo.maps import schematic_layer
from mcu_data.analytics import compliance, heatmap, overview, rating
from mcu_data.app import wall_slides
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_float, fmt_int, fmt_pct
from mcu_data.roadmaps import measures

END = date(2026, 11, 22)
FILTERS = Filters(date(2026, 10, 24), END)
AS_OF = datetime.combine(END, time(23, 59, 59))


def _digits(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def test_overview_slide_tiles_are_the_overview_figures(store):
    ov = overview.compute(store, FILTERS, AS_OF)
    slide = wall_slides.overview_slide(ov, "период")
    week = slide.tiles[0]
    # the week's count from a query of this test, not from the overview
    counted = store.scalar("select count(*) from appeal where received_at >= ? and received_at < ? + interval 1 day",
                           [ov.weeks[0].start, ov.weeks[0].end])
    assert _digits(week.value) == counted
    assert slide.tiles[3].value == fmt_int(ov.overdue_now)
    assert [row[0] for row in slide.table_rows] == list(ov.top_themes["name_ru"])
    # the chart covers half a year by channel and sums to the same appeals
    bars = sum(sum(trace.y) for trace in slide.figure.data)
    assert bars == ov.weekly[ov.weekly["week"] >= slide.figure.data[0].x.min()]["n"].sum()


def test_map_slide_ranks_settlements_by_rate_per_thousand(store):
    cells = heatmap.cells(store, FILTERS, "settlement", AS_OF)
    settlements = store.query("select oktmo, name_ru, population_2021 from settlement")
    population = settlements.set_index("oktmo")["population_2021"]
    names = dict(zip(settlements["oktmo"], settlements["name_ru"], strict=True))
    summary = heatmap.settlement_summary(cells, None, population)
    slide = wall_slides.map_slide(summary, population, schematic_layer(settlements), True, names, "период")
    independent = store.query(
        "select s.name_ru, count(*) * 1000.0 / s.population_2021 as rate from appeal a "
        "join settlement s on s.oktmo = a.settlement_oktmo where a.received_at >= ? and a.received_at < ? "
        "group by s.name_ru, s.population_2021 order by rate desc limit 1",
        [FILTERS.start, END + pd.Timedelta(days=1)],
    ).iloc[0]
    assert slide.table_rows[0][0] == independent["name_ru"]
    assert slide.table_rows[0][1] == fmt_float(independent["rate"], 1)
    assert "Схема" in slide.note  # a schematic layer says that it is one
    texts = next(trace.text for trace in slide.figure.data if trace.mode == "text")
    assert len(texts) == len(settlements)


def test_matrix_slide_holds_the_busiest_themes(store):
    cells = heatmap.cells(store, FILTERS, "settlement", AS_OF)
    themes = dict(store.rows("select code, name_ru from theme"))
    settlements = dict(store.rows("select oktmo, name_ru from settlement"))
    slide = wall_slides.matrix_slide(cells, themes, settlements, "период", max_themes=5)
    heat = slide.figure.data[0]
    busiest = store.query(
        "select theme_code, count(*) as n from appeal where received_at >= ? and received_at < ? "
        "group by all order by n desc limit 1", [FILTERS.start, END + pd.Timedelta(days=1)]).iloc[0]
    assert heat.y[0] == themes[busiest["theme_code"]]
    assert len(heat.y) == 5
    assert sum(sum(row) for row in heat.z) <= busiest["n"] * 5
    assert "Ещё" in slide.note


def test_deadlines_slide_totals_equal_the_compliance_table(store):
    table = compliance.per_recipient(store, FILTERS, AS_OF)
    names = dict(store.rows("select code, name_ru from recipient"))
    slide = wall_slides.deadlines_slide(table, names, "период")
    assert slide.tiles[0].value == fmt_pct(table["on_time"].sum() / table["answered_with_due"].sum(), 0)
    assert _digits(slide.tiles[2].value) == table["overdue_now"].sum()
    worst = table.assign(s=table["on_time"] / table["answered_with_due"]).dropna(subset=["s"]).nsmallest(1, "s")
    assert slide.figure.data[0].y[-1] == names[worst["recipient_code"].iloc[0]]


def test_rating_slide_orders_as_the_rating(store):
    table = rating.rate(compliance.per_recipient(store, FILTERS, AS_OF),
                        compliance.per_recipient(store, FILTERS.previous(), AS_OF), compliance.rating_weights(store))
    names = dict(store.rows("select code, name_ru from recipient"))
    slide = wall_slides.rating_slide(table, names, "период")
    assert slide.tiles[0].value == names[table.iloc[0]["recipient_code"]]
    assert list(slide.figure.data[0].y)[::-1] == [names[c] for c in table["recipient_code"]]


def test_roadmaps_slide_counts_states(store):
    today = date(2026, 11, 26)
    frame = measures.all_measures(store, today)
    slide = wall_slides.roadmaps_slide(frame, today)
    assert _digits(slide.tiles[1].value) == int((frame["state"] == "overdue").sum())
    assert all(row[4] in ("просрочено", "запланировано", "выполняется") for row in slide.table_rows)


def test_empty_period_says_what_to_do(store):
    quiet = Filters(date(2030, 1, 1), date(2030, 1, 31))
    ov = overview.compute(store, quiet, datetime(2030, 1, 31, 23, 59))
    assert "Загрузите" in wall_slides.overview_slide(ov, "период").empty
    assert wall_slides.roadmaps_slide(measures.all_measures(store, date.today()).iloc[0:0], date.today()).empty


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_chart_type_grows_with_the_screen(store, scale):
    table = compliance.per_recipient(store, FILTERS, AS_OF)
    names = dict(store.rows("select code, name_ru from recipient"))
    fig = wall_slides.deadlines_slide(table, names, "период", scale=scale).figure
    assert fig.layout.font.size == round(wall_slides.FONT * scale)
    assert fig.layout.height == round(wall_slides.CHART_HEIGHT * scale)
