"""The import path: every row lands in appeals or in rejected rows, re-imports are idempotent, bad files change nothing."""

import csv
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mcu_data.core.config import PROJECT_ROOT
from mcu_data.ingest.loader import import_bytes
from mcu_data.ingest.readers import ImportFileError
from mcu_data.store import Store
from tests.files import FZ59_HEADER, csv_bytes, fz59_row, pos_rows, xlsx_bytes

SAMPLE = PROJECT_ROOT / "sample_data"


def _csv_rows(path: Path, encoding: str, sep: str) -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f, delimiter=sep))[1:]


def _pos_rows(path: Path) -> list[tuple]:
    ws = load_workbook(path, read_only=True).active
    return [r for r in ws.iter_rows(min_row=5, values_only=True) if any(v is not None for v in r)]


def test_store_holds_exactly_the_sample_exports(sample_store: Store):
    """Counted by source, independently of the import code."""
    pos = _pos_rows(SAMPLE / "pos_export.xlsx")
    im = _csv_rows(SAMPLE / "incident_export.csv", "utf-8", ",")
    fz = _csv_rows(SAMPLE / "fz59_registry.csv", "cp1251", ";")
    fz_valid = [r for r in fz if r[0] and re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", r[1]) and r[1] != "31.02.2025"]
    by_source = dict(sample_store.rows("select source_code, count(*) from appeal group by all"))
    assert by_source == {"pos": len(pos), "im": len(im), "fz59": len(fz_valid)}
    ids = {
        s: set(v for (v,) in sample_store.rows("select source_id from appeal where source_code = ?", [s]))
        for s in ("pos", "im", "fz59")
    }
    assert ids["pos"] == {str(r[1]) for r in pos}
    assert ids["im"] == {r[0] for r in im}
    assert ids["fz59"] == {r[0] for r in fz_valid}
    assert sample_store.scalar("select count(*) from rejected_row") == len(fz) - len(fz_valid) == 3


def test_batches_add_up(sample_store: Store):
    bad = sample_store.scalar(
        "select count(*) from import_batch where rows_read <> rows_new + rows_updated + rows_unchanged + rows_rejected"
    )
    assert bad == 0
    assert sample_store.scalar("select sum(rows_rejected) from import_batch") == sample_store.scalar(
        "select count(*) from rejected_row"
    )


def test_rejected_rows_keep_number_values_and_reason(sample_store: Store):
    rows = sample_store.query("select row_number, raw_json, reason_ru from rejected_row order by row_number")
    reasons = set(rows["reason_ru"])
    assert "Нет номера обращения в источнике" in reasons
    assert "Неверная дата поступления: «31.02.2025»" in reasons
    raw = json.loads(rows.loc[rows["reason_ru"].str.contains("31.02"), "raw_json"].iloc[0])
    assert raw["Рег. №"] == "ОГ-BAD1/25"
    fz = _csv_rows(SAMPLE / "fz59_registry.csv", "cp1251", ";")
    for number in rows["row_number"]:
        assert fz[number - 2] == list(json.loads(rows.loc[rows["row_number"] == number, "raw_json"].iloc[0]).values())


def test_no_personal_data_stored(sample_store: Store):
    texts = sample_store.query("select text_masked, address from appeal")
    joined = " ".join(texts["text_masked"].fillna("")) + " ".join(texts["address"].fillna(""))
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", joined)
    assert not re.search(r"(?:\+7|8)(?:[\s\-()]*\d){10}", joined)
    assert not re.search(r"\bд\.\s*\d+|\bкв\.\s*\d+", joined)
    correspondents = {r[3] for r in _csv_rows(SAMPLE / "fz59_registry.csv", "cp1251", ";") if r[3]}
    surnames = {name.split()[0] for name in correspondents if len(name.split()) == 3}
    words = set(re.findall(r"[А-ЯЁ][а-яё]+", joined))
    leaked = {s for s in surnames if s in words} - {"Петров"}  # «Петровка» is a village, not a person
    assert not leaked


def test_reimport_changes_nothing(sample_store: Store):
    before = sample_store.scalar("select count(*) from appeal")
    history = sample_store.scalar("select count(*) from appeal_status_history")
    report = import_bytes(sample_store, (SAMPLE / "incident_export.csv").read_bytes(), "incident_export.csv")
    assert (report.rows_new, report.rows_updated, report.rows_rejected) == (0, 0, 0)
    assert report.rows_unchanged == report.rows_read
    assert sample_store.scalar("select count(*) from appeal") == before
    assert sample_store.scalar("select count(*) from appeal_status_history") == history


def test_later_export_updates_and_keeps_history(empty_store: Store):
    first = csv_bytes([FZ59_HEADER, fz59_row("ОГ-1/26"), fz59_row("ОГ-2/26")], "cp1251", ";")
    r1 = import_bytes(empty_store, first, "reg1.csv")
    assert (r1.rows_new, r1.rows_updated) == (2, 0)
    later = csv_bytes(
        [
            FZ59_HEADER,
            fz59_row("ОГ-1/26", answered="20.11.2026", result="Разъяснено", state="Рассмотрено"),
            fz59_row("ОГ-2/26"),
            fz59_row("ОГ-3/26"),
        ],
        "cp1251",
        ";",
    )
    r2 = import_bytes(empty_store, later, "reg2.csv")
    assert (r2.rows_read, r2.rows_new, r2.rows_updated, r2.rows_unchanged) == (3, 1, 1, 1)
    row = empty_store.rows("select status_code, outcome_code, appeal_id from appeal where source_id = 'ОГ-1/26'")[0]
    assert row[:2] == ("closed", "explained")
    history = empty_store.rows(
        "select status_code from appeal_status_history where appeal_id = ? order by batch_id", [row[2]]
    )
    assert [h[0] for h in history] == ["in_progress", "closed"]
    previous = empty_store.rows(
        "select status_code, replaced_by_batch from appeal_previous where appeal_id = ?", [row[2]]
    )
    assert previous == [("in_progress", r2.batch_id)]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "empty.csv"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "photo.csv"),
        (csv_bytes([["Фамилия", "Сумма"], ["Иванов", "10"]]), "other.csv"),
    ],
)
def test_bad_file_changes_nothing(sample_store: Store, data: bytes, name: str):
    counts = sample_store.rows(
        "select (select count(*) from appeal), (select count(*) from import_batch), (select count(*) from rejected_row)"
    )
    with pytest.raises(ImportFileError):
        import_bytes(sample_store, data, name)
    assert (
        sample_store.rows(
            "select (select count(*) from appeal), (select count(*) from import_batch), "
            "(select count(*) from rejected_row)"
        )
        == counts
    )


def test_failure_inside_the_transaction_rolls_back(empty_store: Store, monkeypatch: pytest.MonkeyPatch):
    from mcu_data.ingest import batches

    def broken_write(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(batches, "write", broken_write)
    with pytest.raises(RuntimeError):
        import_bytes(empty_store, xlsx_bytes(pos_rows(3)), "pos.xlsx")
    assert empty_store.scalar("select count(*) from import_batch") == 0


def test_pos_book_with_title_rows_and_personal_data(empty_store: Store):
    report = import_bytes(empty_store, xlsx_bytes(pos_rows(3), title_rows=2), "pos.xlsx")
    assert (report.source_code, report.rows_new, report.header_row) == ("pos", 3, 3)
    text, theme, prov, oktmo, lat = empty_store.rows(
        "select text_masked, theme_code, theme_provenance, settlement_oktmo, lat from appeal limit 1"
    )[0]
    assert "89271234567" not in text and "[телефон]" in text
    assert (theme, prov, oktmo) == ("roads", "mapped", "36612436")
    assert lat == pytest.approx(53.23)


def test_wrong_profile_override_is_refused(empty_store: Store):
    with pytest.raises(ImportFileError, match="Проверьте, тот ли источник выбран"):
        import_bytes(empty_store, xlsx_bytes(pos_rows(1)), "pos.xlsx", profile_code="fz59")


def test_duplicate_id_in_a_file_keeps_the_later_row(empty_store: Store):
    data = csv_bytes(
        [
            FZ59_HEADER,
            fz59_row("ОГ-7/26"),
            fz59_row("ОГ-7/26", answered="10.11.2026", result="Решено", state="Рассмотрено"),
        ],
        "cp1251",
        ";",
    )
    report = import_bytes(empty_store, data, "dup.csv")
    assert (report.rows_new, report.rows_replaced, report.rows_rejected) == (1, 1, 0)
    assert report.replaced == ((2, 3),)  # the header is row 1
    assert empty_store.scalar("select outcome_code from appeal") == "solved"


def test_rejected_rows_keep_no_personal_data(empty_store: Store):
    row = fz59_row("ОГ-5/26", received="31.02.2026", text="Звоните 89271234567, Петров Иван Сергеевич")
    report = import_bytes(empty_store, csv_bytes([FZ59_HEADER, row], "cp1251", ";"), "bad.csv")
    assert report.rows_rejected == 1
    raw = json.loads(empty_store.scalar("select raw_json from rejected_row"))
    assert raw["Корреспондент"] == "[ФИО]"
    assert raw["Адрес корреспондента"] == "Самарская обл., Борский р-н, Петровка, ул. Садовая"
    assert "89271234567" not in raw["Краткое содержание"] and "Петров Иван" not in raw["Краткое содержание"]
    assert raw["Дата поступления"] == "31.02.2026"  # the value that caused the rejection stays readable
