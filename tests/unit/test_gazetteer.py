"""Settlements found in addresses and texts: inflections, abbreviations, misspellings."""

import pandas as pd
import pytest

from mcu_data.ingest.gazetteer import build_places, resolve
from mcu_data.store.seed import read_reference_csv

PLACES = build_places(read_reference_csv("gazetteer.csv"))


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        ("У нас в Петровке ямы", "36612436"),
        ("жители Нового Кутулука", "36612432"),
        ("Я живу в Новоборском", "36612428"),
        ("из Новоборского пишу", "36612428"),
        ("с. Борское, ул. Мира", "36612408"),
        ("в Гвардейцах нет воды", "36612412"),
        ("в Большом Алдаркино", "36612404"),
        ("пос. Лесном горит свет", "36612404"),
        ("п. Мойка", "36612420"),
        ("в Немчанке фонари", "36612408"),
        ("в Петровкe (латинская е)", "36612436"),
        ("в Долмотовке нет света", "36612416"),
        ("Самарская обл., Борский р-н, Таволжанка, ул. Садовая", "36612448"),
    ],
)
def test_settlement_found(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    "text",
    [
        "Борский район, нет воды",  # the district, not the settlement Борское
        "лесной пожар",  # «Лесной» needs «пос.»
        "мойка машин на трассе",
        "",
    ],
)
def test_no_false_settlement(text):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] is None


def test_confidence_falls_when_several_places_named_or_misspelt():
    res = resolve(pd.Series(["из Гвардейцев пишу про Борское", "в Петровке", "в Долмотовке"]), PLACES)
    assert list(res.oktmo) == ["36612412", "36612436", "36612416"]
    assert res.confidence.iloc[0] < res.confidence.iloc[1]
    assert res.confidence.iloc[2] < res.confidence.iloc[1]
