"""The presentation deck: turning on the clock, by hand, pausing, and reading its settings from the URL."""

from __future__ import annotations

import pytest

from mcu_data.app import wall_deck as pr


def deck(**kw) -> pr.Deck:
    return pr.Deck(slides=pr.SLIDES, every=30, **{"switched_at": 1000.0, **kw})


def test_slide_turns_only_after_its_time():
    d = deck()
    assert pr.tick(d, 1010.0) == d
    later = pr.tick(d, 1030.0)
    assert later.index == 1 and later.switched_at == 1030.0
    # the timer's tick may come early or late by a run's time: it still turns the slide, once
    assert pr.tick(d, 1027.0).index == 1
    assert pr.tick(d, 1033.0).index == 1
    assert pr.tick(pr.tick(d, 1031.0), 1033.0).index == 1


def test_slides_wrap_around_in_both_directions():
    d = deck(index=len(pr.SLIDES) - 1)
    assert pr.tick(d, 2000.0).index == 0
    assert pr.step(deck(), -1, 1001.0).index == len(pr.SLIDES) - 1


def test_paused_deck_stays_and_resume_gives_full_time():
    paused = pr.toggle_pause(deck(), 1005.0)
    assert paused.paused
    assert pr.tick(paused, 5000.0).index == 0
    resumed = pr.toggle_pause(paused, 6000.0)
    assert not resumed.paused and resumed.switched_at == 6000.0
    assert pr.tick(resumed, 6010.0).index == 0
    assert pr.tick(resumed, 6030.0).index == 1


def test_manual_step_restarts_the_clock():
    d = pr.step(deck(), 1, 1025.0)
    assert d.index == 1
    assert pr.tick(d, 1031.0).index == 1  # 6 s after the click: not yet
    assert pr.tick(d, 1055.0).index == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"present": "1"}, True),
        ({"present": "да"}, True),
        ({"present": ["true"]}, True),
        ({"present": "0"}, False),
        ({}, False),
        ({"present": "<script>"}, False),
    ],
)
def test_presentation_switch_in_the_url(params, expected):
    assert pr.is_on(params) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("45", 45),
        ("3", pr.MIN_EVERY),
        ("100000", pr.MAX_EVERY),
        ("abc", pr.DEFAULT_EVERY),
        (None, pr.DEFAULT_EVERY),
        ("-5", pr.DEFAULT_EVERY),
        ("1e3", pr.DEFAULT_EVERY),
    ],
)
def test_seconds_per_slide_are_read_safely(value, expected):
    assert pr.parse_every(value) == expected


def test_slides_from_the_url_keep_the_show_order_and_drop_unknown_names():
    assert pr.parse_slides("rating,map,DROP TABLE appeal") == ("map", "rating")
    assert pr.parse_slides("") == pr.SLIDES
    assert pr.parse_slides("nonsense") == pr.SLIDES


def test_params_round_trip():
    params = pr.to_params(45, ("roadmaps", "overview"))
    assert params == {"present": "1", "every": "45", "slides": "overview,roadmaps"}
    d = pr.from_params(params, 5.0)
    assert d.slides == ("overview", "roadmaps") and d.every == 45 and d.index == 0
    assert "slides" not in pr.to_params(30, pr.SLIDES)
