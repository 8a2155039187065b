"""«Настройки»: deadline rules (a change is a new version) and the rating's weights, targets and minimum."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mcu_data.app.source import Source
from mcu_data.core import definitions as d
from mcu_data.core.locale import fmt_date, label

SHARE_COMPONENTS = ("timeliness", "completeness", "repeats", "pages_answered")


@dataclass
class SettingsView:
    rules: pd.DataFrame
    weights: pd.DataFrame  # as edited: weights and share targets in per cent
    minimum: int
    themes: dict[str, str]
    satisfied_percent: int = 60  # the target share of ПОС ratings 4–5, in whole per cent
    answer_days: int = 8  # the target days of a ПОС answer
    targets_help: str = ""
    pages_silent_days: int = 7  # days without a post that make an official page silent


def build(src: Source) -> SettingsView:
    names = src.names()
    current = src.rules()
    rules = pd.DataFrame(
        {
            "Канал": current["source_code"].map(lambda c: label("source_short", c)),
            "Тема": current["theme_code"].map(
                lambda t: names.themes.get(t, "все темы") if isinstance(t, str) else "все темы"
            ),
            "Этап": current["stage"].map(lambda c: label("stage", c)),
            "Срок": [f"{a} {label('unit', u)}" for a, u in zip(current["amount"], current["unit"], strict=True)],
            "Проверено": current["verified"].map({True: "да", False: "НЕ ПРОВЕРЕНО"}),
            "Действует с": current["valid_from"].map(fmt_date),
            "Версия": current["version"],
            "Основание": current["basis_ru"],
        }
    )
    targets = src.satisfaction_targets()
    return SettingsView(
        rules,
        to_percent(src.rating_weights()),
        src.rating_min_appeals(),
        names.themes,
        int(round(targets.satisfied_share * 100)),
        int(round(targets.answer_days)),
        f"По умолчанию — 60 % оценок 4–5 и ответ за 8 дней: {d.POS_TARGETS_SOURCE}; в документах цели не "
        "проверены. Цели показывает страница «Удовлетворённость», цель по оценкам — и еженедельная записка.",
        src.pages_silent_days(),
    )


def targets_from_percent(satisfied_percent: float, answer_days: float) -> tuple[float, float]:
    """The stored targets from the page's inputs: a share 0–1 and days."""
    return float(satisfied_percent) / 100, float(answer_days)


def to_percent(weights: pd.DataFrame) -> pd.DataFrame:
    """Weights as per cent; share targets as per cent, the others in their own units."""
    share = weights["component"].isin(SHARE_COMPONENTS)
    return pd.DataFrame(
        {
            "component": weights["component"],
            "Составляющая": weights["component"].map(lambda c: label("rating_component", c)),
            "Вес, %": (weights["weight"] * 100).round(1),
            "Цель": (weights["target"] * 100).where(share, weights["target"]).round(2),
            "Единица цели": weights["component"].map(lambda c: label("target_unit", c)),
        }
    )


def from_percent(edited: pd.DataFrame) -> pd.DataFrame:
    """Back to the stored shares: weight 0–1, share targets 0–1."""
    share = edited["component"].isin(SHARE_COMPONENTS)
    return pd.DataFrame(
        {
            "component": edited["component"],
            "weight": edited["Вес, %"].astype(float) / 100,
            "target": (edited["Цель"].astype(float) / 100).where(share, edited["Цель"].astype(float)),
        }
    )
