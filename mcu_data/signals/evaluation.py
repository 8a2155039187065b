"""Precision and recall of the signals on the hand-written sets of tests/data/signals, one split at a time.

Run: python -m mcu_data.signals.evaluation --set answers|conflicts [--split dev|test] [--show-mistakes]
(mistakes: dev only)
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
from mcu_data.signals import answers, conflicts

SIGNALS_DIR = PROJECT_ROOT / "tests" / "data" / "signals"
SETS = {"answers": SIGNALS_DIR / "answer_quality.csv", "conflicts": SIGNALS_DIR / "conflict_texts.csv"}
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


def evaluate_answers(cases: pd.DataFrame) -> AnswerFigures:
    """Each pair through answers.check, compared with its label and its reasons."""
    morph.analyzer()  # the dictionary loads once per process; that is no part of checking
    answers.clear_caches()
    started = time.perf_counter()
    verdicts = answers.check_many(cases["question"].tolist(), cases["answer"].tolist())
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


@dataclass(frozen=True)
class ConflictFigures:
    """How the conflict rules agree with the hand tags of one split (multi-label: each text, each signal)."""

    rows: int
    per_signal: pd.DataFrame  # per signal: n (tagged), found, right, precision, recall
    false_on_clean: int  # texts with no tag that got a signal
    clean: int  # texts with no tag
    mistakes: pd.DataFrame  # texts whose signals differ from the tags (the signals not built aside)
    per_second: float

    def _sum(self, column: str, built_only: bool = True) -> int:
        rows = self.per_signal.loc[list(conflicts.SIGNALS)] if built_only else self.per_signal
        return int(rows[column].sum())

    @property
    def precision(self) -> float:
        found = self._sum("found")
        return self._sum("right") / found if found else float("nan")

    @property
    def recall(self) -> float:
        """Over the signals the rules look for; `recall_all` counts «contradiction» as missed too."""
        tagged = self._sum("n")
        return self._sum("right") / tagged if tagged else float("nan")

    @property
    def recall_all(self) -> float:
        tagged = self._sum("n", built_only=False)
        return self._sum("right") / tagged if tagged else float("nan")


def load_conflicts(split: str, path: Path = SETS["conflicts"]) -> pd.DataFrame:
    """The texts of one split: id, channel, text, context, signals as a tuple."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    cases = pd.read_csv(path, dtype=str, keep_default_na=False)
    cases = cases[cases["split"] == split].reset_index(drop=True)
    cases["signals"] = [tuple(t for t in cell.split("|") if t) for cell in cases["signals"]]
    return cases


def evaluate_conflicts(cases: pd.DataFrame) -> ConflictFigures:
    """Each text through conflicts.text_signals (the text alone: the context stands for the store's history, which
    the store-side rule reads), compared with its tags."""
    conflicts.patterns()  # the dictionary and the patterns load once per process
    started = time.perf_counter()
    found = [set(conflicts.text_signals(t)) for t in cases["text"]]
    elapsed = time.perf_counter() - started
    gold = [set(g) for g in cases["signals"]]
    rows = []
    for code in (*conflicts.SIGNALS, *conflicts.NOT_BUILT):
        tagged = sum(code in g for g in gold)
        given = sum(code in f for f in found)
        right = sum(code in g and code in f for g, f in zip(gold, found, strict=True))
        rows.append(
            {
                "signal": code,
                "n": tagged,
                "found": given,
                "right": right,
                "precision": right / given if given else float("nan"),
                "recall": right / tagged if tagged else float("nan"),
            }
        )
    built = set(conflicts.SIGNALS)
    wrong = [(g & built) != f for g, f in zip(gold, found, strict=True)]
    mistakes = cases.assign(found=[tuple(sorted(f)) for f in found])[wrong]
    return ConflictFigures(
        rows=len(cases),
        per_signal=pd.DataFrame(rows).set_index("signal"),
        false_on_clean=sum(bool(f) for g, f in zip(gold, found, strict=True) if not g),
        clean=sum(not g for g in gold),
        mistakes=mistakes[["id", "signals", "found", "text"]],
        per_second=len(cases) / elapsed if elapsed else float("inf"),
    )


def report_conflicts(figures: ConflictFigures, title: str) -> str:
    """The figures as Russian text: each signal, the overall precision and recall, the clean texts."""
    lines = [
        f"{title}: текстов {figures.rows}",
        "По сигналам (n — в разметке, найдено — у правил):",
    ]
    for code, row in figures.per_signal.iterrows():
        built = "" if code in conflicts.SIGNALS else " — не строится: в хранилище нет текстов ответов"
        lines.append(
            f"  {locale.label('conflict_signal', code):<34} ({code}): n {int(row['n'])}, найдено {int(row['found'])}, "
            f"верно {int(row['right'])}; точность {_pct(row['precision'])}, полнота {_pct(row['recall'])}{built}"
        )
    lines += [
        f"Всего по построенным сигналам: точность {_pct(figures.precision)}, полнота {_pct(figures.recall)} "
        f"(с «противоречием» в полноте — {_pct(figures.recall_all)})",
        f"Тексты без сигналов в разметке: {figures.clean}, из них с ошибочным сигналом {figures.false_on_clean}",
        f"Скорость: {locale.fmt_int(round(figures.per_second))} текстов в секунду (правила в Python; страница читает "
        "то же, посчитанное при загрузке)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Точность сигналов на размеченных вручную наборах")
    parser.add_argument(
        "--set", choices=sorted(SETS), required=True, help="набор: answers — качество ответов, conflicts — конфликты"
    )
    parser.add_argument("--split", choices=SPLITS, default="dev", help="часть набора (по умолчанию dev)")
    parser.add_argument("--show-mistakes", action="store_true", help="показать расхождения с разметкой (только dev)")
    args = parser.parse_args(argv)
    if args.split == "test" and args.show_mistakes:
        # the test part stays unseen: only its aggregate figures are ever printed
        print(
            "Часть test только измеряется: её вопросы, ответы и ошибки не показываются. "
            "Расхождения можно посмотреть на части dev (--split dev --show-mistakes).",
            file=sys.stderr,
        )
        return 2
    title = f"{SETS[args.set].name}, часть {args.split}"
    if args.set == "conflicts":
        figures = evaluate_conflicts(load_conflicts(args.split, SETS[args.set]))
        print(report_conflicts(figures, title))
    else:
        figures = evaluate_answers(load_answers(args.split, SETS[args.set]))
        print(report_answers(figures, title))
    if args.show_mistakes:
        with pd.option_context("display.max_colwidth", 120, "display.width", 200):
            print()
            print(figures.mistakes.to_string(index=False) if len(figures.mistakes) else "Расхождений нет.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
