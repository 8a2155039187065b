"""Theme of an appeal: from the source rubric through the mapping table, else from its text's lemmas.

The text is read twice: by a keyword rule base on lemmas, where a keyword's weight says how specific it is to
its theme, and by a classifier trained on the store's labelled rows and the rule base; the two are combined
by the method and parameters chosen on the hand-written development set (theme_combination.json).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from mcu_data.core.config import REFERENCE_DIR
from mcu_data.ingest import morph
from mcu_data.ingest.classifier import MAX_PREDICTED, ThemeModel

FALLBACK_THEME = "other"
COMBINATION_FILE = REFERENCE_DIR / "theme_combination.json"
# points a keyword adds by its specificity: one specific word outweighs any two generic ones and a typical one
POINTS = {1: 1.0, 2: 3.0, 3: 7.0}
GAP = 2  # words a phrase's parts may stand apart: «строительство нового ФАПа» still reads «строительство ФАП»


@dataclass(frozen=True)
class ThemeResult:
    theme: pd.Series
    subtheme: pd.Series
    provenance: pd.Series
    confidence: pd.Series


@dataclass(frozen=True)
class Lexicon:
    """The keyword rule base in lemmas, indexed by the first lemma of each keyword, longer keywords first."""

    themes: tuple[str, ...]
    by_first: dict[str, tuple[tuple[tuple[str, ...], int, float, str], ...]]  # (lemmas, theme, points, kind)
    entries: tuple[tuple[str, str, int], ...]  # (theme, lemma text, weight), for the classifier to learn from


@dataclass(frozen=True)
class Combination:
    """How the rules and the classifier are combined, and how sure the result is: fitted on the dev set."""

    rule_weight: float  # share of the rules in the mixture of the two distributions
    rule_power: float  # sharpness of the rules' distribution: points ** power, normalised
    calib: tuple[float, ...]  # confidence = sigmoid(coefficients · CALIBRATION_FEATURES + intercept)
    review_below: float  # a predicted theme less sure than this goes to the review queue
    note: str = ""

    @classmethod
    def load(cls) -> Combination:
        data = json.loads(COMBINATION_FILE.read_text(encoding="utf-8"))
        if len(data["calibration"]) != len(CALIBRATION_FEATURES) + 1:
            raise ValueError(f"{COMBINATION_FILE.name}: the calibration needs {len(CALIBRATION_FEATURES) + 1} numbers")
        return cls(
            rule_weight=float(data["rule_weight"]),
            rule_power=float(data["rule_power"]),
            calib=tuple(float(x) for x in data["calibration"]),
            review_below=float(data["review_below"]),
            note=str(data.get("note", "")),
        )


@cache
def combination() -> Combination:
    return Combination.load()


def review_threshold() -> float:
    """Below this a predicted theme is kept but flagged for review; chosen on the dev set with the combination."""
    return combination().review_below


_lexicons: dict[int, Lexicon] = {}


def lexicon(keywords: pd.DataFrame) -> Lexicon:
    """The rule base read once per keyword table: each keyword lemmatised as the texts are."""
    key = int(pd.util.hash_pandas_object(keywords, index=False).sum())
    if key in _lexicons:
        return _lexicons[key]
    themes = tuple(dict.fromkeys(keywords["theme_code"]))
    first: dict[str, list[tuple[tuple[str, ...], int, float, str]]] = {}
    entries = []
    seen: set[tuple[str, ...]] = set()
    for row in keywords.itertuples():
        lemmas = tuple(morph.lemmas(str(row.keyword)))
        if not lemmas or (lemmas, row.theme_code) in seen:
            continue
        seen.add((lemmas, row.theme_code))
        weight = int(row.weight)
        kind = str(getattr(row, "kind", "") or "")
        kind = "" if kind == "nan" else kind
        first.setdefault(lemmas[0], []).append((lemmas, themes.index(row.theme_code), POINTS[weight], kind))
        entries.append((row.theme_code, " ".join(lemmas), weight))
    ordered = {k: tuple(sorted(v, key=lambda e: (-len(e[0]), -e[2]))) for k, v in first.items()}
    lex = Lexicon(themes, ordered, tuple(entries))
    _lexicons.clear()
    _lexicons[key] = lex
    return lex


# conditions inside a working institution belong to the institution's sector: a cold school is education
CONDITION_THEMES = ("housing", "energy")
LOCATIVE = frozenset({"loct", "loc2"})
WITHOUT = frozenset({"без", "нет", "не"})
# «здание ФАП», «крыша школы», «туалет в школе»: the institution as the place of a condition
INSIDE = frozenset(
    "в во здание помещение кабинет крыша кровля котельная отопление туалет спортзал территория столовая окно "
    "группа класс зал коридор".split()
)
THANKS_THEME = "other"  # a thank-you is «other», whatever it thanks for


def rule_scores(lemma_lists: list[list[str]], lex: Lexicon) -> np.ndarray:
    """Points per theme per text: each keyword found counts once; a longer keyword takes its words from shorter ones.

    Two kinds of keyword change the reading of the others: an institution («школа», «ФАП», «клуб») takes the
    points of the housing and energy words (the conditions inside it), and an explicit thank-you outvotes all.
    """
    scores = np.zeros((len(lemma_lists), len(lex.themes)))
    by_first = lex.by_first
    conditions = [lex.themes.index(t) for t in CONDITION_THEMES if t in lex.themes]
    thanks = lex.themes.index(THANKS_THEME) if THANKS_THEME in lex.themes else None
    for row, lemmas in enumerate(lemma_lists):
        n = len(lemmas)
        used = [False] * n
        counted: set[tuple[str, ...]] = set()
        institution: dict[int, float] = {}
        thanked = False
        for i in range(n):
            if used[i]:
                continue
            for phrase, theme, points, kind in by_first.get(lemmas[i], ()):
                positions = _find(phrase, lemmas, i, used)
                if positions is None:
                    continue
                for p in positions:
                    used[p] = True
                if phrase not in counted:
                    counted.add(phrase)
                    scores[row, theme] += points
                    if kind == "institution" and _locus(lemmas, positions[-1]):
                        institution[theme] = institution.get(theme, 0.0) + points
                    elif kind == "thanks":
                        thanked = True
                break
        if thanked and thanks is not None:
            top = scores[row].max()
            scores[row] = 0.0
            scores[row, thanks] = top + POINTS[3]
        elif institution:
            sector = max(institution, key=institution.get)
            for c in conditions:
                scores[row, sector] += scores[row, c]
                scores[row, c] = 0.0
    return scores


def _locus(lemmas: list[str], at: int) -> bool:
    """An institution named as the place where something is: «в школе», «в детском саду», «здание ФАП»."""
    words = getattr(lemmas, "words", None)
    if words is None:
        return True
    start = at
    while start > 0 and morph.word(words[start - 1]).pos in ("ADJF", "PRTF"):
        start -= 1
    prev = lemmas[start - 1] if start > 0 else ""
    following = lemmas[at + 1] if at + 1 < len(lemmas) else ""
    if following in WITHOUT:
        return True  # «детский сад без горячей воды», «школа не отапливается»
    if prev not in INSIDE:
        return False
    if prev in ("в", "во"):
        info = morph.word(words[at])
        return any(reading[0] in LOCATIVE for reading in info.readings) or not info.known
    return True


def _find(phrase: tuple[str, ...], lemmas: list[str], i: int, used: list[bool]) -> list[int] | None:
    positions = [i]
    at = i
    for part in phrase[1:]:
        for j in range(at + 1, min(len(lemmas), at + 2 + GAP)):
            if lemmas[j] == part and not used[j]:
                positions.append(j)
                at = j
                break
        else:
            return None
    return positions


def rule_distribution(scores: np.ndarray, power: float) -> np.ndarray:
    """The rules' scores as a distribution over themes; a text with no keyword gets none (all zeros)."""
    raised = np.power(scores, power)
    total = raised.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, raised / np.where(total > 0, total, 1.0), 0.0)


def rules_decision(scores: np.ndarray, themes: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The rules alone: the top theme where it stands alone, None on a tie or where no keyword was found."""
    top = scores.max(axis=1) if len(scores) else np.zeros(0)
    ties = (scores == top[:, None]).sum(axis=1) > 1
    best = np.array(themes, dtype=object)[scores.argmax(axis=1)] if len(scores) else np.array([], dtype=object)
    decided = (top > 0) & ~ties
    return np.where(decided, best, None), decided


def predict(texts: pd.Series, keywords: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The rule base alone: theme and a confidence from the winner's lead; no keyword or a tie means no confidence.

    Without the classifier a text with no evidence still needs a theme to be stored: «other», at 0, so that it
    always reaches the review queue; a tie keeps the tied theme the rules list first, also at 0.
    """
    lex = lexicon(keywords)
    scores = rule_scores([morph.lemmas(t or "") for t in texts.fillna("")], lex)
    theme, decided = rules_decision(scores, lex.themes)
    dist = rule_distribution(scores, 1.0)
    top = dist.max(axis=1) if len(dist) else np.zeros(0)
    strength = np.minimum(1.0, scores.max(axis=1) / POINTS[3]) if len(scores) else np.zeros(0)
    confidence = np.where(decided, np.round(np.minimum(MAX_PREDICTED, top * strength), 2), 0.0)
    tied_first = np.array(lex.themes, dtype=object)[scores.argmax(axis=1)] if len(scores) else theme
    theme = np.where(decided, theme, np.where(scores.max(axis=1) > 0, tied_first, FALLBACK_THEME))
    return pd.Series(theme, index=texts.index, dtype="object"), pd.Series(confidence, index=texts.index)


@dataclass(frozen=True)
class TextThemes:
    """Every reading of a text's theme: the rules, the classifier and their combination."""

    themes: tuple[str, ...]
    rule_scores: np.ndarray
    model_proba: np.ndarray | None  # columns in `themes` order
    theme: pd.Series
    confidence: pd.Series


def from_text(
    texts: pd.Series,
    keywords: pd.DataFrame,
    model: ThemeModel | None,
    combo: Combination | None = None,
    lemma_lists: list[list[str]] | None = None,
) -> TextThemes:
    """The theme each text's words give, combined as chosen on the dev set, with a calibrated confidence."""
    combo = combo or combination()
    lex = lexicon(keywords)
    if lemma_lists is None:
        lemma_lists = [morph.lemmas(t or "") for t in texts.fillna("")]
    scores = rule_scores(lemma_lists, lex)
    proba = model.proba_for(lemma_lists, lex.themes) if model is not None else None
    theme, conf = combine(scores, proba, lex.themes, combo)
    return TextThemes(
        lex.themes,
        scores,
        proba,
        pd.Series(theme, index=texts.index, dtype="object"),
        pd.Series(conf, index=texts.index, dtype="float64"),
    )


# The calibration reads the classifier and the agreement of the two readers more than the rules' own margins:
# the rules were written looking at the dev texts, so their margins there are surer than on new texts.
CALIBRATION_FEATURES = ("model_chosen", "model_top", "agree", "rules_found")


def mixture(scores: np.ndarray, proba: np.ndarray | None, combo: Combination) -> np.ndarray:
    """The rules' and the classifier's distributions mixed; where the rules found nothing the classifier alone."""
    rules = rule_distribution(scores, combo.rule_power)
    if proba is None:
        return rules
    has_rules = rules.sum(axis=1) > 0
    w = np.where(has_rules, combo.rule_weight, 0.0)[:, None]
    return w * rules + (1 - w) * proba


def confidence_features(scores: np.ndarray, proba: np.ndarray | None, mixed: np.ndarray) -> np.ndarray:
    """Per text: the classifier's probability of the chosen theme and of its own top theme, whether the rules'
    top theme is the classifier's, whether the rules found anything."""
    n = len(mixed)
    if n == 0:
        return np.zeros((0, len(CALIBRATION_FEATURES)))
    chosen = mixed.argmax(axis=1)
    found = (scores.max(axis=1) > 0).astype(float)
    if proba is None:
        # without a classifier only the rules speak: their share stands for the classifier's probability
        share = mixed[np.arange(n), chosen]
        return np.column_stack([share, share, found, found])
    rule_best = scores.argmax(axis=1)
    tied = (scores == scores.max(axis=1, keepdims=True)).sum(axis=1) > 1
    agree = ((rule_best == proba.argmax(axis=1)) & ~tied).astype(float) * found
    return np.column_stack([proba[np.arange(n), chosen], proba.max(axis=1), agree, found])


def combine(
    scores: np.ndarray, proba: np.ndarray | None, themes: tuple[str, ...], combo: Combination
) -> tuple[np.ndarray, np.ndarray]:
    """The mixture's top theme, and how sure it is by the calibration fitted on the dev set.

    A text with neither a keyword nor a classifier gets «other» at the lowest confidence, so it reaches review.
    """
    n = len(scores)
    if n == 0:
        return np.array([], dtype=object), np.array([])
    mixed = mixture(scores, proba, combo)
    coefficients = np.array(combo.calib[:-1])
    z = confidence_features(scores, proba, mixed) @ coefficients + combo.calib[-1]
    conf = 1.0 / (1.0 + np.exp(-z))
    theme = np.array(themes, dtype=object)[mixed.argmax(axis=1)]
    nothing = mixed.sum(axis=1) == 0
    theme = np.where(nothing, FALLBACK_THEME, theme)
    conf = np.where(nothing, 0.0, np.minimum(conf, MAX_PREDICTED))
    return theme, np.round(conf, 2)


def assign(
    source_code: str,
    rubric_full: pd.Series,
    rubric_group: pd.Series,
    texts: pd.Series,
    rubric_map: pd.DataFrame,
    keywords: pd.DataFrame,
    model: ThemeModel | None = None,
    lemma_lists: list[list[str]] | None = None,
) -> ThemeResult:
    """Rubric first (the full path, then its group); the text only where no rubric maps."""
    mapping = rubric_map[rubric_map["source_code"] == source_code].set_index("rubric")
    theme = rubric_full.map(mapping["theme_code"]).astype("object")
    subtheme = rubric_full.map(mapping["subtheme"]).astype("object")
    by_group = theme.isna() & rubric_group.notna()
    theme[by_group] = rubric_group[by_group].map(mapping["theme_code"])
    subtheme[by_group] = rubric_group[by_group].map(mapping["subtheme"])
    mapped = theme.notna()
    provenance = pd.Series(np.where(mapped, "mapped", "predicted"), index=texts.index, dtype="object")
    confidence = pd.Series(np.where(mapped, 1.0, np.nan), index=texts.index)
    if (~mapped).any():
        todo = ~mapped.to_numpy()
        lists = None if lemma_lists is None else [lst for lst, t in zip(lemma_lists, todo, strict=True) if t]
        read = from_text(texts[~mapped], keywords, model, lemma_lists=lists)
        theme[~mapped] = read.theme
        confidence[~mapped] = read.confidence
    return ThemeResult(theme.astype("object"), subtheme.astype("object"), provenance, confidence)
