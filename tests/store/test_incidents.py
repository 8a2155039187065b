"""Incidents in the store: an import groups one problem's messages, people's corrections survive regrouping, and the
heat map's incident counts are the lists behind them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from mcu_data.analytics import heatmap
from mcu_data.core.filters import Filters
from mcu_data.ingest import loader
from mcu_data.signals import incident_store
from tests.files import FZ59_HEADER, csv_bytes, fz59_row

PETROVKA_HOME = "Самарская обл., Борский р-н, с. Петровка, ул. Садовая, д. 3"
# written by hand: three messages about one burst pipe on Мира, 14 in Петровка (one the next morning), and three
# other problems: street lights on another street, a pothole on a third, a burst pipe in another village
MESSAGES = [
    (
        "П-1",
        "03.11.2026",
        "В с. Петровка на ул. Мира у д. 14 порыв водопровода, воды нет с утра, вода течёт по дороге.",
    ),
    ("П-2", "03.11.2026", "Петровка, ул. Мира, д. 14: прорвало водопровод, в домах нет воды, по дороге бежит ручей."),
    ("П-3", "04.11.2026", "Второй день нет воды на ул. Мира в Петровке после порыва водопровода у дома 14."),
    ("П-4", "03.11.2026", "В Петровке на ул. Садовой третью неделю не горят фонари уличного освещения."),
    ("П-5", "05.11.2026", "В Петровке на ул. Полевой у д. 3 глубокая яма на дороге, прошу заделать."),
    ("У-1", "03.11.2026", "В с. Усманка на ул. Центральной порыв водопровода, воды нет с утра."),
]
AS_OF = datetime(2026, 11, 30, 23, 59)
PERIOD = Filters(date(2026, 11, 1), date(2026, 11, 30))


def _import(store):
    rows = [FZ59_HEADER]
    for reg, received, text in MESSAGES:
        row = fz59_row(reg, received=received, text=text)
        if reg.startswith("У"):
            row[4] = "Самарская обл., Борский р-н, с. Усманка, ул. Садовая, д. 3"
        rows.append(row)
    return loader.import_bytes(store, csv_bytes(rows, encoding="cp1251", sep=";"), "реестр.csv", profile_code="fz59")


def _incident_of(store) -> dict[str, int]:
    frame = store.query("select a.source_id, ai.incident_id from appeal a join appeal_incident ai using (appeal_id)")
    return dict(zip(frame["source_id"], frame["incident_id"].astype(int), strict=True))


def test_the_import_groups_one_problem_and_keeps_the_others_apart(empty_store):
    _import(empty_store)
    inc = _incident_of(empty_store)
    assert len(inc) == 6  # every message has an incident, a lone one too
    assert inc["П-1"] == inc["П-2"] == inc["П-3"]
    assert len({inc["П-1"], inc["П-4"], inc["П-5"], inc["У-1"]}) == 4


def test_a_split_and_a_merge_outlive_every_regrouping(empty_store):
    _import(empty_store)
    inc = _incident_of(empty_store)
    ids = dict(empty_store.query("select source_id, appeal_id from appeal").itertuples(index=False))
    incident_store.split(empty_store, inc["П-1"], [int(ids["П-3"])])
    incident_store.merge(empty_store, [inc["П-1"], inc["П-4"]])
    incident_store.regroup_all(empty_store)
    after = _incident_of(empty_store)
    assert after["П-1"] == after["П-2"] == after["П-4"]  # the pipe keeps its number and takes the lights in
    assert after["П-1"] == inc["П-1"]
    assert after["П-3"] not in (after["П-1"], after["П-5"], after["У-1"])
    actions = empty_store.query("select action from audit_log where action like 'incident_%' order by 1")["action"]
    assert actions.tolist() == ["incident_merge", "incident_split"]


def test_a_split_needs_some_but_not_all_messages(empty_store):
    _import(empty_store)
    inc = _incident_of(empty_store)
    with pytest.raises(ValueError, match="не все сообщения"):
        incident_store.split(empty_store, inc["П-4"], [])


def test_incident_counts_of_the_heat_map_are_the_lists_behind_them(empty_store):
    _import(empty_store)
    cells = heatmap.cells(empty_store, PERIOD, "settlement", AS_OF, unit="incident")
    messages = heatmap.cells(empty_store, PERIOD, "settlement", AS_OF)
    for cell in cells[cells["n"] > 0].itertuples():
        narrowed = replace(PERIOD, themes=(cell.theme_code,), settlements=(cell.col_key,))
        listed = incident_store.incidents(empty_store, narrowed, AS_OF)
        assert cell.n == len(listed)
        by_message = messages[(messages["theme_code"] == cell.theme_code) & (messages["col_key"] == cell.col_key)]
        assert int(listed["messages"].sum()) == int(by_message["n"].iloc[0])
    # by hand: Петровка has 5 messages in 3 incidents, Усманка 1 in 1
    per_settlement = cells.groupby("col_key")["n"].sum()
    assert per_settlement.get("36612436") == 3 and per_settlement.get("36612452") == 1


def test_on_the_sample_every_cell_counts_its_incidents_as_the_list_does(store):
    filters = Filters(date(2026, 10, 28), date(2026, 11, 26))
    as_of = datetime(2026, 11, 26, 23, 59)
    cells = heatmap.cells(store, filters, "settlement", as_of, unit="incident")
    top = cells[cells["col_key"] != heatmap.NO_KEY].sort_values("n", ascending=False).head(5)
    for cell in top.itertuples():
        narrowed = replace(filters, themes=(cell.theme_code,), settlements=(cell.col_key,))
        assert cell.n == len(incident_store.incidents(store, narrowed, as_of))


def test_a_large_import_is_grouped_later_by_the_servers_job_into_the_same_incidents(empty_store, monkeypatch):
    from mcu_data.server import grouper, process

    monkeypatch.setenv("MCU_GROUP_INLINE_ROWS", "5")  # these six messages count as a large import
    report = _import(empty_store)
    assert _incident_of(empty_store) == {}  # nothing grouped inside the import: each message counts alone
    assert loader.GROUPED_LATER in report.warnings
    assert incident_store.pending_from(empty_store) == date(2026, 11, 3)
    monkeypatch.setattr(process, "store", lambda: empty_store)
    job = grouper.Grouper()
    assert job.round() == 6  # the week of 03.11: every message at once
    inc = _incident_of(empty_store)
    # the same incidents as the import groups (the test above, worked out by hand)
    assert len(inc) == 6 and inc["П-1"] == inc["П-2"] == inc["П-3"]
    assert len({inc["П-1"], inc["П-4"], inc["П-5"], inc["У-1"]}) == 4
    assert incident_store.pending_from(empty_store) is None
    assert job.round() == 0  # nothing left, and the store unchanged since: no look at all
