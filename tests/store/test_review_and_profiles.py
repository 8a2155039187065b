"""Corrections from the review queue, saved column mappings, the CLI."""

import json
import subprocess
import sys

import pytest

from mcu_data.core.config import PROJECT_ROOT
from mcu_data.ingest import review
from mcu_data.ingest.loader import import_bytes, save_profile, saved_profiles
from mcu_data.ingest.readers import ImportFileError
from mcu_data.store import Store
from tests.files import FZ59_HEADER, csv_bytes, fz59_row

GENERIC = [
    ["№", "Когда", "Что случилось", "Где", "Кому"],
    ["H-1", "05.11.2026", "Нет света на улице Мира", "Петровка, ул. Мира", "Администрация сп Петровка"],
    ["H-2", "2026-11-06", "Яма на дороге", "Гвардейцы", "Администрация сп Гвардейцы"],
    ["H-3", "46332", "Не вывозят мусор", "Усманка", ""],
]
MAPPING = {"source_id": "№", "received_at": "Когда", "text": "Что случилось", "address": "Где", "recipient_raw": "Кому"}


def test_queue_holds_unsure_rows_and_correction_removes_them(sample_store: Store):
    before = review.queue_size(sample_store)
    rows = review.queue(sample_store, limit=5)
    assert before > 0 and not rows.empty
    target = int(rows.iloc[0]["appeal_id"])
    result = review.correct(sample_store, target, theme_code="roads", settlement_oktmo="36612436")
    assert result.fields == ("theme_code", "settlement_oktmo")
    row = sample_store.rows(
        "select theme_code, theme_provenance, settlement_oktmo, settlement_provenance from appeal where appeal_id = ?",
        [target],
    )[0]
    assert row == ("roads", "corrected", "36612436", "corrected")
    assert target not in set(review.queue(sample_store, limit=10_000)["appeal_id"])
    assert review.queue_size(sample_store) == before - 1
    assert sample_store.scalar("select count(*) from correction where appeal_id = ?", [target]) == 2


def test_confirming_that_a_text_names_no_settlement_takes_it_out_of_the_queue(sample_store: Store):
    rows = review.queue(sample_store, limit=10_000)
    target = int(rows[rows["settlement_oktmo"].isna()].iloc[0]["appeal_id"])
    before = review.queue_size(sample_store)
    theme = sample_store.scalar("select theme_code from appeal where appeal_id = ?", [target])
    result = review.correct(sample_store, target, theme_code=theme, no_settlement=True)
    assert result.fields == ("theme_code", "settlement_oktmo")
    row = sample_store.rows("select settlement_oktmo, settlement_provenance from appeal where appeal_id = ?", [target])
    assert row == [(None, "corrected")]  # still no settlement, now a person's answer
    assert review.queue_size(sample_store) == before - 1
    assert target not in set(review.queue(sample_store, limit=10_000)["appeal_id"])


def test_correction_teaches_an_unmapped_rubric(empty_store: Store):
    data = csv_bytes(
        [
            FZ59_HEADER,
            fz59_row("ОГ-1/26", topic="Новая рубрика СЭД", text="Просьба разобраться"),
            fz59_row("ОГ-2/26", topic="Новая рубрика СЭД", text="Прошу ответить"),
        ],
        "cp1251",
        ";",
    )
    import_bytes(empty_store, data, "a.csv")
    first = empty_store.scalar("select appeal_id from appeal where source_id = 'ОГ-1/26'")
    result = review.correct(empty_store, first, theme_code="land")
    assert result.rubric_learned
    assert empty_store.scalar("select theme_code from rubric_map where rubric = 'Новая рубрика СЭД'") == "land"
    # the other row with that rubric learned it too
    assert empty_store.rows("select theme_code, theme_provenance from appeal where source_id = 'ОГ-2/26'")[0] == (
        "land",
        "mapped",
    )
    # and a new export with that rubric maps it on the way in
    import_bytes(
        empty_store, csv_bytes([FZ59_HEADER, fz59_row("ОГ-3/26", topic="Новая рубрика СЭД")], "cp1251", ";"), "b.csv"
    )
    assert empty_store.scalar("select theme_provenance from appeal where source_id = 'ОГ-3/26'") == "mapped"


def test_correction_survives_a_later_export(empty_store: Store):
    import_bytes(empty_store, csv_bytes([FZ59_HEADER, fz59_row("ОГ-1/26")], "cp1251", ";"), "a.csv")
    appeal_id = empty_store.scalar("select appeal_id from appeal")
    review.correct(empty_store, appeal_id, theme_code="transport")
    later = fz59_row("ОГ-1/26", answered="20.11.2026", result="Решено", state="Рассмотрено")
    report = import_bytes(empty_store, csv_bytes([FZ59_HEADER, later], "cp1251", ";"), "b.csv")
    assert report.rows_updated == 1
    assert empty_store.rows("select theme_code, theme_provenance, status_code from appeal")[0] == (
        "transport",
        "corrected",
        "closed",
    )


def test_correction_refuses_unknown_codes(sample_store: Store):
    appeal_id = sample_store.scalar("select min(appeal_id) from appeal")
    with pytest.raises(review.ReviewError, match="Неизвестная тема"):
        review.correct(sample_store, appeal_id, theme_code="'; drop table appeal; --")
    with pytest.raises(review.ReviewError, match="Выберите"):
        review.correct(sample_store, appeal_id)


def test_generic_file_with_a_saved_mapping(empty_store: Store):
    data = csv_bytes(GENERIC, "utf-8", ";")
    with pytest.raises(ImportFileError, match="Не удалось определить источник"):
        import_bytes(empty_store, data, "hotline.csv")
    save_profile(empty_store, "Горячая линия района", "hotline", MAPPING)
    assert list(saved_profiles(empty_store)["name"]) == ["Горячая линия района"]
    report = import_bytes(empty_store, data, "hotline.csv", profile_name="Горячая линия района")
    assert (report.source_code, report.rows_new, report.rows_rejected) == ("hotline", 3, 0)
    got = dict(empty_store.rows("select source_id, settlement_oktmo from appeal"))
    assert got == {"H-1": "36612436", "H-2": "36612412", "H-3": "36612452"}
    assert (
        empty_store.scalar("select received_at::date from appeal where source_id = 'H-3'").isoformat() == "2026-11-06"
    )
    # the deadline came from the hotline rule: 30 calendar days
    assert empty_store.scalar("select count(*) from appeal where due_rule_id = 8") == 3


def test_mapping_without_required_fields_is_refused(empty_store: Store):
    with pytest.raises(ImportFileError, match="Не сопоставлены обязательные поля"):
        save_profile(empty_store, "плохой", "other", {"text": "Что случилось"})


def test_saved_mapping_refuses_a_file_of_another_shape(empty_store: Store):
    save_profile(empty_store, "ГЛ", "hotline", MAPPING)
    other = csv_bytes([FZ59_HEADER, fz59_row("ОГ-1/26")], "cp1251", ";")
    with pytest.raises(ImportFileError, match="нет столбцов"):
        import_bytes(empty_store, other, "x.csv", profile_name="ГЛ")


def test_utf16_tab_file_from_excel(empty_store: Store):
    text = "\r\n".join("\t".join(r) for r in [FZ59_HEADER, fz59_row("ОГ-1/26"), fz59_row("ОГ-2/26")])
    report = import_bytes(empty_store, b"\xff\xfe" + text.encode("utf-16-le"), "unicode.txt")
    assert (report.encoding, report.rows_new) == ("utf-16", 2)


def test_progress_is_reported_in_order(empty_store: Store):
    seen: list[float] = []
    import_bytes(
        empty_store,
        csv_bytes([FZ59_HEADER, fz59_row("ОГ-1/26")], "cp1251", ";"),
        "a.csv",
        progress=lambda share, what: seen.append(share),
    )
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 4


def _cli(*args: str, db) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mcu_data", "--db", str(db), *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_import_report_and_failure_exit_code(tmp_path):
    db = tmp_path / "cli.duckdb"
    good = tmp_path / "реестр.csv"
    good.write_bytes(
        csv_bytes([FZ59_HEADER, fz59_row("ОГ-1/26"), fz59_row("ОГ-2/26", received="31.02.2026")], "cp1251", ";")
    )
    bad = tmp_path / "пусто.csv"
    bad.write_bytes(b"")
    ok = _cli("import", str(good), db=db)
    assert ok.returncode == 0, ok.stderr
    assert "новых 1" in ok.stdout and "отклонено 1" in ok.stdout
    failed = _cli("import", str(good), str(bad), db=db)
    assert failed.returncode == 1
    assert "без изменений 1" in failed.stdout and "пуст" in failed.stderr
    undo = _cli("undo", "1", db=db)
    assert undo.returncode == 0 and "удалено обращений 1" in undo.stdout
    assert _cli("undo", "1", db=db).returncode == 1


def test_cli_uses_a_saved_profile(tmp_path):
    db = tmp_path / "cli.duckdb"
    store = Store(db)
    store.migrate()
    from mcu_data.store import seed

    seed.seed(store)
    save_profile(store, "ГЛ", "hotline", MAPPING)
    store.close()
    path = tmp_path / "hotline.csv"
    path.write_bytes(csv_bytes(GENERIC, "utf-8", ";"))
    run = _cli("import", str(path), "--profile", "ГЛ", db=db)
    assert run.returncode == 0, run.stderr
    assert "Горячая линия" in run.stdout and "новых 3" in run.stdout
    assert json.loads(json.dumps(MAPPING)) == MAPPING
