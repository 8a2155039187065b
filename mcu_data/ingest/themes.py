"""Theme of an appeal: from the source rubric through the mapping table, else predicted from its text."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

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
    """
    norm = normalize(texts)
    themes = list(dict.fromkeys(keywords["theme_code"]))
    scores = np.zeros((len(texts), len(themes)))
    for j, theme in enumerate(themes):
        rows = keywords[keywords["theme_code"] == theme]
        for stem_pattern, weight in zip(rows["stem"], rows["weight"], strict=True):
            # patterns are lower-cased only: the look-alike folding of texts would break \b and ranges
            pattern = rf"(?<![а-я]){stem_pattern.lower().replace('ё', 'е')}"
            scores[:, j] += weight * norm.str.count(pattern).fillna(0).to_numpy()
    best = scores.argmax(axis=1)
    top = scores.max(axis=1)
    total = scores.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, top / total, 0.0)
    confidence = np.round(share * np.minimum(1.0, top / 4.0), 2)
    theme = np.where(top > 0, np.array(themes, dtype=object)[best], FALLBACK_THEME)
    return pd.Series(theme, index=texts.index, dtype="object"), pd.Series(confidence, index=texts.index)


def assign(
    source_code: str,
    rubric_full: pd.Series,
    rubric_group: pd.Series,
    texts: pd.Series,
    rubric_map: pd.DataFrame,
    keywords: pd.DataFrame,
) -> ThemeResult:
    """Rubric first (the full path, then its group); the text only where no rubric maps."""
    mapping = rubric_map[rubric_map["source_code"] == source_code].set_index("rubric")
    theme = rubric_full.map(mapping["theme_code"])
    subtheme = rubric_full.map(mapping["subtheme"])
    by_group = theme.isna() & rubric_group.notna()
    theme[by_group] = rubric_group[by_group].map(mapping["theme_code"])
    subtheme[by_group] = rubric_group[by_group].map(mapping["subtheme"])
    mapped = theme.notna()
    provenance = pd.Series(np.where(mapped, "mapped", "predicted"), index=texts.index, dtype="object")
    confidence = pd.Series(np.where(mapped, 1.0, np.nan), index=texts.index)
    if (~mapped).any():
        p_theme, p_conf = predict(texts[~mapped], keywords)
        theme[~mapped] = p_theme
        confidence[~mapped] = p_conf
    return ThemeResult(theme.astype("object"), subtheme.astype("object"), provenance, confidence)
