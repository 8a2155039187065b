"""The sample is deterministic and realistic: seasons, hot spots, spikes, lateness, personal data to mask."""

import pandas as pd
import pytest

from mcu_data.sample.generate import DEFAULT_END, HOT_SPOTS, LATE_SHARE, build_appeals, spikes_for
from mcu_data.store.seed import read_reference_csv


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return build_appeals()


def test_deterministic(frame):
    again = build_appeals()
    pd.testing.assert_frame_equal(frame, again)


def test_volume_and_span(frame):
    assert 7000 <= len(frame) <= 9000
    assert frame["received_at"].max().date() == DEFAULT_END
    assert (DEFAULT_END - frame["received_at"].min().date()).days >= 700


def test_channel_mix(frame):
    share = frame["source"].value_counts(normalize=True)
    assert set(share.index) == {"pos", "im", "fz59"}
    assert share.min() > 0.15


def test_seasons(frame):
    month = frame["received_at"].dt.month
    heating = frame["subtheme"] == "Отопление"
    assert heating[month.isin([12, 1, 2])].sum() > 5 * heating[month.isin([6, 7, 8])].sum()
    roads = frame["subtheme"] == "Ямы и ремонт дорог"
    assert roads[month.isin([4, 5])].sum() > 1.8 * roads[month.isin([12, 1])].sum()
    water = frame["subtheme"] == "Холодное водоснабжение"
    assert water[month.isin([6, 7, 8])].sum() > 2 * water[month.isin([12, 1, 2])].sum()


def test_hot_spots_exceed_population_share(frame):
    pop = read_reference_csv("settlements.csv").set_index("oktmo")["population_2021"].astype(int)
    rate = frame["oktmo"].value_counts() / pop * 1000
    top_two = set(rate.sort_values(ascending=False).index[:2])
    assert top_two == set(HOT_SPOTS)


def test_spikes_are_visible(frame):
    for spike in spikes_for(DEFAULT_END):
        days = pd.date_range(spike.start, periods=spike.days)
        inside = frame[
            (frame["oktmo"] == spike.settlement)
            & (frame["subtheme"] == spike.subtheme)
            & frame["received_at"].dt.normalize().isin(days)
        ]
        assert len(inside) >= spike.extra


def test_lateness_concentrates_in_few_recipients(frame):
    answered = frame[frame["first_answer_at"].notna()]
    due = answered["extended_due_at"].fillna(answered["due_at"])
    late = (answered["first_answer_at"] > due).groupby(answered["recipient"]).mean()
    worst = set(late.sort_values(ascending=False).index[:3])
    assert worst <= set(LATE_SHARE)


def test_texts_vary_and_carry_personal_data(frame):
    assert frame["text"].nunique() > 0.95 * len(frame)
    assert frame["text"].str.contains(r"@|\+7|8\d{10}").mean() > 0.05
    assert frame["text"].str.contains(r"в Петровке|Гвардейцах|Новоборском").any()
