"""The sample measures: two worked, one did not, and the estimate says so; tables round-trip through CSV and Excel."""

from datetime import date

import pytest

from mcu_data.reports.exports import to_csv_bytes, to_xlsx_bytes
from mcu_data.roadmaps import effect, measures
from mcu_data.store import Store

TODAY = date(2026, 11, 26)


def names(store: Store) -> tuple[dict, dict]:
    return dict(store.rows("select code, name_ru from theme")), dict(
        store.rows("select oktmo, name_ru from settlement")
    )


def test_sample_measures_are_judged_as_the_story_goes(sample_store: Store):
    items = measures.all_measures(sample_store, TODAY)
    assert len(items) == 5
    assert sorted(items["state"]) == ["done", "done", "done", "in_progress", "overdue"]
    verdicts = {}
    for m in items[items["status"] == "done"].itertuples():
        verdicts[m.title] = effect.estimate(
            **effect.counts(sample_store, list(m.theme_codes), list(m.settlement_oktmos), m.done_date, TODAY)
        ).verdict
    assert verdicts == {
        "Замена насоса и ремонт водокачки в Заплавном": "decreased",  # the outage ended with the repair
        "Ремонт котельной в Гвардейцах": "decreased",
        "Ямочный ремонт улиц в Гвардейцах": "unchanged",  # fewer appeals, but everywhere: the season
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_and_reimport_changes_nothing_but_versions(sample_store: Store, fmt: str):
    themes, places = names(sample_store)
    before = measures.all_measures(sample_store, TODAY)
    table = measures.to_table(before, themes, places)
    data = to_csv_bytes(table) if fmt == "csv" else to_xlsx_bytes(table, "Мероприятия")
    result = measures.import_table(sample_store, data, f"m.{fmt}", "тест", themes, places)
    assert (result.created, result.updated) == (0, 5)
    after = measures.all_measures(sample_store, TODAY)
    for col in ("title", "status", "progress", "start_date", "deadline", "done_date", "official"):
        assert before[col].tolist() == after[col].tolist(), col
    assert (after["row_version"] == before["row_version"] + 1).all()


def test_a_bad_table_changes_nothing_and_names_each_row(sample_store: Store):
    themes, places = names(sample_store)
    table = measures.to_table(measures.all_measures(sample_store, TODAY), themes, places).drop(columns="№")
    table.loc[0, "Темы"] = "Космос"
    table.loc[2, "Срок"] = "завтра"
    before = sample_store.scalar("select count(*) from measure")
    with pytest.raises(measures.MeasureError) as err:
        measures.import_table(sample_store, to_csv_bytes(table), "bad.csv", "тест", themes, places)
    assert "строка 2" in str(err.value) and "Космос" in str(err.value) and "строка 4" in str(err.value)
    assert sample_store.scalar("select count(*) from measure") == before


def test_a_measure_with_no_settlements_covers_the_whole_district(sample_store: Store):
    everywhere = [r[0] for r in sample_store.rows("select oktmo from settlement")]
    done = date(2026, 7, 19)
    empty = effect.counts(sample_store, ["housing"], [], done, TODAY)
    assert empty == effect.counts(sample_store, ["housing"], everywhere, done, TODAY)
    assert empty["before"] > 0 and empty["control_before"] == 0
    series = effect.series(sample_store, ["housing"], [], done)
    assert set(series["grp"]) == {"treated"}
    assert series["n"].sum() == effect.series(sample_store, ["housing"], everywhere, done)["n"].sum()
