"""Precision and recall of «противоречие ответов» on the hand-written sets, one split at a time.

Two sets (tests/data/signals/README.md): `answer_pairs.csv` — two answers of one recipient on one problem, earlier
and later, labelled «contradicts» or not, which the store-side rule reads through answer_stance; and
`contradiction_texts.csv` — residents' messages that say, or do not say, that the answers contradict each other,
which the text rule of conflicts reads. Run through `python -m mcu_data.signals.evaluation --set contradictions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mcu_data.signals import answer_stance, conflicts
from mcu_data.signals.evaluation import SETS, SIGNALS_DIR, AnswerFigures

PAIRS_FILE = SETS["contradictions"].name
TEXTS_FILE = "contradiction_texts.csv"
TEXTS = SIGNALS_DIR / TEXTS_FILE


@dataclass(frozen=True)
class Figures:
    """Agreement with the labels on one split: «contradicts» (or «the text says so») as the positive class."""

    name: str
    rows: int
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int
    per_kind: pd.DataFrame  # per kind: n, found (said to contradict), right
    mistakes: pd.DataFrame

    precision = AnswerFigures.precision
    recall = AnswerFigures.recall
    accuracy = AnswerFigures.accuracy


def load(path: Path, split: str) -> pd.DataFrame:
    cases = pd.read_csv(path, dtype=str, keep_default_na=False)
    return cases[cases["split"] == split].reset_index(drop=True)


def evaluate_pairs(cases: pd.DataFrame) -> Figures:
    """Each pair: the stance of each answer (a date without a year takes the year the answer was given), then
    answer_stance.contradiction — the rule the store joins on."""
    found_kind = []
    for row in cases.itertuples():
        earlier = answer_stance.read(row.answer_a, _year(row.answered_a))
        later = answer_stance.read(row.answer_b, _year(row.answered_b))
        found_kind.append(answer_stance.contradiction(earlier, later) or "")
    found = pd.Series([bool(k) for k in found_kind])
    gold = cases["contradicts"].str.strip().eq("yes")
    view = cases.assign(found=found_kind)
    return _figures("пары ответов", cases, gold, found, view[["pair_id", "kind", "contradicts", "found", "note"]])


def evaluate_texts(cases: pd.DataFrame) -> Figures:
    """Each message through conflicts.text_signals: does the text rule find «contradiction»."""
    found = pd.Series(["contradiction" in conflicts.text_signals(t) for t in cases["text"]])
    gold = cases["contradiction"].str.strip().eq("yes")
    kinds = cases.assign(kind=gold.map({True: "говорит о противоречии", False: "ловушка или обычный текст"}))
    return _figures(
        "тексты жителей", kinds, gold, found, kinds.assign(found=found)[["id", "contradiction", "found", "text"]]
    )


def _figures(name: str, cases: pd.DataFrame, gold: pd.Series, found: pd.Series, view: pd.DataFrame) -> Figures:
    per_kind = (
        pd.DataFrame({"kind": cases["kind"], "n": 1, "found": found, "right": found == gold})
        .groupby("kind")
        .sum()
        .astype(int)
    )
    return Figures(
        name=name,
        rows=len(cases),
        true_positive=int((gold & found).sum()),
        false_positive=int((~gold & found).sum()),
        false_negative=int((gold & ~found).sum()),
        true_negative=int((~gold & ~found).sum()),
        per_kind=per_kind,
        mistakes=view[gold != found],
    )


def _year(day: str) -> int | None:
    return int(day[:4]) if day[:4].isdigit() else None


def report(figures: Figures, title: str) -> str:
    def pct(value: float) -> str:
        return "—" if value != value else f"{value * 100:.1f} %".replace(".", ",")

    lines = [
        f"{title} — {figures.name}: {figures.rows}",
        f"  точность {pct(figures.precision)}, полнота {pct(figures.recall)}, доля верных {pct(figures.accuracy)}",
        f"  найдено верно {figures.true_positive}, лишних {figures.false_positive}, пропущено {figures.false_negative}",
        "  по видам (строк / сказано «противоречит» / верно):",
    ]
    lines += [f"    {kind}: {r.n} / {r.found} / {r.right}" for kind, r in figures.per_kind.iterrows()]
    return "\n".join(lines)
