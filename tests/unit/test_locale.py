"""Russian number, date and plural formats; every code has a label."""

from datetime import date, datetime

import pytest

from mcu_data.core import codes, locale
from mcu_data.core.locale import NBSP


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (999, "999"), (1000, f"1{NBSP}000"), (1234567, f"1{NBSP}234{NBSP}567"), (None, "—")],
)
def test_fmt_int(value, expected):
    assert locale.fmt_int(value) == expected


@pytest.mark.parametrize(
    ("share", "digits", "expected"),
    [(0.873, 1, f"87,3{NBSP}%"), (1.0, 0, f"100{NBSP}%"), (0.0, 1, f"0,0{NBSP}%"), (None, 1, "—")],
)
def test_fmt_pct(share, digits, expected):
    assert locale.fmt_pct(share, digits) == expected


@pytest.mark.parametrize(
    ("change", "minus", "expected"),
    [
        (0.25, "−", f"+25{NBSP}%"),
        (-0.1, "−", f"−10{NBSP}%"),
        (-0.1, "-", f"-10{NBSP}%"),
        (0.0, "−", f"±0{NBSP}%"),
        (None, "−", "—"),
    ],
)
def test_fmt_signed_pct(change, minus, expected):
    assert locale.fmt_signed_pct(change, minus=minus) == expected


def test_fmt_float_uses_decimal_comma():
    assert locale.fmt_float(1234.56, 1) == f"1{NBSP}234,6"


def test_dates():
    assert locale.fmt_date(date(2026, 3, 5)) == "05.03.2026"
    assert locale.fmt_datetime(datetime(2026, 3, 5, 9, 7)) == "05.03.2026 09:07"
    assert locale.fmt_date_long(date(2026, 11, 26)) == "26 ноября 2026 г."
    assert locale.fmt_period(date(2026, 11, 19), date(2026, 11, 25)) == "19.11–25.11.2026"
    assert locale.fmt_period(date(2025, 12, 29), date(2026, 1, 4)) == "29.12.2025–04.01.2026"


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "обращение"),
        (2, "обращения"),
        (4, "обращения"),
        (5, "обращений"),
        (11, "обращений"),
        (12, "обращений"),
        (21, "обращение"),
        (22, "обращения"),
        (111, "обращений"),
        (0, "обращений"),
    ],
)
def test_plural(n, word):
    assert locale.appeals_word(n) == word


@pytest.mark.parametrize(
    ("kind", "known"),
    [
        ("source", codes.BATCH_SOURCES),  # a batch's source is labelled too, a survey's among them
        ("channel", codes.CHANNELS),
        ("kind", codes.KINDS),
        ("status", tuple(codes.STATUS_GROUPS)),
        ("outcome", tuple(codes.OUTCOME_GROUPS)),
        ("author_type", codes.AUTHOR_TYPES),
        ("provenance", codes.PROVENANCES),
    ],
)
def test_every_code_has_exactly_one_russian_label(kind, known):
    assert set(locale.LABELS[kind]) == set(known)
    labels = list(locale.LABELS[kind].values())
    assert len(set(labels)) == len(labels), "two codes share a label"
    assert all(label and label not in known for label in labels), "a code shown as itself"


def test_unknown_code_is_shown_not_hidden():
    assert locale.label("status", "mystery") == "mystery"
    assert locale.label("status", None) == locale.UNKNOWN


def test_uploader_css_puts_russian_words_on_one_uploader():
    css = locale.uploader_css("imp_files", ["xlsx", "csv"], 50, many=True)
    assert css.startswith("<style>") and css.endswith("</style>")
    assert "content: 'Выбрать файлы'" in css and "до 50 МБ на файл · XLSX, CSV" in css
    assert css.count(".st-key-imp_files ") == 4  # every rule is scoped to this uploader only
    single = locale.uploader_css("rm_upload", ["csv"], 1000)
    assert "content: 'Выбрать файл'" in single and "до 1" + NBSP + "000 МБ · CSV" in single


@pytest.mark.parametrize(("key", "types"), [("a b", ["csv"]), ("x}body{display:none", ["csv"]), ("ok", ["c'sv"])])
def test_uploader_css_refuses_what_would_break_out_of_the_rule(key, types):
    with pytest.raises(ValueError):
        locale.uploader_css(key, types, 50)


def test_a_decimal_typed_the_russian_way():
    assert locale.parse_decimal("87,5") == 87.5
    assert locale.parse_decimal(" 87.5 % ") == 87.5
    assert locale.parse_decimal("1\u00a0234,5") == 1234.5
    with pytest.raises(ValueError, match="не число"):
        locale.parse_decimal("восемьдесят")
    with pytest.raises(ValueError, match="вне допустимого: от 0 до 100"):
        locale.parse_decimal("120", 0, 100)


def test_a_change_from_a_small_base_shows_its_counts():
    assert locale.fmt_change(9, 3) == "+200\u00a0% (3 → 9)"  # fewer than 10 before: the counts say how little
    assert locale.fmt_change(12, 10) == "+20\u00a0%"
    assert locale.fmt_change(5, 0) == "— (0 → 5)"  # nothing before: no per cent, the counts only
