"""One appeal answered on time, one late, one open past its deadline, one not yet due: 33 % on every surface.

Answered on time ÷ (on time + late + open past due) = 1 ÷ 3. A recipient that stays silent does not look
punctual: before, the share was 1 ÷ 2 (only the answered ones counted).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, datetime

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from mcu_data import access
from mcu_data.analytics import compliance
from mcu_data.app.source import Source
from mcu_data.app.views import cur_report, deadlines, overview, wall
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.reports import documents, weekly_note
from mcu_data.store import Store, bootstrap
from tests.ledger.ledger import HERE

WEEK = Filters(date(2026, 11, 2), date(2026, 11, 8))
AS_OF = datetime(2026, 11, 8, 23, 59, 59)
NOW, TODAY = datetime(2026, 12, 1, 10, 0), date(2026, 12, 1)
THIRD = "33,3\u00a0%"
ROWS = [
    # id, received, due, first answer, status
    ("A-1", "2026-11-02 10:00:00", "2026-11-05 23:59:59", "2026-11-03 10:00:00", "answered"),
    ("A-2", "2026-11-02 10:00:00", "2026-11-05 23:59:59", "2026-11-07 10:00:00", "answered"),
    ("A-3", "2026-11-02 10:00:00", "2026-11-05 23:59:59", None, "in_progress"),
    ("A-4", "2026-11-07 10:00:00", "2026-11-20 23:59:59", None, "registered"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    s = Store(tmp_path_factory.mktemp("third") / "third.duckdb")
    bootstrap.prepare(s, None)
    frame = pd.DataFrame(ROWS, columns=["source_id", "received", "due", "answer", "status"])
    with s.transaction() as tx:
        batch = tx.scalar(
            "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, "
            "finished_at, status) values ('pos', 'test', 'a.csv', '-', now(), now(), 'done') "
            "returning batch_id"
        )
        tx.register("rows_in", frame)
        tx.execute(
            "insert into appeal (source_code, source_id, channel_code, kind_code, received_at, due_at, first_answer_at, "
            "status_code, outcome_code, theme_code, settlement_oktmo, recipient_code, author_type, is_collective, "
            "is_repeat, batch_id, theme_provenance, theme_confidence, content_hash, updated_at) "
            "select 'pos', source_id, 'gosuslugi', 'message', received::timestamp, due::timestamp, answer::timestamp, "
            "status, case when answer is null then null else 'solved' end, 'housing', '36612436', 'sp_petrovka', "
            "'citizen', false, false, ?, 'given', 1.0, source_id, now() from rows_in",
            [batch],
        )
    yield s
    s.close()


def test_overview_page(store: Store):
    tiles = {t.label: t for t in overview.build(Source(store), WEEK, AS_OF, TODAY).tiles}
    assert tiles["Ответы в срок"].value == THIRD
    assert tiles["Ответы в срок"].delta.startswith("из 3 с наступившим сроком; срок не наступил: 1")


def test_deadlines_page_and_its_recipient(store: Store):
    page = deadlines.build(Source(store), WEEK, access.SYSTEM, AS_OF)
    assert next(t for t in page.tiles if t.label == "Ответы в срок").value == THIRD
    row = page.table.set_index("Получатель").loc["Администрация сп Петровка"]
    assert row["В срок"] == pytest.approx(1 / 3) and row["База доли"] == 3


def test_rating_timeliness(store: Store):
    table = Source(store).rating(WEEK, AS_OF).set_index("recipient_code")
    assert table.loc["sp_petrovka", "value_timeliness"] == pytest.approx(1 / 3)


def test_wall_slides(store: Store):
    src = Source(store)
    assert wall.overview_slide(src, WEEK, NOW, TODAY).tiles[2].value == "33\u00a0%"
    assert wall.deadlines_slide(src, WEEK, NOW).tiles[0].value == "33\u00a0%"


def test_weekly_note(store: Store):
    note = weekly_note.build(store, periods.full_week(WEEK.start), TODAY)
    assert note.figures["on_time_share"] == pytest.approx(1 / 3)
    text = documents.to_csv(note).decode("utf-8-sig")
    lines = text.splitlines()
    assert "Ответы в срок, %;33,3" in lines and "Срок наступил;3" in lines  # a number, its base beside it
    doc = Document(io.BytesIO(documents.to_docx(note)))
    cells = {r.cells[0].text: r.cells[1].text for t in doc.tables for r in t.rows if len(r.cells) == 2}
    assert cells["Ответы в срок"] == f"{THIRD} из 3"


def test_cur_report(store: Store):
    # the fourth quarter has not ended on 01.12.2026; its figures so far are the same four appeals
    page = cur_report.build(Source(store), access.SYSTEM, TODAY, "2026-Q4")
    book = load_workbook(io.BytesIO(next(d for d in page.downloads if d.file_name.endswith(".xlsx")).build()))
    values = {row[0]: row[1] for row in book.active.iter_rows(min_row=2, values_only=True)}
    # at 01.12 the fourth appeal is past its deadline too: 1 ÷ 4
    assert values["Доля ответов в установленный срок"] == "25,0\u00a0%"
    assert compliance.totals(compliance.per_recipient(store, WEEK, AS_OF)).on_time_share == pytest.approx(1 / 3)


def test_figures_json(store: Store):
    path = store.path
    store.close()
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "mcu_data",
                "--db",
                path,
                "figures",
                "--from",
                "02.11.2026",
                "--to",
                "08.11.2026",
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE.parents[1],
        ).stdout
    finally:
        store.__init__(path)
    share = json.loads(out)["overview"]["on_time_share"]
    assert (share["part"], share["base"], share["on_time"], share["late"], share["open_past_due"]) == (1, 3, 1, 1, 1)
    assert share["value"] == pytest.approx(0.333333, abs=1e-6)
