"""CSV downloads open in Russian Excel and never run a formula."""

import io

import pandas as pd
import pytest

from mcu_data.reports.exports import neutralize, to_csv_bytes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+7 927", "'+7 927"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Нет воды", "Нет воды"),
        (5, 5),
        (None, None),
    ],
)
def test_neutralize(value, expected):
    assert neutralize(value) == expected


def test_csv_has_bom_semicolons_decimal_comma_and_safe_cells():
    frame = pd.DataFrame({"Причина": ["=cmd|' /C calc'!A0", "Нет даты"], "Доля": [0.5, 1.25], "Строка": [2, 3]})
    data = to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Причина;Доля;Строка"
    assert "0,5" in text and "1,25" in text
    back = pd.read_csv(io.StringIO(text), sep=";", dtype=str)
    assert back["Причина"].iloc[0].startswith("'=")
