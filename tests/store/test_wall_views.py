"""Slides of the wall screen show the pages' numbers: each is checked against a query of its own."""

from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd
import pytest

from mcu_data.app.source import Source
from mcu_data.app.views import wall
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_float, fmt_int, fmt_pct
from mcu_data.roadmaps import measures
from tests import oracle

END = date(2026, 11, 22)
FILTERS = Filters(date(2026, 10, 24), END)
NOW = datetime(2026, 12, 1, 10, 0)
TODAY = date(2026, 12, 1)
AS_OF = datetime.combine(END, time(23, 59, 59))


def _digits(text: str) -> int:
    return int("".join(ch for ch in text.split("из")[0] if ch.isdigit()))


def test_overview_slide_covers_the_last_complete_week(store):
    slide = wall.overview_slide(Source(store), FILTERS, NOW, TODAY)
    # the sample ends on Thursday 26.11.2026: the last complete week is 16.11–22.11, whatever the filters' period
    assert "16.11–22.11.2026" in slide.subtitle and "неполная" not in slide.subtitle
    counted = store.scalar(
        "select count(*) from appeal where received_at >= ? and received_at < ?",
        [date(2026, 11, 16), date(2026, 11, 23)],
    )
    before = store.scalar(
        "select count(*) from appeal where received_at >= ? and received_at < ?",
        [date(2026, 11, 9), date(2026, 11, 16)],
    )
    assert _digits(slide.tiles[0].value) == counted
    assert f": {fmt_int(before)}" in slide.tiles[0].note and "к прошлой" in slide.tiles[0].note
    everything = store.query("select * from appeal where received_at <= ?", [AS_OF])
    overdue = int((oracle.states(everything, AS_OF) == "open_past_due").sum())
    assert slide.tiles[3].value == fmt_int(overdue)
    # the chart ends with the complete week, so no bar is half a week
    last_bar = max(max(trace.x) for trace in slide.figure.data)
    assert pd.Timestamp(last_bar).date() == date(2026, 11, 16)


def test_map_slide_ranks_settlements_by_rate_per_thousand(store):
    slide = wall.map_slide(Source(store), FILTERS, NOW)
    independent = store.query(
        "select s.name_ru, count(*) * 1000.0 / s.population_2021 as rate from appeal a "
        "join settlement s on s.oktmo = a.settlement_oktmo where a.received_at >= ? and a.received_at < ? "
        "group by s.name_ru, s.population_2021 order by rate desc limit 1",
        [FILTERS.start, END + pd.Timedelta(days=1)],
    ).iloc[0]
    assert slide.table_rows[0][0] == independent["name_ru"]
    assert slide.table_rows[0][1] == fmt_float(independent["rate"], 1)
    assert "Схема" in slide.note and "на 1 000 жителей" in slide.note
    texts = next(trace.text for trace in slide.figure.data if trace.mode == "text")
    assert len(texts) == 13


def test_map_slide_greys_settlements_left_out_by_the_filters(store):
    petrovka = "36612436"
    slide = wall.map_slide(Source(store), Filters(FILTERS.start, END, settlements=(petrovka,)), NOW)
    fills = [trace.fillcolor for trace in slide.figure.data if trace.fill == "toself"]
    assert sum(1 for f in fills if f == "#a6a6a6") == 12
    assert [row[0] for row in slide.table_rows] == ["Петровка"]


def test_matrix_slide_shows_rates_per_thousand_for_the_busiest_themes(store):
    slide = wall.matrix_slide(Source(store), FILTERS, NOW, max_themes=5)
    heat = slide.figure.data[1]
    themes = dict(store.rows("select code, name_ru from theme"))
    busiest = store.query(
        "select theme_code, count(*) as n from appeal where received_at >= ? and received_at < ? "
        "group by all order by n desc limit 1",
        [FILTERS.start, END + pd.Timedelta(days=1)],
    ).iloc[0]
    assert heat.y[0] == themes[busiest["theme_code"]] and len(heat.y) == 5
    # one cell against its own rate: busiest theme in Борское
    n = store.scalar(
        "select count(*) from appeal where theme_code = ? and settlement_oktmo = '36612408' and "
        "received_at >= ? and received_at < ?",
        [busiest["theme_code"], FILTERS.start, END + pd.Timedelta(days=1)],
    )
    column = list(heat.x).index("Борское")
    assert heat.z[0][column] == pytest.approx(n * 1000 / 8976)
    assert "на 1 000 жителей" in slide.note.lower() and "Ещё" in slide.note


def test_deadlines_slide_uses_the_on_time_share_with_its_base(store):
    slide = wall.deadlines_slide(Source(store), FILTERS, NOW)
    period = store.query(
        "select * from appeal where received_at >= ? and received_at < ?", [FILTERS.start, END + pd.Timedelta(days=1)]
    )
    state = oracle.states(period, AS_OF)
    on_time = state == "on_time"
    judged = int(state.isin(["on_time", "late", "open_past_due"]).sum())
    assert slide.tiles[0].value == fmt_pct(on_time.sum() / judged, 0)
    assert f"из {fmt_int(judged)}" in slide.tiles[0].note


def test_rating_slide_orders_as_the_rating(store):
    src = Source(store)
    table = src.rating(FILTERS, AS_OF)
    placed = table[table["unranked"] == ""]
    names = dict(store.rows("select code, name_ru from recipient"))
    slide = wall.rating_slide(src, FILTERS, NOW)
    assert slide.tiles[0].value == names[placed.iloc[0]["recipient_code"]]
    # the lowest that fit (never more than eight), in the rating's order; the rest are counted in the note
    shown = len(slide.figure.data[0].y)
    assert 3 <= shown <= 8 and len(placed) > shown
    assert list(slide.figure.data[0].y)[::-1] == [wall.short(names[c], 26) for c in placed["recipient_code"]][-shown:]
    assert f"ещё {len(placed) - shown} — выше" in slide.note
    assert all(0 <= v <= 100 for v in slide.figure.data[0].x)


def test_roadmaps_slide_counts_states_and_the_done_ones_agree(store):
    frame = measures.all_measures(store, TODAY)
    slide = wall.roadmaps_slide(Source(store), TODAY)
    assert _digits(slide.tiles[1].value) == int((frame["state"] == "overdue").sum())
    done = int((frame["state"] == "done").sum())
    assert _digits(slide.tiles[3].value) == done and 1 <= len(slide.second_rows) <= min(done, 8)
    hidden = done - len(slide.second_rows)
    assert slide.second_more.startswith(f"и ещё {hidden} ") if hidden else slide.second_more == ""
    assert all(row[4] in ("просрочено", "запланировано", "выполняется") for row in slide.table_rows)


def test_empty_period_says_what_to_do(empty_store):
    src = Source(empty_store)
    assert "Загрузите" in wall.overview_slide(src, FILTERS, NOW, TODAY).empty
    assert "Загрузите" in wall.map_slide(src, FILTERS, NOW).empty
    assert wall.roadmaps_slide(src, TODAY).empty


@pytest.mark.parametrize(("height", "text"), [(1080, 45), (2160, 89)])
def test_chart_type_grows_with_the_screen(store, height, text):
    from mcu_data.app.wall_sizes import wall_sizes

    fig = wall.deadlines_slide(Source(store), FILTERS, NOW, wall_sizes(height)).figure
    assert fig.layout.font.size == text and fig.layout.yaxis.tickfont.size == text
    assert fig.layout.height > height / 3
