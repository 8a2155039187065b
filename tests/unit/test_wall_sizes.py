"""Wall type sizes against the arithmetic done by hand: 16 arcminutes at 5 m on a 65″ 16:9 screen."""

from __future__ import annotations

import pytest

from mcu_data.app.wall_sizes import MAX_ROWS, min_text_px, min_text_share, wall_sizes


def test_the_share_of_the_screen_height_is_the_hand_arithmetic():
    # 65″ × 25.4 = 1651 mm diagonal; × 9 / 18.358 = 809.4 mm high; 5000 × tan(0.2667°) = 23.27 mm;
    # 23.27 / 809.4 = 0.02875 of the height for a capital; / 0.7 = 0.04107 for the font size
    assert min_text_share() == pytest.approx(0.04107, abs=0.00001)


@pytest.mark.parametrize(
    ("height", "px"),
    [
        (1080, 45),  # 1080 × 0.04107 = 44.36: 44 px would be short of it
        (2160, 89),  # 88.72
        (768, 32),  # 31.54
        (1440, 60),  # 59.14
    ],
)
def test_min_text_px_rounds_up(height: int, px: int):
    assert min_text_px(height) == px


def test_every_reading_size_is_at_least_the_minimum_and_unknown_heights_count_as_1080():
    s = wall_sizes(2160)
    assert (s.text, s.height) == (89, 2160) and s.title > s.text and s.value > s.text
    assert wall_sizes(None).text == 45 and wall_sizes("x").text == 45 and wall_sizes(0).text == 45


def test_rows_fitting_never_exceeds_eight():
    s = wall_sizes(1080)
    # a row is 1.2 × 45 + 0.3 × 45 + 1 = 68.5 px; 600 px less a header row (68.5) and a title (1.3 × 54 = 70.2)
    # leave 461.3 px: 6 rows; a longer table also needs its «и ещё» line (54): 407.3 px, 5 rows
    assert s.rows_fitting(600, total=6) == 6
    assert s.rows_fitting(600, total=7) == 5
    assert s.rows_fitting(600, total=2) == 2
    assert s.rows_fitting(10_000) == MAX_ROWS
