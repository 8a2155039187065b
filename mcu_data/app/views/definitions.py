"""«Как считаются показатели»: every definition in words, generated from the same objects that compute the figures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mcu_data.analytics import rating
from mcu_data.app.source import Source
from mcu_data.core import definitions as d
from mcu_data.core.locale import fmt_float, fmt_int, fmt_pct, label, plural

GROUPS = (
    (
        "Сроки и состояние обращения",
        (
            "effective_due",
            "answered",
            "open",
            "on_time",
            "late",
            "open_past_due",
            "not_yet_due",
            "no_due",
            "closed_no_answer",
        ),
    ),
    (
        "Доли и показатели",
        (
            "on_time_share",
            "overdue_share",
            "overdue_now",
            "due_soon",
            "solved_share",
            "formal_share",
            "substantive_share",
            "repeat_share",
            "satisfaction",
            "days_to_answer",
            "accelerated_share",
        ),
    ),
    ("Сравнения и население", ("per_1000", "change", "partial_week", "incident")),
    ("Удовлетворённость", ("pos_ratings", "pos_satisfied_share", "pos_within_share", "survey_positive_share")),
    ("Госпаблики", ("pages_answered_share", "pages_regularity", "pages_silent", "pages_follower_growth")),
)


@dataclass(frozen=True)
class Section:
    title: str
    items: list[d.Definition]


@dataclass
class DefinitionsView:
    sections: list[Section]
    states: pd.DataFrame  # the seven states an appeal can be in at a moment
    targets: pd.DataFrame


def build(src: Source) -> DefinitionsView:
    states = pd.DataFrame(
        {
            "Состояние на момент расчёта": [label("deadline_state", s) for s in d.STATES],
            "Входит в долю ответов в срок": [
                "да, в числитель и знаменатель",
                "да, в знаменатель",
                "нет: срока нет",
                "да, в знаменатель",
                "нет: о нём рано судить",
                "нет: срока нет",
                "нет: ответа от получателя нет",
            ],
        }
    )
    weights = src.rating_weights().set_index("component")
    minimum = src.rating_min_appeals()
    rows = []
    for comp in rating.COMPONENTS:
        target = weights.loc[comp.code, "target"]
        shown = (
            fmt_pct(target, 0)
            if comp.code in ("timeliness", "completeness", "repeats", "pages_answered")
            else (fmt_int(target) if comp.code == "volume" else fmt_float(target, 1))
        )
        rows.append(
            [
                f"Рейтинг: {label('rating_component', comp.code)}",
                shown,
                f"вес {fmt_pct(weights.loc[comp.code, 'weight'], 0)}; настройка МЦУ (страница «Настройки»)",
            ]
        )
    rows.append(
        [
            "Рейтинг: наименьшее число обращений для места",
            fmt_int(minimum),
            "настройка МЦУ; ЦУР Ульяновской области оценивает получателя не меньше чем по 2 сообщениям в месяц "
            "(по сообщениям прессы)",
        ]
    )
    targets = src.satisfaction_targets()
    days = int(round(targets.answer_days))
    rows.append(
        [
            "Ответ в ПОС",
            f"{fmt_int(days)} {plural(days, 'день', 'дня', 'дней')}",
            f"по умолчанию 8 дней — {d.POS_TARGETS_SOURCE}; не проверено; меняется на странице «Настройки»",
        ]
    )
    rows.append(
        [
            "Оценки 4 и 5 в ПОС",
            f"не меньше {fmt_pct(targets.satisfied_share, 0)}",
            f"по умолчанию 60 % — {d.POS_TARGETS_SOURCE}; не проверено; меняется на странице «Настройки»",
        ]
    )
    silent = src.pages_silent_days()
    rows.append(
        [
            "Молчащий госпаблик",
            f"{fmt_int(silent)} {plural(silent, 'день', 'дня', 'дней')} без публикаций",
            f"настройка МЦУ, по умолчанию {d.PAGES_SILENT_DAYS}; меняется на странице «Настройки»",
        ]
    )
    rows.append(["Ответ на обращение по 59-ФЗ", "30 дней со дня регистрации", "59-ФЗ, ст. 12 ч. 1"])
    rows.append(["Механизм ускоренного решения", "30 календарных дней", "Положение о МЦУ, п. 1.1"])
    return DefinitionsView(
        sections=[Section(title, [d.BY_CODE[c] for c in codes]) for title, codes in GROUPS],
        states=states,
        targets=pd.DataFrame(rows, columns=["Показатель", "Цель или срок", "Источник"]),
    )
