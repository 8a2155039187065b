"""Every surface, run on the hand-written ledger, gives the figures a person computed by hand (expected.csv)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pandas as pd
import pytest

from mcu_data import access
from mcu_data.analytics import compliance, growth, heatmap, overview, rating
from mcu_data.core.filters import Filters
from mcu_data.store import Store
from tests.ledger import ledger

EXPECTED = ledger.Expected()
COUNT_FIGURES = (
    "received",
    "on_time",
    "late",
    "open_past_due",
    "not_yet_due",
    "open_no_due",
    "answered_no_due",
    "closed_no_answer",
    "answered",
    "with_outcome",
    "solved",
    "formal",
    "substantive",
    "repeats",
    "rated",
    "no_settlement",
    "accelerated_solved",
    "accelerated_base",
)
SHARE_FIGURES = (
    "on_time_share",
    "solved_share",
    "formal_share",
    "mean_satisfaction",
    "pos_mean_satisfaction",
    "accelerated_share",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    s = Store(tmp_path_factory.mktemp("ledger") / "ledger.duckdb")
    ledger.load(s)
    yield s
    s.close()


def approx(case: str, figure: str, key: str = "", digits: int = 4):
    value = EXPECTED.value(case, figure, key)
    return None if value is None else pytest.approx(value, abs=0.5 * 10**-digits)


def same(got, case: str, figure: str, key: str = "", digits: int = 4) -> None:
    want = EXPECTED.value(case, figure, key)
    if want is None:
        assert got is None or pd.isna(got), (case, figure, key, got)
    else:
        assert got == pytest.approx(want, abs=0.5 * 10**-digits), (case, figure, key, got, want)


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
    assert (ov.now.open_past_due, ov.now.open) == (
        EXPECTED.value(case, "overdue_now"),
        EXPECTED.value(case, "open_now"),
    )
    themes = ov.top_themes.set_index("theme_code")
    assert set(themes.index) == set(EXPECTED.keys(case, "theme_count"))
    for theme in themes.index:
        assert themes.loc[theme, "n"] == EXPECTED.value(case, "theme_count", theme)
        assert themes.loc[theme, "n_prev"] == EXPECTED.value(case, "theme_previous", theme)
    places = ov.top_settlements.set_index("oktmo")
    by_rate = sorted(
        EXPECTED.keys(case, "settlement_per_1000"), key=lambda k: -EXPECTED.value(case, "settlement_per_1000", k)
    )
    assert list(places.index) == by_rate[:5]  # the five with most appeals per 1 000 residents
    for oktmo in places.index:
        assert places.loc[oktmo, "n"] == EXPECTED.value(case, "settlement_count", oktmo)
        same(places.loc[oktmo, "per_1000"], case, "settlement_per_1000", oktmo)


@pytest.mark.parametrize("case", ("week_all", "week_housing"))
def test_week_counts(store: Store, case: str):
    c = ledger.CASES[case]
    ov = overview.compute(store, c.filters, c.as_of)
    assert ov.week.complete
    assert ov.week_counts == (
        EXPECTED.value(case, "received"),
        EXPECTED.value(case, "previous_week"),
        EXPECTED.value(case, "year_ago"),
    )


@pytest.mark.parametrize("case", ledger.FIGURE_CASES)
def test_heat_map_cells_and_their_lists(store: Store, case: str):
    c = ledger.CASES[case]
    cells = heatmap.cells(store, c.filters, "settlement", c.as_of)
    own = cells[(cells["n"] > 0) & (cells["col_key"] != heatmap.NO_KEY)]
    assert {f"{t}|{k}" for t, k in zip(own["theme_code"], own["col_key"], strict=True)} == set(
        EXPECTED.keys(case, "cell_count")
    )
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


# -- the surfaces a user reads: views, files, the wall, the command line --------------------------------------------
def _src(store: Store):
    from mcu_data.app.source import Source

    return Source(store)


def _digits(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


@pytest.mark.parametrize("case", ledger.FIGURE_CASES)
def test_overview_page_tiles(store: Store, case: str):
    from mcu_data.app.views import overview as view
    from mcu_data.core.locale import fmt_int, fmt_pct

    c = ledger.CASES[case]
    tiles = {t.label: t for t in view.build(_src(store), c.filters, c.as_of, c.as_of.date()).tiles}
    assert _digits(tiles["Обращений за период"].value) == EXPECTED.value(case, "received")
    assert tiles["Обращений за период"].delta.endswith(f": {fmt_int(EXPECTED.value(case, 'received_previous'))}")
    on_time = tiles["Ответы в срок"]
    assert on_time.value == fmt_pct(EXPECTED.value(case, "on_time_share"))
    judged = sum(EXPECTED.value(case, f) for f in ("on_time", "late", "open_past_due"))
    assert on_time.delta.startswith(
        f"из {fmt_int(judged)} с наступившим сроком; срок не наступил: {fmt_int(EXPECTED.value(case, 'not_yet_due'))}"
    )
    assert _digits(tiles["Просрочено сейчас"].value) == EXPECTED.value(case, "overdue_now")
    assert tiles["Просрочено сейчас"].delta.startswith(f"из {fmt_int(EXPECTED.value(case, 'open_now'))} ждущих")
    solved, formal = (fmt_pct(EXPECTED.value(case, f), 0) for f in ("solved_share", "formal_share"))
    assert tiles["Решено / отписки"].value == f"{solved} / {formal}"


def test_heat_map_page_opens_a_cell(store: Store):
    from mcu_data.app.views import heatmap as view

    c = ledger.CASES["week_all"]
    picked = view.Choices(theme="roads", key="36612436")
    page = view.build(_src(store), c.filters, access.SYSTEM, c.as_of, picked)
    assert page.cell.count_text.startswith(str(EXPECTED.value("week_all", "cell_count", "roads|36612436")))
    assert ";".join(sorted(page.cell.table["Номер в источнике"])) == EXPECTED.raw(
        "week_all", "cell_ids", "roads|36612436"
    )
    assert [p.title.split(":")[0] for p in page.growth] == ["Дорожная деятельность — Петровка"]


@pytest.mark.parametrize("case", ledger.FIGURE_CASES)
def test_deadlines_page(store: Store, case: str):
    from mcu_data.app.views import deadlines as view
    from mcu_data.core.locale import fmt_int, fmt_pct

    c = ledger.CASES[case]
    page = view.build(_src(store), c.filters, access.SYSTEM, c.as_of)
    tiles = {t.label: t for t in page.tiles}
    assert tiles["Ответы в срок"].value == fmt_pct(EXPECTED.value(case, "on_time_share"))
    assert _digits(tiles["Ответы с опозданием"].value) == EXPECTED.value(case, "late")
    assert _digits(tiles["Без ответа, срок прошёл"].value) == EXPECTED.value(case, "open_past_due")
    assert _digits(tiles["Срок ещё не наступил"].value) == EXPECTED.value(case, "not_yet_due")
    assert _digits(tiles["Просрочено сейчас"].value) == EXPECTED.value(case, "overdue_now")
    names = dict(store.rows("select code, name_ru from recipient")) | {"none": "Получатель не определён"}
    table = page.table.set_index("Получатель")
    for code in EXPECTED.keys(case, "recipient_received"):
        row = table.loc[names[code]]
        assert row["Обращений"] == EXPECTED.value(case, "recipient_received", code)
        same(row["В срок"], case, "recipient_on_time_share", code)
        assert row["С опозданием"] == EXPECTED.value(case, "recipient_late", code)
        assert row["Без ответа, срок прошёл"] == EXPECTED.value(case, "recipient_open_past_due", code)
    assert fmt_int(EXPECTED.value(case, "overdue_now")) in page.listing.title or len(
        page.listing.table
    ) == EXPECTED.value(case, "overdue_now")


@pytest.mark.parametrize("case", (*ledger.FIGURE_CASES, "month_all"))
def test_rating_page(store: Store, case: str):
    from mcu_data.app.views import rating as view

    c = ledger.CASES[case]
    page = view.build(_src(store), c.filters, access.SYSTEM, c.as_of)
    if isinstance(page, view.Empty):
        assert all(EXPECTED.value(case, "rating_rank", r) is None for r in EXPECTED.keys(case, "rating_rank"))
        return
    names = dict(store.rows("select code, name_ru from recipient"))
    ranked = {
        r: EXPECTED.value(case, "rating_rank", r)
        for r in EXPECTED.keys(case, "rating_rank")
        if EXPECTED.value(case, "rating_rank", r) is not None
    }
    assert list(page.table["Получатель"]) == [names[r] for r in sorted(ranked, key=ranked.get)]
    for r in ranked:
        row = page.table.set_index("Получатель").loc[names[r]]
        assert row["Балл"] == pytest.approx(EXPECTED.value(case, "rating_score", r), abs=0.005)
    few = {
        names[r]
        for r in EXPECTED.keys(case, "rating_score")
        if EXPECTED.value(case, "rating_score", r) == "мало обращений"
    }
    assert set(page.unranked.loc[page.unranked["Почему без места"] == "мало обращений для оценки", "Получатель"]) == few


def _note(store: Store):
    from mcu_data.core import periods
    from mcu_data.reports import weekly_note

    return weekly_note.build(store, periods.full_week(ledger.CASES["week_all"].filters.start), date(2026, 12, 1))


def test_weekly_note_csv_parsed_back(store: Store):
    import csv
    import io

    from mcu_data.reports import documents

    text = documents.to_csv(_note(store)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    values = {r[0]: r[1] for r in rows if len(r) == 2}
    case = "week_all"
    assert _digits(values["Обращений за неделю"]) == EXPECTED.value(case, "received")
    assert _digits(values["За предыдущую неделю"]) == EXPECTED.value(case, "previous_week")
    assert _digits(values["За ту же неделю год назад"]) == EXPECTED.value(case, "year_ago")
    judged = sum(EXPECTED.value(case, f) for f in ("on_time", "late", "open_past_due"))
    # numbers as numbers: a decimal comma, no sign text, no per cent sign, nothing the formula guard touches
    assert values["Ответы в срок, %"] == f"{EXPECTED.value(case, 'on_time_share') * 100:.1f}".replace(".", ",")
    assert values["Срок наступил"] == str(judged)
    assert values["Изменение к предыдущей неделе, %"] == f"{EXPECTED.value(case, 'change') * 100:g}"
    assert not any(v.startswith("'") for r in rows for v in r)
    assert _digits(values["Ответов с опозданием"]) == EXPECTED.value(case, "late")
    assert _digits(values["Без ответа, срок прошёл"]) == EXPECTED.value(case, "open_past_due")
    assert _digits(values["Срок ещё не наступил"]) == EXPECTED.value(case, "not_yet_due")
    overdue_key = next(k for k in values if k.startswith("Просрочено на"))
    assert _digits(values[overdue_key]) == EXPECTED.value(case, "overdue_now")
    points = [r for r in rows if len(r) == 5 and r[0] == "Дорожная деятельность"]
    assert points and _digits(points[0][2]) == EXPECTED.value(case, "growth_point", "roads|36612436")


def test_weekly_note_docx_parsed_back(store: Store):
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from mcu_data.core.locale import fmt_float
    from mcu_data.reports import documents

    note = _note(store)
    doc = Document(io.BytesIO(documents.to_docx(note)))
    texts = [p.text for p in doc.paragraphs]
    i = texts.index("Аналитическая записка")
    assert texts[i + 1] == "о работе с обращениями граждан за неделю 02.11–08.11.2026"
    start = texts.index("Краткое содержание") + 1
    assert texts[start : start + len(note.summary)] == [s.text for s in note.summary]
    cells = {row.cells[0].text: row.cells[1] for table in doc.tables for row in table.rows[1:] if len(row.cells) == 2}
    for name, figure in (("Обращений за неделю", "received"), ("Без ответа, срок прошёл", "open_past_due")):
        assert _digits(cells[name].text) == EXPECTED.value("week_all", figure)
        assert cells[name].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # the note ranks recipients over the four weeks to its Sunday: the ledger's month case
    rating_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Место")
    names = dict(store.rows("select code, name_ru from recipient"))
    got = {row.cells[1].text: row.cells[2] for row in rating_table.rows[1:]}
    for r in EXPECTED.keys("month_all", "rating_rank"):
        if EXPECTED.value("month_all", "rating_rank", r) is not None:
            assert got[names[r]].text == fmt_float(EXPECTED.value("month_all", "rating_score", r), 1)
            assert got[names[r]].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_cur_report_xlsx(store: Store):
    import io

    from openpyxl import load_workbook

    from mcu_data.app.views import cur_report

    page = cur_report.build(_src(store), access.SYSTEM, date(2026, 12, 1), "2026-Q3")
    book = load_workbook(io.BytesIO(next(d for d in page.downloads if d.file_name.endswith(".xlsx")).build()))
    values = {row[0]: row[1] for row in book.active.iter_rows(min_row=2, values_only=True)}
    case = "quarter_all"
    assert _digits(values["Количество обращений и сообщений"]) == EXPECTED.value(case, "received")
    for name, figure in (
        ("Доля ответов в установленный срок", "on_time_share"),
        ("Доля формальных ответов («отписок»)", "formal_share"),
        ("Доля обращений с решённой проблемой", "solved_share"),
        ("Доля социально значимых обращений, решённых за 30 дней", "accelerated_share"),
    ):
        assert values[name] == f"{EXPECTED.value(case, figure) * 100:.1f}".replace(".", ",") + "\u00a0%", name
    assert values["Средняя оценка ответов в ПОС"] == f"{EXPECTED.value(case, 'pos_mean_satisfaction'):.2f}".replace(
        ".", ","
    )


def test_wall_slides(store: Store):
    from mcu_data.app.views import wall
    from mcu_data.core.locale import fmt_int, fmt_pct

    now, today = datetime(2026, 12, 1, 10, 0), date(2026, 12, 1)
    week = ledger.CASES["week_all"].filters
    # the overview slide takes the last complete week of the shared period: the 30 days to Sunday 08.11 end with
    # the ledger's week
    slide = wall.overview_slide(_src(store), Filters(date(2026, 10, 10), date(2026, 11, 8)), now, today)
    assert "02.11–08.11.2026" in slide.subtitle
    assert _digits(slide.tiles[0].value) == EXPECTED.value("week_all", "received")
    assert slide.tiles[0].note.endswith(f": {fmt_int(EXPECTED.value('week_all', 'previous_week'))}")
    assert slide.tiles[2].value == fmt_pct(EXPECTED.value("week_all", "on_time_share"), 0)
    assert _digits(slide.tiles[3].value) == EXPECTED.value("week_all", "overdue_now")
    deadlines = wall.deadlines_slide(_src(store), week, now)
    assert deadlines.tiles[0].value == fmt_pct(EXPECTED.value("week_all", "on_time_share"), 0)
    assert _digits(deadlines.tiles[2].value) == EXPECTED.value("week_all", "open_past_due")


@pytest.mark.parametrize(
    ("case", "args"),
    [
        ("week_all", ["--from", "02.11.2026", "--to", "08.11.2026"]),
        ("quarter_housing", ["--from", "01.07.2026", "--to", "30.09.2026", "--theme", "housing"]),
    ],
)
def test_figures_from_the_command_line(store: Store, case: str, args: list[str]):
    import json
    import subprocess
    import sys

    store_path = store.path
    store.close()  # DuckDB lets one process hold the file: the command line opens it itself
    try:
        out = subprocess.run(
            [sys.executable, "-m", "mcu_data", "--db", store_path, "figures", *args, "--json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ledger.HERE.parents[1],
        ).stdout
    finally:
        store.__init__(store_path)
    data = json.loads(out)["overview"]
    assert data["received"] == EXPECTED.value(case, "received")
    for state in (
        "on_time",
        "late",
        "open_past_due",
        "not_yet_due",
        "open_no_due",
        "answered_no_due",
        "closed_no_answer",
    ):
        assert data["states"][state] == EXPECTED.value(case, state), state
    share = data["on_time_share"]
    assert (share["part"], share["base"]) == (
        EXPECTED.value(case, "on_time"),
        EXPECTED.value(case, "on_time") + EXPECTED.value(case, "late") + EXPECTED.value(case, "open_past_due"),
    )
    assert share["value"] == approx(case, "on_time_share")
    assert data["overdue_now"] == EXPECTED.value(case, "overdue_now")
    recipients = {r["code"]: r for r in json.loads(out)["recipients"]}
    for code in EXPECTED.keys(case, "recipient_received"):
        assert recipients[code]["received"] == EXPECTED.value(case, "recipient_received", code)
        assert recipients[code]["on_time_share"]["value"] == approx(case, "recipient_on_time_share", code)


# The ledger's week 02.11–08.11.2026, its summary written out by hand from WORKING.md (sections 2 and 6): 12 appeals
# against 5 and 2; one growth point, roads in Петровка, 5 against none in 8 weeks, 4 of them «Ямы и ремонт дорог»;
# 7 judged, 5 on time, 1 late, 1 open past due, 5 overdue at TW; over M (12.10–08.11) Петровка, ranked with 5 appeals,
# is on time in 2 of 3 and formal in 1 of 3 answers with an outcome, with no appeals in the 4 weeks before M;
# the themes 5 (1), 3 (2), then four themes of 1 of which «Здравоохранение» comes first by name (1 the week before);
# Петровка 6 × 1000 ÷ 1821 = 3,29 per 1 000. The order follows the weights set out in summary.py.
LEDGER_SUMMARY = [
    "За неделю 02.11–08.11.2026 поступило 12 обращений по всем каналам: на 140\u00a0% больше, чем неделей раньше (5), "
    "и на 500\u00a0% больше, чем за ту же неделю год назад (2).",
    "Точек роста за неделю: 1. Главная — «Дорожная деятельность» в Петровке: 5 обращений за неделю, а за 8 "
    "предыдущих недель — ни одного; больше всего выросла подтема «Ямы и ремонт дорог» (4).",
    "Из 7 обращений недели, срок ответа которых наступил к 08.11.2026 23:59, в срок отвечено 71,4\u00a0% (5 из 7), "
    "с опозданием — 1, без ответа после срока — 1; всего на 08.11.2026 23:59 просрочено 5 обращений, поступивших "
    "за всё время.",
    "Больше всего формальных ответов («отписок») у «Администрация сп Петровка»: 33,3\u00a0% (1 из 3 ответов с "
    "указанным результатом) за 4 недели 12.10–08.11.2026.",
    "Реже всех отвечает в срок «Администрация сп Петровка»: 66,7\u00a0% (2 из 3) за 4 недели 12.10–08.11.2026; за 4 "
    "недели до того обращений с наступившим сроком не было.",
    "Главные темы недели: «Дорожная деятельность» — 5 (неделей раньше 1), «Жилищно-коммунальное хозяйство» — 3 "
    "(неделей раньше 2) и «Здравоохранение» — 1 (неделей раньше 1).",
    "Больше всего обращений на 1\u00a0000 жителей — в Петровке: 3,3 (6 обращений за неделю).",
    "МЦУ вносит 1 предложение по управленческим решениям — оно приведено в разделе «Предложения».",
]
LEDGER_PROPOSALS = [
    (
        "Поставить на контроль точку роста «Дорожная деятельность» в Петровке; ответственный — начальник отдела по "
        "ЖКХ и дорожному хозяйству.",
        "5 обращений за неделю, а за 8 предыдущих недель — ни одного.",
    )
]


def test_weekly_note_summary_written_out_by_hand(store: Store):
    note = _note(store)
    assert [s.text for s in note.summary] == LEDGER_SUMMARY
    assert [(p.text, p.reason) for p in note.proposals] == LEDGER_PROPOSALS


def test_weekly_note_sentences_state_the_pages_figures(store: Store):
    """Every figure a sentence keeps is the figure the pages' own functions give for the same week."""
    from tests.note_pages import page_figures, stated

    note = _note(store)
    said, page = stated(note), page_figures(store, note)
    assert len(said) >= 15
    assert {k: page[k] for k in said} == said
    # and the hand-computed ledger agrees with both
    assert said["total"] == EXPECTED.value("week_all", "received")
    assert said["overdue_now"] == EXPECTED.value("week_all", "overdue_now")
    assert said["growth:roads|36612436"] == EXPECTED.value("week_all", "growth_point", "roads|36612436")
    assert said["per_1000:36612436"] == round(EXPECTED.value("week_all", "settlement_per_1000", "36612436"), 1)
