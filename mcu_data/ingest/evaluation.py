"""Accuracy of theme and settlement detection on hand-written appeals, measured the way an import works.

Run: python -m mcu_data.ingest.evaluation [--file tests/data/eval_appeals.csv]
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mcu_data.core.config import PROJECT_ROOT, load_settings
from mcu_data.ingest import classifier, gazetteer, masking, themes
from mcu_data.store import Store, bootstrap, seed

DEFAULT_FILE = PROJECT_ROOT / "tests" / "data" / "eval_appeals.csv"


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


def evaluate(store: Store, cases: pd.DataFrame) -> Accuracy:
    """Themes through rules and the store-trained classifier; settlements through the gazetteer."""
    texts = masking.mask_series(cases["text"]).astype("object")
    keywords = seed.theme_keywords()
    rule_theme, rule_conf = themes.predict(texts, keywords)
    model = classifier.model_for(store)
    theme, _ = classifier.combine(rule_theme, rule_conf, model, texts)
    model_theme = model.predict(texts)[0] if model is not None else None
    places = gazetteer.build_places(store.query("select * from gazetteer"))
    found = gazetteer.resolve(texts, places).oktmo
    expected_place = cases["oktmo"].fillna("").astype(str)
    named = expected_place != ""
    mistakes = cases.assign(predicted_theme=theme, predicted_oktmo=found)
    wrong = (
        (mistakes["predicted_theme"] != cases["theme"]) | (named & (found != expected_place)) | (~named & found.notna())
    )
    return Accuracy(
        texts=len(cases),
        theme_top1=float((theme == cases["theme"]).mean()),
        theme_rules_only=float((rule_theme == cases["theme"]).mean()),
        theme_model_only=None if model_theme is None else float((model_theme == cases["theme"]).mean()),
        named=int(named.sum()),
        settlement_found=float((found[named] == expected_place[named]).mean()),
        not_named=int((~named).sum()),
        settlement_false=float(found[~named].notna().mean()),
        mistakes=mistakes[wrong],
    )


def load_cases(path: Path = DEFAULT_FILE) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def main() -> None:
    parser = argparse.ArgumentParser(description="Точность определения тем и поселений")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--show-mistakes", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "eval.duckdb")
        bootstrap.prepare(store, load_settings().sample_dir)
        result = evaluate(store, load_cases(args.file))
        store.close()
    pct = lambda x: f"{x * 100:.1f} %".replace(".", ",")  # noqa: E731
    print(f"Текстов: {result.texts}")
    print(f"Тема, top-1 (правила + классификатор, как при загрузке): {pct(result.theme_top1)}")
    print(f"  только правила: {pct(result.theme_rules_only)}")
    if result.theme_model_only is not None:
        print(f"  только классификатор: {pct(result.theme_model_only)}")
    print(f"Поселение найдено верно, где оно названо ({result.named} текстов): {pct(result.settlement_found)}")
    print(f"Ложное поселение, где оно не названо ({result.not_named} текстов): {pct(result.settlement_false)}")
    if args.show_mistakes:
        print(result.mistakes.to_string())


if __name__ == "__main__":
    main()
