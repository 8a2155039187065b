"""Status and outcome groups: an answer is never a fix."""

import pytest

from mcu_data.core import codes


@pytest.mark.parametrize("outcome", ["explained", "refused", "redirected", "formal"])
def test_answered_is_never_solved(outcome):
    assert not codes.is_fixed(outcome)


def test_only_solved_is_fixed():
    assert codes.is_fixed("solved")
    assert not codes.is_fixed(None)
    assert [c for c in codes.OUTCOME_GROUPS if codes.is_fixed(c)] == ["solved"]


@pytest.mark.parametrize(("status", "is_open"), [("new", True), ("registered", True), ("in_progress", True),
                                                 ("extended", True), ("answered", False), ("redirected", False),
                                                 ("closed", False)])
def test_open_statuses(status, is_open):
    assert codes.is_open(status) is is_open
