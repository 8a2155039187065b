"""Filters in the address: a link sets the sidebar, codes the visitor may not choose are dropped with a notice."""

from __future__ import annotations

from datetime import date

from mcu_data.app import links

OFFERED = links.Choices(
    periods=("7", "30", "90", "365", "custom"),
    lists={
        "theme": ("waste", "roads", "housing"),
        "settlement": ("36612428", "36612436"),
        "source": ("pos", "im", "fz59"),
        "recipient": ("housing_dept",),
    },
    first_day=date(2025, 1, 1),
    last_day=date(2026, 11, 26),
)


def test_a_link_sets_every_filter_it_names():
    state, notices = links.from_address(
        {"period": "custom", "from": "01.11.2026", "to": "26.11.2026", "theme": "waste,roads", "source": "pos"},
        OFFERED,
    )
    assert state == {
        "flt_period": "custom",
        "flt_dates": (date(2026, 11, 1), date(2026, 11, 26)),
        "flt_themes": ["waste", "roads"],
        "flt_sources": ["pos"],
    }
    assert notices == []


def test_what_the_role_does_not_offer_is_dropped_with_a_notice():
    head = links.Choices(OFFERED.periods, {**OFFERED.lists, "settlement": ("36612436",)}, OFFERED.first_day,
                         OFFERED.last_day)  # fmt: skip
    state, notices = links.from_address({"settlement": "36612428", "theme": "waste,секрет", "period": "5"}, head)
    assert state == {"flt_themes": ["waste"]}
    assert len(notices) == 1
    assert "период «5»" in notices[0] and "темы" in notices[0] and "поселения" in notices[0]


def test_bad_dates_fall_back_to_the_default_period():
    state, notices = links.from_address({"period": "custom", "from": "31.02.2026", "to": "26.11.2026"}, OFFERED)
    assert "flt_period" not in state and "flt_dates" not in state
    assert "даты периода" in notices[0]


def test_the_address_round_trips_and_leaves_defaults_out():
    state = {
        "flt_period": "custom",
        "flt_dates": (date(2026, 11, 1), date(2026, 11, 26)),
        "flt_themes": ["waste"],
        "flt_settlements": [],
        "flt_sources": None,
        "flt_recipients": ["housing_dept"],
    }
    address = links.to_address(state)
    assert address == {"period": "custom", "from": "01.11.2026", "to": "26.11.2026", "theme": "waste",
                       "recipient": "housing_dept"}  # fmt: skip
    assert links.from_address(address, OFFERED)[0] == {k: v for k, v in state.items() if v}
    assert links.to_address({"flt_period": "30"}) == {}


def test_the_heat_maps_own_choices_in_its_address():
    # a link «columns: weeks, map: change»; an unknown metric is left to the page's default
    asked = links.page_choices_from_address("heatmap", {"axis": "week", "metric": "bogus", "map": "change_pct"})
    assert asked == {"hm_axis": "week", "hm_map_metric": "change_pct"}
    assert links.page_choices_from_address("overview", {"axis": "week"}) == {}  # the overview has no such choice
    state = {"hm_axis": "recipient", "hm_metric": "count", "hm_map_metric": "per_1000"}
    assert links.page_choices_to_address("heatmap", state) == {"axis": "recipient"}  # defaults are left out
    assert links.page_choices_to_address("heatmap", {"hm_axis": None}) == {}
