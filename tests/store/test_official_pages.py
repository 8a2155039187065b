"""Official pages' figures on a tiny table written here by hand: regularity, answered share and time, silence,
follower growth, per page and per owner; every expected value is worked out in the comments."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from mcu_data.access import AccessDenied, User, acting
from mcu_data.analytics import official_pages as ofp
from mcu_data.core.filters import Filters
from mcu_data.store import Store

PETROVKA = "36612436"
NOV = Filters(date(2026, 11, 2), date(2026, 11, 15))  # Monday 02.11 to Sunday 15.11: 14 days, two weeks
# page_id, name, network, recipient, settlement
PAGES = [
    (1, "Район", "vk", "adm_apparatus", None),
    (2, "Петровка", "ok", "sp_petrovka", PETROVKA),
    (3, "Неизвестно чей", "telegram", None, None),
    (4, "Петровка в Telegram", "telegram", "sp_petrovka", PETROVKA),
]


def _day(n: int) -> date:
    return date(2026, 11, n)


def _ts(n: int) -> pd.Timestamp:
    return pd.Timestamp(_day(n))  # the store hands dates back as timestamps


def _days() -> list[tuple]:
    rows = []  # page_id, day, posts, comments, answered, hours median, hours mean, followers
    # page 1: posts on 02 (2), 04, 06, 09, 11, 13 — 7 posts on 6 days; comments 10/8 answered in 2 h on 02, 10/10
    # in 5 h on 09, 5 on 13 with no answered count; 1 000 followers on 02, 1 100 on 15; 5 posts on 01.11, before
    posts = {2: 2, 4: 1, 6: 1, 9: 1, 11: 1, 13: 1}
    talk = {2: (10, 8, 2.0), 9: (10, 10, 5.0), 13: (5, None, None)}
    followers = {2: 1000, 15: 1100}
    rows.append((1, _day(1), 5, 0, 0, None, None, 990))
    for n in range(2, 16):
        c, a, h = talk.get(n, (0, 0, None))
        rows.append((1, _day(n), posts.get(n, 0), c, a, None, h, followers.get(n)))
    # page 2: one post on 03 with 4 comments, 1 answered, median 30 h (no mean); 200 followers on 02, 190 on 15
    for n in range(2, 16):
        rows.append(
            (2, _day(n), 1 if n == 3 else 0, 4 if n == 3 else 0, 1 if n == 3 else 0, 30.0 if n == 3 else None, None,
             {2: 200, 15: 190}.get(n))
        )  # fmt: skip
    # page 3: reported 09–15, never a post, no comments or followers reported
    for n in range(9, 16):
        rows.append((3, _day(n), 0, None, None, None, None, None))
    # page 4: a post a day 02–08, then the export stops; 50 followers on 02 only
    for n in range(2, 9):
        rows.append((4, _day(n), 1, 0, 0, None, None, 50 if n == 2 else None))
    return rows


@pytest.fixture
def pages_store(empty_store: Store) -> Store:
    with empty_store.transaction() as tx:
        for page_id, name, network, recipient, oktmo in PAGES:
            tx.execute(
                "insert into official_page (page_id, page_key, network, name, recipient_code, settlement_oktmo, "
                "batch_id) values (?, ?, ?, ?, ?, ?, 1)",
                [page_id, f"k{page_id}", network, name, recipient, oktmo],
            )
        for row in _days():
            tx.execute(
                "insert into official_page_day (page_id, day, posts, comments, answered, answer_hours_median, "
                "answer_hours_mean, followers, batch_id) values (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                list(row),
            )
    return empty_store


def test_per_page_figures(pages_store: Store):
    pages = ofp.per_page(pages_store, NOV, 7).set_index("page_id")
    one = pages.loc[1]
    assert (one["days_reported"], one["days_with_post"], one["weeks_reported"], one["weeks_with_post"]) == (14, 6, 2, 2)
    assert one["posts"] == 7  # the 5 posts of 01.11 are before the period
    assert one["posts_per_week"] == pytest.approx(7 * 7 / 14)  # 3.5
    assert one["days_with_post_share"] == pytest.approx(6 / 14)
    assert (one["comments"], one["answered"]) == (20, 18)  # the 5 comments of 13.11 have no answered count
    assert one["answered_share"] == pytest.approx(0.9)
    assert one["answer_hours"] == pytest.approx((2 * 8 + 5 * 10) / 18)  # weighted by the answers: 3.67 h
    assert one["follower_growth"] == pytest.approx(0.1)  # 1 000 → 1 100
    assert (one["last_post"], one["days_silent"], bool(one["silent"])) == (_ts(13), 2, False)
    two = pages.loc[2]
    assert two["answer_hours"] == pytest.approx(30.0)  # only a median: it stands in
    assert two["answered_share"] == pytest.approx(1 / 4)
    assert two["weeks_with_post_share"] == pytest.approx(1 / 2)
    assert two["follower_growth"] == pytest.approx(-0.05)  # 200 → 190
    assert (two["days_silent"], bool(two["silent"])) == (12, True)  # last post 03.11, the exports end 15.11
    three = pages.loc[3]
    assert three["owner"] == "none" and pd.isna(three["answered_share"]) and pd.isna(three["follower_growth"])
    assert (three["days_silent"], bool(three["silent"])) == (7, True)  # never posted: silent since 09.11, 7 days
    four = pages.loc[4]
    assert (four["days_silent"], bool(four["silent"])) == (7, True)  # last post 08.11, 7 days to 15.11
    assert four["follower_growth"] == pytest.approx(0.0)  # one number only: 50 → 50


@pytest.mark.parametrize(("threshold", "silent"), [(7, [2, 3, 4]), (8, [2]), (13, [])])
def test_the_silence_threshold_is_a_parameter(pages_store: Store, threshold, silent):
    pages = ofp.per_page(pages_store, NOV, threshold)
    assert sorted(pages.loc[pages["silent"], "page_id"]) == silent


def test_per_owner_and_in_total(pages_store: Store):
    owners = ofp.per_owner(pages_store, NOV, 7).set_index("owner")
    assert list(owners.index) == ["adm_apparatus", "none", "sp_petrovka", "all"]
    petrovka = owners.loc["sp_petrovka"]
    assert (petrovka["pages"], petrovka["silent_pages"], petrovka["posts"], petrovka["days_reported"]) == (2, 2, 8, 21)
    assert petrovka["posts_per_week"] == pytest.approx(8 * 7 / 21)
    assert petrovka["answered_share"] == pytest.approx(1 / 4)
    assert petrovka["follower_growth"] == pytest.approx((190 + 50 - 250) / 250)  # 200 + 50 → 190 + 50
    total = owners.loc["all"]
    assert (total["pages"], total["silent_pages"], total["posts"]) == (4, 3, 15)
    assert total["answered_share"] == pytest.approx(19 / 24)  # 18 + 1 of 20 + 4
    assert total["follower_growth"] == pytest.approx((1340 - 1250) / 1250)  # page 3 reports none


def test_the_sidebar_settlement_narrows_the_pages(pages_store: Store):
    only = ofp.per_page(pages_store, Filters(NOV.start, NOV.end, settlements=(PETROVKA,)), 7)
    assert sorted(only["page_id"]) == [2, 4]
    # the silence is counted to the last day the exports cover, whichever pages the filter keeps
    assert set(only["as_of"]) == {_ts(15)}


def test_the_moment_is_the_period_end_when_it_is_earlier(pages_store: Store):
    early = ofp.per_page(pages_store, Filters(_day(2), _day(8)), 7).set_index("page_id")
    assert early.loc[2, "days_silent"] == 5  # 03.11 → 08.11
    assert 3 not in early.index  # no day of page 3 in the period


def test_weekly_followers_and_the_rating_base(pages_store: Store):
    weekly = ofp.weekly_followers(pages_store, NOV).set_index(["owner", "week"])
    assert weekly.loc[("adm_apparatus", _ts(2)), "followers"] == 1000
    assert weekly.loc[("adm_apparatus", _ts(9)), "followers"] == 1100
    assert weekly.loc[("sp_petrovka", _ts(2)), "followers"] == 250  # 200 + 50
    assert weekly.loc[("sp_petrovka", _ts(9)), "followers"] == 190
    base = ofp.recipient_answers(pages_store, NOV).set_index("recipient_code")
    assert base.loc["adm_apparatus", ["comments", "answered"]].tolist() == [20, 18]
    assert base.loc["sp_petrovka", ["comments", "answered"]].tolist() == [4, 1]
    assert "none" not in base.index


def test_the_silence_setting(pages_store: Store):
    assert ofp.silent_days(pages_store) == 7
    assert ofp.save_silent_days(pages_store, 10) == 10
    assert ofp.silent_days(pages_store) == 10
    with pytest.raises(ValueError, match="от 1 до 90 дней"):
        ofp.save_silent_days(pages_store, 0)
    with acting(User("obs", "Наблюдатель", "observer")), pytest.raises(AccessDenied):
        ofp.save_silent_days(pages_store, 3)
    assert ofp.silent_days(pages_store) == 10
    assert pages_store.scalar("select count(*) from audit_log where action = 'pages_silence_changed'") == 1


def test_an_empty_store_has_no_span(empty_store: Store):
    assert ofp.span(empty_store) is None
    assert ofp.per_page(empty_store, NOV, 7).empty
