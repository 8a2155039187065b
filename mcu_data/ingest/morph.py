"""Russian morphology for the text steps: words, lemmas and name grammemes, each word analysed once."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache

import pymorphy3

# Latin letters that look like Cyrillic ones: a word written in both scripts was typed or copied with a slip
HOMOGLYPHS = str.maketrans("aeopcxykmtbhAEOPCXYKMTBH", "аеорсхукмтвнАЕОРСХУКМТВН")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)
# a word for lemmas: letters only, so «врача-терапевта» gives both of its words
WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+")
# a token for reading a text in order: a word with its hyphenated parts («ж-ца»), a number, a line break or one sign
TOKEN = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*|\d+|\n|[^\s\w]")
SENTENCE_END = frozenset(".!?\n")
PET_SHARE = 0.4  # the name share of a known animate word that is also a pet form of a name
CACHE_LIMIT = 400_000  # distinct words kept; real exports repeat most of theirs, typos make the tail


@dataclass(frozen=True, slots=True)
class Word:
    """What the dictionary says of one word form, as much as the text steps need."""

    lemma: str
    known: bool  # in the dictionary, not a guess from its ending
    pos: str  # part of speech of the likeliest reading (NOUN, ADJF, VERB …), "" when none
    name: float  # share of the readings that are a first name, a surname, a patronymic, a place
    surname: float
    patronymic: float
    geo: float
    common: float  # share of the readings that are an ordinary word, neither a name nor a place
    readings: frozenset[tuple[str, str, str, str]]  # (case, number, gender, animacy in the accusative) per reading


_lock = threading.Lock()
_words: dict[str, Word] = {}  # by folded word
_by_token: dict[str, Word] = {}  # by the token as written: most tokens repeat, folding them again costs more
_lemma_of: dict[str, str] = {}
_folded: dict[str, str] = {}


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """One dictionary per process: loading it takes a fraction of a second and some 15 MB."""
    return pymorphy3.MorphAnalyzer()


def fold(token: str) -> str:
    """Lower case, ё as е; Latin look-alikes as Cyrillic in a word that mixes the two scripts."""
    found = _folded.get(token)
    if found is None:
        found = token
        if LATIN.search(found) and CYRILLIC.search(found):
            found = found.translate(HOMOGLYPHS)
        found = found.lower().replace("ё", "е")
        _remember(_folded, token, found)
    return found


def _remember(cache_: dict, key: str, value) -> None:
    if len(cache_) >= CACHE_LIMIT:
        with _lock:
            cache_.clear()
    cache_[key] = value


def word(token: str) -> Word:
    """The analysis of one word, from the cache when the word was met before."""
    found = _by_token.get(token)
    if found is None:
        key = fold(token)
        found = _words.get(key)
        if found is None:
            found = _analyse(key)
            _remember(_words, key, found)
        _remember(_by_token, token, found)
    return found


def lemma(token: str) -> str:
    return word(token).lemma


# an abbreviation with a case ending: «ФАПе», «ФАПа», «МФЦшный» read as «фап», «мфц»
ABBREVIATION_WITH_ENDING = re.compile(r"^([А-ЯЁ]{2,})[а-яё]{1,3}$")


def _lemma_slow(token: str) -> str:
    abbreviation = ABBREVIATION_WITH_ENDING.match(token)
    found = fold(abbreviation.group(1)) if abbreviation else word(token).lemma
    _remember(_lemma_of, token, found)
    return found


class Lemmas(list):
    """A text's lemmas in order, with the words as written beside them (`words`), where a rule needs the case."""

    __slots__ = ("words",)


def lemmas(text: str) -> Lemmas:
    """The lemmas of a text's words, in order."""
    get = _lemma_of.get
    words = WORD.findall(text)
    out = Lemmas(get(t) or _lemma_slow(t) for t in words)
    out.words = words
    return out


def lemma_text(text: str | None) -> str:
    """A text as its lemmas joined by spaces: what keywords and the classifier read."""
    return " ".join(lemmas(text)) if text else ""


def tokens(text: str) -> list[re.Match[str]]:
    """The text's tokens in order, each with its place in the text."""
    return list(TOKEN.finditer(text))


# a first name's pet forms, by their suffixes: «надюха», «витюхой» (Надя, Витя), «светка», «маринка», «юлька» (Света,
# Марина, Юля), «кирюша», «валюша» (Кира, Валя), «мишаня», «галюня» (Миша, Галя), «вовчик», «светик» (Вова, Света),
# «светочка», «танюшка», «сашенька», «настюся», «викуля»; the stem before the suffix, with «а» or «я» (or its last
# consonant doubled: «жанка» — Жанна), must be a first name the dictionary knows
PET_SUFFIXES = re.compile(
    r"^([а-я]{2,}?)(?:"
    r"(?:юх|ух|ь?к|юшк|ушк|юш|уш|ан|ун|юн|ян|очк|ечк|еньк|оньк|ул|юл|юс|ус)(?:а|я|и|ы|е|у|ю|ой|ою|ей|ею)"
    r"|(?:чик|ик)(?:|а|у|ом|е|и)"
    r")$"
)


@cache
def man_pet_name(key: str) -> str | None:
    """The man's name ending in a consonant an unknown folded word is a pet form of: «тимурка», «русланчик» (Тимур,
    Руслан). Kept apart from pet_name: village names have the same shape («Усманка» — Усман), so only the masking,
    which knows the villages, reads it."""
    found = PET_SUFFIXES.match(key)
    if found is None or analyzer().word_is_known(key):
        return None
    stem = found.group(1)
    if analyzer().word_is_known(stem) and any("Name" in p.tag and p.tag.case == "nomn" for p in analyzer().parse(stem)):
        return stem
    return None


@cache
def pet_name(key: str) -> str | None:
    """The first name a folded word is a pet form of, by its suffix («светка» -> «света»), or None."""
    found = PET_SUFFIXES.match(key)
    if found is None:
        return None
    stem = found.group(1)
    for base in (stem + "а", stem + "я", stem + stem[-1] + "а"):
        if analyzer().word_is_known(base) and any(
            "Name" in p.tag and p.tag.case == "nomn" for p in analyzer().parse(base)
        ):
            return base
    return None


def _diminutive(key: str) -> str | None:
    """The first name an unknown word is a pet form of, or None."""
    if analyzer().word_is_known(key):
        return None
    return pet_name(key)


def _analyse(key: str) -> Word:
    diminutive = _diminutive(key)
    if diminutive is not None:
        # the dictionary vouches for the name it comes from, so the word counts as known, a first name only
        return Word(diminutive, True, "NOUN", 1.0, 0.0, 0.0, 0.0, 0.0, frozenset())
    parses = analyzer().parse(key)
    best = parses[0]
    total = sum(p.score for p in parses) or 1.0

    def share(grammeme: str) -> float:
        return sum(p.score for p in parses if grammeme in p.tag) / total

    name, surname, patronymic, geo = share("Name"), share("Surn"), share("Patr"), share("Geox")
    ordinary = [p for p in parses if not ({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & p.tag.grammemes)]
    common = sum(p.score for p in ordinary) / total
    # a thing is read so only in its nominative singular («серёжка», an earring), where a name stands at a clause's
    # start; «у катка» (an ice rink's genitive) stays a thing
    living = best.tag.animacy == "anim" or (best.tag.case == "nomn" and best.tag.number == "sing")
    if common == 1.0 and best.tag.POS == "NOUN" and living and pet_name(key) is not None:
        # a word the dictionary knows that is also a pet form of a name («маринка» a fish, «светик», «серёжка» an
        # earring): a name only where the text's context makes it one («маринка наша руководитель», «серёжка мой»),
        # so a weak share
        name, common = PET_SHARE, 1.0 - PET_SHARE
    inflected = [p for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO")]
    return Word(
        lemma=best.normal_form.replace("ё", "е"),
        known=analyzer().word_is_known(key),
        pos=str(best.tag.POS or ""),
        name=round(name, 3),
        surname=round(surname, 3),
        patronymic=round(patronymic, 3),
        geo=round(geo, 3),
        common=round(common, 3),
        # a plural has no gender, and a noun of common gender («сирота») agrees with either
        # an accusative agrees in animacy too: «лесного» (animate) is no attribute of «автобус»
        readings=frozenset(
            (
                str(p.tag.case),
                str(p.tag.number),
                "" if p.tag.number == "plur" else str(p.tag.gender or ""),
                str(p.tag.animacy or "") if p.tag.case == "accs" else "",
            )
            for p in inflected
            if p.tag.case
        ),
    )


def word_forms(token: str) -> set[str]:
    """The case forms of one word of a name, in the gender and number its nominative reading has."""
    key = fold(token)
    out = {key}
    readings = [p for p in analyzer().parse(key) if p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn"]
    if not readings:
        return out
    first = readings[0]
    for form in first.lexeme:
        if form.tag.POS != first.tag.POS or {"Supr", "Cmpr"} & form.tag.grammemes:
            continue
        if form.tag.number == first.tag.number and (first.tag.POS == "NOUN" or form.tag.gender == first.tag.gender):
            out.add(form.word.replace("ё", "е"))
    return out


def form_cases(token: str) -> dict[str, frozenset[str]]:
    """The cases each form of one word of a name takes, in the gender and number of its nominative reading
    (as word_forms): «петровки» is only a genitive of «Петровка», whatever else the dictionary reads in it."""
    key = fold(token)
    readings = [p for p in analyzer().parse(key) if p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn"]
    if not readings:
        return {}
    first = readings[0]
    out: dict[str, set[str]] = {}
    for form in first.lexeme:
        if form.tag.POS != first.tag.POS or {"Supr", "Cmpr"} & form.tag.grammemes or not form.tag.case:
            continue
        if form.tag.number == first.tag.number and (first.tag.POS == "NOUN" or form.tag.gender == first.tag.gender):
            out.setdefault(form.word.replace("ё", "е"), set()).add(str(form.tag.case))
    return {f: frozenset(c) for f, c in out.items()}


def all_adjective_forms(token: str) -> set[str]:
    """Every form of the adjective this word is, in any gender and number: «Борское» -> «борские», «борской» …"""
    readings = [p for p in analyzer().parse(fold(token)) if p.tag.POS == "ADJF"]
    if not readings:
        return set()
    return {f.word.replace("ё", "е") for f in readings[0].lexeme if f.tag.POS == "ADJF"}


@cache
def animate_noun(token: str) -> bool:
    """The word can be an animate noun: people or animals («покупатели», «жителям»), not things."""
    return any(p.tag.POS == "NOUN" and p.tag.animacy == "anim" for p in analyzer().parse(fold(token)))


@cache
def genitive_noun(token: str) -> bool:
    """An ordinary noun that can only be a genitive here (names aside): «машин», «автомобилей»."""
    parses = [p for p in analyzer().parse(fold(token)) if not ({"Name", "Surn", "Patr", "Geox"} & p.tag.grammemes)]
    return bool(parses) and all(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in parses)


def adjective_forms(stem: str) -> set[str]:
    """Every form of an adjective in any gender and number: «петровск» -> «петровская», «петровских» …"""
    readings = [p for p in analyzer().parse(stem + "ий") if p.tag.POS == "ADJF"]
    if not readings:
        return set()
    return {f.word.replace("ё", "е") for f in readings[0].lexeme if f.tag.POS == "ADJF"}
