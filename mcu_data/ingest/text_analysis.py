"""The per-text work of an import, one function for the import and for `python -m mcu_data analyze` alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from mcu_data.ingest import gazetteer, masking, morph, themes
from mcu_data.signals import answer_stance
from mcu_data.signals import answers as answer_check

if TYPE_CHECKING:
    from mcu_data.ingest.normalize import References

ANSWER_COLUMNS = ("answer_masked", "answer_formal", "answer_reasons", "answer_score", "answer_stance", "answer_due")
# sources whose address field is the applicant's own home, not the place of the problem
APPLICANT_ADDRESS_SOURCES = frozenset({"fz59"})


def text_columns(
    texts: pd.Series,
    addresses: pd.Series,
    rubric_full: pd.Series,
    rubric_group: pd.Series,
    source_code: str,
    refs: References,
    answers: pd.Series | None = None,
) -> pd.DataFrame:
    """Mask the text, then find its theme and settlement: what the store keeps of one appeal's words.

    The raw text never leaves this function: everything after the first step reads the masked one. The
    recipient's answer, where the export carries it, is masked the same way and checked against the masked
    question («вероятная отписка», signals/answers.py).
    """
    out = pd.DataFrame(index=texts.index)
    protected = refs.places.forms() if isinstance(refs.places, gazetteer.Gazetteer) else None
    text_masked = masking.mask_series(texts.replace("", None), protected).astype("object")
    text_masked = text_masked.where(text_masked.notna(), None)
    lemma_lists = [morph.lemmas(t) if t else [] for t in text_masked]
    theme = themes.assign(
        source_code,
        rubric_full,
        rubric_group.replace("", None),
        text_masked.fillna(""),
        refs.rubric_map,
        refs.keywords,
        refs.model,
        lemma_lists=lemma_lists,
    )
    out["theme_code"] = theme.theme
    out["subtheme"] = theme.subtheme.where(theme.subtheme.notna() & (theme.subtheme != ""), None)
    out["source_rubric"] = rubric_full
    out["theme_provenance"] = theme.provenance
    out["theme_confidence"] = theme.confidence
    raw_address = addresses.fillna("").astype(str)
    without_house = masking.strip_house(raw_address)
    applicant = source_code in APPLICANT_ADDRESS_SOURCES
    stored = (masking.strip_street(raw_address) if applicant else without_house).replace("", None)
    out["address"] = stored.astype("object").where(stored.notna(), None)
    # the place is read from the full address before its street is dropped: the settlement comes first in it
    by_address = gazetteer.resolve(without_house.fillna(""), refs.places, address=True)
    by_text = gazetteer.resolve(text_masked.fillna(""), refs.places)
    if applicant:
        # a letter's address is where its writer lives; where the letter never names that place but names another,
        # the problem is there: «с. Усманка, Заречная 14-1» writing about the fair «в Борском»
        differ = by_address.oktmo.notna() & by_text.oktmo.notna() & (by_address.oktmo != by_text.oktmo)
        elsewhere = pd.Series(False, index=texts.index)
        for i in differ[differ].index:
            named = {m.oktmo for m in gazetteer.mentions_in(text_masked.at[i] or "", refs.places)}
            elsewhere.at[i] = by_address.oktmo.at[i] not in named
        by_address = gazetteer.Resolution(
            by_address.oktmo.where(~elsewhere, None), by_address.confidence.where(~elsewhere, np.nan)
        )
    use_text = by_address.oktmo.isna() & by_text.oktmo.notna()
    out["settlement_oktmo"] = by_address.oktmo.where(by_address.oktmo.notna(), by_text.oktmo)
    out["settlement_provenance"] = np.where(by_address.oktmo.notna(), "mapped", np.where(use_text, "predicted", None))
    out["settlement_confidence"] = by_address.confidence.where(by_address.oktmo.notna(), by_text.confidence)
    out["text_masked"] = text_masked
    for column, values in answer_columns(text_masked, answers, protected, refs).items():
        out[column] = values
    return out


def answer_columns(
    questions: pd.Series, answers: pd.Series | None, protected: frozenset[str] | None, refs: References
) -> dict[str, pd.Series]:
    """The masked answer and the check's verdict on it; all empty where no answer was given.

    Per answered row this is one masking of the answer (each distinct answer once: stock replies repeat) and
    one check, whose readings of questions, answers and sentences are cached."""
    index = questions.index
    empty = pd.Series(None, index=index, dtype="object")
    if answers is None:
        return dict.fromkeys(ANSWER_COLUMNS, empty)
    given = answers.fillna("").astype(str).str.strip()
    given = given[given != ""]
    distinct = pd.Series(given.unique())
    masked_of = dict(zip(distinct, masking.mask_answers(distinct, protected), strict=True))
    masked = given.map(masked_of)
    verdicts = answer_check.check_many(questions.reindex(given.index).fillna("").tolist(), masked.tolist(), refs.taught)
    stances = [answer_stance.read(text) for text in masked.tolist()]
    return {
        "answer_masked": masked.reindex(index).astype("object").where(lambda s: s.notna(), None),
        "answer_formal": pd.Series([v.formal for v in verdicts], index=given.index, dtype="object").reindex(index),
        "answer_reasons": pd.Series(["|".join(v.reasons) for v in verdicts], index=given.index, dtype="object").reindex(
            index
        ),
        "answer_score": pd.Series([v.score for v in verdicts], index=given.index, dtype="float64").reindex(index),
        "answer_stance": pd.Series([st.code for st in stances], index=given.index, dtype="Int16").reindex(index),
        "answer_due": pd.Series([st.due for st in stances], index=given.index, dtype="object").reindex(index),
    }
