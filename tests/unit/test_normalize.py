"""Dates in every office format; each bad row rejected with its reason, never dropped."""

import pandas as pd
import pytest

from mcu_data.ingest import themes
from mcu_data.ingest.dates import parse_dates
from mcu_data.store.seed import read_reference_csv, theme_keywords


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26.11.2026", "2026-11-26 00:00"),
        ("26.11.2026 14:05", "2026-11-26 14:05"),
        ("26.11.2026 14:05:30", "2026-11-26 14:05:30"),
        ("2026-11-26", "2026-11-26 00:00"),
        ("2026-11-26 14:05:30", "2026-11-26 14:05:30"),
        ("2026-11-26T14:05:30", "2026-11-26 14:05:30"),
        ("46352", "2026-11-26 00:00"),  # Excel serial day
        ("46352,5", "2026-11-26 12:00"),
    ],
)
def test_parse_dates(text, expected):
    assert parse_dates(pd.Series([text])).iloc[0] == pd.Timestamp(expected)


@pytest.mark.parametrize("text", ["31.02.2025", "вчера", "2026-13-01", ""])
def test_unparseable_dates_are_missing(text):
    assert pd.isna(parse_dates(pd.Series([text])).iloc[0])


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Батареи ледяные, котельная не работает", "housing"),
        ("На дороге яма, асфальт разбит", "roads"),
        ("Мусор не вывозят, баки переполнены", "waste"),
        ("Не горят фонари на улице", "energy"),
        ("Автобус не пришёл, рейс отменили", "transport"),
        ("Не могу записаться к терапевту", "health"),
        ("Бродячие собаки покусали ребёнка", "other"),
        ("Нет мест в детском саду", "education"),
        ("Просто спасибо", "other"),
    ],
)
def test_theme_predicted_from_text(text, theme):
    predicted, confidence = themes.predict(pd.Series([text]), theme_keywords())
    assert predicted.iloc[0] == theme
    assert 0.0 <= confidence.iloc[0] <= 1.0


def test_no_evidence_means_no_confidence():
    # thanks are evidence now (a thank-you is «other» whatever it thanks for), so the text has no keyword at all
    _, confidence = themes.predict(pd.Series(["Подскажите, пожалуйста, что делать?"]), theme_keywords())
    assert confidence.iloc[0] == 0.0


def test_rubric_wins_over_text_and_group_is_a_fallback():
    rubric_map = read_reference_csv("rubric_map.csv")
    result = themes.assign(
        "pos",
        pd.Series(["Дороги / Ямы и выбоины", "ЖКХ / Неизвестная подкатегория", None]),
        pd.Series(["Дороги", "ЖКХ", None]),
        pd.Series(["про мусор и баки", "яма на дороге", "мусор не вывозят"]),
        rubric_map,
        theme_keywords(),
    )
    assert list(result.theme) == ["roads", "housing", "waste"]
    assert list(result.provenance) == ["mapped", "mapped", "predicted"]
    assert result.confidence.iloc[0] == 1.0 and result.confidence.iloc[2] < 1.0
