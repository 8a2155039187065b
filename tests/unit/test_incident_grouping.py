"""The grouping's own rules, apart from the matcher: people's links win, and numbers stay with the bulk."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from mcu_data.signals import incident_match, incidents

SAME = "В с. Петровка на ул. Мира у дома 14 порыв водопровода, воды нет с утра."


def _frame(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "appeal_id": np.arange(1, len(texts) + 1),
            "received_at": [datetime(2026, 11, 3, 9 + i) for i in range(len(texts))],
            "theme_code": "housing",
            "settlement_oktmo": "36612436",
            "channel_code": "gosuslugi",
            "text_masked": texts,
        }
    )


@pytest.fixture
def matcher_joins_everything(monkeypatch):
    """A matcher that calls every compared pair one problem: what is left apart, the links kept apart."""
    monkeypatch.setattr(incident_match, "may_match", lambda a, b: True)
    monkeypatch.setattr(incident_match, "score", lambda a, b: 1.0)


def _links(rows: list[tuple[int, int, bool]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["appeal_a", "appeal_b", "same_problem"])


def test_a_split_keeps_two_messages_apart_even_through_a_third(matcher_joins_everything):
    g = incidents.group(_frame([SAME, SAME, SAME]), _links([(1, 3, False)])).group
    # pairs join in order (1,2), (1,3), (2,3): 1 and 2 join; 3 may join neither, since 1 is now with 2
    assert g[0] == g[1] and g[2] != g[0]


def test_without_links_the_matcher_decides(matcher_joins_everything):
    g = incidents.group(_frame([SAME, SAME, SAME])).group
    assert len(set(g)) == 1


def test_a_merge_joins_what_the_words_never_would():
    texts = [SAME, "В Петровке на ул. Садовой не горят фонари.", "Школьный автобус в Усманку опять опоздал."]
    plain = incidents.group(_frame(texts)).group
    assert len(set(plain)) == 3  # three problems, no shared words about a problem
    merged = incidents.group(_frame(texts), _links([(1, 3, True)])).group
    assert merged[0] == merged[2] != merged[1]


def test_numbers_stay_with_the_larger_part_and_new_parts_get_none():
    labels = np.array([0, 0, 1, 1, 2])
    previous = pd.Series([7, 7, 7, np.nan, np.nan])
    # group 0 holds two of incident 7's messages, group 1 one: group 0 keeps №7, the others need new numbers
    assert incidents.keep_numbers(labels, previous).tolist() == [7, 7, -1, -1, -1]


def test_two_incidents_merged_keep_one_number_and_free_the_other():
    labels = np.array([0, 0, 0, 1])
    previous = pd.Series([4, 4, 9, 2])
    assert incidents.keep_numbers(labels, previous).tolist() == [4, 4, 4, 2]


def test_messages_far_apart_in_time_are_never_candidates(matcher_joins_everything):
    frame = _frame([SAME, SAME])
    frame.loc[1, "received_at"] = datetime(2026, 11, 3) + pd.Timedelta(days=incident_match.MAX_DAYS + 1)
    result = incidents.group(frame)
    assert result.candidates == 0 and len(set(result.group)) == 2


def test_different_settlements_are_different_blocks(matcher_joins_everything):
    frame = _frame([SAME, SAME])
    frame.loc[1, "settlement_oktmo"] = "36612452"
    assert incidents.group(frame).candidates == 0


def test_a_message_with_no_settlement_is_compared_with_its_neighbours(matcher_joins_everything):
    frame = _frame([SAME, SAME])
    frame.loc[1, "settlement_oktmo"] = None
    result = incidents.group(frame)
    assert result.candidates == 1 and len(set(result.group)) == 1


def test_a_message_that_says_the_problem_goes_on_reaches_back_weeks(matcher_joins_everything):
    frame = _frame([SAME, SAME + " Воды нет до сих пор, так и не починили."])
    frame.loc[1, "received_at"] = datetime(2026, 11, 3) + pd.Timedelta(days=incident_match.SHORT_DAYS * 3)
    assert incident_match.reach_back_days(incidents.messages(frame)[1]) > incident_match.SHORT_DAYS
    assert incidents.group(frame).candidates == 1


def test_context_rows_are_never_compared_among_themselves(matcher_joins_everything):
    frame = _frame([SAME, SAME, SAME])
    frame["previous"] = [5, 6, np.nan]  # two old incidents, and a new message
    active = np.array([False, False, True])
    pairs = incidents.candidates(frame, incidents.messages(frame), active)
    assert sorted(map(tuple, pairs.tolist())) == [(0, 2), (1, 2)]
    old_only = incidents.group(frame.iloc[:2], active=np.array([False, False]))
    assert old_only.candidates == 0 and len(set(old_only.group)) == 2


def test_similar_pairs_alone_do_not_chain_an_incident_past_two_weeks(matcher_joins_everything):
    frame = _frame([SAME, SAME, SAME, SAME])
    frame["received_at"] = [datetime(2026, 11, 1) + pd.Timedelta(days=6 * k) for k in range(4)]
    g = incidents.group(frame).group
    # days 0, 6, 12 make a group of 12 days; day 18 would stretch it to 18 > 14 days, so it starts its own
    assert g[0] == g[1] == g[2] != g[3]
    merged = incidents.group(frame, _links([(1, 4, True)])).group  # a person's merge is not held to the span
    assert len(set(merged)) == 1
