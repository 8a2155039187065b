"""A theme classifier trained on the store's own labelled rows, combined with the keyword rule base."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from mcu_data.store import Store

MIN_ROWS = 200  # fewer labelled rows than this teach nothing reliable
MAX_ROWS = 40_000  # enough to learn the vocabulary; keeps training to seconds at region scale
DISAGREEMENT_PENALTY = 0.8
MAX_PREDICTED = 0.95  # a guess from words is never as sure as a rubric the source gave


@dataclass(frozen=True)
class ThemeModel:
    pipeline: Pipeline
    classes: tuple[str, ...]
    trained_on: int

    def predict(self, texts: pd.Series) -> tuple[pd.Series, pd.Series]:
        proba = self.pipeline.predict_proba(texts.fillna("").astype(str))
        best = proba.argmax(axis=1)
        return (
            pd.Series(np.array(self.classes, dtype=object)[best], index=texts.index, dtype="object"),
            pd.Series(proba.max(axis=1).round(2), index=texts.index),
        )


_cache: dict[tuple, ThemeModel | None] = {}
_lock = threading.Lock()


def labelled_rows(store: Store) -> pd.DataFrame:
    """Rows whose theme a source rubric or a person gave: the classifier's teachers."""
    return store.query(
        """
        select text_masked as text, theme_code
        from appeal
        where theme_provenance in ('mapped', 'corrected') and text_masked is not null
        order by hash(appeal_id)
        limit ?
        """,
        [MAX_ROWS],
    )


def train(rows: pd.DataFrame, seed: int = 0) -> ThemeModel | None:
    """Character n-grams survive typos and Russian endings; None when there is too little to learn from."""
    if len(rows) < MIN_ROWS or rows["theme_code"].nunique() < 2:
        return None
    pipeline = Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(3, 5),
                    min_df=2,
                    sublinear_tf=True,
                    max_features=120_000,
                    lowercase=True,
                ),
            ),
            ("clf", LogisticRegression(max_iter=400, C=4.0, random_state=seed)),
        ]
    )
    pipeline.fit(rows["text"].astype(str), rows["theme_code"])
    return ThemeModel(pipeline, tuple(pipeline.classes_), len(rows))


def model_for(store: Store) -> ThemeModel | None:
    """The model for the store's current labels, trained once per change of those labels."""
    key_row = store.rows(
        "select count(*), max(appeal_id), (select count(*) from correction) from appeal "
        "where theme_provenance in ('mapped', 'corrected')"
    )[0]
    key = (store.path, *key_row)
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = train(labelled_rows(store))
        return _cache[key]


def combine(
    rule_theme: pd.Series, rule_conf: pd.Series, model: ThemeModel | None, texts: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """Agreement raises confidence; on disagreement the surer side wins, at a discount."""
    if model is None or texts.empty:
        return rule_theme, rule_conf
    m_theme, m_conf = model.predict(texts)
    agree = rule_theme == m_theme
    rules_surer = rule_conf >= m_conf
    theme = rule_theme.where(agree | rules_surer, m_theme)
    conf = np.where(agree, np.maximum(rule_conf, m_conf), np.maximum(rule_conf, m_conf) * DISAGREEMENT_PENALTY)
    conf = np.minimum(conf, MAX_PREDICTED)
    return theme.astype("object"), pd.Series(np.round(conf, 2), index=texts.index)
