"""Theme and settlement detection on hand-written appeals, apart from the generator's vocabulary.

eval_appeals.csv (174 texts) was also used to improve the rules; eval_appeals_holdout.csv (67 texts)
was written afterwards and never used for tuning. Both must meet the targets.
"""

import pytest

from mcu_data.core.config import PROJECT_ROOT
from mcu_data.ingest.evaluation import evaluate, load_cases
from mcu_data.store import Store

FILES = ["eval_appeals.csv", "eval_appeals_holdout.csv"]


@pytest.mark.parametrize("name", FILES)
def test_accuracy_meets_targets(store: Store, name: str):
    cases = load_cases(PROJECT_ROOT / "tests" / "data" / name)
    assert len(cases) >= 60 and cases["theme"].nunique() == 17
    result = evaluate(store, cases)
    assert result.theme_top1 >= 0.85, result.mistakes[["text", "theme", "predicted_theme"]].to_string()
    assert result.settlement_found >= 0.95
    assert result.settlement_false <= 0.03


def test_the_main_set_is_large_enough():
    assert len(load_cases(PROJECT_ROOT / "tests" / "data" / "eval_appeals.csv")) >= 150
