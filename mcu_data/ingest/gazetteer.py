"""Find the settlement an address or a text speaks of, through the gazetteer of villages."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

PREFIX = r"(?:с\.|с|село|селе|села|пос\.|п\.|п|посёлок|поселок|посёлке|поселке|д\.|деревня|сп|с/п|сельское поселение|сельского поселения)"
# «Борский район» names the district, not the settlement Борское
NOT_DISTRICT = r"(?!\s*(?:район|р-н|р\.|муниципальн|рн\b))"
ENDING = re.compile(r"(?:ое|ый|ий|ой|ая|ые|ы|о|а|е|и|й|ь)$")
HOMOGLYPHS = str.maketrans("aeopcxykmtbh", "аеорсхукмтвн")
FUZZY_MIN_SCORE = 85
FUZZY_MIN_STEM = 6


def normalize(text: pd.Series) -> pd.Series:
    """Lower case, ё as е, Latin look-alike letters as Cyrillic: only for matching, never stored."""
    return text.fillna("").astype("string").str.lower().str.replace("ё", "е").str.translate(HOMOGLYPHS)


def stem(word: str) -> str:
    word = word.lower().replace("ё", "е")
    stripped = ENDING.sub("", word)
    return stripped if len(stripped) >= 3 else word


@dataclass(frozen=True)
class Place:
    place: str
    oktmo: str
    pattern: str  # without the word-start check, which resolve() puts in front
    stems: tuple[str, ...]
    derived: bool = False  # an adjective made from the name: «петровские», «таволжанского»


# «Петровка» -> «петровские родители»; never a street: «ул. Петровская»
NOT_STREET = r"(?<!ул\. )(?<!ул\.)(?<!улица )"
NOT_STREET_AFTER = r"(?!\s*(?:улиц|ул\.|переул|проезд))"
DERIVED_CONFIDENCE = 0.6


def build_places(gazetteer: pd.DataFrame) -> list[Place]:
    """One regular expression per gazetteer row; longer names first, so «Новый Кутулук» wins over parts."""
    places = []
    for row in gazetteer.sort_values("place_ru", key=lambda s: -s.str.len()).itertuples():
        words = row.place_ru.split()
        stems = tuple(stem(w) for w in words)
        body = r"\s+".join(rf"{re.escape(s)}[а-я]{{0,4}}" for s in stems)
        prefix = rf"{PREFIX}\s*" if row.needs_prefix else rf"(?:{PREFIX}\s*)?"
        pattern = rf"{prefix}{body}(?![а-я]){NOT_DISTRICT}"
        places.append(Place(row.place_ru, str(row.settlement_oktmo), pattern, stems))
        word = row.place_ru.lower().replace("ё", "е")
        if len(words) == 1 and word.endswith("ка") and not row.needs_prefix:
            adjective = re.escape(word[:-2] + "ск")
            derived = rf"{NOT_STREET}{adjective}[а-я]{{1,4}}(?![а-я]){NOT_STREET_AFTER}"
            places.append(Place(row.place_ru, str(row.settlement_oktmo), derived, stems, derived=True))
    return places


@dataclass(frozen=True)
class Resolution:
    """Settlement per row, how it was found, and how sure the match is."""

    oktmo: pd.Series
    confidence: pd.Series


def resolve(texts: pd.Series, places: list[Place], allow_fuzzy: bool = True) -> Resolution:
    """The settlement each text names first; confidence falls when several are named or spelling is off.

    One combined expression scans each text once: the first match is the place named first.
    """
    norm = normalize(texts)
    direct = [p for p in places if not p.derived]
    derived = [p for p in places if p.derived]
    found: list[str | None] = []
    confidence: list[float] = []
    scanners = [
        (_scanner(direct), [p.oktmo for p in direct], 1.0),
        (_scanner(derived), [p.oktmo for p in derived], DERIVED_CONFIDENCE / 0.9),
    ]
    for text in norm:
        hit, conf = None, np.nan
        # a name as such beats an adjective made from a name
        for scanner, oktmos, scale in scanners:
            if scanner is None:
                continue
            named = [oktmos[int(m.lastgroup[1:])] for m in scanner.finditer(text)]
            if named:
                hit = named[0]
                conf = round((0.6 if len(set(named)) > 1 else 0.9) * scale, 2)
                break
        found.append(hit)
        confidence.append(conf)
    result = pd.Series(found, index=texts.index, dtype="object")
    conf = pd.Series(confidence, index=texts.index, dtype="float64")
    missing = result.isna()
    if allow_fuzzy and missing.any():
        fz_oktmo, fz_conf = _fuzzy(norm[missing], places)
        result[missing] = fz_oktmo
        conf[missing] = fz_conf
    return Resolution(result, conf)


def _scanner(places: list[Place]) -> re.Pattern | None:
    """One expression for all places; the word-start check stands once before the alternatives."""
    if not places:
        return None
    return re.compile("(?<![а-я])(?:" + "|".join(f"(?P<p{i}>{p.pattern})" for i, p in enumerate(places)) + ")")


def _fuzzy(norm: pd.Series, places: list[Place]) -> tuple[pd.Series, pd.Series]:
    """Misspelled names: a word close enough to a single-word place's stem."""
    candidates = [
        (p.stems[0], p.oktmo)
        for p in places
        if not p.derived and len(p.stems) == 1 and len(p.stems[0]) >= FUZZY_MIN_STEM
    ]
    out_oktmo, out_conf = [], []
    for text in norm:
        best_score, best_oktmo = 0.0, None
        for token in re.findall(r"[а-я]{6,}", text):
            for st, oktmo in candidates:
                score = fuzz.ratio(token[: len(st)], st)
                if score > best_score:
                    best_score, best_oktmo = score, oktmo
        if best_score >= FUZZY_MIN_SCORE:
            out_oktmo.append(best_oktmo)
            out_conf.append(round(best_score / 100 * 0.7, 2))
        else:
            out_oktmo.append(None)
            out_conf.append(np.nan)
    return pd.Series(out_oktmo, index=norm.index, dtype="object"), pd.Series(out_conf, index=norm.index)
