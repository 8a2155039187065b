"""A share in the matrix drawn from fewer than 10 appeals is marked and says from how many."""

import numpy as np
import pandas as pd

from mcu_data.app.matrix_chart import matrix_figure


def test_a_share_from_four_appeals_is_in_italics_with_its_count():
    shares = pd.DataFrame([[0.5, np.nan], [0.2, 0.1]], index=["roads", "waste"], columns=["p", "b"])
    bases = pd.DataFrame([[4, 0], [20, 10]], index=["roads", "waste"], columns=["p", "b"])
    fig = matrix_figure(shares, "overdue_share", {"roads": "Дороги", "waste": "ТКО"}, {"p": "Петровка", "b": "Борское"},
                        bases=bases)  # fmt: skip
    heat, points = fig.data[1], fig.data[2]
    assert heat.text.tolist() == [["<i>50\u00a0%</i>", "—"], ["20\u00a0%", "10\u00a0%"]]  # 10 is not «fewer than 10»
    assert points.hovertext[0] == "Дороги · Петровка<br>50\u00a0% — из 4 обращ."
    assert points.hovertext[2] == "ТКО · Петровка<br>20\u00a0%"


def test_counts_have_no_base_and_no_italics():
    counts = pd.DataFrame([[3.0]], index=["roads"], columns=["p"])
    assert matrix_figure(counts, "count", {"roads": "Дороги"}, {"p": "Петровка"}).data[1].text.tolist() == [["3"]]
