"""Every deadline figure reconciles with the list behind it; rule edits make versions; late recipients rank last."""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from mcu_data.analytics import compliance, rating
from mcu_data.core.filters import Filters
from mcu_data.ingest import rules
from mcu_data.sample.generate import FORMAL_SHARE, LATE_SHARE
from mcu_data.store import Store
from tests import oracle

END = date(2026, 11, 26)
AS_OF = datetime(2026, 11, 26, 12, 0)
F90 = Filters(END - timedelta(days=89), END)


def test_figures_reconcile_with_their_lists(store: Store):
    table = compliance.per_recipient(store, F90, AS_OF).set_index("recipient_code")
    for kind, column in (
        ("late", "late"),
        ("on_time", "on_time"),
        ("overdue_now", "overdue_now"),
        ("due_soon", "due_soon"),
        ("formal", "formal"),
    ):
        assert len(compliance.listing(store, F90, AS_OF, kind)) == table[column].sum(), kind
        worst = table[column].idxmax()
        assert len(compliance.listing(store, F90, AS_OF, kind, worst)) == table.loc[worst, column], (kind, worst)


def test_figures_match_pandas(store: Store):
    df = store.query("select * from appeal")
    period = df[
        (df["received_at"] >= pd.Timestamp(F90.start))
        & (df["received_at"] < pd.Timestamp(END + timedelta(days=1)))
        & (df["received_at"] <= AS_OF)
    ]
    state = oracle.states(period, AS_OF)
    table = compliance.per_recipient(store, F90, AS_OF)
    for name in ("on_time", "late", "open_past_due", "not_yet_due", "closed_no_answer", "answered_no_due"):
        assert table[name].sum() == int((state == name).sum()), name
    answered = period["first_answer_at"].notna() & (period["first_answer_at"] <= AS_OF)
    days = ((period["first_answer_at"] - period["received_at"]).dt.total_seconds() / 86400).where(answered)
    one = table.set_index("recipient_code").loc["adm_housing"]
    mine = days[period["recipient_code"] == "adm_housing"].dropna()
    assert one["median_days"] == pytest.approx(mine.median(), abs=0.01)
    assert one["p90_days"] == pytest.approx(mine.quantile(0.9), abs=0.01)


def test_accelerated_resolution_counts_social_themes_only(store: Store):
    acc = compliance.accelerated(store, F90, "theme", AS_OF)
    assert "economy" not in set(acc["key"]) and "other" not in set(acc["key"])
    assert (acc["accelerated_solved"] <= acc["accelerated_base"]).all()


def test_late_and_formal_recipients_rank_last(store: Store):
    year = Filters(END - timedelta(days=364), END)
    current = compliance.per_recipient(store, year, AS_OF)
    ranked = rating.ranked(
        rating.rate(current, compliance.per_recipient(store, year.previous(), AS_OF), rating.weights(store))
    )
    bottom = set(ranked.sort_values("rank").tail(7)["recipient_code"])
    assert bottom <= set(LATE_SHARE) | set(FORMAL_SHARE)


def test_a_rule_change_is_a_new_version_for_new_appeals_only(empty_store: Store):
    from mcu_data.ingest.loader import import_bytes
    from tests.files import csv_bytes

    header = ["ID", "Дата создания", "Источник", "Текст"]
    import_bytes(empty_store, csv_bytes([header, ["IM-1", "2026-11-02 10:00:00", "ВКонтакте", "Яма"]]), "a.csv")
    change = rules.change(empty_store, "im", "answer", 3, "working_days", "Решение МЦУ", valid_from=date(2026, 11, 10))
    assert change.version == 2
    import_bytes(empty_store, csv_bytes([header, ["IM-2", "2026-11-12 10:00:00", "ВКонтакте", "Яма"]]), "b.csv")
    got = dict(empty_store.rows("select source_id, due_rule_id from appeal"))
    assert got["IM-1"] == 7 and got["IM-2"] == change.rule_id
    due = empty_store.scalar("select due_at from appeal where source_id = 'IM-2'")
    assert due == datetime(2026, 11, 17, 23, 59, 59)
    assert rules.current(empty_store).query("source_code == 'im' and stage == 'answer'")["version"].tolist() == [2]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": 0}, "Срок должен быть"),
        ({"unit": "weeks"}, "единица"),
        ({"basis_ru": " "}, "основание"),
        ({"source_code": "x"}, "канал"),
        ({"theme_code": "nope"}, "тема"),
    ],
)
def test_rule_changes_are_validated(empty_store: Store, kwargs, message):
    args = {"source_code": "pos", "stage": "answer", "amount": 10, "unit": "working_days", "basis_ru": "тест"} | kwargs
    with pytest.raises(rules.RuleError, match=f"(?i){message}"):
        rules.change(empty_store, **args)
