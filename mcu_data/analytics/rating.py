"""The recipients' rating: each component against its target, a 0–100 score, and who has too few appeals to judge."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.analytics import official_pages
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters
from mcu_data.store import Store

DEFAULT_MIN_APPEALS = 5  # fewer appeals in a period say nothing about a recipient's habits
MIN_APPEALS_KEY = "rating_min_appeals"
NO_RECIPIENT = "none"  # appeals whose recipient is not determined are counted, never rated


@dataclass(frozen=True)
class Component:
    code: str
    higher_is_better: bool
    definition: str  # the code of its definition in core.definitions


COMPONENTS: tuple[Component, ...] = (
    Component("timeliness", True, "on_time_share"),
    Component("completeness", True, "substantive_share"),
    Component("satisfaction", True, "satisfaction"),
    Component("repeats", False, "repeat_share"),
    Component("volume", False, "received"),
    # optional: answered comments on the recipient's official pages; weight 0 by default, so it moves no score
    Component("pages_answered", True, "pages_answered_share"),
)
BY_CODE = {c.code: c for c in COMPONENTS}
# the two components the regulation names first: without them a place in the rating means nothing
REQUIRED = ("timeliness", "completeness")


def component_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Raw component values per recipient from the compliance table; NaN where a component has no base."""
    shares = d.add_shares(frame)
    return pd.DataFrame(
        {
            "timeliness": shares["on_time_share"],
            "completeness": shares["substantive_share"],
            "satisfaction": shares["mean_satisfaction"],
            "repeats": shares["repeat_share"],
            "volume": frame["received"].astype(float).where(frame["received"] > 0),
            "pages_answered": (
                d.pages_answered_share(frame["pages_answered"], frame["pages_comments"])
                if {"pages_answered", "pages_comments"} <= set(frame.columns)
                else pd.Series(np.nan, index=frame.index)
            ),
        },
        index=frame.index,
    )


def with_pages(store: Store, frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The compliance table with each recipient's comments and answered comments on its official pages."""
    pages = official_pages.recipient_answers(store, filters).rename(
        columns={"comments": "pages_comments", "answered": "pages_answered"}
    )
    out = frame.merge(pages, on="recipient_code", how="left")
    out[["pages_comments", "pages_answered"]] = out[["pages_comments", "pages_answered"]].fillna(0).astype("int64")
    return out


def component_scores(values: pd.DataFrame, targets: dict[str, float]) -> pd.DataFrame:
    """Each component as a share of its target met, 0 to 1: value ÷ target, or target ÷ value where less is better."""
    out = pd.DataFrame(index=values.index)
    for comp in COMPONENTS:
        if comp.code not in targets or comp.code not in values.columns:  # a table from before the component
            out[comp.code] = np.nan
            continue
        v = values[comp.code].astype(float)
        t = float(targets[comp.code])
        if comp.higher_is_better:
            score = v / t
        else:
            # none of a bad thing meets any target in full
            score = pd.Series(np.where(v <= 0, 1.0, t / v.where(v > 0)), index=v.index).where(v.notna())
        out[comp.code] = score.clip(upper=1.0)
    return out


def composite(scores: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """100 × the weighted mean over the components a recipient has; weights of missing components are shared out."""
    w = pd.Series(weights, dtype=float).reindex(scores.columns).fillna(0.0)
    present = scores.notna()
    weight_sum = present.mul(w, axis=1).sum(axis=1)
    total = scores.fillna(0.0).mul(w, axis=1).sum(axis=1)
    # a sum of shares of 1 can come out a hair above 100 in floating point
    return (100.0 * total / weight_sum).clip(0.0, 100.0).where(weight_sum > 0)


def rate(
    current: pd.DataFrame, previous: pd.DataFrame, weights: pd.DataFrame, min_appeals: int = DEFAULT_MIN_APPEALS
) -> pd.DataFrame:
    """Every recipient of the period: score, rank (ranked ones only) and change against the previous period.

    A recipient with fewer than `min_appeals` appeals, or without the timeliness and completeness components,
    gets no rank and a reason instead; appeals with no recipient are never rated.
    """
    targets = dict(zip(weights["component"], weights["target"], strict=True))
    w = dict(zip(weights["component"], weights["weight"], strict=True))
    cur = current[current["recipient_code"] != NO_RECIPIENT].set_index("recipient_code")
    values = component_values(cur)
    scores = component_scores(values, targets)
    result = pd.DataFrame({"received": cur["received"], "score": composite(scores, w)}, index=cur.index)
    for comp in COMPONENTS:
        result[f"value_{comp.code}"] = values[comp.code]
        result[f"score_{comp.code}"] = scores[comp.code]
    if not previous.empty:
        prev = previous[previous["recipient_code"] != NO_RECIPIENT].set_index("recipient_code")
        prev_score = composite(component_scores(component_values(prev), targets), w)
        prev_ranked = (prev["received"] >= min_appeals) & component_values(prev)[list(REQUIRED)].notna().all(axis=1)
        result["previous_score"] = prev_score.where(prev_ranked).reindex(result.index)
    else:
        result["previous_score"] = np.nan
    few = result["received"] < min_appeals
    missing = values[list(REQUIRED)].isna().any(axis=1)
    result["unranked"] = np.where(few, "few_appeals", np.where(missing, "no_base", ""))
    ranked = result["unranked"] == ""
    result.loc[~ranked, "score"] = np.nan
    result["change"] = result["score"] - result["previous_score"]
    result = result.reset_index().rename(columns={"index": "recipient_code"})
    result = result.sort_values(
        ["score", "received", "recipient_code"], ascending=[False, False, True], na_position="last"
    ).reset_index(drop=True)
    result["rank"] = pd.array([pd.NA] * len(result), dtype="Int64")
    result.loc[result["unranked"] == "", "rank"] = np.arange(1, int((result["unranked"] == "").sum()) + 1)
    return result


def ranked(table: pd.DataFrame) -> pd.DataFrame:
    """Only the recipients with a place, best first."""
    return table[table["unranked"] == ""].reset_index(drop=True)


def place_of(table: pd.DataFrame, recipient: str) -> tuple[int | None, int]:
    """A recipient's place among the ranked ones, and how many are ranked."""
    rows = ranked(table)
    found = rows.index[rows["recipient_code"] == recipient]
    return (int(rows.loc[found[0], "rank"]) if len(found) else None), len(rows)


def district_mean(table: pd.DataFrame) -> float | None:
    """The mean score over the ranked recipients: the district's average a recipient is compared with."""
    rows = ranked(table)
    return float(rows["score"].mean()) if len(rows) else None


# -- settings: weights, targets, minimum ------------------------------------------------------------------------------
def weights(store: Store) -> pd.DataFrame:
    return store.query("select component, weight, target from rating_weight order by component")


def min_appeals(store: Store) -> int:
    value = store.scalar("select value from app_setting where key = ?", [MIN_APPEALS_KEY])
    return int(value) if value is not None else DEFAULT_MIN_APPEALS


def save_weights(store: Store, frame: pd.DataFrame, minimum: int | None = None) -> None:
    """Replace weights and targets; weights must be non-negative and not all zero, targets positive."""
    access.require(access.EDIT_RULES)
    if (frame["weight"] < 0).any() or frame["weight"].sum() <= 0:
        raise ValueError("Веса не могут быть отрицательными, и хотя бы один должен быть больше нуля.")
    if (frame["target"] <= 0).any():
        raise ValueError("Цели должны быть больше нуля.")
    if minimum is not None and not 1 <= int(minimum) <= 1000:
        raise ValueError("Наименьшее число обращений для оценки — от 1 до 1 000.")
    with store.transaction() as tx:
        for row in frame.itertuples():
            tx.execute(
                "update rating_weight set weight = ?, target = ? where component = ?",
                [float(row.weight), float(row.target), row.component],
            )
        details = "; ".join(
            f"{r.component}: вес {float(r.weight):g}, цель {float(r.target):g}" for r in frame.itertuples()
        )
        if minimum is not None:
            tx.execute("delete from app_setting where key = ?", [MIN_APPEALS_KEY])
            tx.execute("insert into app_setting values (?, ?)", [MIN_APPEALS_KEY, str(int(minimum))])
            details += f"; наименьшее число обращений {int(minimum)}"
        audit.record(store, "weights_changed", "rating_weight", details, tx=tx)
