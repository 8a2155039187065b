"""Themes from lemmas: specific keywords outweigh generic ones, ties and silence are not settled blindly."""

import numpy as np
import pandas as pd
import pytest

from mcu_data.ingest import themes
from mcu_data.store.seed import theme_keywords

KEYWORDS = theme_keywords()


def rules_say(text: str) -> str | None:
    lex = themes.lexicon(KEYWORDS)
    scores = themes.rule_scores([themes.morph.lemmas(text)], lex)
    theme, _ = themes.rules_decision(scores, lex.themes)
    return theme[0]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # the generic stems that outscored specific ones in issue #14
        ("Участковый уполномоченный не приходит, сосед буянит", "other"),
        ("Оборванный провод лежит на земле у школы", "energy"),
        ("Дому культуры дали грант на новые костюмы для хора", "culture"),
        ("Строительство нового детского сада бросили, котлован залило", "construction"),
        # the same word in another form is the same keyword: lemmas, not stems
        ("в домах нет горячей воды третий день", "housing"),
        ("в детском саду закрыли группу", "education"),
        # conditions inside a working institution belong to its sector
        ("В школе холодно, батареи ледяные", "education"),
        ("В ФАПе протекает крыша", "health"),
        # a thank-you is «other» whatever it thanks for
        ("Выражаю благодарность за быстрый ремонт водопровода", "other"),
    ],
)
def test_rules_read_lemmas_and_specificity(text, theme):
    assert rules_say(text) == theme


def test_one_specific_keyword_outweighs_two_generic_ones():
    lex = themes.lexicon(
        pd.DataFrame(
            {"theme_code": ["land", "land", "energy"], "keyword": ["земля", "участок", "провод"], "weight": [1, 1, 3]}
        )
    )
    scores = themes.rule_scores([themes.morph.lemmas("провод упал на землю у участка")], lex)
    assert themes.rules_decision(scores, lex.themes)[0][0] == "energy"


def test_a_tie_is_not_settled_by_the_order_of_the_themes():
    lex = themes.lexicon(
        pd.DataFrame({"theme_code": ["housing", "roads"], "keyword": ["труба", "яма"], "weight": [3, 3]})
    )
    scores = themes.rule_scores([themes.morph.lemmas("труба в яме")], lex)
    theme, decided = themes.rules_decision(scores, lex.themes)
    assert theme[0] is None and not decided[0]
    # alone, the rules keep the tie at no confidence, so it goes to review
    _, confidence = themes.predict(
        pd.Series(["труба в яме"]),
        pd.DataFrame({"theme_code": ["housing", "roads"], "keyword": ["труба", "яма"], "weight": [3, 3]}),
    )
    assert confidence.iloc[0] == 0.0


def test_with_a_classifier_the_tie_goes_to_the_theme_it_prefers():
    combo = themes.Combination(0.6, 1.0, (0.0, 0.0, 0.0, 0.0, 0.0), 0.5)
    scores = np.array([[7.0, 7.0, 0.0]])
    proba = np.array([[0.2, 0.7, 0.1]])
    theme, _ = themes.combine(scores, proba, ("housing", "roads", "other"), combo)
    assert theme[0] == "roads"


def test_silence_reaches_review_and_the_classifier_is_not_trusted_blindly():
    combo = themes.combination()
    scores = np.zeros((1, 3))
    # no keyword: the classifier speaks alone, but a weak classifier is no reason to skip review
    theme, confidence = themes.combine(scores, np.array([[0.4, 0.35, 0.25]]), ("housing", "roads", "other"), combo)
    assert theme[0] == "housing" and confidence[0] < combo.review_below
    # neither a keyword nor a classifier: «other», at the lowest confidence
    theme, confidence = themes.combine(scores, None, ("housing", "roads", "other"), combo)
    assert theme[0] == "other" and confidence[0] == 0.0


def test_agreement_of_rules_and_classifier_is_surer_than_disagreement():
    combo = themes.combination()
    scores = np.array([[7.0, 0.0, 0.0], [7.0, 0.0, 0.0]])
    proba = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1]])
    _, confidence = themes.combine(scores, proba, ("housing", "roads", "other"), combo)
    assert confidence[0] > confidence[1]


def test_the_combination_file_is_complete():
    combo = themes.Combination.load()
    assert 0 < combo.rule_weight < 1 and combo.rule_power > 0
    assert len(combo.calib) == len(themes.CALIBRATION_FEATURES) + 1
    assert 0.3 <= combo.review_below <= themes.MAX_PREDICTED
