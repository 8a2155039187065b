"""`python -m mcu_data analyze` gives what an import of the same texts stores: one code path for both."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mcu_data.cli import main
from mcu_data.ingest import review
from mcu_data.ingest.loader import import_bytes
from mcu_data.store import Store
from tests.files import csv_bytes

# hand-written: names, phones, home addresses, villages in several cases, a text with no place, a thank-you
TEXTS = [
    ("A-1", "Звонила Никонова Юлия из Петровки: третий день нет воды, тел. 89271234567", ""),
    ("A-2", "в мойке мусоровоз не был с нового года", ""),
    ("A-3", "Прошу отремонтировать дорогу. Петров Иван Ильич, с. Борское, ул. Чапаева, д. 61", ""),
    ("A-4", "Фонари не горят по всей улице", "Самарская обл., Борский р-н, с. Гвардейцы, ул. Мира, д. 4"),
    ("A-5", "Спасибо администрации за новую площадку", ""),
    ("A-6", "Борская ЦРБ: к терапевту не записаться, паспорт 36 05 118204", ""),
    ("A-7", "подскажите, что делать", ""),
]
HEADER = ["№", "Когда", "Текст", "Адрес"]
MAPPING = {"source_id": "№", "received_at": "Когда", "text": "Текст", "address": "Адрес"}


@pytest.fixture
def store_path(sample_store_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "analyze.duckdb"
    shutil.copy(sample_store_path, copy)
    return copy


def test_analyze_equals_an_import_of_the_same_texts(store_path: Path, tmp_path: Path):
    store = Store(store_path)
    rows = [HEADER] + [[i, "05.11.2026", text, address] for i, text, address in TEXTS]
    import_bytes(store, csv_bytes(rows, "utf-8", ";"), "texts.csv", mapping=("other", MAPPING))
    stored = store.query(
        "select appeal_id, source_id, theme_code, theme_confidence, settlement_oktmo, settlement_confidence, "
        "text_masked from appeal where source_code = 'other' order by source_id"
    ).set_index("source_id")
    queued = set(review.queue(store, limit=100_000)["appeal_id"])
    store.close()

    lines = tmp_path / "in.jsonl"
    lines.write_text(
        "\n".join(json.dumps({"id": i, "text": t, "address": a}, ensure_ascii=False) for i, t, a in TEXTS) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["--db", str(store_path), "analyze", "--jsonl", str(lines), "--out", str(out)]) == 0
    result = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    assert [r["id"] for r in result] == [i for i, _, _ in TEXTS]
    for r in result:
        row = stored.loc[r["id"]]
        assert r["theme"] == row["theme_code"]
        assert r["theme_confidence"] == pytest.approx(row["theme_confidence"])
        assert r["settlement_oktmo"] == (None if pd.isna(row["settlement_oktmo"]) else row["settlement_oktmo"])
        if r["settlement_confidence"] is None:
            assert pd.isna(row["settlement_confidence"])
        else:
            assert r["settlement_confidence"] == pytest.approx(row["settlement_confidence"])
        assert r["masked_text"] == row["text_masked"]
        assert r["needs_review"] == (row["appeal_id"] in queued)


def test_analyze_masks_and_places_as_written_by_hand(store_path: Path, tmp_path: Path):
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        "\n".join(json.dumps({"id": i, "text": t, "address": a}, ensure_ascii=False) for i, t, a in TEXTS),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["--db", str(store_path), "analyze", "--jsonl", str(lines), "--out", str(out)]) == 0
    result = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert result["A-1"]["masked_text"] == "Звонила [ФИО] из Петровки: третий день нет воды, тел. [телефон]"
    assert result["A-1"]["settlement_oktmo"] == "36612436"
    assert result["A-2"]["settlement_oktmo"] == "36612420"
    assert result["A-3"]["masked_text"] == "Прошу отремонтировать дорогу. [ФИО], с. Борское, [адрес]"
    assert result["A-4"]["settlement_oktmo"] == "36612412"  # from the address field
    assert result["A-5"]["theme"] == "other"
    assert result["A-6"]["settlement_oktmo"] is None  # «Борская ЦРБ» is the district's hospital
    assert result["A-6"]["masked_text"] == "Борская ЦРБ: к терапевту не записаться, паспорт [документ]"
    assert result["A-7"]["needs_review"] is True


def test_analyze_refuses_a_file_that_is_not_json_lines(store_path: Path, tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("id;text\n1;нет воды\n", encoding="utf-8")
    assert main(["--db", str(store_path), "analyze", "--jsonl", str(bad), "--out", str(tmp_path / "o.jsonl")]) == 2


def test_a_letters_own_address_gives_way_to_the_place_the_letter_is_about(store_path: Path, tmp_path: Path):
    """59-ФЗ: the address field is the writer's home; a place only the text names is where the problem is."""
    lines = tmp_path / "fz.jsonl"
    rows = [
        (
            "F-1",
            "Прошу навести порядок на ярмарке в Петровке: торговые места продают втридорога.",
            "с. Усманка, ул. Заречная, 14",
        ),
        (
            "F-2",
            "Продаю долю в квартире в с. Борское, чтобы купить дом в пос. Подгорный, где живём.",
            "пос. Подгорный, ул. Лесная, д. 9",
        ),
        ("F-3", "Прошу отремонтировать дорогу.", "с. Усманка, ул. Заречная, 14"),
    ]
    lines.write_text(
        "\n".join(json.dumps({"id": i, "text": t, "address": a}, ensure_ascii=False) for i, t, a in rows),
        encoding="utf-8",
    )
    out = tmp_path / "fz_out.jsonl"
    assert main(["--db", str(store_path), "analyze", "--jsonl", str(lines), "--out", str(out), "--source", "fz59"]) == 0
    found = {r["id"]: r["settlement_oktmo"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert found == {"F-1": "36612436", "F-2": "36612440", "F-3": "36612452"}
