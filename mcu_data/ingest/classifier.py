"""A theme classifier on lemmas, trained on the store's own labelled rows and on the keyword rule base."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from mcu_data.ingest import morph
from mcu_data.store import Store

MIN_ROWS = 200  # fewer labelled rows than this teach nothing reliable
MAX_ROWS = 40_000  # enough to learn the vocabulary; keeps training to seconds at region scale
PER_THEME = 1_500  # one theme's rows cannot drown the others: the sample's wording repeats itself
LEXICON_REPEAT = 6  # a keyword of the rule base counts as this many rows per point of its weight
MAX_PREDICTED = 0.98  # a guess from words is never as sure as a rubric the source gave (1.0)


def _ngrams(lemmas: Sequence[str]) -> list[str]:
    """Lemmas and lemma pairs: «горячий вода» says more than «горячий» and «вода» apart."""
    return list(lemmas) + [f"{a} {b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]


@dataclass(frozen=True)
class ThemeModel:
    vectorizer: TfidfVectorizer
    clf: LogisticRegression
    classes: tuple[str, ...]
    trained_on: int

    def proba_for(self, lemma_lists: list[list[str]], themes: Sequence[str]) -> np.ndarray:
        """Probabilities per text in the order of `themes`; a theme the model never saw gets 0."""
        if not lemma_lists:
            return np.zeros((0, len(themes)))
        raw = self.clf.predict_proba(self.vectorizer.transform(lemma_lists))
        out = np.zeros((len(lemma_lists), len(themes)))
        for j, theme in enumerate(self.classes):
            if theme in themes:
                out[:, list(themes).index(theme)] = raw[:, j]
        return out

    def predict(self, texts: pd.Series) -> tuple[pd.Series, pd.Series]:
        """The classifier alone: its top theme per text and that theme's probability."""
        lists = [morph.lemmas(t or "") for t in texts.fillna("").astype(str)]
        proba = self.proba_for(lists, self.classes)
        best = proba.argmax(axis=1) if len(proba) else np.zeros(0, dtype=int)
        return (
            pd.Series(np.array(self.classes, dtype=object)[best], index=texts.index, dtype="object"),
            pd.Series(proba.max(axis=1).round(2) if len(proba) else [], index=texts.index, dtype="float64"),
        )


_cache: dict[tuple, ThemeModel | None] = {}
_lock = threading.Lock()


def labelled_rows(store: Store) -> pd.DataFrame:
    """Rows whose theme a source rubric or a person gave: the classifier's teachers; corrections all of them."""
    return store.query(
        """
        with labelled as (
            select
                text_masked as text,
                theme_code,
                theme_provenance,
                row_number() over (partition by theme_code order by hash(appeal_id)) as nth
            from appeal
            where theme_provenance in ('mapped', 'corrected') and text_masked is not null
        ),
        final as (
            select text, theme_code
            from labelled
            where theme_provenance = 'corrected' or nth <= ?
        )
        select * from final
        limit ?
        """,
        [PER_THEME, MAX_ROWS],
    )


def train(rows: pd.DataFrame, lexicon_entries: Sequence[tuple[str, str, int]] = (), seed: int = 0) -> ThemeModel | None:
    """Lemma TF-IDF and logistic regression; the rule base's keywords are rows too, so every theme is known.

    None when the store has too few labelled rows to add anything to the rules.
    """
    if len(rows) < MIN_ROWS or rows["theme_code"].nunique() < 2:
        return None
    docs = [morph.lemmas(t) for t in rows["text"].astype(str)]
    labels = list(rows["theme_code"])
    weights = [1.0] * len(docs)
    for theme, lemma_text, weight in lexicon_entries:
        docs.append(lemma_text.split())
        labels.append(theme)
        weights.append(float(LEXICON_REPEAT * weight))
    vectorizer = TfidfVectorizer(analyzer=_ngrams, min_df=1, sublinear_tf=True, max_features=60_000)
    matrix = vectorizer.fit_transform(docs)
    clf = LogisticRegression(max_iter=1000, C=4.0, random_state=seed, class_weight="balanced")
    clf.fit(matrix, labels, sample_weight=np.array(weights))
    return ThemeModel(vectorizer, clf, tuple(clf.classes_), len(rows))


def model_for(store: Store) -> ThemeModel | None:
    """The model for the store's current labels, trained once per change of those labels."""
    from mcu_data.ingest import themes
    from mcu_data.store import seed

    key_row = store.rows(
        "select count(*), max(appeal_id), (select count(*) from correction) from appeal "
        "where theme_provenance in ('mapped', 'corrected')"
    )[0]
    key = (store.path, *key_row)
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = train(labelled_rows(store), themes.lexicon(seed.theme_keywords()).entries)
        return _cache[key]
