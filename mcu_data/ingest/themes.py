"""Theme of an appeal: from the source rubric through the mapping table, else predicted from its text."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mcu_data.ingest.classifier import MAX_PREDICTED, ThemeModel, combine
from mcu_data.ingest.gazetteer import normalize

FALLBACK_THEME = "other"
# below this the prediction is kept but flagged for review
REVIEW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class ThemeResult:
    theme: pd.Series
    subtheme: pd.Series
    provenance: pd.Series
    confidence: pd.Series


def predict(texts: pd.Series, keywords: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Keyword rule base: each theme scores the weights of its stems found in the text.

    Confidence is the winner's share of all scores, damped when the evidence is thin.
    Stems of one theme and weight are counted in one pass.
    """
    norm = normalize(texts)
    themes = list(dict.fromkeys(keywords["theme_code"]))
    scores = np.zeros((len(texts), len(themes)))
    for (theme, weight), group in keywords.groupby(["theme_code", "weight"], sort=False):
        # patterns are lower-cased only: the look-alike folding of texts would break \b and ranges
        stems = "|".join(stem.lower().replace("ё", "е") for stem in group["stem"])
        counts = norm.str.count(rf"(?<![а-я])(?:{stems})").fillna(0).to_numpy()
        scores[:, themes.index(theme)] += float(weight) * counts
    best = scores.argmax(axis=1)
    top = scores.max(axis=1) if len(texts) else np.zeros(0)
    total = scores.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, top / total, 0.0)
    # a guess from words is never as sure as a rubric the source gave
    confidence = np.round(np.minimum(MAX_PREDICTED, share * np.minimum(1.0, top / 4.0)), 2)
    theme = np.where(top > 0, np.array(themes, dtype=object)[best], FALLBACK_THEME)
    return pd.Series(theme, index=texts.index, dtype="object"), pd.Series(confidence, index=texts.index)


def assign(
    source_code: str,
    rubric_full: pd.Series,
    rubric_group: pd.Series,
    texts: pd.Series,
    rubric_map: pd.DataFrame,
    keywords: pd.DataFrame,
    model: ThemeModel | None = None,
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
        p_theme, p_conf = predict(texts[~mapped], keywords)
        p_theme, p_conf = combine(p_theme, p_conf, model, texts[~mapped])
        theme[~mapped] = p_theme
        confidence[~mapped] = p_conf
    return ThemeResult(theme.astype("object"), subtheme.astype("object"), provenance, confidence)
