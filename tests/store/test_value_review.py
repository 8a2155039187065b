"""The value maps' review queue: unknown statuses and outcomes are listed, taught once, and applied everywhere.

Expected values come from tests/data/intake/manifest.json, written by hand: pos_unknown_statuses.xlsx has five
statuses and two outcomes no value map knows, one row each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mcu_data import access
from mcu_data.access import auth
from mcu_data.ingest import values
from mcu_data.ingest.loader import import_bytes, import_path
from mcu_data.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "data" / "intake"
FILE = CORPUS / "pos_unknown_statuses.xlsx"


@pytest.fixture
def loaded(empty_store: Store) -> Store:
    with access.acting(access.SYSTEM):
        import_path(empty_store, FILE)
    return empty_store


def test_the_queue_lists_each_unknown_value_once_with_its_rows(loaded: Store):
    queue = values.unknown_values(loaded)
    got = sorted(zip(queue["field"], queue["raw_value"], queue["appeals"], strict=True))
    assert got == sorted(
        [
            ("status", "Ответ отправлен", 1),
            ("status", "Решено", 1),
            ("status", "Просрочено", 1),
            ("status", "Закрыто автоматически", 1),
            ("status", "На модерации", 1),
            ("outcome", "Не решено", 1),
            ("outcome", "Частично решено", 1),
        ]
    )
    assert set(queue["source_code"]) == {"pos"}
    assert values.unknown_count(loaded) == 6  # row 5 has both an unknown status and an unknown outcome


def test_teaching_a_value_changes_the_loaded_appeals_and_the_next_import(loaded: Store):
    with access.acting(access.SYSTEM):
        taught = values.teach(loaded, "pos", "status", "  ответ  ОТПРАВЛЕН ", "answered")
    assert taught.appeals == 1 and taught.raw_value == "ответ ОТПРАВЛЕН"
    assert loaded.rows("select status_code from appeal where source_id = '2456721'") == [("answered",)]
    assert ("status", "Ответ отправлен") not in set(
        zip(values.unknown_values(loaded)["field"], values.unknown_values(loaded)["raw_value"], strict=True)
    )
    # the next file with that status is recognised at once
    csv = (
        "Номер сообщения;Дата и время подачи;Категория;Текст сообщения;Статус\r\n"
        "7770001;20.11.2026 10:00;ЖКХ;Течёт крыша;Ответ Отправлен\r\n"
    ).encode("cp1251")
    with access.acting(access.SYSTEM):
        report = import_bytes(loaded, csv, "pos_next.csv", profile_code="pos")
    assert report.rows_new == 1 and report.rows_unrecognised == 0
    assert loaded.rows("select status_code from appeal where source_id = '7770001'") == [("answered",)]
    entry = loaded.query("select action, object, details from audit_log where action = 'value_mapped'")
    assert len(entry) == 1 and "ответ ОТПРАВЛЕН" in entry["object"].iloc[0]


def test_a_redirect_status_also_sets_the_outcome(loaded: Store):
    with access.acting(access.SYSTEM):
        values.teach(loaded, "pos", "status", "На модерации", "redirected")
    assert loaded.rows("select status_code, outcome_code from appeal where source_id = '2456729'") == [
        ("redirected", "redirected")
    ]


def test_a_value_for_every_source_reaches_other_channels(loaded: Store):
    with access.acting(access.SYSTEM):
        taught = values.teach(loaded, "pos", "outcome", "Частично решено", "explained", every_source=True)
    assert taught.source_code == "*"
    assert loaded.rows("select source_code, code from value_map where raw_value = 'Частично решено'") == [
        ("*", "explained")
    ]


def test_wrong_codes_and_other_channels_are_refused(loaded: Store):
    with access.acting(access.SYSTEM):
        with pytest.raises(values.ValueMapError, match="не значение поля"):
            values.teach(loaded, "pos", "status", "Решено", "solved")  # «solved» is an outcome, not a status
        auth.save_account(loaded, auth.Account("im_officer", "ИМ", "channel_officer", channel_code="im"))
    officer = auth._user(loaded, auth._row(loaded, "im_officer"))
    with access.acting(officer), pytest.raises(access.AccessDenied):
        values.teach(loaded, "pos", "status", "Решено", "answered")
    assert values.unknown_count(loaded) == 6


def test_flagged_dates_are_listed(empty_store: Store):
    with access.acting(access.SYSTEM):
        report = import_path(empty_store, CORPUS / "pos_future_past_dates.xlsx")
    flagged = values.flagged_dates(empty_store)
    expected = {"2456601": "future", "2456602": "before_2000", "2456603": "before_2000", "2456605": "future"}
    assert dict(zip(flagged["source_id"], flagged["date_flag"], strict=True)) == expected
    assert report.rows_flagged == values.flagged_count(empty_store) == 4
