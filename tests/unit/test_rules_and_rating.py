"""Rule versions, deadlines around holidays, and the rating on a hand-computed example."""

from datetime import date, datetime

import pandas as pd
import pytest

from mcu_data.analytics import rating
from mcu_data.core.deadlines import due_date
from mcu_data.ingest import rules

RULES = pd.DataFrame(
    [
        {
            "rule_id": 5,
            "source_code": "pos",
            "theme_code": None,
            "stage": "answer",
            "amount": 10,
            "unit": "working_days",
            "valid_from": date(2020, 11, 10),
            "version": 1,
        },
        {
            "rule_id": 20,
            "source_code": "pos",
            "theme_code": None,
            "stage": "answer",
            "amount": 5,
            "unit": "working_days",
            "valid_from": date(2026, 6, 1),
            "version": 2,
        },
        {
            "rule_id": 21,
            "source_code": "pos",
            "theme_code": "roads",
            "stage": "answer",
            "amount": 20,
            "unit": "calendar_days",
            "valid_from": date(2026, 1, 1),
            "version": 1,
        },
    ]
)


def test_rule_version_follows_the_registration_date_and_theme_rules_win():
    starts = pd.Series(pd.to_datetime(["2026-05-31 10:00", "2026-06-01 09:00", "2026-07-01 09:00", "2025-12-31 10:00"]))
    themes = pd.Series(["housing", "housing", "roads", "roads"])
    picked = rules.pick(RULES, "pos", "answer", themes, starts)
    assert list(picked) == [5, 20, 21, 5]
    due = rules.due_by_rules(RULES, picked, starts)
    assert due.iloc[1] == pd.Timestamp("2026-06-08 23:59:59")  # 5 working days after Monday 01.06; 12.06 is later
    assert due.iloc[2] == pd.Timestamp("2026-07-21 23:59:59")  # 20 calendar days


def test_no_rule_no_deadline():
    picked = rules.pick(RULES, "im", "answer", pd.Series(["roads"]), pd.Series(pd.to_datetime(["2026-07-01"])))
    assert picked.isna().all()


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        # 27.04.2024 a working Saturday, 29.04 and 30.04 days off, 01.05 a holiday
        (datetime(2024, 4, 26, 12), 2, "working_days", datetime(2024, 5, 2, 23, 59, 59)),
        # a calendar deadline may fall on a holiday: 59-ФЗ counts calendar days
        (datetime(2026, 12, 2, 12), 30, "calendar_days", datetime(2027, 1, 1, 23, 59, 59)),
        # an extension of 30 days adds to the original deadline
        (datetime(2027, 1, 1, 23, 59, 59), 30, "calendar_days", datetime(2027, 1, 31, 23, 59, 59)),
        # working hours across a holiday: 8 hours from Friday 10:00 before 4 November 2026 (Wednesday)
        (datetime(2026, 11, 3, 16, 0), 8, "working_hours", datetime(2026, 11, 5, 16, 0)),
    ],
)
def test_deadline_cases(start, amount, unit, expected):
    assert due_date(start, amount, unit) == expected


def _table(**columns) -> pd.DataFrame:
    """A compliance table as per_recipient returns it, with the columns the rating reads."""
    base = {
        "late": 0,
        "open_past_due": 0,
        "with_outcome": 0,
        "substantive": 0,
        "rated": 0,
        "satisfaction_sum": 0,
        "repeats": 0,
    }
    frame = pd.DataFrame(columns)
    for name, value in base.items():
        if name not in frame:
            frame[name] = value
    return frame


WEIGHTS = pd.DataFrame(
    {
        "component": ["timeliness", "completeness", "satisfaction", "repeats", "volume"],
        "weight": [0.35, 0.30, 0.20, 0.15, 0.0],
        "target": [0.95, 0.90, 4.0, 0.05, 1.0],
    }
)


def test_hand_computed_rating():
    current = _table(
        recipient_code=["a", "b", "c", "none"],
        received=[100, 50, 3, 40],
        on_time=[76, 20, 3, 10],  # a: 76 / (76 + 4 + 0) = 0.95; b: 20 / (20 + 10 + 10) = 0.50
        late=[4, 10, 0, 0],
        open_past_due=[0, 10, 0, 0],
        with_outcome=[80, 40, 3, 10],
        substantive=[72, 20, 3, 10],  # 0.90 and 0.50
        rated=[20, 10, 0, 0],
        satisfaction_sum=[80, 20, 0, 0],  # means 4.0 and 2.0
        repeats=[5, 10, 0, 0],  # 0.05 and 0.20
    )
    result = rating.rate(current, pd.DataFrame(), WEIGHTS).set_index("recipient_code")
    # a meets every target: 100; b: 100 × (0.35 × 0.5/0.95 + 0.30 × 0.5/0.9 + 0.20 × 0.5 + 0.15 × 0.25)
    expected_b = 100 * (0.35 * (0.5 / 0.95) + 0.30 * (0.5 / 0.9) + 0.20 * 0.5 + 0.15 * 0.25)
    assert result.loc["a", "score"] == pytest.approx(100.0)
    assert result.loc["b", "score"] == pytest.approx(expected_b)
    assert list(result["rank"].dropna()) == [1, 2]
    assert result.loc["c", "unranked"] == "few_appeals" and pd.isna(result.loc["c", "rank"])  # 3 appeals are too few
    assert "none" not in result.index  # appeals with no recipient are never rated


def test_silence_is_not_punctuality():
    """A recipient who never answers gets no credit for timeliness: open past due counts against it."""
    current = _table(recipient_code=["quiet"], received=[10], on_time=[0], open_past_due=[10], with_outcome=[0])
    values = rating.component_values(current)
    assert values.loc[0, "timeliness"] == 0.0
    assert pd.isna(values.loc[0, "completeness"])  # no answers: nothing to judge
    result = rating.rate(current, pd.DataFrame(), WEIGHTS)
    assert result.loc[0, "unranked"] == "no_base"  # without completeness a place means nothing


def test_scores_are_capped_and_direction_aware():
    values = pd.DataFrame(
        {"timeliness": [1.0], "completeness": [1.0], "satisfaction": [5.0], "repeats": [0.0], "volume": [10.0]}
    )
    scores = rating.component_scores(
        values, {"timeliness": 0.5, "completeness": 0.9, "satisfaction": 4.0, "repeats": 0.05, "volume": 20.0}
    )
    assert scores.loc[0, "timeliness"] == 1.0  # twice the target counts as the target, never more
    assert scores.loc[0, "repeats"] == 1.0  # no repeats at all meets the target in full
    assert scores.loc[0, "volume"] == 1.0  # 20 / 10 = 2, capped
    assert rating.composite(scores, dict(zip(WEIGHTS["component"], WEIGHTS["weight"], strict=True)))[0] == 100.0


@pytest.mark.parametrize(("minimum", "ranked"), [(5, True), (11, False)])
def test_the_minimum_number_of_appeals_is_a_setting(minimum, ranked):
    current = _table(recipient_code=["a"], received=[10], on_time=[10], with_outcome=[10], substantive=[10])
    result = rating.rate(current, pd.DataFrame(), WEIGHTS, min_appeals=minimum)
    assert (result.loc[0, "unranked"] == "") is ranked


def test_change_against_previous_period():
    cur = _table(recipient_code=["a"], received=[10], on_time=[10], with_outcome=[10], substantive=[10])
    prev = cur.assign(on_time=[5], late=[5])
    weights = pd.DataFrame(
        {
            "component": ["timeliness", "completeness", "satisfaction", "repeats", "volume"],
            "weight": [1.0, 0.0, 0.0, 0.0, 0.0],
            "target": [1.0, 1.0, 4.0, 0.05, 1.0],
        }
    )
    result = rating.rate(cur, prev, weights)
    assert result.loc[0, "change"] == pytest.approx(50.0)  # 100 points now, 50 before
