"""Independent oracles: the definitions recomputed in pandas from their words, for tests to compare the store with."""

from __future__ import annotations

from datetime import datetime

import pandas as pd


def states(frame: pd.DataFrame, as_of: datetime) -> pd.Series:
    """The seven states, computed here in pandas from the words of the definitions, as an independent oracle."""
    due = frame["extended_due_at"].fillna(frame["due_at"])
    answered = frame["first_answer_at"].notna() & (frame["first_answer_at"] <= as_of)
    closed = (
        frame["first_answer_at"].isna()
        & frame["status_code"].isin(["answered", "redirected", "closed"])
        & (frame["closed_at"].isna() | (frame["closed_at"] <= as_of))
    )
    state = pd.Series("not_yet_due", index=frame.index)
    state[~answered & ~closed & due.isna()] = "open_no_due"
    state[~answered & ~closed & (due < as_of)] = "open_past_due"
    state[closed] = "closed_no_answer"
    state[answered & due.isna()] = "answered_no_due"
    state[answered & (frame["first_answer_at"] <= due)] = "on_time"
    state[answered & (frame["first_answer_at"] > due)] = "late"
    return state


def judged_outcome(frame: pd.DataFrame, decisions: pd.DataFrame | None = None) -> pd.Series:
    """The outcome the figures count, from the words of «Отписки»: an answer whose text the check flagged and no
    officer rejected, or that an officer confirmed, is «formal»; any other keeps the source's outcome."""
    verdict = pd.Series(None, index=frame.index, dtype="object")
    if decisions is not None and len(decisions):
        verdict = frame["appeal_id"].map(dict(zip(decisions["appeal_id"], decisions["verdict"], strict=True)))
    flagged = frame["answer_formal"].fillna(False).astype(bool)
    formal = (verdict == "confirmed") | (flagged & (verdict != "rejected"))
    return frame["outcome_code"].where(~formal, "formal")
