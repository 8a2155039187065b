"""Heat-map cells agree with pandas, a cell's drill-down lists exactly its appeals, spikes become growth points."""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from mcu_data.analytics import growth, heatmap
from mcu_data.core.filters import Filters
from mcu_data.sample.generate import DEFAULT_END, spikes_for
from mcu_data.store import Store

END = date(2026, 11, 26)
AS_OF = datetime(2026, 11, 26, 23, 59, 59)
F30 = Filters(END - timedelta(days=29), END)


@pytest.mark.parametrize("axis", heatmap.AXES)
def test_cells_match_pandas(store: Store, axis: str):
    cells = heatmap.cells(store, F30, axis, AS_OF)
    df = store.query("select * from appeal")
    period = df[
        (df["received_at"] >= pd.Timestamp(F30.start)) & (df["received_at"] < pd.Timestamp(END + timedelta(days=1)))
    ]
    assert cells["n"].sum() == len(period)
    col = {"settlement": "settlement_oktmo", "recipient": "recipient_code"}.get(axis)
    if col:
        expected = period.groupby(["theme_code", period[col].fillna("none")]).size()
        got = cells[cells["n"] > 0].set_index(["theme_code", "col_key"])["n"]
        assert got.sort_index().to_dict() == expected.sort_index().to_dict()


@pytest.mark.parametrize("axis", heatmap.AXES)
def test_drill_down_lists_exactly_the_cell(store: Store, axis: str):
    cells = heatmap.cells(store, F30, axis, AS_OF)
    sample = cells[cells["n"] > 0].sort_values("n", ascending=False).head(5)
    for cell in sample.itertuples():
        listed = heatmap.cell_appeals(store, F30, axis, cell.theme_code, cell.col_key, AS_OF)
        assert len(listed) == cell.n
        assert set(listed["theme_code"]) == {cell.theme_code}
        assert listed["appeal_id"].is_unique


def test_drill_down_of_the_undetermined_column(store: Store):
    cells = heatmap.cells(store, Filters(END - timedelta(days=364), END), "settlement", AS_OF)
    none_cells = cells[(cells["col_key"] == heatmap.NO_KEY) & (cells["n"] > 0)]
    assert not none_cells.empty
    cell = none_cells.iloc[0]
    listed = heatmap.cell_appeals(
        store, Filters(END - timedelta(days=364), END), "settlement", cell["theme_code"], "none", AS_OF
    )
    assert len(listed) == cell["n"] and listed["settlement_oktmo"].isna().all()


def test_injected_spikes_are_growth_points(store: Store):
    for spike in spikes_for(DEFAULT_END):
        week_end = min(spike.start + timedelta(days=spike.days - 1), DEFAULT_END)
        found = growth.detect(growth.weekly_counts(store, Filters(week_end, week_end), week_end))
        keys = set(zip(found["settlement_oktmo"], found["theme_code"], strict=True))
        theme = {
            "Холодное водоснабжение": "housing",
            "Ямы и ремонт дорог": "roads",
            "Отопление": "housing",
            "Вывоз мусора": "waste",
        }[spike.subtheme]
        assert (spike.settlement, theme) in keys, (spike, found)


@pytest.mark.parametrize("week_end", [date(2026, 3, 10), date(2025, 10, 10), date(2026, 9, 20), date(2025, 6, 1)])
def test_quiet_weeks_show_no_growth(store: Store, week_end: date):
    assert growth.detect(growth.weekly_counts(store, Filters(week_end, week_end), week_end)).empty


def test_drivers_of_the_water_outage(store: Store):
    spike = spikes_for(DEFAULT_END)[0]
    week_end = spike.start + timedelta(days=spike.days - 1)
    found = growth.drivers(store, Filters(week_end, week_end), week_end, "housing", spike.settlement)
    assert found["subtopics"].index[0] == "Холодное водоснабжение"
    assert "воды" in found["words"] or "водокачка" in found["words"] or any("вод" in w for w in found["words"])
