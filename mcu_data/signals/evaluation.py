"""Precision and recall of the signals on the hand-written sets of tests/data/signals, one split at a time.

Run: python -m mcu_data.signals.evaluation --set answers|conflicts|incidents|contradictions
[--split dev|test|all|dev2|dev3|dev4|dev5|dev6|dev7|dev8|dev9|blind]
[--file PATH] [--masked] [--show-mistakes]
(mistakes: not for test of the answers set, dev only for conflicts, never for a blind split; --masked passes
the incident texts through the store's masking first; --file measures another CSV of the same columns)
     python -m mcu_data.signals.evaluation --set answers --split dev --taught-from dev
     (the officers' decisions simulated on a split: each flag confirmed where its label is formal and rejected
     where it is not, the sentences taught as ingest/answer_review.decide teaches them, then the split checked)
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from mcu_data.core import locale
from mcu_data.core.config import PROJECT_ROOT
from mcu_data.ingest import morph
from mcu_data.signals import answers, conflicts, incident_match

SIGNALS_DIR = PROJECT_ROOT / "tests" / "data" / "signals"
SETS = {
    "answers": SIGNALS_DIR / "answer_quality.csv",
    "conflicts": SIGNALS_DIR / "conflict_texts.csv",
    "incidents": SIGNALS_DIR / "incident_pairs.csv",
    "contradictions": SIGNALS_DIR / "answer_pairs.csv",  # and contradiction_texts.csv (signals/contradiction_eval.py)
}
# the second set: written blind to the matcher, read once blind (85,4 / 68,3 %), development data since
SECOND_SET = SIGNALS_DIR / "incident_pairs_blind.csv"
# the third set: written blind to the matcher and to both earlier sets, read once blind (77,4 / 80,0 %), development
# data since
THIRD_SET = SIGNALS_DIR / "incident_pairs_blind2.csv"
# the fourth set: written blind to the matcher and to all earlier sets, read once blind (87,0 / 78,3 %), development
# data since (split «dev4»)
FOURTH_SET = SIGNALS_DIR / "incident_pairs_blind3.csv"
# the fifth set: written blind to the matcher and to all earlier sets, read once blind after the fifth round
# (77,8 / 70,0 %), development data since (split «dev5»)
FIFTH_SET = SIGNALS_DIR / "incident_pairs_blind4.csv"
# the sixth set: written blind to the matcher and to all earlier sets, read once blind after the sixth round
# (75,0 / 70,0 %), development data since (split «dev6»)
SIXTH_SET = SIGNALS_DIR / "incident_pairs_blind5.csv"
# the seventh set: written blind to the matcher and to all earlier sets, read once blind after the sixth round
# (77,4 / 80,0 %), development data since (split «dev7»)
SEVENTH_SET = SIGNALS_DIR / "incident_pairs_blind6.csv"
# the eighth set: written blind to the matcher and to all earlier sets, read once blind after the seventh round
# (75,4 / 71,7 %), development data since (split «dev8»)
EIGHTH_SET = SIGNALS_DIR / "incident_pairs_blind7.csv"
# the ninth set: written blind to the matcher and to all earlier sets, read once blind after the seventh round
# (80,9 / 63,3 %), development data since (split «dev9»)
NINTH_SET = SIGNALS_DIR / "incident_pairs_blind8.csv"
SPLITS = ("dev", "test")
INCIDENT_SPLITS = ("dev", "test", "all", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "blind")
# «all»: every row of the file; «dev2» … «dev9»: the second to ninth set, each blind once and now development
# data (mistakes shown); «blind» is measured, never shown


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


def per_code(codes, gold: list[set], found: list[set], name: str) -> list[dict]:
    """Per code of a multi-label set: how many carry it by hand (n), how many the rules gave, how many of those
    are right, precision and recall."""
    rows = []
    for code in codes:
        labelled = sum(code in g for g in gold)
        given = sum(code in f for f in found)
        right = sum(code in g and code in f for g, f in zip(gold, found, strict=True))
        rows.append(
            {
                name: code,
                "n": labelled,
                "found": given,
                "right": right,
                "precision": right / given if given else float("nan"),
                "recall": right / labelled if labelled else float("nan"),
            }
        )
    return rows


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
    rows = per_code(answers.REASONS, gold_reasons, found_reasons, "reason")
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
    mistakes: pd.DataFrame  # texts whose signals differ from the tags
    per_second: float

    def _sum(self, column: str) -> int:
        return int(self.per_signal.loc[list(conflicts.SIGNALS), column].sum())

    @property
    def precision(self) -> float:
        found = self._sum("found")
        return self._sum("right") / found if found else float("nan")

    @property
    def recall(self) -> float:
        tagged = self._sum("n")
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
    rows = per_code(conflicts.SIGNALS, gold, found, "signal")
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


@dataclass(frozen=True)
class IncidentFigures:
    """How the pair matcher agrees with the hand labels of one split, «same problem» as the positive class."""

    rows: int
    true_positive: int  # one problem, found one
    false_positive: int  # two problems, found one
    false_negative: int  # one problem, found two
    true_negative: int
    per_kind: pd.DataFrame  # per kind: label, n, right, accuracy
    mistakes: pd.DataFrame  # pairs whose verdict differs from the label
    per_second: float  # pairs scored per second with the text cache empty

    precision = AnswerFigures.precision
    recall = AnswerFigures.recall
    f1 = AnswerFigures.f1
    accuracy = AnswerFigures.accuracy


def _when(cell: str) -> datetime:
    return datetime.strptime(cell, "%Y-%m-%d %H:%M")


def load_incidents(split: str, path: Path = SETS["incidents"], masked: bool = False) -> pd.DataFrame:
    """The pairs of one split as the matcher sees them: two messages each; the human «note» is dropped.

    split «all» takes every row of the file. masked=True passes both texts through the store's masking first
    (`mask_text`), as the store keeps them."""
    if split not in INCIDENT_SPLITS:
        raise ValueError(f"unknown split {split!r}")
    cases = pd.read_csv(path, dtype=str, keep_default_na=False)
    if split != "all":
        cases = cases[cases["split"] == split]
    cases = cases.drop(columns=["note"], errors="ignore").reset_index(drop=True)
    if masked:
        from mcu_data.ingest.masking import mask_text

        for side in ("a", "b"):
            cases[f"text_{side}"] = [mask_text(t) or "" for t in cases[f"text_{side}"]]
    for side in ("a", "b"):
        cases[f"message_{side}"] = [
            incident_match.Message(
                text=row[f"text_{side}"],
                received_at=_when(row[f"received_{side}"]),
                theme=row[f"theme_{side}"],
                settlement=row[f"settlement_{side}"] or None,
                channel=row[f"channel_{side}"],
            )
            for _, row in cases.iterrows()
        ]
    return cases


def evaluate_incidents(cases: pd.DataFrame) -> IncidentFigures:
    """Each pair through incident_match.score, compared with its label."""
    morph.analyzer()
    incident_match.read("")  # the gazetteer loads once per process; that is no part of matching
    incident_match.clear_caches()
    started = time.perf_counter()
    scores = [incident_match.score(a, b) for a, b in zip(cases["message_a"], cases["message_b"], strict=True)]
    elapsed = time.perf_counter() - started
    found = pd.Series([s >= incident_match.SAME_AT for s in scores], index=cases.index)
    gold = cases["same_problem"] == "yes"
    right = found == gold
    per_kind = (
        cases.assign(right=right)
        .groupby(["kind", "same_problem"])
        .agg(n=("right", "size"), right=("right", "sum"))
        .reset_index()
    )
    per_kind["accuracy"] = per_kind["right"] / per_kind["n"]
    mistakes = cases.assign(
        score=scores,
        rule=[incident_match.conflict(a, b) or "" for a, b in zip(cases["message_a"], cases["message_b"], strict=True)],
    )[~right]
    return IncidentFigures(
        rows=len(cases),
        true_positive=int((found & gold).sum()),
        false_positive=int((found & ~gold).sum()),
        false_negative=int((~found & gold).sum()),
        true_negative=int((~found & ~gold).sum()),
        per_kind=per_kind,
        mistakes=mistakes[["pair_id", "kind", "same_problem", "score", "rule", "text_a", "text_b"]],
        per_second=len(cases) / elapsed if elapsed else float("inf"),
    )


def report_conflicts(figures: ConflictFigures, title: str) -> str:
    """The figures as Russian text: each signal, the overall precision and recall, the clean texts."""
    lines = [
        f"{title}: текстов {figures.rows}",
        "По сигналам (n — в разметке, найдено — у правил):",
    ]
    for code, row in figures.per_signal.iterrows():
        lines.append(
            f"  {locale.label('conflict_signal', code):<34} ({code}): n {int(row['n'])}, найдено {int(row['found'])}, "
            f"верно {int(row['right'])}; точность {_pct(row['precision'])}, полнота {_pct(row['recall'])}"
        )
    lines += [
        f"Всего по сигналам: точность {_pct(figures.precision)}, полнота {_pct(figures.recall)}",
        f"Тексты без сигналов в разметке: {figures.clean}, из них с ошибочным сигналом {figures.false_on_clean}",
        f"Скорость: {locale.fmt_int(round(figures.per_second))} текстов в секунду (правила в Python; страница читает "
        "то же, посчитанное при загрузке)",
    ]
    return "\n".join(lines)


def report_incidents(figures: IncidentFigures, title: str) -> str:
    """The figures as Russian text: «one problem» as the positive class, the accuracy, each kind, the confusion."""
    lines = [
        f"{title}: пар сообщений {figures.rows}",
        "«Одна проблема» (same_problem = yes) как положительный класс:",
        f"  точность (precision) {_pct(figures.precision)}, полнота (recall) {_pct(figures.recall)}, "
        f"F1 {_pct(figures.f1)}",
        f"Доля верных решений (accuracy): {_pct(figures.accuracy)}",
        "Таблица ошибок (строки — разметка, столбцы — сигнал):",
        f"  {'':<16}{'одна':>8}{'разные':>8}",
        f"  {'одна проблема':<16}{figures.true_positive:>8}{figures.false_negative:>8}",
        f"  {'разные':<16}{figures.false_positive:>8}{figures.true_negative:>8}",
        "По видам пар (kind, метка): верно из n",
    ]
    for row in figures.per_kind.itertuples():
        lines.append(f"  {row.kind} ({row.same_problem}): {int(row.right)} из {int(row.n)}")
    lines.append(
        f"Скорость: {locale.fmt_int(round(figures.per_second))} пар в секунду (первое чтение: тексты ещё не разобраны)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Точность сигналов на размеченных вручную наборах")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        required=True,
        help="набор: answers — качество ответов, conflicts — конфликты, incidents — пары сообщений об одной проблеме, "
        "contradictions — противоречие ответов (пары ответов и тексты жителей)",
    )
    parser.add_argument(
        "--split",
        choices=INCIDENT_SPLITS,
        default="dev",
        help="часть набора (по умолчанию dev); для incidents ещё all — все строки файла, dev2 … dev9 — второй … девятый наборы (бывшие слепые), blind — слепой набор",
    )
    parser.add_argument("--file", type=Path, help="другой CSV тех же столбцов (для incidents)")
    parser.add_argument("--masked", action="store_true", help="тексты пар сначала маскируются, как в хранилище")
    parser.add_argument("--show-mistakes", action="store_true", help="показать расхождения с разметкой")
    parser.add_argument(
        "--taught-from",
        choices=SPLITS,
        help="для answers: сначала «решения офицеров» по отметкам этой части (по разметке), потом проверка с выученным",
    )
    args = parser.parse_args(argv)
    if args.set in ("answers", "conflicts", "contradictions") and (
        args.split not in SPLITS or args.file or args.masked
    ):
        print(f"Для набора {args.set} есть только части dev и test, без --file и --masked.", file=sys.stderr)
        return 2
    if args.set in ("conflicts", "contradictions") and args.split == "test" and args.show_mistakes:
        print("Часть test только измеряется: её тексты и ошибки не показываются.", file=sys.stderr)
        return 2
    if args.split == "blind" and args.show_mistakes:
        print(
            "Слепой набор только измеряется: его тексты и ошибки не показываются.",
            file=sys.stderr,
        )
        return 2
    if args.set == "answers" and args.split == "test" and args.show_mistakes:
        # the test part stays unseen: only its aggregate figures are ever printed
        print(
            "Часть test только измеряется: её тексты и ошибки не показываются. "
            "Расхождения можно посмотреть на части dev (--split dev --show-mistakes).",
            file=sys.stderr,
        )
        return 2
    path = args.file or SETS[args.set]
    if not path.exists():
        print(f"Файл не найден: {path}", file=sys.stderr)
        return 2
    title = f"{path.name}, часть {args.split}" + (", тексты замаскированы" if args.masked else "")
    if args.set == "incidents":
        figures = evaluate_incidents(load_incidents(args.split, path, masked=args.masked))
        print(report_incidents(figures, title))
    elif args.set == "conflicts":
        figures = evaluate_conflicts(load_conflicts(args.split, path))
        print(report_conflicts(figures, title))
    elif args.set == "contradictions":
        from mcu_data.signals import contradiction_eval  # it reads this module's figures

        pairs = contradiction_eval.evaluate_pairs(contradiction_eval.load(path, args.split))
        texts = contradiction_eval.evaluate_texts(contradiction_eval.load(contradiction_eval.TEXTS, args.split))
        print(contradiction_eval.report(pairs, title))
        print(contradiction_eval.report(texts, f"{contradiction_eval.TEXTS_FILE}, часть {args.split}"))
        figures = pairs
        if args.show_mistakes:
            with pd.option_context("display.max_colwidth", 120, "display.width", 200):
                print()
                print(texts.mistakes.to_string(index=False) if len(texts.mistakes) else "Расхождений в текстах нет.")
    else:
        taught = answers.NOTHING_TAUGHT
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
