"""The weekly note: its numbers are the pages' numbers, in the DOCX as on screen, and the CSV is safe for Excel."""

import io
from datetime import date, datetime, time

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from mcu_data.analytics import overview
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.reports import documents, weekly_note
from mcu_data.roadmaps import measures
from mcu_data.store import Store

TODAY = date(2026, 11, 26)
WEEK = periods.last_complete_week(TODAY)


@pytest.fixture
def note_and_store(sample_store: Store):
    measures.create(
        sample_store,
        measures.Measure(
            title='=HYPERLINK("http://example")',
            theme_codes=["roads"],
            settlement_oktmos=[],
            official="тест",
            start_date=WEEK.monday,
            deadline=WEEK.sunday,
        ),
        by="тест",
    )
    return weekly_note.build(sample_store, WEEK, TODAY), sample_store


def _number(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def test_note_figures_match_the_overview(note_and_store):
    note, store = note_and_store
    ov = overview.compute(store, Filters(WEEK.monday, WEEK.sunday), datetime.combine(WEEK.sunday, time(23, 59, 59)))
    assert (WEEK.monday.weekday(), WEEK.days) == (0, 7)
    assert note.figures["total"] == ov.total
    assert note.figures["on_time"] == ov.counts.on_time and note.figures["late"] == ov.counts.late
    assert note.figures["open_past_due"] == ov.counts.open_past_due
    assert note.figures["overdue_now"] == ov.now.open_past_due
    totals = note.sections[0].table.set_index("Показатель")["Значение"]
    assert _number(totals["Обращений за неделю"]) == ov.total
    channels = note.sections[1].table
    assert sum(_number(v) for v in channels["Обращений"]) == ov.total


def test_docx_numbers_parse_back(note_and_store):
    note, store = note_and_store
    doc = Document(io.BytesIO(documents.to_docx(note)))
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    assert doc.core_properties.title == weekly_note.title(note)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Главе муниципального района Борский"
    i = texts.index("Аналитическая записка")
    assert texts[i + 1] == "о работе с обращениями граждан за неделю 16.11–22.11.2026"
    first = doc.tables[0]
    values = {row.cells[0].text: row.cells[1].text for row in first.rows[1:]}
    assert _number(values["Обращений за неделю"]) == note.figures["total"]
    assert _number(values["За предыдущую неделю"]) == note.figures["previous_week"]
    themes = doc.tables[2]
    assert [c.text for c in themes.rows[0].cells][:3] == ["Тема", "Обращений", "Неделей раньше"]
    top = overview.compute(
        store, Filters(WEEK.monday, WEEK.sunday), datetime.combine(WEEK.sunday, time(23, 59, 59)), top_n=5
    ).top_themes
    assert [_number(r.cells[1].text) for r in themes.rows[1:]] == list(top["n"])
    assert [_number(r.cells[2].text) for r in themes.rows[1:]] == list(top["n_prev"])
    assert all(r.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for r in themes.rows[1:])
    assert len(doc.inline_shapes) == 2  # the themes and the settlements per 1 000, drawn offline
    words = texts + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert not any("[ФИО]" in w for w in words)


def test_csv_has_bom_semicolons_and_neutralized_cells(note_and_store):
    note, _ = note_and_store
    data = documents.to_csv(note)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == weekly_note.title(note)
    assert "Показатель;Значение" in lines
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text


def test_growth_point_of_the_last_week_is_in_the_note(note_and_store):
    note, _ = note_and_store
    points = next(s for s in note.sections if s.title == "Точки роста").table
    assert ("Обращение с ТКО", "Новоборское") in set(zip(points["Тема"], points["Поселение"], strict=True))
    assert points["Причины роста"].str.contains("Вывоз мусора").any()


def test_command_line_writes_the_note_with_the_curators_text(sample_store: Store, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from mcu_data import access
    from mcu_data.reports import note_edits

    week = periods.full_week(date(2026, 11, 16))
    today = date.today()
    with access.acting(access.User("cur", "Куратор (тест)", "curator")):
        note = weekly_note.build(sample_store, week, today)
        lines = [s.text for s in note.summary]
        note_edits.save(sample_store, note, "\n".join(["Своими словами: неделя спокойная.", *lines[1:]]), "", "МЦУ-47")
        expected = documents.to_csv(note, note_edits.text(sample_store, note))
    path = sample_store.path
    sample_store.close()  # the command line opens the file itself
    out = tmp_path / "note.csv"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mcu_data",
            "--db",
            str(path),
            "note",
            "--week",
            "18.11.2026",
            "--format",
            "csv",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    sample_store.__init__(path)
    written = out.read_bytes()
    assert "Своими словами: неделя спокойная." in written.decode("utf-8-sig").splitlines()
    assert written == expected  # the same note as the page's download, byte for byte


def test_saved_text_says_which_sentences_the_data_changed(sample_store: Store):
    from mcu_data import access
    from mcu_data.reports import note_edits

    week = periods.full_week(date(2026, 11, 16))
    with access.acting(access.User("cur", "Куратор (тест)", "curator")):
        note = weekly_note.build(sample_store, week, TODAY)
        note_edits.save(sample_store, note, "\n".join(s.text for s in note.summary), "")
        assert note_edits.stale(sample_store, weekly_note.build(sample_store, week, TODAY)) == []
        # one appeal of the week is found to belong to the week before: the total falls by one
        with sample_store.transaction() as tx:
            tx.execute(
                "update appeal set received_at = received_at - interval 7 day where appeal_id = ("
                "select min(appeal_id) from appeal where received_at >= ? and received_at < ? "
                "and theme_code = 'other')",
                [week.monday, week.sunday],
            )
        later = weekly_note.build(sample_store, week, TODAY)
        stale = {s.key: s for s in note_edits.stale(sample_store, later)}
    assert later.figures["total"] == note.figures["total"] - 1
    assert "volume" in stale
    assert stale["volume"].was == note.summary[0].text and stale["volume"].now == later.summary[0].text
    assert "deadlines" not in stale or stale["deadlines"].now != stale["deadlines"].was
    # the text that goes out is still the curator's until they save again
    assert note_edits.text(sample_store, later).summary[0] == note.summary[0].text


def test_sample_note_for_the_last_complete_week_states_the_pages_figures(sample_store: Store):
    """The sample's last complete week (16.11–22.11.2026): the summary opens the note, and each figure it keeps
    is the pages' figure for that week."""
    from mcu_data import access
    from tests.note_pages import page_figures, stated

    week = periods.full_week(date(2026, 11, 16))
    with access.acting(access.SYSTEM):
        note = weekly_note.build(sample_store, week, TODAY)
    said, page = stated(note), page_figures(sample_store, note)
    assert 5 <= len(note.summary) <= 8 and note.summary[0].key == "volume"
    assert note.summary[-1].key == "proposals" and note.proposals
    assert {k: page[k] for k in said} == said
    # the sample's growth point of that week (the waste collection in Новоборское) drives a sentence and a proposal
    assert said["growth:waste|36612428"] == page["growth:waste|36612428"] >= 5
    assert any(p.rule == "growth_control" and "в Новоборском" in p.text for p in note.proposals)
