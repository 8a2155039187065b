"""The recipients' rating: each component against its target, CityScore-style, then a weighted mean."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

CAP = 1.2  # a component can count for a little above its target, never for more
MIN_ANSWERS = 5  # fewer answers than this say nothing about a recipient's habits


@dataclass(frozen=True)
class Component:
    code: str
    higher_is_better: bool
    title_ru: str
    explain_ru: str


COMPONENTS: tuple[Component, ...] = (
    Component("timeliness", True, "Своевременность", "доля ответов, данных не позже срока (с учётом продления)"),
    Component("completeness", True, "Ответы по существу",
              "доля ответов по существу (решено, разъяснено, мотивированный отказ) среди всех ответов; "
              "формальные ответы и перенаправления её снижают"),
    Component("satisfaction", True, "Оценка жителей", "средняя оценка ответа заявителями ПОС, от 1 до 5"),
    Component("repeats", False, "Повторные обращения", "доля повторных обращений: чем она меньше, тем лучше"),
    Component("volume", False, "Число обращений",
              "обращений на получателя; по умолчанию вес 0 — нагрузка не должна наказывать"),
)
BY_CODE = {c.code: c for c in COMPONENTS}


def component_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Raw component values per recipient from the compliance table; NaN where there is too little to judge."""
    enough = frame["answered"] >= MIN_ANSWERS
    return pd.DataFrame(
        {
            "timeliness": (frame["on_time"] / frame["answered_with_due"]).where(frame["answered_with_due"] >= MIN_ANSWERS),
            "completeness": (frame["substantive"] / frame["answered"]).where(enough),
            "satisfaction": frame["satisfaction"].where(frame["rated"] >= MIN_ANSWERS),
            "repeats": (frame["repeats"] / frame["n"]).where(frame["n"] >= MIN_ANSWERS),
            "volume": frame["n"].astype(float).where(frame["n"] > 0),
        },
        index=frame.index,
    )


def normalized(values: pd.DataFrame, targets: dict[str, float]) -> pd.DataFrame:
    """value ÷ target where more is better, target ÷ value where less is better; capped at CAP."""
    out = pd.DataFrame(index=values.index)
    for comp in COMPONENTS:
        v = values[comp.code].astype(float)
        t = float(targets[comp.code])
        if comp.higher_is_better:
            score = v / t
        else:
            # zero of a bad thing meets any target in full
            score = pd.Series(np.where(v <= 0, CAP, t / v.where(v > 0)), index=v.index).where(v.notna())
        out[comp.code] = score.clip(upper=CAP)
    return out


def composite(scores: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Weighted mean over the components a recipient has; weights of missing components are shared out."""
    w = pd.Series(weights, dtype=float).reindex(scores.columns).fillna(0.0)
    present = scores.notna()
    weight_sum = present.mul(w, axis=1).sum(axis=1)
    total = scores.fillna(0.0).mul(w, axis=1).sum(axis=1)
    return (total / weight_sum).where(weight_sum > 0)


def rate(current: pd.DataFrame, previous: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    """Composite score, rank and change against the previous period, per recipient."""
    targets = dict(zip(weights["component"], weights["target"], strict=True))
    w = dict(zip(weights["component"], weights["weight"], strict=True))
    cur = current.set_index("recipient_code")
    values = component_values(cur)
    scores = normalized(values, targets)
    result = pd.DataFrame({"score": composite(scores, w)}, index=cur.index)
    for comp in COMPONENTS:
        result[f"value_{comp.code}"] = values[comp.code]
        result[f"score_{comp.code}"] = scores[comp.code]
    prev = previous.set_index("recipient_code") if not previous.empty else previous
    if not previous.empty:
        prev_score = composite(normalized(component_values(prev), targets), w)
        result["previous_score"] = prev_score.reindex(result.index)
    else:
        result["previous_score"] = np.nan
    result["change"] = result["score"] - result["previous_score"]
    # the two components the regulation names first must be judgeable, or the rank means nothing
    judged = result["score"].notna() & values["timeliness"].notna() & values["completeness"].notna()
    result = result[judged].sort_values("score", ascending=False)
    result["rank"] = np.arange(1, len(result) + 1)
    return result.reset_index()
