"""ПОС ratings and answer time on a hand-made set: every expected count, share and median is worked out here by hand."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from mcu_data import access
from mcu_data.analytics import satisfaction as sat
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters
from mcu_data.reports import weekly_note
from mcu_data.store import Store

T = datetime(2026, 11, 8, 23, 59, 59)  # «данные на»: the end of the period
PERIOD = Filters(date(2026, 11, 1), date(2026, 11, 8))
PETROVKA, GVARDEYTSY = "36612436", "36612412"
DAYS = 5  # the answer-time target of this test: 6 and 7 days are over it, 4.5 days of waiting are not

# (id, source, recipient, settlement, theme, received, first answer, rating) — days to answer in the comment
APPEALS = [
    (1, "pos", "adm_housing", PETROVKA, "housing", "2026-11-01 10:00", "2026-11-03 10:00", 5),  # 2 days
    (2, "pos", "adm_housing", PETROVKA, "housing", "2026-11-01 10:00", "2026-11-05 10:00", 4),  # 4 days
    (3, "pos", "adm_housing", PETROVKA, "housing", "2026-11-01 10:00", "2026-11-07 10:00", 2),  # 6 days
    (4, "pos", "adm_housing", PETROVKA, "housing", "2026-11-02 10:00", "2026-11-02 22:00", 5),  # half a day
    (5, "pos", "sp_petrovka", PETROVKA, "roads", "2026-11-01 10:00", "2026-11-08 10:00", 1),  # 7 days
    (6, "pos", "sp_petrovka", PETROVKA, "roads", "2026-11-01 12:00", "2026-11-03 12:00", 3),  # 2 days
    (7, "pos", "sp_petrovka", PETROVKA, "roads", "2026-11-01 12:00", "2026-11-04 12:00", None),  # 3 days, no rating
    (8, "pos", "sp_petrovka", GVARDEYTSY, "roads", "2026-11-04 12:00", None, None),  # waits 4.5 days: under 5
    (9, "pos", "sp_petrovka", GVARDEYTSY, "roads", "2026-11-01 08:00", None, None),  # waits 7.7 days: over 5
    (10, "im", "adm_housing", PETROVKA, "housing", "2026-11-02 10:00", "2026-11-03 10:00", 1),  # not ПОС
    (11, "pos", "adm_housing", PETROVKA, "housing", "2026-10-30 10:00", "2026-10-31 10:00", 1),  # before the period
    (12, "pos", "sp_petrovka", PETROVKA, "roads", "2026-11-05 12:00", "2026-11-09 12:00", 5),  # answered after T
]


def _insert(store: Store) -> None:
    frame = pd.DataFrame(
        APPEALS, columns=["i", "source", "recipient", "settlement", "theme", "received", "answer", "rating"]
    ).astype({"rating": "Int16"})
    with store.transaction() as tx:
        batch = tx.scalar(
            "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, status) "
            "values ('pos', 'test', 't', '-', now(), 'done') returning batch_id"
        )
        tx.register("rows_in", frame)
        tx.execute(
            "insert into appeal (source_code, source_id, channel_code, kind_code, received_at, first_answer_at, "
            "status_code, theme_code, settlement_oktmo, recipient_code, author_type, is_collective, is_repeat, "
            "satisfaction, batch_id, theme_provenance, theme_confidence, content_hash, updated_at) "
            "select source, 'S-' || i, 'gosuslugi', 'message', received::timestamp, answer::timestamp, "
            "case when answer is null then 'in_progress' else 'answered' end, theme, settlement, recipient, "
            "'citizen', false, false, rating, ?, 'given', 1.0, '-', now() from rows_in",
            [batch],
        )


@pytest.fixture
def figures(empty_store: Store) -> pd.DataFrame:
    _insert(empty_store)
    return sat.pos_figures(empty_store, PERIOD, T, DAYS).set_index(["grouped_by", "key"])


def _ratings(row: pd.Series) -> list[int]:
    return [int(row[f"pos_rating_{k}"]) for k in d.POS_RATINGS]


def test_the_district_distribution_and_shares(figures):
    total = figures.loc[("total", "all")]
    # appeals 1–6 are rated: 5, 4, 2, 5, 1, 3; the ИМ one, the one before the period and the one answered after T
    # are not counted
    assert _ratings(total) == [1, 1, 1, 1, 2]
    assert total["pos_rated"] == 6 and total["pos_satisfied"] == 3
    assert [total[f"pos_rating_{k}_share"] for k in d.POS_RATINGS] == pytest.approx([1 / 6, 1 / 6, 1 / 6, 1 / 6, 2 / 6])
    assert total["pos_satisfied_share"] == pytest.approx(0.5)
    assert total["pos_mean"] == pytest.approx(20 / 6)
    # ПОС messages of the period: 1–9 and 12; answered by T: 1–7 in 2, 4, 6, 0.5, 7, 2 and 3 days
    assert total["pos_received"] == 10 and total["pos_answered"] == 7
    assert total["pos_within"] == 5  # 2, 4, 0.5, 2, 3
    assert total["pos_waiting_beyond"] == 1  # appeal 9; appeals 8 and 12 wait less than 5 days at T
    assert total["pos_within_share"] == pytest.approx(5 / 8)
    assert total["pos_median_days"] == pytest.approx(3.0)  # of 0.5, 2, 2, 3, 4, 6, 7


def test_per_recipient(figures):
    housing = figures.loc[("recipient", "adm_housing")]
    assert _ratings(housing) == [0, 1, 0, 1, 2]  # 5, 4, 2, 5
    assert housing["pos_satisfied_share"] == pytest.approx(3 / 4)
    assert housing["pos_mean"] == pytest.approx(4.0)
    assert (housing["pos_answered"], housing["pos_within"], housing["pos_waiting_beyond"]) == (4, 3, 0)
    assert housing["pos_within_share"] == pytest.approx(3 / 4)
    assert housing["pos_median_days"] == pytest.approx(3.0)  # of 0.5, 2, 4, 6
    petrovka = figures.loc[("recipient", "sp_petrovka")]
    assert _ratings(petrovka) == [1, 0, 1, 0, 0]  # 1, 3
    assert petrovka["pos_satisfied_share"] == 0.0
    assert petrovka["pos_received"] == 6  # 5, 6, 7, 8, 9, 12
    assert (petrovka["pos_answered"], petrovka["pos_within"], petrovka["pos_waiting_beyond"]) == (3, 2, 1)
    assert petrovka["pos_within_share"] == pytest.approx(2 / 4)
    assert petrovka["pos_median_days"] == pytest.approx(3.0)  # of 2, 3, 7


def test_per_theme_and_settlement(figures):
    assert _ratings(figures.loc[("theme", "housing")]) == [0, 1, 0, 1, 2]
    assert _ratings(figures.loc[("theme", "roads")]) == [1, 0, 1, 0, 0]
    village = figures.loc[("settlement", PETROVKA)]
    assert _ratings(village) == [1, 1, 1, 1, 2] and village["pos_received"] == 8
    assert village["pos_within_share"] == pytest.approx(5 / 7)  # nobody in Petrovka waits over 5 days
    far = figures.loc[("settlement", GVARDEYTSY)]
    assert far["pos_rated"] == 0 and pd.isna(far["pos_satisfied_share"])  # no ratings: «—», never 0 %
    assert far["pos_within_share"] == 0.0 and pd.isna(far["pos_median_days"])  # one waits, none answered


def test_the_sidebar_filters_narrow_the_figures(empty_store: Store):
    _insert(empty_store)
    only = Filters(PERIOD.start, PERIOD.end, settlements=(GVARDEYTSY,))
    total = sat.pos_figures(empty_store, only, T, DAYS).set_index(["grouped_by", "key"]).loc[("total", "all")]
    assert (total["pos_received"], total["pos_rated"], total["pos_waiting_beyond"]) == (2, 0, 1)
    housing = Filters(PERIOD.start, PERIOD.end, themes=("housing",))
    total = sat.pos_figures(empty_store, housing, T, DAYS).set_index(["grouped_by", "key"]).loc[("total", "all")]
    assert _ratings(total) == [0, 1, 0, 1, 2]


def test_one_cut_gives_the_same_rows_as_all_cuts(empty_store: Store):
    _insert(empty_store)
    every = sat.pos_figures(empty_store, PERIOD, T, DAYS).set_index(["grouped_by", "key"])
    for cut in sat.BY:
        one = sat.pos_figures(empty_store, PERIOD, T, DAYS, (cut,)).set_index(["grouped_by", "key"])
        assert set(one.index.get_level_values(0)) == {cut, "total"}
        pd.testing.assert_frame_equal(one, every.loc[one.index])
    with pytest.raises(ValueError):
        sat.pos_figures(empty_store, PERIOD, T, DAYS, ("recipient; drop table appeal",))


def test_the_target_of_days_moves_the_share(empty_store: Store):
    _insert(empty_store)
    total = sat.pos_figures(empty_store, PERIOD, T, 8).set_index(["grouped_by", "key"]).loc[("total", "all")]
    # with 8 days every answer is within, and nobody waits longer than 8 days
    assert (total["pos_within"], total["pos_waiting_beyond"]) == (7, 0)
    assert total["pos_within_share"] == 1.0


def test_targets_default_change_audit_and_reach_the_note(empty_store: Store):
    assert (
        sat.targets(empty_store) == sat.Targets(d.POS_SATISFIED_TARGET, d.POS_ANSWER_DAYS_TARGET) == sat.Targets(0.6, 8)
    )
    sat.save_targets(empty_store, 0.7, 10)
    assert sat.targets(empty_store) == sat.Targets(0.7, 10.0)
    assert weekly_note.satisfaction_target(empty_store) == 0.7  # the note's summary reads the configured value
    entry = empty_store.query("select action, details from audit_log where action = 'targets_changed'")
    assert len(entry) == 1 and "0.6 → 0.7" in entry["details"][0] and "8 → 10" in entry["details"][0]


@pytest.mark.parametrize(("share", "days"), [(0.0, 8), (1.5, 8), (0.6, 0), (0.6, 400)])
def test_targets_out_of_range_are_refused(empty_store: Store, share, days):
    with pytest.raises(ValueError):
        sat.save_targets(empty_store, share, days)
    assert sat.targets(empty_store) == sat.Targets(0.6, 8)


@pytest.mark.parametrize("role", ["channel_officer", "sector_leader", "settlement_head", "observer"])
def test_only_the_roles_that_edit_rules_change_the_targets(empty_store: Store, role):
    with access.acting(access.User("x", "x", role, channel="pos", oktmo=PETROVKA)):
        with pytest.raises(access.AccessDenied):
            sat.save_targets(empty_store, 0.7, 10)
    assert sat.targets(empty_store) == sat.Targets(0.6, 8)
    assert empty_store.scalar("select count(*) from audit_log where action = 'targets_changed'") == 0
