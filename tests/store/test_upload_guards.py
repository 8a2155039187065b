"""Hostile uploads: archive bombs, paths out of an archive, formulas, and injection through names and cells."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from geo.boundaries import BoundaryError
from mcu_data.analytics import heatmap
from mcu_data.core.filters import Filters
from mcu_data.ingest.loader import import_bytes
from mcu_data.ingest.readers import ImportFileError
from mcu_data.reports.exports import to_csv_bytes
from mcu_data.store.boundaries import read_checked
from tests.files import FZ59_HEADER, csv_bytes, fz59_row, pos_rows, xlsx_bytes

LIMIT = 50 * 1_048_576


def _bomb(name_inside: str = "xl/worksheets/sheet1.xml", megabytes: int = 300) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(name_inside, b"\0" * (megabytes * 1_048_576))
    return buf.getvalue()


def test_xlsx_bomb_is_refused_before_unpacking(sample_store):
    bomb = _bomb()
    assert len(bomb) < 1_048_576  # under a megabyte on the wire
    before = sample_store.scalar("select count(*) from import_batch")
    with pytest.raises(ImportFileError, match="бомб"):
        import_bytes(sample_store, bomb, "выгрузка.xlsx")
    assert sample_store.scalar("select count(*) from import_batch") == before


def test_zipped_layer_bomb_and_escaping_paths_are_refused():
    with pytest.raises(BoundaryError, match="бомб"):
        read_checked(_bomb("layer.shp"), "границы.zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("../../etc/layer.shp", b"x")
    with pytest.raises(BoundaryError, match="за пределы архива"):
        read_checked(buf.getvalue(), "границы.zip")


def test_type_is_read_from_content_not_extension(sample_store):
    """A CSV named .xlsx is read as CSV; an Excel book named .csv as a book; a picture is refused."""
    rows = [FZ59_HEADER, fz59_row("ТИП-1", received="20.11.2026")]
    as_csv = import_bytes(sample_store, csv_bytes(rows, "cp1251", ";"), "на_самом_деле_csv.xlsx")
    assert as_csv.rows_new == 1 and as_csv.encoding != "xlsx"
    as_book = import_bytes(sample_store, xlsx_bytes(pos_rows(2)), "на_самом_деле_книга.csv")
    assert as_book.source_code == "pos" and as_book.rows_new == 2
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    with pytest.raises(ImportFileError):
        import_bytes(sample_store, png, "картинка.csv")


def test_formulas_are_never_evaluated(sample_store):
    rows = pos_rows(1)
    wb = Workbook()
    ws = wb.active
    ws.title = "=HYPERLINK(1)+cmd"  # a sheet name that would be a formula in a careless export
    for row in rows:
        ws.append(row)
    ws["E2"] = "=1+1"  # the message text is a formula with no cached value
    buf = io.BytesIO()
    wb.save(buf)
    report = import_bytes(sample_store, buf.getvalue(), "формула.xlsx")
    assert report.rows_read == 1
    text = sample_store.scalar("select text_masked from appeal where batch_id = ?", [report.batch_id])
    assert text != "2"  # openpyxl read cached values only; nothing computed the formula


def test_hostile_file_name_and_cells_stay_data(sample_store):
    name = "x'); drop table appeal; --.csv"
    hostile = "=cmd|' /C calc'!A0 яма на дороге в Петровке"
    rows = [FZ59_HEADER, fz59_row("ИНЪ-1", received="20.11.2026", text=hostile)]
    report = import_bytes(sample_store, csv_bytes(rows, "cp1251", ";"), name)
    assert sample_store.scalar("select file_name from import_batch where batch_id = ?", [report.batch_id]) == name
    assert sample_store.scalar("select count(*) from appeal") > 7000  # the table is still there
    stored = sample_store.query(
        "select theme_code, settlement_oktmo, text_masked from appeal where source_id = 'ИНЪ-1'"
    )
    assert stored.iloc[0]["text_masked"].startswith("=cmd")  # kept as the person wrote it
    period = Filters(date(2026, 11, 20), date(2026, 11, 20), sources=("fz59",))
    listing = heatmap.cell_appeals(
        sample_store,
        period,
        "settlement",
        stored.iloc[0]["theme_code"],
        stored.iloc[0]["settlement_oktmo"] or heatmap.NO_KEY,
        datetime(2026, 11, 26),
    )
    exported = to_csv_bytes(listing[["text_masked"]]).decode("utf-8-sig")
    assert "'=cmd" in exported and "\n=cmd" not in exported
