"""Find the settlement an address or a text speaks of: villages by their case forms, read in their context."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from mcu_data.ingest import morph

# Words that say «what follows is a settlement»: its kind or the rural settlement it heads
KIND_WORDS = frozenset(
    "с с. село села селе селу селом пос пос. п п. посёлок поселок посёлка поселка посёлке поселке посёлку поселку "
    "посёлком поселком д д. дер деревня деревни деревне деревню деревней сп с/п поселение поселения поселении "
    "поселению поселением".replace("ё", "е").split()
)
# after these a name is where something happens or whom it concerns
PLACE_PREPOSITIONS = frozenset("в во из у под за около возле близ от к ко через по для".split())
DESTINATION = frozenset({"до"})
# a route written as its two ends after the vehicle: «автобус подсолнечное — борское» starts where the writer is
ROUTE_WORDS = frozenset("автобус маршрут маршрутка рейс электричка".split())
ROUTE_DASHES = frozenset({"—", "–", "-"})
RESIDENTS = frozenset(
    "житель жителя жители жителей жителям жителями жительница жительницы жительнице жительницей ж-ца ж-цы ж-ц ж-ль "
    "ж-ли уроженец уроженка".split()
)
# a name after these is a street, a river or an organisation, never the village itself
STREETS = frozenset(
    "ул улица улицы улице улицу улицей пер переулок переулка переулке проезд проезда проспект пр-т пл площадь "
    "тупик мкр микрорайон".split()
)
RIVERS = frozenset("р река реки реке реку рекой речка речки речке речку речкой берег берега берегу берегом".split())
# «на Таволжанке» is on the river; «на Таволжанку», «дорога на Подсолнечное» lead to the village
ON = "на"
ORGANISATIONS = frozenset("ооо оао зао пао ао муп мбу мку мбоу гбу гбуз гку нко тсж снт кфх ип".split())
QUOTES = frozenset("«\"“„'")
COMPARISONS = frozenset({"как", "чем"})
DISTRICT = frozenset("район района районе району районом р-н р-на р-не р-ну рн округ округа округе".split())
# «муниципальный» makes the next word the district's only when that word is «район» or «округ»:
# «в Большом Алдаркино муниципальный дом» names the village
MUNICIPAL = frozenset("муниципальный муниципального муниципальном муниципальному муниципальным".split())
# words that compare with a place rather than locate in it, read back to the clause's start: «дороже, чем на
# ярмарке в районном центре»; «в райцентре так не отключают» compares too
COMPARISON_BACK = 4
COMPARISON_AFTER = frozenset({"так", "такого", "такой", "такое"})
# set phrases made of a village's adjective that name no place: the church's Peter's fast
SET_PHRASES = frozenset({("петровский", "пост")})
RIVER_NAMED = frozenset(
    {"Таволжанка"}
)  # a village named as its river: «на Таволжанке», «через Таволжанку» is the river
ACROSS = frozenset({"через"})
# in the sentence of a village named as its river, these make it the river: «в таволжанке опять рыба дохлая плывёт»,
# «в таволжанке купаться нельзя» (fish, bathing, its banks and current), whereas «в таволжанке водокачка встала»
RIVER_CONTEXT = frozenset(
    "рыба рыбка рыбачить порыбачить рыбалка рыбак купаться искупаться купание пляж плыть плавать течение тина "
    "утонуть нерест".split()
)
ADJECTIVE_KIND = "прилагательное"  # a gazetteer row that is an adjective made from a two-word name
# a noun after an adjective-named place that agrees with it makes the name an attribute: «Борская ЦРБ» is no village
ATTRIBUTE_POS = frozenset({"NOUN"})
MODIFIER_POS = frozenset({"ADJF", "PRTF"})
# establishments whose name follows them, in posts without quotes: «в магазине усманский», «ансамбль таволга»
NAMED_THINGS = frozenset("магазин кафе бар ансамбль хор клуб коллектив спк колхоз совхоз".split())
# abbreviations that open a resident's form of a name: «Ст. Борское» (the old part of the village)
NAME_ABBREVIATIONS = frozenset({"ст"})
DISTRICT_CENTRE_KIND = "районный центр"  # rows of this kind name the district's centre, not a village

# the cases a preposition takes before a place: «на Петровки» (the church fast) and «с лесной» (a street) take no
# form of «Петровка» or of «Лесной» there, so they are not the villages
GOVERNS = {
    **dict.fromkeys(("с", "со"), frozenset({"gent", "gen2", "ablt"})),
    **dict.fromkeys(("из", "от", "до", "у", "около", "возле", "близ", "для"), frozenset({"gent", "gen2"})),
    **dict.fromkeys(("к", "ко"), frozenset({"datv"})),
    **dict.fromkeys(("в", "во", "на"), frozenset({"loct", "loc2", "accs"})),
    "по": frozenset({"datv", "loct", "accs"}),
    **dict.fromkeys(("за", "под"), frozenset({"ablt", "accs"})),
    "через": frozenset({"accs"}),
}
# after «в старом», «в нашем» the name is still where something happens
MODIFIED_PREPOSITIONS = PLACE_PREPOSITIONS | {ON}
# plural nouns of a village's own fabric: «по борским улицам» walks the village («подгорная улица» is a street)
VILLAGE_PARTS = frozenset({"улица", "переулок", "двор", "окраина"})

# what comes «из X» without being where the problem is: «скорую из Борского ждали», «пожарка из борского ехала»,
# «хлеб возим из борского» — a service or goods arrive from the place
ORIGIN_BEFORE = frozenset(
    "скорый пожарка пожарный пожарные полиция бригада техника хлеб продукты возить привозить завозить везти "
    "доставлять".split()
)
# an owner of a thing named like a village: «хозяин мойки» makes every lower-case «мойка» of the text a car wash
OWNERS = frozenset("хозяин хозяйка владелец владелица".split())
CONFIDENCE = 0.9
DERIVED_CONFIDENCE = 0.6  # an adjective made from a name: «петровские родители»
FUZZY_CONFIDENCE = 0.65
CENTRE_CONFIDENCE = 0.6  # «в райцентре» says where, but only by the district's own words
SEVERAL_CONFIDENCE = 0.6
DESTINATION_FACTOR = 0.7  # only «до X» named: where people go, perhaps not where the problem is
FUZZY_MIN_SCORE = 86
FUZZY_MIN_LENGTH = 6


@dataclass(frozen=True)
class Place:
    """One gazetteer row, with the forms its words take in texts."""

    place: str
    oktmo: str
    words: tuple[frozenset[str], ...]  # the case forms of each word of the name
    initial: str  # the first letter of a many-word name, for «Б. Алдаркино»
    common: bool  # an ordinary word too («мойка», «лесной»): a place only where its context says so
    adjective: bool  # the last word is an adjective («Борское»): a following noun that agrees makes it an attribute
    derived: bool = False  # «петровский» made from «Петровка»
    centre: bool = False  # «районный центр»: a place only where it locates something
    people_only: bool = False  # «борские покупатели»: another form of an adjective name, a place only for people
    cases: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)  # last word's form -> its cases


@dataclass
class Gazetteer:
    """The places indexed by the first word form they can start with."""

    places: list[Place]
    by_first: dict[str, list[Place]] = field(default_factory=dict)
    by_initial: dict[str, list[Place]] = field(default_factory=dict)
    fuzzy_forms: list[str] = field(default_factory=list)
    fuzzy_places: list[Place] = field(default_factory=list)
    joined: dict[str, Place] = field(default_factory=dict)  # a many-word name written as one hashtag
    scanner: re.Pattern | None = None

    def __post_init__(self) -> None:
        for place in self.places:
            for form in place.words[0]:
                self.by_first.setdefault(form, []).append(place)
            if len(place.words) > 1 and not place.centre:
                self.by_initial.setdefault(place.initial, []).append(place)
                self.joined.setdefault(morph.fold(place.place).replace(" ", ""), place)
            if len(place.words) == 1 and not place.derived and not place.centre:
                for form in place.words[0]:
                    if len(form) >= FUZZY_MIN_LENGTH:
                        self.fuzzy_forms.append(form)
                        self.fuzzy_places.append(place)
        # one expression finds where a name may start, so a text without one costs a single scan
        starts = {f for p in self.places for f in p.words[0]}
        starts |= {
            f"{p.initial}(?:\\.\\s*|-){re.escape(f)}" for p in self.places if len(p.words) > 1 for f in p.words[1]
        }
        starts |= set(self.joined)
        escaped = sorted((s if "\\" in s else re.escape(s) for s in starts), key=len, reverse=True)
        if escaped:
            self.scanner = re.compile(r"(?<![а-яa-z0-9])(?:" + "|".join(escaped) + r")(?![а-яa-z0-9])")

    def forms(self) -> frozenset[str]:
        """Every form of every word of the names, adjectives made from them aside: a village is never a person."""
        return frozenset(f for p in self.places if not p.derived for forms in p.words for f in forms)

    def __iter__(self):
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)


def normalize(text: pd.Series) -> pd.Series:
    """Lower case, ё as е, Latin look-alike letters as Cyrillic: only for matching, never stored."""
    return text.fillna("").astype("string").str.lower().str.replace("ё", "е").str.translate(morph.HOMOGLYPHS)


def _is_common(name: str, flagged: bool) -> bool:
    """A name that is also a dictionary word (a noun or adjective people use every day) needs its context."""
    if flagged:
        return True
    last = morph.word(name.split()[-1])
    return last.known and last.common >= 0.5 and last.geo < 0.5 and len(name.split()) == 1


def build_places(gazetteer: pd.DataFrame) -> Gazetteer:
    """The gazetteer's names with their case forms found by morphology; -ка villages also by their adjective."""
    places: list[Place] = []
    for row in gazetteer.itertuples():
        name = str(row.place_ru).strip()
        words = name.split()
        oktmo = str(row.settlement_oktmo)
        kind = str(getattr(row, "place_kind", "") or "")
        flagged = bool(getattr(row, "needs_prefix", False)) and str(row.needs_prefix).lower() not in ("false", "0")
        last = morph.word(words[-1])
        # a place is inanimate: its accusative is its nominative («в Гвардейцы», «на Лесной»)
        cases = {f: c | {"accs"} if "nomn" in c else c for f, c in morph.form_cases(words[-1]).items()}
        place = Place(
            place=name,
            oktmo=oktmo,
            words=tuple(frozenset(morph.word_forms(w)) for w in words),
            initial=morph.fold(words[0])[0],
            common=_is_common(name, flagged),
            adjective=last.pos in MODIFIER_POS,
            centre=kind == DISTRICT_CENTRE_KIND,
            cases=cases,
        )
        if kind == ADJECTIVE_KIND:  # «новокутулукские доярки», «новокутулукская школа»
            forms = morph.all_adjective_forms(words[-1])
            places.append(Place(name, oktmo, (frozenset(forms),), place.initial, False, False, derived=True))
            continue
        places.append(place)
        lower = morph.fold(name)
        if len(words) == 1 and place.adjective and not place.centre:
            # «Борское» is neuter: «борские покупатели», «подгорные жители» are its people, «Борская ЦРБ» is not
            other = morph.all_adjective_forms(words[0]) - place.words[0]
            if other:
                places.append(
                    Place(name, oktmo, (frozenset(other),), place.initial, False, True, derived=True, people_only=True)
                )
        if len(words) == 1 and lower.endswith("ка") and not flagged:
            forms = morph.adjective_forms(lower[:-2] + "ск")
            if forms:
                places.append(
                    Place(name, oktmo, (frozenset(forms),), lower[0], common=False, adjective=False, derived=True)
                )
    return Gazetteer(places)


@dataclass(frozen=True)
class Resolution:
    """Settlement per row, how it was found, and how sure the match is."""

    oktmo: pd.Series
    confidence: pd.Series


@dataclass(frozen=True)
class Mention:
    oktmo: str
    confidence: float
    destination: bool  # «до X», «на X» (accusative): where someone goes
    towards: bool = False  # «на X» only
    home: bool = False  # on a letter's line of where its writer lives: «проживающего: с. Борское, …»


def resolve(texts: pd.Series, places: Gazetteer, allow_fuzzy: bool = True, address: bool = False) -> Resolution:
    """The settlement each text names first; confidence falls when several are named or the reading is weak.

    An address field holds places only, so there an ordinary-word name needs no context.
    """
    found: list[str | None] = []
    confidence: list[float] = []
    for text in texts.fillna("").astype(str):
        oktmo, conf = resolve_one(text, places, allow_fuzzy, address) if text else (None, np.nan)
        found.append(oktmo)
        confidence.append(conf)
    return Resolution(
        pd.Series(found, index=texts.index, dtype="object"), pd.Series(confidence, index=texts.index, dtype="float64")
    )


def resolve_one(text: str, places: Gazetteer, allow_fuzzy: bool = True, address: bool = False) -> tuple:
    """(OKTMO, confidence) of one text, or (None, NaN)."""
    mentions = mentions_in(text, places, allow_fuzzy, address)
    if not mentions:
        return None, np.nan
    # a place only gone to («дорога до Долматовки») counts where nothing else is named, and less surely; the
    # writer's home in a letter's header gives way to a place the letter itself speaks of («участок … в с. Петровка»)
    located = [m for m in mentions if not m.destination] or mentions
    located = [m for m in located if not m.home] or located
    first = located[0]
    conf = first.confidence
    if len({m.oktmo for m in located}) > 1:
        conf = min(conf, SEVERAL_CONFIDENCE)
    if first.destination:
        conf *= DESTINATION_FACTOR
    return first.oktmo, round(conf, 2)


HOME_LINE = re.compile(r"(?i)(?<![а-яё])(?:проживающ|прожива[юе]|зарегистрированн?(?:ого|ой|ых))")
WINDOW_BEFORE = 60  # characters read before a name for its context: a kind word, a preposition, a street
WINDOW_AFTER = 80
CAPITALISED = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ][а-яё]{5,}(?![А-Яа-яЁё])")


def mentions_in(text: str, places: Gazetteer, allow_fuzzy: bool = True, address: bool = False) -> list[Mention]:
    """Every place the text names, in order, with the reasons to trust each one folded into its confidence.

    One scan finds where names may stand; only there is the text cut into tokens to read the context.
    """
    found: list[tuple[int, Mention]] = []
    taken: list[tuple[int, int]] = []
    if places.scanner is not None:
        norm = text.lower().replace("ё", "е").translate(morph.HOMOGLYPHS)
        owned = frozenset(
            form.word.replace("ё", "е")
            for found_owner in (*OWNED.finditer(norm), *COMPOUND_THING.finditer(norm))
            for parse in morph.analyzer().parse(found_owner.group(1))
            if parse.tag.POS == "NOUN"
            for form in parse.lexeme
        )
        for m in places.scanner.finditer(norm):
            if taken and m.start() < taken[-1][1]:
                continue
            start = m.start()
            if start >= 2 and norm[start - 1] == "-" and norm[start - 2].isalpha():
                if start >= 3 and norm[start - 3].isalpha():
                    continue  # a part of a compound word: «Агро-Подсолнечное» is a firm
                start -= 2  # «б-алдаркино», «н-кутулуке»: a name's first word shortened to its letter and a hyphen
            mention, span = _read_at(text, start, m.end(), places, address, owned)
            if span is not None:
                taken.append(span)
            if mention is not None:
                line = text[text.rfind("\n", 0, start) + 1 : start]
                if HOME_LINE.search(line):
                    mention = replace(mention, home=True)
                found.append((m.start(), mention))
    if allow_fuzzy:
        for m in CAPITALISED.finditer(text):
            if any(a <= m.start() < b for a, b in taken) or morph.word(m.group()).known:
                continue
            mention = _fuzzy_here(text, m.start(), m.end(), places, address)
            if mention is not None:
                found.append((m.start(), mention))
    return [mention for _, mention in sorted(found, key=lambda f: f[0])]


def _window(text: str, start: int, end: int) -> tuple[list, int, int, bool]:
    """Tokens around text[start:end]: (tokens, index of the first token of the span, index after it, text start)."""
    lo = max(0, start - WINDOW_BEFORE)
    before = morph.tokens(text[lo:start])
    if lo > 0 and before:
        before = before[1:]  # the first one may be cut in half
    inside = morph.tokens(text[start:end])
    after = morph.tokens(text[end : end + WINDOW_AFTER])
    if after and end + WINDOW_AFTER < len(text):
        after = after[:-1]
    at_text_start = not text[:start].strip()
    lead = [_START] if lo == 0 else []
    toks = lead + before + inside + after
    first = len(lead) + len(before)
    return toks, first, first + len(inside), at_text_start


class _Start:
    """A token that stands for the start of the text, so the reading of context knows it reached it."""

    def group(self) -> str:
        return "\n"


_START = _Start()


INITIAL = re.compile(r"[А-ЯЁ]")
# a compound naming the thing outright makes its plain word the same thing: «у автомойки … вода с мойки течёт»
COMPOUND_THING = re.compile(r"(?<![а-я])авто(мойк[а-я]*)")
OWNED = re.compile(r"(?<![а-я])(?:" + "|".join(sorted(OWNERS)) + r")\w{0,3}\s+([а-я]+)")


def _read_at(text: str, start: int, end: int, places: Gazetteer, address: bool, owned: frozenset = frozenset()):
    toks, first, _, at_text_start = _window(text, start, min(len(text), start + 40))
    low = [morph.fold(t.group()) for t in toks]
    hit = _match_at(toks, low, first, places)
    if hit is None:
        return None, None
    place, s, e = hit
    span = (start, start + sum(len(t.group()) for t in toks[s:e]))
    if place.common and not address and toks[s].group()[:1].islower() and low[s] in owned:
        return None, span  # «за мойкой на въезде … хозяин мойки»: the car wash, not the village
    route = place.common and _route_start(toks, low, s, e, places)
    return _judge(toks, low, s, e, place, address, at_text_start, route), span


def _fuzzy_here(text: str, start: int, end: int, places: Gazetteer, address: bool) -> Mention | None:
    """A misspelt name: a capitalised word no dictionary knows, close to one form of a one-word place."""
    if not places.fuzzy_forms:
        return None
    key = morph.fold(text[start:end])
    best = process.extractOne(key, places.fuzzy_forms, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
    if best is None:
        return None
    place = places.fuzzy_places[best[2]]
    toks, first, stop, at_text_start = _window(text, start, end)
    low = [morph.fold(t.group()) for t in toks]
    mention = _judge(toks, low, first, stop, place, address, at_text_start)
    if mention is None:
        return None
    return Mention(mention.oktmo, FUZZY_CONFIDENCE, mention.destination, mention.towards)


def _match_at(toks, low: list[str], i: int, places: Gazetteer) -> tuple[Place, int, int] | None:
    """The longest place name starting at token i, written out or with its first word shortened to a letter."""
    best: tuple[Place, int, int] | None = None
    for place in places.by_first.get(low[i], ()):
        end = _rest_of_name(low, i + 1, place)
        # of two names as long, the place's own before a form made from another's: «Подгорное» is the settlement's
        # name, not only the neuter of «Подгорный»
        longer = best is None or end is not None and end - i > best[2] - best[1]
        own = best is not None and end is not None and end - i == best[2] - best[1] and best[0].derived > place.derived
        if end is not None and (longer or own):
            best = (place, i, end)
    if best is None and i > 0 and low[i - 1] == "#" and low[i] in places.joined:
        return places.joined[low[i]], i, i + 1  # «#новыйкутулук»: a hashtag writes the name's words together
    if best is None and len(low[i]) > 2 and low[i][1] == "-":
        for place in places.by_initial.get(low[i][0], ()):
            if len(place.words) == 2 and low[i][2:] in place.words[1]:
                return place, i, i + 1  # «б-алдаркино»: the first word shortened to its letter and a hyphen
    # «Б. Алдаркино», «Н.Кутулуке»: a capital letter, a dot, then the rest of the name
    if best is None and len(low[i]) == 1 and i + 2 < len(low) and low[i + 1] == "." and toks[i].group().isalpha():
        for place in places.by_initial.get(low[i], ()):
            end = _rest_of_name(low, i + 2, place)
            if end is not None:
                return place, i, end
    return best


def _rest_of_name(low: list[str], end: int, place: Place) -> int | None:
    """Where the name ends when its words after the first follow from token `end` on; None if they do not."""
    for forms in place.words[1:]:
        if end >= len(low) or low[end] not in forms:
            return None
        end += 1
    return end


def _before(low: list[str], i: int, skip_dot: bool = True) -> str:
    """The token before i, read past a dot that closes an abbreviation («пос.», «ул.»)."""
    j = i - 1
    if skip_dot and j >= 0 and low[j] == ".":
        j -= 1
    return low[j] if j >= 0 else ""


def _judge(
    toks, low: list[str], start: int, end: int, place: Place, address: bool, at_text_start: bool, route: bool = False
) -> Mention | None:
    """Whether the name at [start, end) is the place here, and how sure that reading is."""
    prev = _before(low, start)
    raw_prev = low[start - 1] if start else ""
    if prev in STREETS or raw_prev in QUOTES or prev in ORGANISATIONS:
        return None
    street_after = end < len(low) and low[end] in STREETS
    if place.derived and street_after:
        return None  # «Коноваловский пер.», «Борская ул.»: an adjective made from the name names the street
    if prev not in MODIFIED_PREPOSITIONS and start >= 2 and _modifies(toks, low, start - 1, end - 1):
        if low[start - 2] in MODIFIED_PREPOSITIONS:
            prev = raw_prev = low[start - 2]  # «в старом борском», «в нашем Подгорном»
    if place.centre:
        # «в районном центре», «жители райцентра» locate; «до райцентра», «как в райцентре» compare or go
        before_prev = _before(low, start - 1, skip_dot=False) if start else ""
        compared = _compared(low, start) or (end < len(low) and low[end] in COMPARISON_AFTER) or _contrast(low, end)
        locating = prev in ("в", "во", "по")  # «в райцентре», «маршрут по райцентру»
        if prev in ("в", "во") and not _locative(toks[end - 1].group()):
            locating = False  # «в райцентр ездим»: where people go, not where the problem is
        if not compared and (prev in RESIDENTS or (locating and before_prev not in COMPARISONS)):
            return Mention(place.oktmo, CENTRE_CONFIDENCE, False)
        return None
    if prev in RIVERS and prev not in KIND_WORDS:
        return None
    towards = False
    river_named = place.place in RIVER_NAMED
    if prev == ON:
        accusative = any(reading[0] == "accs" for reading in morph.word(toks[end - 1].group()).readings)
        if not accusative and (river_named or place.common):
            return None  # «на Таволжанке»: on the river; «на мойке»: at a car wash; «на Немчанке» is the village
        towards = accusative
    if river_named and (prev in ACROSS or _river_sentence(low, start, end)):
        return None  # «мост через Таволжанку», «в таволжанке рыба дохлая плывёт»: the river
    if prev == "из" and raw_prev == prev and start >= 2 and morph.lemma(low[start - 2]) in ORIGIN_BEFORE:
        return None  # «скорую из Борского ждали», «хлеб возим из борского»: where help or goods come from
    before_prev = _before(low, start - 1, skip_dot=False) if start else ""
    if prev in PLACE_PREPOSITIONS and (before_prev in COMPARISONS or _compared(low, start)):
        return None  # «как в Борском», «чем на рынке в Борском»: a comparison names no place of the problem
    if end < len(low) and (
        low[end] in DISTRICT or (low[end] in MUNICIPAL and end + 1 < len(low) and low[end + 1] in DISTRICT)
    ):
        return None  # «Борский район», «Алексеевском районе», «Борский муниципальный район»
    if place.derived and end < len(toks) and (morph.lemma(low[end - 1]), morph.lemma(low[end])) in SET_PHRASES:
        return None
    if (place.adjective or place.derived) and start >= 1 and morph.lemma(low[start - 1]) in NAMED_THINGS:
        return None  # «у магазина усманский»: a shop's name written without quotes
    if place.people_only and not _people_after(toks, low, start, end):
        return None  # «Борская ЦРБ», «подгорная улица»: an attribute of a thing, not the village's own name
    # «Подгорный: нет связи», «Таволжанка, ул. Садовая», «Гвардейцы. Звонил …»: a text that opens with the place as
    # its heading
    heading = at_text_start and end < len(low) and low[end] in (":", ",", "—", "-", ".")
    # «с мойки», «с.», «п.»: a one-letter kind word needs its dot or a capital, or it is a preposition
    bare_letter = prev in ("с", "п", "д") and raw_prev == prev and not toks[start].group()[0].isupper()
    kind = (prev in KIND_WORDS and not bare_letter) or raw_prev == "#" or heading
    kind = kind or route  # «автобус подсолнечное — борское»
    if place.adjective and not place.derived and _parts_after(toks, low, end):
        return Mention(place.oktmo, DERIVED_CONFIDENCE, False)
    governed = GOVERNS.get(prev)
    if governed and raw_prev == prev and (bare_letter or prev not in KIND_WORDS):
        cases = place.cases.get(low[end - 1])
        if cases and not cases & governed:
            return None  # «на Петровки», «[ФИО] с лесной»: no form of the village the preposition takes
    if place.common and _initials_beside(toks, low, start, end):
        return None  # «Участковый Лесной Д.С.», «В.П. Лесной»: a surname, whatever stands before it
    if place.common and not kind and _beside_a_name(toks, low, start, end):
        return None  # «тренер Лесной Виктор Павлович», «Серёга Лесной»: a surname
    if place.common and place.adjective and not kind and _agrees_with_next(toks, low, start, end):
        return None  # «Борская ЦРБ», «лесной пожар», «подсолнечное масло»; «Новоборский садик» is the village's
    if place.common and not place.adjective and not kind and _object_after(toks, low, end):
        return None  # «возле мойки машин»: what is washed follows, so it is a car wash
    if place.common and not address:
        capital_mid_sentence = toks[start].group()[0].isupper() and not _sentence_start(low, start)
        # «на мойку машин»: «на» alone does not make an ordinary word a village
        # «подсолнечное ул. мира …»: the village's own name right before one of its streets
        context = kind or bare_letter or prev in PLACE_PREPOSITIONS or prev in DESTINATION or prev in RESIDENTS
        context = context or street_after
        if not (context or capital_mid_sentence):
            return None
    confidence = DERIVED_CONFIDENCE if place.derived else CONFIDENCE
    return Mention(place.oktmo, confidence, prev in DESTINATION or towards, towards)


def _route_start(toks, low: list[str], start: int, end: int, places: Gazetteer) -> bool:
    """«автобус подсолнечное — борское»: the name right after the vehicle, with a dash and another place after it
    (one of the district's, or a capitalised town: «— Самара»), is the route's start."""
    prev = _before(low, start)
    if (
        end + 1 >= len(low)
        or low[end] not in ROUTE_DASHES
        or not prev.isalpha()
        or morph.lemma(prev) not in ROUTE_WORDS
    ):
        return False
    return toks[end + 1].group()[:1].isupper() or _match_at(toks, low, end + 1, places) is not None


def _river_sentence(low: list[str], start: int, end: int) -> bool:
    """A word of the river's own (fish, bathing) in the name's sentence, as far as the window reaches."""
    j = start - 1
    while j >= 0 and low[j] not in morph.SENTENCE_END:
        if low[j].isalpha() and morph.lemma(low[j]) in RIVER_CONTEXT:
            return True
        j -= 1
    for token in low[end:]:
        if token in morph.SENTENCE_END:
            return False
        if token.isalpha() and morph.lemma(token) in RIVER_CONTEXT:
            return True
    return False


def _compared(low: list[str], start: int) -> bool:
    """A comparison word a few tokens back in the same clause: «чем на ярмарке в Борском»."""
    for j in range(start - 1, max(-1, start - 1 - COMPARISON_BACK), -1):
        if low[j] in COMPARISONS or (low[j] == "что" and j >= 2 and low[j - 1] == "то" and low[j - 2] == "не"):
            return True  # «чем в Борском», «как в Петровке», «не то что в Петровке»
        if not low[j][:1].isalpha():
            return False
    return False


CONTRAST_OPENERS = frozenset({"а", "но", "почему", "зачем", "отчего"})


def _contrast(low: list[str], end: int) -> bool:
    """«в райцентре баки новые, а у нас ржавые»: the district's centre set against the writer's own place."""
    for j in range(end, len(low) - 2):
        if low[j] in morph.SENTENCE_END:
            return False
        # «а у нас», «но у нас», «почему у нас нельзя?»: the writer's own place set against it
        if low[j] in CONTRAST_OPENERS and low[j + 1] in ("у", "в") and low[j + 2] in ("нас", "нашем", "нашей", "наших"):
            return True
    return False


def _people_after(toks, low: list[str], start: int, end: int) -> bool:
    """An animate noun right after the adjective, agreeing with it: «борские покупатели», «подгорным жителям»;
    or the village's streets and yards in the plural: «по борским улицам»."""
    if end >= len(toks) or not low[end][:1].isalpha():
        return False
    after = toks[end].group()
    agree = _agreeing(morph.word(toks[end - 1].group()).readings, morph.word(after).readings)
    if agree and morph.lemma(after) in VILLAGE_PARTS:
        return _parts_after(toks, low, end)
    return bool(agree) and morph.animate_noun(after)


def _parts_after(toks, low: list[str], end: int) -> bool:
    """The village's streets or yards in the plural, agreeing with the adjective before: «по борским улицам»."""
    if end >= len(toks) or not low[end][:1].isalpha() or morph.lemma(low[end]) not in VILLAGE_PARTS:
        return False
    agree = _agreeing(morph.word(toks[end - 1].group()).readings, morph.word(toks[end].group()).readings)
    return any(number == "plur" for _, number, _, _ in agree)


def _modifies(toks, low: list[str], i: int, name: int) -> bool:
    """Token i is an adjective or a pronoun agreeing with the name's last word: «старом» in «в старом борском»."""
    if not low[i].isalpha():
        return False
    w = morph.word(toks[i].group())
    if w.pos not in MODIFIER_POS or w.name + w.surname + w.geo > 0:
        return False
    return bool(_agreeing(w.readings, morph.word(toks[name].group()).readings))


def _beside_a_name(toks, low: list[str], start: int, end: int) -> bool:
    """A capitalised first name or patronymic, or initials, right before or after: the word is a surname here."""
    if _initials_beside(toks, low, start, end):
        return True
    for j in (start - 1, end):
        if 0 <= j < len(toks) and low[j][:1].isalpha():
            token = toks[j].group()
            if token[0].isupper():
                w = morph.word(token)
                if (w.name >= 0.5 and w.name > w.surname) or w.patronymic >= 0.5:
                    return True
    return False


def _initials_beside(toks, low: list[str], start: int, end: int) -> bool:
    """«Лесной Д.С.», «Д.С. Лесной»: a surname (two initials before it, since «п. Лесной» has one letter)."""
    if end + 1 < len(toks) and INITIAL.fullmatch(toks[end].group()) and low[end + 1] == ".":
        return True
    return (
        start >= 4
        and low[start - 1] == "." == low[start - 3]
        and INITIAL.fullmatch(toks[start - 2].group()) is not None
        and INITIAL.fullmatch(toks[start - 4].group()) is not None
    )


def _object_after(toks, low: list[str], end: int) -> bool:
    """A lower-case noun right after that can only be a genitive: the word has an object, «мойка машин»."""
    if end >= len(toks) or not low[end][:1].isalpha() or not toks[end].group()[0].islower():
        return False
    if any(r[0] in ("loct", "loc2") for r in morph.word(toks[end - 1].group()).readings):
        return False  # «в Мойке света нет»: in the village, where nothing else is washed
    return morph.genitive_noun(toks[end].group())


def _sentence_start(low: list[str], i: int) -> bool:
    j = i - 1
    while j >= 0 and low[j] in QUOTES | {"(", "—", "-", ":"}:
        j -= 1
    if j >= 1 and low[j] == "." and low[j - 1] in NAME_ABBREVIATIONS:
        return False  # «Ст. Борское»: the dot closes a part of the name, not a sentence
    return j >= 0 and low[j] in morph.SENTENCE_END  # the window's own start is a text start only when marked so


def _locative(word: str) -> bool:
    """The word has a prepositional reading: «в райцентре» is there, «в райцентр» is the way there."""
    return any(reading[0] in ("loct", "loc2") for reading in morph.word(word).readings)


def _agrees_with_next(toks, low: list[str], start: int, end: int) -> bool:
    """A noun right after the name (past adjectives that agree) in one of the name's own readings."""
    name = morph.word(toks[end - 1].group()).readings
    j = end
    while j < len(toks) and j < end + 4:
        token = toks[j].group()
        if not token[0].isalpha():
            return False
        w = morph.word(token)
        shared = _agreeing(name, w.readings)
        if w.pos in MODIFIER_POS and shared:
            name = shared
            j += 1
            continue
        return w.pos in ATTRIBUTE_POS and bool(shared)
    return False


def _agreeing(left: frozenset, right: frozenset) -> frozenset:
    """The readings of the left word that agree with some reading of the right one in case, number and gender."""
    out = set()
    for case, number, gender, animacy in left:
        for r_case, r_number, r_gender, r_animacy in right:
            same_gender = gender == r_gender or not gender or not r_gender
            same_animacy = animacy == r_animacy or not animacy or not r_animacy
            if case == r_case and number == r_number and same_gender and same_animacy:
                out.add((case, number, gender, animacy))
    return frozenset(out)
