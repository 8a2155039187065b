"""Status and outcome groups: an answer is never a fix, and a closed appeal is not an open one."""

import pytest

from mcu_data.core import codes


def test_only_solved_is_fixed():
    assert codes.codes_in(codes.OUTCOME_GROUPS, "fixed") == ("solved",)


@pytest.mark.parametrize("outcome", ["explained", "refused", "redirected", "formal"])
def test_answered_is_never_solved(outcome):
    assert outcome not in codes.codes_in(codes.OUTCOME_GROUPS, "fixed")


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("open", ("new", "registered", "in_progress", "extended")),
        ("done", ("answered", "redirected", "closed")),
    ],
)
def test_status_groups(group, expected):
    assert codes.codes_in(codes.STATUS_GROUPS, group) == expected
