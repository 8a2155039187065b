"""Accuracy of masking, themes and settlements on hand-written appeals, measured through the import's own path.

Run: python -m mcu_data.ingest.evaluation [--file tests/data/eval_appeals.csv]
     python -m mcu_data.ingest.evaluation --file tests/data/language/appeals.csv --split test
     python -m mcu_data.ingest.evaluation --fit-combination   (on the development sets only, DEV_SETS)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from mcu_data.core.config import PROJECT_ROOT, load_settings
from mcu_data.ingest import morph, review, themes
from mcu_data.ingest.loader import load_references
from mcu_data.ingest.text_analysis import text_columns
from mcu_data.store import Store, bootstrap, seed

DEFAULT_FILE = PROJECT_ROOT / "tests" / "data" / "eval_appeals.csv"
LANGUAGE_FILE = PROJECT_ROOT / "tests" / "data" / "language" / "appeals.csv"
# the second development set, written by hand before the changes it led to; all of it is for development
SECOND_DEV_FILE = PROJECT_ROOT / "tests" / "data" / "language" / "dev2.csv"
STYLE_SOURCE = {"pos": "pos", "social": "im", "fz59": "fz59", "hotline": "hotline"}
# on the texts the rules were written against, errors are rarer than on new ones (the old holdout showed about
# three points more, the second development set on its first reading two): so the target here leaves room for
# three and a half points below the 5 % the issue allows on new texts
CONFIDENT_WRONG_TARGET = 0.015
# where the combination is chosen: the dev part of the language set and the old development set; the old holdout
# and the language set's test part only ever measure
DEV_SETS = ((LANGUAGE_FILE, "dev"), (SECOND_DEV_FILE, None), (DEFAULT_FILE, None))
RULE_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
RULE_POWERS = (0.5, 1.0, 1.5, 2.0)


@dataclass(frozen=True)
class Accuracy:
    texts: int
    theme_top1: float
    theme_rules_only: float
    theme_model_only: float | None
    named: int
    settlement_found: float
    not_named: int
    settlement_false: float
    mistakes: pd.DataFrame
    confident_wrong: float  # wrong themes outside the review queue, as a share of all texts
    theme_reviewed: float  # texts whose theme goes to the review queue
    per_theme: pd.DataFrame
    per_style: pd.DataFrame | None
    confusion: pd.DataFrame
    pii_items: int = 0
    pii_masked: float | None = None
    keep_items: int = 0
    keep_kept: float | None = None
    pii_by_kind: pd.DataFrame | None = None  # items and misses per kind, told apart by their shape
    keep_by_kind: pd.DataFrame | None = None


def load_cases(path: Path = DEFAULT_FILE, split: str | None = None) -> pd.DataFrame:
    """The cases of a set, in one shape: text, address, theme, oktmo (and style, pii, keep where the set has them)."""
    cases = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "settlement_oktmo" in cases.columns:
        cases = cases.rename(columns={"settlement_oktmo": "oktmo"})
    if split is not None:
        if "split" not in cases.columns:
            raise SystemExit(f"В наборе {path.name} нет столбца split")
        cases = cases[cases["split"] == split]
    for column in ("address", "pii", "keep"):
        if column not in cases.columns:
            cases[column] = ""
    return cases.reset_index(drop=True)


def analysed(store: Store, cases: pd.DataFrame) -> pd.DataFrame:
    """Each case through the import's per-text code, with the source its style stands for."""
    refs = load_references(store)
    parts = []
    styles = cases["style"].fillna("") if "style" in cases.columns else pd.Series("", index=cases.index)
    for style, group in cases.groupby(styles, sort=False):
        none = pd.Series(None, index=group.index, dtype="object")
        source = STYLE_SOURCE.get(str(style), "other")
        parts.append(text_columns(group["text"], group["address"], none, none, source, refs))
    return pd.concat(parts).loc[cases.index]


def evaluate(store: Store, cases: pd.DataFrame) -> Accuracy:
    """Themes, settlements and masking as an import does them; the rules and the classifier also alone."""
    result = analysed(store, cases)
    refs = load_references(store)
    lists = [morph.lemmas(t or "") for t in result["text_masked"].fillna("")]
    read = themes.from_text(result["text_masked"].fillna(""), refs.keywords, refs.model, lemma_lists=lists)
    rule_theme, _ = themes.rules_decision(read.rule_scores, read.themes)
    gold = cases["theme"]
    theme = result["theme_code"]
    right = theme == gold
    confident = result["theme_confidence"] >= review.THEME_THRESHOLD
    model_only = None
    if read.model_proba is not None:
        model_theme = np.array(read.themes, dtype=object)[read.model_proba.argmax(axis=1)]
        model_only = float((model_theme == gold.to_numpy()).mean())
    found = result["settlement_oktmo"]
    expected_place = cases["oktmo"].fillna("").astype(str)
    named = expected_place != ""
    mistakes = cases.assign(predicted_theme=theme, confidence=result["theme_confidence"], predicted_oktmo=found)
    wrong = ~right | (named & (found != expected_place)) | (~named & found.notna())
    frame = pd.DataFrame({"theme": gold, "right": right})
    per_theme = frame.groupby("theme")["right"].agg(n="size", right="sum").assign(share=lambda f: f["right"] / f["n"])
    per_style = None
    if "style" in cases.columns:
        per_style = (
            pd.DataFrame({"style": cases["style"], "right": right, "confident_wrong": ~right & confident})
            .groupby("style")
            .agg(n=("right", "size"), right=("right", "sum"), confident_wrong=("confident_wrong", "sum"))
            .assign(share=lambda f: f["right"] / f["n"])
        )
    confusion = pd.crosstab(gold.rename("верно"), theme.rename("найдено"))
    pii_total, pii_ok, keep_total, keep_ok = _personal_data(cases, result["text_masked"].fillna(""))
    pii_kinds, keep_kinds = _by_kind(cases, result["text_masked"].fillna(""))
    return Accuracy(
        texts=len(cases),
        theme_top1=float(right.mean()),
        theme_rules_only=float((pd.Series(rule_theme, index=cases.index) == gold).mean()),
        theme_model_only=model_only,
        named=int(named.sum()),
        settlement_found=float((found[named] == expected_place[named]).mean()) if named.any() else float("nan"),
        not_named=int((~named).sum()),
        settlement_false=float(found[~named].notna().mean()) if (~named).any() else float("nan"),
        mistakes=mistakes[wrong],
        confident_wrong=float((~right & confident).mean()),
        theme_reviewed=float((~confident).mean()),
        per_theme=per_theme,
        per_style=per_style,
        confusion=confusion,
        pii_items=pii_total,
        pii_masked=pii_ok / pii_total if pii_total else None,
        keep_items=keep_total,
        keep_kept=keep_ok / keep_total if keep_total else None,
        pii_by_kind=pii_kinds,
        keep_by_kind=keep_kinds,
    )


def _items(cell: str) -> list[str]:
    return [item for item in str(cell).split(" | ") if item]


def _personal_data(cases: pd.DataFrame, masked: pd.Series) -> tuple[int, int, int, int]:
    """A personal datum is masked when its exact string is gone from the stored text; a kept one must stay."""
    pii = [(m, item) for m, cell in zip(masked, cases["pii"], strict=True) for item in _items(cell)]
    keep = [(m, item) for m, cell in zip(masked, cases["keep"], strict=True) for item in _items(cell)]
    return len(pii), sum(item not in m for m, item in pii), len(keep), sum(item in m for m, item in keep)


PII_KINDS = (
    ("e-mail", re.compile(r"@")),
    ("дата или год рождения", re.compile(r"г\.\s?р|рожд", re.I)),
    ("адрес", re.compile(r"\b(?:ул\.|улиц|пер\.|д\.|кв\.|дом)|\d+\s*[-–]\s*\d+$", re.I)),
    ("госномер", re.compile(r"^[А-ЯA-Z]{1,2}\s?\d{3}")),
    ("телефон", re.compile(r"^(?:\+7|8)[\d\s()-]{9,}$")),
    ("номер документа, счёта, карты", re.compile(r"\d{4,}")),
)
KEEP_KINDS = (
    ("организация", re.compile(r"[«\"]|\b(?:ООО|ПАО|МКУ|МУП|ГБУЗ|ЦРБ|НКО|КУМИ)\b|^[А-ЯЁ]{2,}")),
    ("место проблемы", re.compile(r"\b(?:ул\.|улиц|перекр|площад|у |на |по )", re.I)),
)


def _kind(item: str, kinds: tuple, default: str) -> str:
    return next((name for name, pattern in kinds if pattern.search(item)), default)


def _by_kind(cases: pd.DataFrame, masked: pd.Series) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Items and misses per kind of datum, so that a miss can be looked for by its kind, not by its text."""
    pii = [
        (_kind(item, PII_KINDS, "ФИО"), item in m)
        for m, cell in zip(masked, cases["pii"], strict=True)
        for item in _items(cell)
    ]
    keep = [
        (_kind(item, KEEP_KINDS, "должностное лицо"), item not in m)
        for m, cell in zip(masked, cases["keep"], strict=True)
        for item in _items(cell)
    ]

    def table(rows: list[tuple[str, bool]]) -> pd.DataFrame | None:
        if not rows:
            return None
        frame = pd.DataFrame(rows, columns=["kind", "missed"])
        return frame.groupby("kind")["missed"].agg(items="size", missed="sum")

    return table(pii), table(keep)


def fit_combination(store: Store, cases: pd.DataFrame) -> dict:
    """Choose on the dev set how the rules and the classifier combine, the calibration and the review threshold.

    The mixture weight and the sharpness of the rules are those that get most themes right; the calibration is a
    logistic regression of «the theme is right» on the mixture's top share and its lead; the threshold is the
    lowest that keeps the wrong themes outside review within CONFIDENT_WRONG_TARGET of the texts.
    """
    result = analysed(store, cases)
    refs = load_references(store)
    lists = [morph.lemmas(t or "") for t in result["text_masked"].fillna("")]
    read = themes.from_text(result["text_masked"].fillna(""), refs.keywords, refs.model, lemma_lists=lists)
    gold = cases["theme"].to_numpy()
    best = None
    for weight in RULE_WEIGHTS:
        for power in RULE_POWERS:
            combo = themes.Combination(weight, power, (0.0,) * (len(themes.CALIBRATION_FEATURES) + 1), 0.5)
            theme, _ = themes.combine(read.rule_scores, read.model_proba, read.themes, combo)
            accuracy = float((theme == gold).mean())
            # ties go to the middle of the grid: the less extreme choice generalises better
            key = (accuracy, -abs(weight - 0.6), -abs(power - 1.0))
            if best is None or key > best[0]:
                best = (key, weight, power)
    _, weight, power = best
    features, theme = _features(read, weight, power)
    right = (theme == gold).astype(int)
    calib = LogisticRegression(C=1.0).fit(features, right)
    coefficients = [float(x) for x in calib.coef_[0]] + [float(calib.intercept_[0])]
    conf = np.minimum(themes.MAX_PREDICTED, calib.predict_proba(features)[:, 1])
    threshold = themes.MAX_PREDICTED
    for t in np.arange(0.30, themes.MAX_PREDICTED + 0.001, 0.01):
        if ((conf >= t) & (right == 0)).mean() <= CONFIDENT_WRONG_TARGET:
            threshold = round(float(t), 2)
            break
    sets = "; ".join(path.name + (f", {split}" if split else "") for path, split in DEV_SETS)
    return {
        "rule_weight": weight,
        "rule_power": power,
        "calibration": [round(x, 4) for x in coefficients],
        "review_below": threshold,
        "note": (
            f"fitted {date.today():%d.%m.%Y} on {len(cases)} texts ({sets}): "
            f"top-1 {right.mean():.3f}, wrong outside review {((conf >= threshold) & (right == 0)).mean():.3f}, "
            f"reviewed {(conf < threshold).mean():.3f}"
        ),
    }


def _features(read: themes.TextThemes, weight: float, power: float) -> tuple[np.ndarray, np.ndarray]:
    """What the calibration reads of each text, as the import computes it (themes.confidence_features)."""
    combo = themes.Combination(weight, power, (0.0,) * (len(themes.CALIBRATION_FEATURES) + 1), 0.5)
    mixed = themes.mixture(read.rule_scores, read.model_proba, combo)
    theme = np.array(read.themes, dtype=object)[mixed.argmax(axis=1)]
    return themes.confidence_features(read.rule_scores, read.model_proba, mixed), theme


def _pct(x: float | None) -> str:
    return "—" if x is None or x != x else f"{x * 100:.1f} %".replace(".", ",")


def report(result: Accuracy, title: str) -> str:
    """The figures of one set as text: overall, per theme, per style, the confusion table, personal data."""
    names = dict(seed.read_reference_csv("themes.csv")[["code", "name_ru"]].itertuples(index=False))
    lines = [f"{title}: текстов {result.texts}"]
    lines.append(f"Тема, top-1 (как при загрузке: правила + классификатор): {_pct(result.theme_top1)}")
    lines.append(f"  только правила: {_pct(result.theme_rules_only)}")
    if result.theme_model_only is not None:
        lines.append(f"  только классификатор: {_pct(result.theme_model_only)}")
    lines.append(
        f"  неверная тема с уверенностью не ниже порога проверки ({review.THEME_THRESHOLD:.2f}), то есть мимо "
        f"очереди проверки: {_pct(result.confident_wrong)} текстов; на проверку уходит {_pct(result.theme_reviewed)}"
    )
    lines.append(f"Поселение найдено верно, где оно названо ({result.named}): {_pct(result.settlement_found)}")
    lines.append(f"Ложное поселение, где оно не названо ({result.not_named}): {_pct(result.settlement_false)}")
    if result.pii_items:
        lines.append(f"Персональные данные скрыты: {_pct(result.pii_masked)} из {result.pii_items} строк")
        lines.append(
            f"Должностные лица, организации, места проблемы сохранены: {_pct(result.keep_kept)} из {result.keep_items}"
        )
    for title_kind, kinds in (("не скрыты", result.pii_by_kind), ("потеряны", result.keep_by_kind)):
        if kinds is not None:
            parts = [f"{kind} {int(r['missed'])} из {int(r['items'])}" for kind, r in kinds.iterrows()]
            lines.append(f"  {title_kind} по видам: " + "; ".join(parts))
    lines.append("")
    lines.append("По темам (верно / текстов):")
    for code, row in result.per_theme.iterrows():
        lines.append(
            f"  {code:<13} {names.get(code, code):<36} {int(row['right']):>3} / {int(row['n']):<3} {_pct(row['share'])}"
        )
    if result.per_style is not None:
        lines.append("По стилям (верно / текстов; неверно мимо проверки):")
        for style, row in result.per_style.iterrows():
            lines.append(
                f"  {style:<8} {int(row['right']):>3} / {int(row['n']):<3} {_pct(row['share'])}; "
                f"{int(row['confident_wrong'])}"
            )
    lines.append("Таблица ошибок (строки — верная тема, столбцы — найденная):")
    lines.append(result.confusion.to_string())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Точность маскирования, тем и поселений")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--split", choices=["dev", "test"], help="часть набора (для наборов со столбцом split)")
    parser.add_argument("--show-mistakes", action="store_true", help="показать ошибки (кроме части test)")
    parser.add_argument(
        "--fit-combination", action="store_true", help="подобрать сочетание правил и классификатора (только dev)"
    )
    args = parser.parse_args(argv)
    if args.fit_combination and (args.split == "test" or args.file != DEFAULT_FILE):
        print(
            "Сочетание подбирается только по наборам разработки: "
            + ", ".join(f"{p.name} {s or ''}" for p, s in DEV_SETS),
            file=sys.stderr,
        )
        return 2
    if args.split == "test" and args.show_mistakes:
        # the test part stays unseen: only its figures are ever printed
        print("Часть test только измеряется: ни её тексты, ни подбор по ней не показываются.", file=sys.stderr)
        return 2
    cases = load_cases(args.file, args.split)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "eval.duckdb")
        bootstrap.prepare(store, load_settings().sample_dir)
        if args.fit_combination:
            dev = pd.concat(
                [load_cases(path, split).assign(set=path.name) for path, split in DEV_SETS], ignore_index=True
            )
            params = fit_combination(store, dev)
            themes.COMBINATION_FILE.write_text(
                json.dumps(params, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            print(json.dumps(params, ensure_ascii=False, indent=2))
            store.close()
            return 0
        result = evaluate(store, cases)
        store.close()
    title = args.file.name + (f", часть {args.split}" if args.split else "")
    print(report(result, title))
    if args.show_mistakes:
        print(result.mistakes.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
