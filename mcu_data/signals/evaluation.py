"""Precision and recall of the signals on the hand-written sets of tests/data/signals, one split at a time.

Run: python -m mcu_data.signals.evaluation --set answers [--split dev|test] [--show-mistakes]   (mistakes: dev only)
     python -m mcu_data.signals.evaluation --set answers --split dev --taught-from dev
     (the officers' decisions simulated on a split: each flag confirmed where its label is formal and rejected
     where it is not, the sentences taught as ingest/answer_review.decide teaches them, then the split checked)
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mcu_data.core import locale
from mcu_data.core.config import PROJECT_ROOT
from mcu_data.ingest import morph
from mcu_data.signals import answers

SIGNALS_DIR = PROJECT_ROOT / "tests" / "data" / "signals"
SETS = {"answers": SIGNALS_DIR / "answer_quality.csv"}
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class AnswerFigures:
    """How the answer-quality check agrees with the hand labels of one split."""

    rows: int
    true_positive: int  # formal, found formal
    false_positive: int  # substantive, found formal
    false_negative: int  # formal, found substantive
    true_negative: int
    per_reason: pd.DataFrame  # per reason: n (labelled), found, right, precision, recall
    mistakes: pd.DataFrame  # rows whose verdict or reasons differ from the labels
    per_second: float  # pairs checked per second with the text caches empty

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else float("nan")

    @property
    def recall(self) -> float:
        labelled = self.true_positive + self.false_negative
        return self.true_positive / labelled if labelled else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return (self.true_positive + self.true_negative) / self.rows if self.rows else float("nan")


def load_answers(split: str, path: Path = SETS["answers"]) -> pd.DataFrame:
    """The pairs of one split: id, question, answer, label (formal / substantive), reasons as a tuple."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    cases = pd.read_csv(path, dtype=str, keep_default_na=False)
    cases = cases[cases["split"] == split].reset_index(drop=True)
    cases["reasons"] = [tuple(r for r in cell.split("|") if r) for cell in cases["reasons"]]
    return cases


def simulated_teaching(cases: pd.DataFrame) -> answers.Taught:
    """What officers would teach deciding every flag of these pairs by their labels: a confirmed flag's sentences
    become stock phrases, a rejected flag's sentences not; the later decision of a sentence stands."""
    kinds: dict[str, str] = {}
    verdicts = answers.check_many(cases["question"].tolist(), cases["answer"].tolist())
    for verdict, answer, label in zip(verdicts, cases["answer"], cases["label"], strict=True):
        if not verdict.formal:
            continue  # an officer sees only the flagged answers
        reading = answers.read_answer(answer)
        for key, sentence in zip(reading.keys, reading.sentences, strict=True):
            if key and not sentence.courtesy:
                kinds[key] = "boilerplate" if label == "formal" else "substantive"
    return answers.Taught(
        boilerplate=frozenset(k for k, v in kinds.items() if v == "boilerplate"),
        substantive=frozenset(k for k, v in kinds.items() if v == "substantive"),
    )


def evaluate_answers(cases: pd.DataFrame, taught: answers.Taught = answers.NOTHING_TAUGHT) -> AnswerFigures:
    """Each pair through answers.check, compared with its label and its reasons."""
    morph.analyzer()  # the dictionary loads once per process; that is no part of checking
    answers.clear_caches()
    started = time.perf_counter()
    verdicts = answers.check_many(cases["question"].tolist(), cases["answer"].tolist(), taught)
    elapsed = time.perf_counter() - started
    found = pd.Series([v.formal for v in verdicts], index=cases.index)
    gold = cases["label"] == "formal"
    found_reasons = [set(v.reasons) for v in verdicts]
    gold_reasons = [set(r) for r in cases["reasons"]]
    rows = []
    for code in answers.REASONS:
        labelled = sum(code in g for g in gold_reasons)
        given = sum(code in f for f in found_reasons)
        right = sum(code in g and code in f for g, f in zip(gold_reasons, found_reasons, strict=True))
        rows.append(
            {
                "reason": code,
                "n": labelled,
                "found": given,
                "right": right,
                "precision": right / given if given else float("nan"),
                "recall": right / labelled if labelled else float("nan"),
            }
        )
    wrong = (found != gold) | pd.Series([g != f for g, f in zip(gold_reasons, found_reasons, strict=True)])
    mistakes = cases.assign(
        found=["formal" if v.formal else "substantive" for v in verdicts],
        found_reasons=[v.reasons for v in verdicts],
        score=[v.score for v in verdicts],
    )[wrong]
    return AnswerFigures(
        rows=len(cases),
        true_positive=int((found & gold).sum()),
        false_positive=int((found & ~gold).sum()),
        false_negative=int((~found & gold).sum()),
        true_negative=int((~found & ~gold).sum()),
        per_reason=pd.DataFrame(rows).set_index("reason"),
        mistakes=mistakes[["id", "label", "reasons", "found", "found_reasons", "score", "question", "answer"]],
        per_second=len(cases) / elapsed if elapsed else float("inf"),
    )


def _pct(x: float) -> str:
    return "—" if x != x else locale.fmt_pct(x)


def report_answers(figures: AnswerFigures, title: str) -> str:
    """The figures as Russian text: «formal» as the positive class, the accuracy, each reason, the confusion."""
    lines = [
        f"{title}: пар «вопрос — ответ» {figures.rows}",
        "«Вероятная отписка» (formal) как положительный класс:",
        f"  точность (precision) {_pct(figures.precision)}, полнота (recall) {_pct(figures.recall)}, "
        f"F1 {_pct(figures.f1)}",
        f"Доля верных решений (accuracy): {_pct(figures.accuracy)}",
        "Таблица ошибок (строки — разметка, столбцы — проверка):",
        f"  {'':<14}{'отписка':>10}{'по существу':>14}",
        f"  {'отписка':<14}{figures.true_positive:>10}{figures.false_negative:>14}",
        f"  {'по существу':<14}{figures.false_positive:>10}{figures.true_negative:>14}",
        "По причинам (n — в разметке, найдено — у проверки):",
    ]
    for code, row in figures.per_reason.iterrows():
        lines.append(
            f"  {locale.label('answer_reason', code):<32} ({code}): n {int(row['n'])}, найдено {int(row['found'])}, "
            f"верно {int(row['right'])}; точность {_pct(row['precision'])}, полнота {_pct(row['recall'])}"
        )
    lines.append(
        f"Скорость: {locale.fmt_int(round(figures.per_second))} пар в секунду (первое чтение: ни тексты, ни их слова ещё не разобраны)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Точность сигналов на размеченных вручную наборах")
    parser.add_argument("--set", choices=sorted(SETS), required=True, help="набор: answers — качество ответов")
    parser.add_argument("--split", choices=SPLITS, default="dev", help="часть набора (по умолчанию dev)")
    parser.add_argument("--show-mistakes", action="store_true", help="показать расхождения с разметкой (только dev)")
    parser.add_argument(
        "--taught-from",
        choices=SPLITS,
        help="сначала «решения офицеров» по отметкам этой части (по разметке), потом проверка с выученным",
    )
    args = parser.parse_args(argv)
    if args.split == "test" and args.show_mistakes:
        # the test part stays unseen: only its aggregate figures are ever printed
        print(
            "Часть test только измеряется: её вопросы, ответы и ошибки не показываются. "
            "Расхождения можно посмотреть на части dev (--split dev --show-mistakes).",
            file=sys.stderr,
        )
        return 2
    taught = answers.NOTHING_TAUGHT
    title = f"{SETS[args.set].name}, часть {args.split}"
    if args.taught_from:
        taught = simulated_teaching(load_answers(args.taught_from, SETS[args.set]))
        title += (
            f", после решений по отметкам части {args.taught_from} (предложений: стандартных "
            f"{len(taught.boilerplate)}, по существу {len(taught.substantive)})"
        )
    figures = evaluate_answers(load_answers(args.split, SETS[args.set]), taught)
    print(report_answers(figures, title))
    if args.show_mistakes:
        with pd.option_context("display.max_colwidth", 120, "display.width", 200):
            print()
            print(figures.mistakes.to_string(index=False) if len(figures.mistakes) else "Расхождений нет.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
