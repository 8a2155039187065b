"""The role table of the regulation, row by row: every write path and every read of single appeals.

Each case runs one call of mcu_data as one user on a private copy of the sample store. An allowed call
must change the store (or return rows); a refused one must raise AccessDenied and change nothing.
The expected table is written out here from the regulation, not read from the code under test.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pytest
from shapely.geometry import box

from mcu_data import access
from mcu_data.access import audit, auth, retention
from mcu_data.analytics import compliance, heatmap, rating
from mcu_data.core.filters import Filters
from mcu_data.ingest import batches, review, rules
from mcu_data.ingest.loader import import_bytes, save_profile
from mcu_data.reports import indicators
from mcu_data.roadmaps import measures
from mcu_data.store import boundaries
from tests.files import FZ59_HEADER, csv_bytes, fz59_row

PETROVKA = "36612436"
OTHER = "36612408"  # Борское
PERIOD = Filters(date(2026, 10, 1), date(2026, 11, 22))
TODAY = date(2026, 11, 26)

# who may do what, from the regulation (section 2, Appendix 2) and the issue's table
EVERY = {"curator", "officer_fz59", "officer_pos", "leader", "head", "observer"}
EXPECTED = {
    "import_fz59": {"curator", "officer_fz59"},
    "undo_fz59": {"curator", "officer_fz59"},
    "undo_pos": {"curator", "officer_pos"},
    "save_profile_fz59": {"curator", "officer_fz59"},
    "correct_own_theme": {"curator", "leader"},
    "correct_other_theme": {"curator"},
    "measure_own_theme_own_settlement": {"curator", "leader", "head"},
    "measure_other_theme_other_settlement": {"curator"},
    "measure_update_other_block": {"curator"},
    "rule_change": {"curator"},
    "rating_weights": {"curator"},
    "indicator_value": {"curator"},
    "boundaries": {"curator"},
    "user_create": {"curator"},
    "password_reset": {"curator"},
    "screen_key_issue": {"curator"},
    "screen_key_revoke": {"curator"},
    "retention_set": {"curator"},
    "retention_purge": {"curator"},
    "audit_read": {"curator"},
    "cell_appeals_district": {"curator", "officer_fz59", "officer_pos", "leader"},
    "cell_appeals_own_settlement": {"curator", "officer_fz59", "officer_pos", "leader", "head"},
    "deadline_list_district": {"curator", "officer_fz59", "officer_pos", "leader"},
    "deadline_list_own_settlement": {"curator", "officer_fz59", "officer_pos", "leader", "head"},
    "review_queue": {"curator", "leader"},
}


def _users(store) -> dict[str, access.User]:
    return {
        "curator": access.User("cur", "Куратор", "curator"),
        "officer_fz59": access.User("fz", "Ответственный за 59-ФЗ", "channel_officer", channel="fz59"),
        "officer_pos": access.User("pos", "Ответственный за ПОС", "channel_officer", channel="pos"),
        "leader": access.User(
            "lead",
            "Зам. Главы по ЖКХ",
            "sector_leader",
            block="deputy_housing",
            themes=auth.themes_of_leader(store, "deputy_housing"),
        ),
        "head": access.User("head", "Глава Петровки", "settlement_head", oktmo=PETROVKA),
        "observer": access.User("obs", "Экран", "observer", is_screen=True),
    }


def _batch(store, source: str) -> int:
    return int(store.scalar("select min(batch_id) from import_batch where source_code = ?", [source]))


def _appeal(store, theme: str) -> int:
    return int(store.scalar("select min(appeal_id) from appeal where theme_code = ?", [theme]))


def _measure(themes, settlements) -> measures.Measure:
    return measures.Measure(
        title="Проверка прав",
        theme_codes=list(themes),
        settlement_oktmos=list(settlements),
        official="Ответственный",
        start_date=TODAY,
        deadline=TODAY,
    )


def _layer():
    return gpd.GeoDataFrame(
        {"oktmo": [PETROVKA], "name_ru": ["Петровка"]}, geometry=[box(51.9, 53.2, 52.0, 53.3)], crs="EPSG:4326"
    )


def _screen_with_key(store) -> str:
    """A wall-screen account that already has a key, made by the curator before the case runs."""
    with access.acting(access.SYSTEM):
        if not store.scalar("select count(*) from app_user where login = 'zal'"):
            auth.save_account(store, auth.Account("zal", "Экран в зале", "observer", is_screen=True))
            auth.issue_screen_key(store, "zal")
    return "zal"


def _actions(store, tmp_path):
    """Each action: (call, probe). The probe's value changes when the call did its work."""

    def count(sql, params=None):
        return lambda: store.scalar(sql, params)

    other_measure = _other_block_measure(store)
    screen = _screen_with_key(store)
    fz59_file = csv_bytes([FZ59_HEADER, fz59_row("ПРАВА-1", received="20.11.2026")], "cp1251", ";")
    other_theme = "education"
    return {
        "import_fz59": (
            lambda: import_bytes(store, fz59_file, "права.csv"),
            count("select count(*) from import_batch"),
        ),
        "undo_fz59": (
            lambda: batches.undo(store, _batch(store, "fz59")),
            count("select count(*) from import_batch where status = 'undone'"),
        ),
        "undo_pos": (
            lambda: batches.undo(store, _batch(store, "pos")),
            count("select count(*) from import_batch where status = 'undone'"),
        ),
        "save_profile_fz59": (
            lambda: save_profile(store, "Профиль", "fz59", {"source_id": "Рег. №", "received_at": "Дата поступления"}),
            count("select count(*) from import_profile"),
        ),
        "correct_own_theme": (
            lambda: review.correct(store, _appeal(store, "housing"), settlement_oktmo=OTHER),
            count("select count(*) from correction"),
        ),
        "correct_other_theme": (
            lambda: review.correct(store, _appeal(store, other_theme), settlement_oktmo=OTHER),
            count("select count(*) from correction"),
        ),
        "measure_own_theme_own_settlement": (
            lambda: measures.create(store, _measure(["housing"], [PETROVKA]), "тест"),
            count("select count(*) from measure"),
        ),
        "measure_other_theme_other_settlement": (
            lambda: measures.create(store, _measure([other_theme], [OTHER]), "тест"),
            count("select count(*) from measure"),
        ),
        "measure_update_other_block": (
            lambda: measures.update(store, other_measure, 1, _measure([other_theme], []), "тест"),
            count("select sum(row_version) from measure"),
        ),
        "rule_change": (
            lambda: rules.change(store, "im", "answer", 5, "working_days", "проверка прав"),
            count("select count(*) from deadline_rule"),
        ),
        "rating_weights": (
            lambda: rating.save_weights(store, rating.weights(store).assign(weight=0.2)),
            count("select sum(weight) from rating_weight"),
        ),
        "indicator_value": (
            lambda: indicators.set_manual(
                store,
                store.scalar("select min(code) from indicator where formula = 'manual'"),
                indicators.quarter(2026, 3),
                0.5,
                "тест",
            ),
            count("select count(*) from indicator_manual_value"),
        ),
        "boundaries": (
            lambda: boundaries.save(store, _layer(), tmp_path / "layer.geojson"),
            lambda: (tmp_path / "layer.geojson").exists(),
        ),
        "user_create": (
            lambda: auth.save_account(store, auth.Account("new.user", "Новый", "observer")),
            count("select count(*) from app_user"),
        ),
        "password_reset": (
            lambda: auth.reset_password(store, "admin"),
            count("select password_hash from app_user where login = 'admin'"),
        ),
        "screen_key_issue": (
            lambda: auth.issue_screen_key(store, screen),
            count("select screen_key_hash from app_user where login = ?", [screen]),
        ),
        "screen_key_revoke": (
            lambda: auth.revoke_screen_key(store, screen),
            count("select screen_key_hash from app_user where login = ?", [screen]),
        ),
        "retention_set": (lambda: retention.set_years(store, 3), lambda: retention.years(store)),
        "retention_purge": (
            lambda: retention.purge(store, TODAY),
            count("select count(*) from audit_log where action = 'purge'"),
        ),
        "audit_read": (lambda: audit.entries(store), None),
        "cell_appeals_district": (
            lambda: heatmap.cell_appeals(store, PERIOD, "settlement", "housing", PETROVKA, TODAY),
            None,
        ),
        "cell_appeals_own_settlement": (
            lambda: heatmap.cell_appeals(
                store,
                Filters(PERIOD.start, PERIOD.end, settlements=(PETROVKA,)),
                "settlement",
                "housing",
                PETROVKA,
                TODAY,
            ),
            None,
        ),
        "deadline_list_district": (lambda: compliance.listing(store, PERIOD, TODAY, "late"), None),
        "deadline_list_own_settlement": (
            lambda: compliance.listing(
                store, Filters(PERIOD.start, PERIOD.end, settlements=(PETROVKA,)), TODAY, "late"
            ),
            None,
        ),
        "review_queue": (lambda: review.queue(store), None),
    }


def _other_block_measure(store) -> int:
    """A measure on a theme outside the housing leader's blocks, and outside Petrovka."""
    with access.acting(access.SYSTEM):
        return measures.create(store, _measure(["education"], [OTHER]), "подготовка")


CASES = [(action, who) for action in EXPECTED for who in sorted(EVERY | {"nobody"})]


@pytest.mark.parametrize(("action", "who"), CASES, ids=[f"{a}-{w}" for a, w in CASES])
def test_role_matrix(sample_store, tmp_path, action, who):
    store = sample_store
    users = _users(store)
    call, probe = _actions(store, tmp_path)[action]
    before = probe() if probe else None
    user = None if who == "nobody" else users[who]
    with access.acting(user):
        if who in EXPECTED[action]:
            result = call()
            if probe:
                assert probe() != before, "разрешённое действие ничего не изменило"
            else:
                assert len(result) > 0, "разрешённое чтение ничего не вернуло"
        else:
            with pytest.raises(access.AccessDenied) as refused:
                call()
            assert "Нет прав" in str(refused.value) or "войдите" in str(refused.value).lower()
            if probe:
                assert probe() == before, "отказанное действие всё же изменило хранилище"


def test_every_allowed_action_leaves_an_audit_entry(sample_store, tmp_path):
    store = sample_store
    actions = _actions(store, tmp_path)
    before = store.scalar("select count(*) from audit_log")
    with access.acting(_users(store)["curator"]):
        for name in (
            "import_fz59",
            "undo_pos",
            "save_profile_fz59",
            "correct_own_theme",
            "measure_own_theme_own_settlement",
            "rule_change",
            "rating_weights",
            "indicator_value",
            "user_create",
            "retention_set",
            "retention_purge",
        ):
            actions[name][0]()
    log = store.query("select login, action from audit_log order by entry_id")
    new = log.iloc[before:]
    assert set(new["login"]) == {"cur"}
    assert {
        "import",
        "undo",
        "profile_saved",
        "correction",
        "measure_created",
        "rule_changed",
        "weights_changed",
        "indicator_value",
        "user_saved",
        "retention_set",
        "purge",
    } <= set(new["action"])
