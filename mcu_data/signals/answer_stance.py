"""What a recipient's answer asserts about the case, and whether a later answer contradicts an earlier one.

Regulation 1.2 б asks for errors in communicating with residents. The plainest of them is a recipient who tells a
resident one thing and later another about the same problem: «колонка отремонтирована», then «ремонт запланирован
на весну». An answer's stance is read once, at import, from the same sentence reading as the formal-reply check
(signals/answers.py): what it reports done, what it promises, what it refuses, whether it says all is in order, the
latest date it promises by, and whether it explains a change (a new breakdown, a corrected error, a reason for a
later date). The stance is kept in the store as a small number (`code`) and the promised date; `contradiction`
says whether, and why, a later stance contradicts an earlier one. The store asks the same question of every pair
of answers through `TABLE`, which `contradiction` itself fills: the rule is written once.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from mcu_data.signals import answers
from mcu_data.store import Store

# what a later answer may say to explain why it differs from the earlier one: the fault came back, the earlier
# answer was wrong and is corrected, the date moved for a reason it names
RECURRED = re.compile(
    r"\bповторн\w*\s+(?:порыв|авари|поврежд|отключ|выход|неисправн|обрушен|засор|протечк)"
    r"|\bнов\w*\s+(?:порыв|авари|поврежд|неисправн|выбоин|ям[аыу]|засор|протечк|разруш)"
    r"|\bпосле\s+(?:ремонта|устранения|замены)\w*[^.]{0,60}(?:образовал|возник|произош|появил|выявлен)"
    r"|\b(?:разбит|поврежд[её]н|похищен|сломан|украден|сорван)\w*\s+(?:неизвестными|вандал)|\bвандал\w*"
    r"|\w+н[аоы]?\s+повторно\b"
)
# the later answer speaks of another part of the work: the rest of a road after its first stretch
PARTIAL = re.compile(
    r"\bоставш\w*|\bостальн\w*|\bследующ\w+\s+(?:этап|участ|очеред|част)|\bвтор\w+\s+(?:этап|очеред|подъезд|участ|част)"
)
CORRECTED = re.compile(
    r"допущен\w*\s+(?:неточност|ошибк|техническ)|\bошибочно\b|\bуточняем\b|\bприносим\s+извинения\s+за"
    r"|в\s+(?:предыдущем|прежнем|ранее\s+направленном)\s+ответе|ранее\s+направленн\w+\s+ответ|считать\s+недействительн"
)
DELAY_CAUSE = re.compile(
    r"\bперенес[её]н\w*|\bперенос\w*|\bв\s+связи\s+с\b|\bиз-за\b|\bпо\s+причине\b|\bввиду\b|\bтак\s+как\b"
    r"|\bпоскольку\b|\bсрок\w*\s+(?:продлен|сдвинут|изменен)"
)
# a promise that nothing will be done: the plan does not hold it, it is impossible, it is not the recipient's
NOT_PLANNED = re.compile(
    r"не\s+(?:планиру|запланирован|предусм|включ[её]н|вош[её]л|представля[ею]тся\s+возможн|будет\s+(?:выполн|провед|"
    r"осуществл|произвед|отремонт))\w*|\bне\s+планировал\w*|\bоснован\w*\s+(?:для\s+\w+\s+)?(?:нет|отсутству)"
    r"|\bотказано\b|\bневозможн\w*|не\s+относится\s+к\s+(?:компетенции|полномочиям|ведению)"
    r"|не\s+(?:находится|состоит|числится)\s+на\s+балансе|\bне\s+числится|в\s+собственности\s+\w+\s+не\s+наход"
    r"|к\s+(?:компетенции|полномочиям|ведению)[^.]{0,40}\s+не\s+относится|не\s+является\s+(?:собственностью|муниципальн)"
    r"|не\s+подлежит|не\s+входит\s+в\s+(?:полномочия|компетенцию)|\bотсутству\w+\s+финансирован"
)
# all is in order, in words the formal-reply check does not need: «нарушений … не имеется»
IN_ORDER = re.compile(r"нарушени\w*(?:\s+\S+){0,4}\s+(?:не\s+имеется|нет|отсутству\w*)\b")
# work going on now or expected: «ведутся работы», «работы проводятся», «поставка ожидается в декабре»
IN_PROGRESS = re.compile(
    r"\bожида(?:ется|ются)\b|\bпредполага(?:ется|ются)\b|\bвед[ёу]тся\b|\bвед[её]тся\b|\bпроводятся\b|\bвыполняются\b|\bосуществляются\b|\bв\s+работе\b"
    r"|\bприступил\w*\b|\bначат\w*\s+работ"
)
_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_MONTH_WORD = r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_MONTH_ANY = r"(январ[а-я]*|феврал[а-я]*|март[а-я]*|апрел[а-я]*|ма[йяе]|июн[а-я]*|июл[а-я]*|август[а-я]*" + (
    r"|сентябр[а-я]*|октябр[а-я]*|ноябр[а-я]*|декабр[а-я]*)"
)
# dates an answer can promise by: «до 30.11.2026», «30 ноября», «в декабре 2026 года» (its last day), «до 20.11»
DAY_NUMERIC = re.compile(r"(?<![\d.])([0-2]?\d|3[01])\.(0[1-9]|1[0-2])(?:\.(\d{4}|\d{2}))?(?!\d)")
DAY_WORDS = re.compile(rf"\b([0-2]?\d|3[01])\s+{_MONTH_WORD}(?:\s+(\d{{4}}))?")
MONTH_YEAR = re.compile(rf"(?<![0-9]\s)\b{_MONTH_ANY}\s+(\d{{4}})")  # «15 декабря 2026» is a day, not the month
SEASON_YEAR = re.compile(r"\b(весн|весен|лет|осен|зим)[а-я]*\s+(?:период[а-я]*\s+)?(\d{4})|\b(\d{4})\s+год")
_SEASON_END = {"весн": (5, 31), "весен": (5, 31), "лет": (8, 31), "осен": (11, 30), "зим": (2, 28)}

DONE, PLANNED, REFUSED, NORM, EXPLAINS = 1, 2, 4, 8, 16
KINDS = ("done_then_not_done", "promise_then_denied", "refused_then_promised", "norm_then_fix", "date_moved")


@dataclass(frozen=True, slots=True)
class Stance:
    """What one answer asserts: a thing done, a promise, a refusal, «всё в норме»; a change explained; a date."""

    done: bool = False
    planned: bool = False
    refused: bool = False
    norm: bool = False
    explains: bool = False
    due: date | None = None

    @property
    def code(self) -> int:
        """The stance as the store keeps it (answer_stance): one bit per assertion."""
        return (
            DONE * self.done
            + PLANNED * self.planned
            + REFUSED * self.refused
            + NORM * self.norm
            + EXPLAINS * self.explains
        )


def from_code(code: int, due: date | None = None) -> Stance:
    return Stance(
        bool(code & DONE), bool(code & PLANNED), bool(code & REFUSED), bool(code & NORM), bool(code & EXPLAINS), due
    )


@lru_cache(maxsize=answers.CACHE_TEXTS)
def read(text: str, year: int | None = None) -> Stance:
    """The stance of an answer. `year` completes a date written without one («до 20.11»): the answer's own year."""
    if not text or not text.strip():
        return Stance()
    reading = answers.read_answer(text)
    done = planned = refused = norm = False
    for part, sentence in zip(reading.parts, reading.sentences, strict=True):
        low = part.lower().replace("ё", "е")
        if sentence.courtesy:
            continue
        if NOT_PLANNED.search(low):  # «в план не включено», «не относится к полномочиям»: nothing will be done
            refused = True
        elif sentence.boilerplate or (answers.REDIRECT.search(low) and not sentence.dated):
            continue  # a stock phrase or «направлено ответственным лицам» asserts nothing of the case
        elif sentence.denial or IN_ORDER.search(low):  # «нарушений не выявлено», «соответствует СанПиН»
            norm = True
        elif IN_PROGRESS.search(low) or DELAY_CAUSE.search(low) or (sentence.promise and not sentence.communication):
            planned = True  # going on, moved to a later date, or promised
        elif sentence.refusal:
            refused = True
        elif sentence.done and not sentence.legal:
            done = True
    low = text.lower().replace("ё", "е")
    explains = bool(RECURRED.search(low) or CORRECTED.search(low) or DELAY_CAUSE.search(low) or PARTIAL.search(low))
    return Stance(done, planned, refused, norm, explains, latest_date(low, year))


def latest_date(low: str, year: int | None = None) -> date | None:
    """The latest day a text names: a date, a day and a month, a month with its year (its last day), a season or a
    bare year (its last day, only where nothing more precise is named); a day without a year takes `year`. None when it names none."""
    found: list[date] = []
    for day, month, y in DAY_NUMERIC.findall(low):
        found += _day(int(day), int(month), _year(y, year))
    for day, month, y in DAY_WORDS.findall(low):
        found += _day(int(day), _month(month), _year(y, year))
    for month, y in MONTH_YEAR.findall(low):
        m = _month(month)
        found += _day(calendar.monthrange(int(y), m)[1] if 2000 <= int(y) <= 2100 else 1, m, int(y))
    years = []
    for season, y, bare_year in SEASON_YEAR.findall(low):
        if season:
            month, day = _SEASON_END[season]
            end_year = int(y) + (1 if season == "зим" else 0)  # «зима 2026 года» ends in February 2027
            if month == 2 and 2000 <= end_year <= 2100:
                day = calendar.monthrange(end_year, 2)[1]
            found += _day(day, month, end_year)
        elif 2000 <= int(bare_year) <= 2100:
            years.append(date(int(bare_year), 12, 31))
    found = found or years  # «в 2027 году» counts only where no day, month or season is named
    return max(found) if found else None


def _year(written: str, default: int | None) -> int | None:
    if not written:
        return default
    return int(written) + 2000 if len(written) == 2 else int(written)


def _month(word: str) -> int:
    return next(n for stem, n in _MONTHS.items() if word.startswith(stem))


def _day(day: int, month: int, year: int | None) -> list[date]:
    if year is None or not 2000 <= year <= 2100:
        return []
    try:
        return [date(year, month, day)]
    except ValueError:
        return []


def contradiction(earlier: Stance, later: Stance) -> str | None:
    """Why the later answer contradicts the earlier one (a code of KINDS), or None.

    Done, then promised or going on; promised, then refused; refused, then promised or done; «в норме», then a fix
    promised or done; a date, then a later date. A later answer that explains itself — the fault came back, the
    earlier answer is corrected, the date moved for a named reason — contradicts nothing."""
    return _rule(earlier.code, later.code, _later_due(earlier, later))


def _later_due(earlier: Stance, later: Stance) -> bool:
    return earlier.due is not None and later.due is not None and later.due > earlier.due


def _rule(earlier: int, later: int, later_due: bool) -> str | None:
    a, b = from_code(earlier), from_code(later)
    if b.explains:
        return None
    if a.done and not a.planned and not a.refused and b.planned and not b.done:
        return "done_then_not_done"
    if a.planned and not a.refused and b.refused and not b.planned and not b.done:
        return "promise_then_denied"
    if a.refused and not a.planned and not a.done and (b.planned or b.done) and not b.refused:
        return "refused_then_promised"
    if a.norm and not a.planned and (b.planned or b.done) and not b.norm:
        return "norm_then_fix"
    if later_due and a.planned and b.planned and not b.done:
        return "date_moved"
    return None


def table() -> list[tuple[int, int, bool, str]]:
    """Every (earlier code, later code, later date) that contradicts, with its reason: what the store joins on."""
    return [
        (a, b, later, kind)
        for a in range(EXPLAINS * 2)
        for b in range(EXPLAINS * 2)
        for later in (False, True)
        if (kind := _rule(a, b, later)) is not None
    ]


def fill_store(store: Store) -> int:
    """Read the stance of every stored answer that has none (a store loaded before migration 018); each distinct
    answer once. Returns how many appeals have a stance afterwards."""
    found = store.query(
        "select distinct answer_masked from appeal where answer_masked is not null and answer_stance is null"
    )
    if found.empty:
        return 0
    stances = [read(text) for text in found["answer_masked"].tolist()]
    fresh = pd.DataFrame(
        {
            "answer_masked": found["answer_masked"],
            "stance": pd.Series([st.code for st in stances], dtype="int16"),
            "due": pd.Series([st.due for st in stances], dtype="object"),
        }
    )
    with store.transaction() as tx:  # the contradictions on «Конфликтные ситуации» read the stances
        tx.register("stance_fresh", fresh)
        tx.execute(
            "update appeal set answer_stance = n.stance, answer_due = n.due from stance_fresh n "
            "where appeal.answer_masked = n.answer_masked and appeal.answer_stance is null"
        )
        tx.unregister("stance_fresh")
    return int(store.scalar("select count(*) from appeal where answer_stance is not null"))
