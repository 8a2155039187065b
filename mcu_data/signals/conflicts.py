"""Signs of a conflict in residents' messages (regulation 1.2 б): rules on the stored, masked text, and the store's
own facts (a repeat after a formal answer or after a «решено» the resident says is not so).

Every text rule is a regular expression that Python's `re` and DuckDB's RE2 read the same way: no look-arounds,
no `\\b` or `\\w` (RE2 knows only ASCII words), letters spelt out as `[а-я]`. The page runs them in the store over
the filtered period (`find`); the evaluation and the unit tests run the same patterns in Python (`text_signals`),
and a test checks that the two agree. Word forms of the insults come from the morphology's dictionary.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import pandas as pd

from mcu_data import access
from mcu_data.core import codes
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters, to_where
from mcu_data.ingest import morph
from mcu_data.signals import answer_stance
from mcu_data.store import Store
from mcu_data.store.db import Tx

# the signals, spelt as tests/data/signals/conflict_texts.csv spells them; «contradiction»: the writer says the
# recipient's answers contradict each other, or two stored answers of one recipient on one problem do
# (signals/answer_stance.py)
SIGNALS = ("repeat_after_formal", "escalation", "ignored_or_deleted", "collective", "sharp_tone", "contradiction")
# how grave each signal is, for the rank: a threat to go to the prosecutor, a repeat after a formal answer or a
# recipient contradicting itself weighs most, a complaint of silence or a collective voice next, a sharp word least
SEVERITY = {
    "repeat_after_formal": 3,
    "escalation": 3,
    "ignored_or_deleted": 2,
    "collective": 2,
    "sharp_tone": 1,
    "contradiction": 3,
}
HALF_LIFE_DAYS = 14  # a signal two weeks older than the period's end counts half
REPEAT_WINDOW_DAYS = 90  # an earlier appeal counts for a repeat if it came at most this long before
SHOWN = 200  # signals listed on the page, by rank; the count says how many there are

_L = "(?:^|[^а-я0-9])"  # a word starts here: RE2's \b knows only Latin letters
_R = "(?:[^а-я]|$)"  # a word ends here

# -- escalation: the writer goes, or threatens to go, above the recipient -----------------------------------------------
# a direction to an instance is itself the step: «в прокуратуру», «в суд», «к губернатору», «на прямую линию»
_INSTANCE = (
    r"в (?:районную |областную |генеральную )?прокуратур[уы]"
    r"|в (?:районный |областной |арбитражный )?суд"
    + _R
    + r"|в судебном порядке|через суд|судиться|исков[а-я]* заявлени"
    r"|подам иск|подадим иск|в следственный комитет|следственному комитету"
    r"|в (?:общероссийский )?народный фронт|в онф" + _R + r"|народному фронту"
    r"|к губернатору|губернатору" + _R + r"|до губернатора|в приемную губернатора|в администрацию губернатора"
    r"|к президенту|президенту" + _R + r"|до президента|в приемную президента|на прямую линию|путину" + _R
)
# an address that is also a place or a source of news («уехала в Москву», «СМИ сообщали»): only after a verb of
# writing or going, in the writer's own future or as a threat
_THREAT_VERB = (
    r"(?:напиш|пиш[уе]м|обращусь|обратимся|обратиться|обращаться|пожалу|жалоб[уы]|пойд|пойт|ид[еу]м|дойд|отправ"
    r"|пода[мд]|расскаж|сообщ[уи]м|вынужден|будем|буду)[а-я]*"
)
_PUBLIC = r"(?:в сми|в газету|в редакци|журналист|на телевидени|на тв" + _R + r"|в москву|в правительство)"
ESCALATION = _L + "(?:" + _INSTANCE + "|" + _THREAT_VERB + "[^.!?]{0,40}" + _PUBLIC + ")"

# -- comments deleted, messages ignored ---------------------------------------------------------------------------------
_POST = r"(?:коммент|пост|вопрос|сообщени|запис|отзыв)[а-я]*"
_REMOVE = r"(?:удал|убра|убира|стира|стерл|потер)[а-я]*"
IGNORED_OR_DELETED = (
    _L
    + "(?:"
    + _POST
    + "[^.!?]{0,40}"
    + _REMOVE
    + "|"
    + _REMOVE
    + "[^.!?]{0,40}"
    + _POST
    + r"|верните (?:мой|мои|наш|наши) "
    + _POST
    + r"|коммент[а-я]*[^.!?]{0,40}(?:закрыт[аиоы]?|отключен[аиоы]?|запрещен[аиоы]?|ограничен[аиоы]?)"
    + _R
    + r"|закрыл[а-я]* коммент"
    r"|(?:меня|нас) (?:заблокир|забанил|в бан|в черн)|заблокировал[а-я]* (?:меня|нас)|в черн[а-я]* списк"
    r"|трубк[уа] не бер|не берут трубк|не снима[а-я]* трубк|никто не отвеча|не отвечает телефон|телефон не отвечает"
    r"|не отвечают на (?:звонк|сообщени|письм|обращени|вопрос)|не отвечаете"
    r"|прочитал[а-я]* и молч|прочитан[а-я]*[^.!?]{0,30}(?:без ответа|не ответ|молч)|без ответа"
    r"|ответа (?:нет|не было|так и нет|до сих пор нет|не поступ|не получ|не дали)|не ответил|ответ так и не"
    r"|игнорир|проигнорир|срок[а-я]* (?:ответа |рассмотрения )?(?:уже )?(?:прош|истек|вышел))"
)

# -- a collective appeal: many people speak, or the writer gathers them ---------------------------------------------
COLLECTIVE = (
    _L + r"(?:мы,? (?:все,? )?(?:жител|собственник|родител|пенсионер|работник|жильц|член)"
    r"|жител[а-я]*[^.!?]{0,60}(?:просим|требуем|обращаемся|заявляем|выступаем)"
    r"|коллективн|подписи" + _R + r"|подписей|подписями|(?:собира|собер|сбор)[а-я]* подпис"
    r"|от имени (?:\d+|жител|собственник|совета|родител|всех|сем|двор|член)"
    r"|\d+ (?:семей|семьи|дворов|двора|подпис|жител)"
    r"|решени[а-я]* (?:общего )?схода|сход[а-я]* (?:граждан|жител)|родительск[а-я]* (?:чат|комитет|собрани)"
    r"|совет[а-я]* (?:многоквартирного )?дома|(?:всем|всей) (?:селом|улицей|поселком|деревней|миром|домом)"
    r"|групп[а-я]* жителей|инициативн[а-я]* групп|кто ещ[её][^.!?]{0,60}пишите)"
)

# -- a sharp tone: insults, threats of action, shouting in capitals -----------------------------------------------------
INSULT_LEMMAS = (
    "бездельник дармоед клоун бездарь позорище позор лентяй лодырь паразит тунеядец идиот дебил негодяй сволочь "
    "ворюга казнокрад кровопийца упырь хам хамство издевательство".split()
)
_INSULT_PHRASES = (
    r"(?:бесполезн|бессовестн|никчемн|бездарн|зажравш)[а-я]* (?:люд|чиновник|работник|власт|администрац)"
    r"|стыдно вам|совести (?:у вас )?нет|обнаглел|зажрал|издевает|издеваетесь|наплевать|плевать (?:вам|хотели)"
)
THREAT = (
    _L + r"(?:привез[а-я]*[^.!?]{0,40}(?:к|под|на|у) (?:крыльц|окн|порог|администрац|двер|здани)"
    r"|вывал[а-я]*[^.!?]{0,40}(?:к|под|на|у) (?:крыльц|окн|администрац|двер)"
    r"|перекро[а-я]*[^.!?]{0,20}(?:трасс|дорог|движени)|перекрыть[^.!?]{0,20}(?:трасс|дорог|движени)"
    r"|выйдем на (?:трассу|дорогу|митинг|пикет))"
)
# three words in capitals, one of them of five letters or more, once quotations and the usual abbreviations are gone
SHOUT = r"(?:[А-ЯЁ]{2,}[ ,!?.:;—–-]{1,3}){2,}[А-ЯЁ]{5,}|[А-ЯЁ]{5,}(?:[ ,!?.:;—–-]{1,3}[А-ЯЁ]{2,}){2,}"
QUOTED = r"«[^»]*»|\"[^\"]*\""
ABBREVIATIONS = (
    r"(?:^|[^А-ЯЁа-яё])(?:ООО|ОАО|ЗАО|ПАО|АО|МУП|МКУ|МБУ|МАУ|ГБУЗ|ГБУ|ГКУ|УК|ТСЖ|ИП|СО|РФ|ЖКХ|ЖКУ|ФАП|СДК|ЦРБ|МФЦ|ОНФ|СМИ|ДК|ГИБДД|"
    r"ДПС|МВД|МЧС|ЛЭП|ТКО|КУМИ|ПОС|ЕДДС|РЭС|СНТ|ЛПХ|ИЖС|ОКТМО|ФИО|ГОСТ|ОГЭ|ЕГЭ|ЦУР|МЦУ)(?:[^А-ЯЁа-яё]|$)"
)

# -- a repeat after a formal answer, as the writer tells it -------------------------------------------------------------
REPEAT = (
    _L
    + r"(?:повторн|(?:в )?(?:второй|третий|четвертый|пятый|десятый|очередной|который|\d+-?[а-я]{0,2}) раз"
    + _R
    + r"|не первый раз|уже (?:не )?(?:раз )?(?:писал|писали|обращал|жаловал|сообщал)"
    r"|устал[а-я]* (?:писать|обращаться|жаловаться)|(?:снова|опять) (?:пиш|обращ)|повторю|повторяю"
    r"|сколько (?:можно|раз) (?:писать|обращаться|жаловаться))"
)
# what an earlier answer said, quoted or told: «ответили», «получила», «закрываете сообщение»
PRIOR_ANSWER = (
    _L + r"(?:отве[тч][а-я]*|получил[а-я]*|пишут|написали|сообщили|закрыва[а-я]*|закрыли|закрыт[а-я]* со статусом)"
)
# the earlier answer was formal: a stock phrase, a quoted reply, or no date and no repair
FORMAL_CLAIM = (
    r"принят[а-я]* к сведению|вед[её]тся работа|работа вед[её]тся|прорабатыва|на контроле|отписк"
    r"|без (?:сроков|срока|ремонта|результата)|ничего не (?:сделано|сделали|изменилось)|так ничего и не"
)
# a reply quoted after the words that tell of it: formal when the writer is writing again because of it
QUOTED_ANSWER = r"(?:отве[тч][а-я]*|получил[а-я]*|пишут|написали|сообщили)[^.!?]{0,40}«"
DONE_CLAIM = r"(?:отремонтир|устранен|устранил|вывезен|вывезл|выполнен|починил|проведен|исправлен|решен)[а-я]*"
# the resident says the problem is still there
NOT_FIXED = (
    _L + r"(?:не (?:работает|горит|горят|сделан|вывез|отремонт|починил|устранен|устранил|убрал|решен)"
    r"|так и не |по-прежнему|ничего не (?:сделано|сделали|изменилось)|без ремонта|ремонта не было"
    r"|как (?:не работал|не горел|было|и было)|все так же|до сих пор не (?:работает|горит|сделан|вывез|починил))"
)
# the new message says the problem an earlier «решено» closed is still there (the store's repeat after «решено»)
STILL_BROKEN = (
    _L + r"(?:так и не |по-прежнему|до сих пор не |вс[её] ещ[её] не |ничего не (?:сделано|сделали|изменилось)"
    r"|без ремонта|ремонта не было|как не работал|как не горел|как было|как и было|вс[её] так же"
    r"|решено[^.!?]{0,40}(?:а |но |хотя )|(?:закрыли|закрываете)[^.!?]{0,60}(?:без|не ))"
)
# -- the writer says the recipient's answers contradict each other ------------------------------------------------------
_TOLD = r"(?:пиш[а-я]*|написал[а-я]*|отвеча[а-я]*|ответил[а-я]*|сообща[а-я]*|сообщил[а-я]*|говор[а-я]*|сказал[а-я]*|обеща[а-я]*|пообещал[а-я]*)"
CONTRADICTION = (
    _L + r"(?:противореч|взаимоисключающ|кому (?:теперь |же )?верить|где (?:же )?правда"
    r"|как(?:ой|ая|ое|ому) (?:же |все-таки )?из [^.!?]{0,20}(?:ответов|писем|них|двух)"
    r"|разные ответы|ответы (?:разные|расходятся|не сходятся)|(?:одно|один ответ)[^.!?]{0,40}(?:другое|другой)"
    r"|то (?:вы |нам |мне )?" + _TOLD + r"[^.!?]{0,120}[,;] ?(?:а )?то |то «[^»]{1,120}»[,;]? (?:а )?то «"
    r"|сначала «[^»]{1,120}»[,;]? (?:а )?(?:потом|затем|теперь) «"
    r"|сначала " + _TOLD + r"[^!?]{0,160}(?:потом|затем|теперь|сегодня|а в ответе|а на)[^.!?]{0,80}"
    r"(?:не |планир|запланир|будет|нет|отказ|весн|только)"
    r"|в одном (?:ответе|посте|письме)[^.!?]{0,160}(?:в другом|во втором|а в ответе|а мне)"
    # two answers cited by their dates: a resident sets them side by side to show they disagree
    r"|(?:ответ|письм)[а-я]* от [0-9][^!?]{0,300}(?:ответ|письм)[а-я]* от [0-9]"
    # a post, a meeting's promise against a written answer
    r"|(?:пост|в группе|на сходе|на встрече|на собрании)[^!?]{0,200}(?:а (?:мне )?в ответе|а в письме|письменно отвеча))"
)
# … unless the writer says the two answers are the same
SAME_ANSWER = _L + r"(?:одно и то же|одно и тоже|то же самое|слово в слово|одинаков|один и тот же ответ)"
# a street named in a text or an address: the repeat's earlier appeal is about the same place when they share one
STREET = _L + r"(?:ул\. ?|ул |улиц[аеуы] )([а-я-]{3,})"
STREET_STEM = 5  # a street is matched by its first letters: «ул. Почтовая» and «на ул. Почтовой» are one street


@dataclass(frozen=True, slots=True)
class Patterns:
    """Every pattern as the store and Python both read it."""

    escalation: str
    ignored_or_deleted: str
    collective: str
    insult: str
    threat: str
    shout: str
    quoted: str
    abbreviations: str
    repeat: str
    prior_answer: str
    formal_claim: str
    quoted_answer: str
    done_claim: str
    not_fixed: str
    still_broken: str
    contradiction: str
    same_answer: str
    street: str


@cache
def patterns() -> Patterns:
    """The patterns, with every form of the insults from the dictionary («дармоеды», «клоунов», «позорище»)."""
    forms: set[str] = set()
    for lemma in INSULT_LEMMAS:
        parse = morph.analyzer().parse(lemma)[0]
        forms |= {f.word.replace("ё", "е") for f in parse.lexeme if f.tag.POS == "NOUN"}
        forms.add(lemma)
    insult = _L + "(?:" + "|".join(sorted(forms, key=lambda w: (-len(w), w))) + ")" + _R + "|" + _INSULT_PHRASES
    return Patterns(
        escalation=ESCALATION,
        ignored_or_deleted=IGNORED_OR_DELETED,
        collective=COLLECTIVE,
        insult=insult,
        threat=THREAT,
        shout=SHOUT,
        quoted=QUOTED,
        abbreviations=ABBREVIATIONS,
        repeat=REPEAT,
        prior_answer=PRIOR_ANSWER,
        formal_claim=FORMAL_CLAIM,
        quoted_answer=QUOTED_ANSWER,
        done_claim=DONE_CLAIM,
        not_fixed=NOT_FIXED,
        still_broken=STILL_BROKEN,
        contradiction=CONTRADICTION,
        same_answer=SAME_ANSWER,
        street=STREET,
    )


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def fold(text: str) -> str:
    """What the patterns read: lower case, ё as е (the store does the same: `replace(lower(t), 'ё', 'е')`)."""
    return (text or "").lower().replace("ё", "е")


def plain(text: str) -> str:
    """The text as written without quotations and the usual abbreviations: what the capitals rule reads."""
    p = patterns()
    return _compiled(p.abbreviations).sub(" ", _compiled(p.quoted).sub(" ", text or ""))


def text_signals(text: str) -> tuple[str, ...]:
    """The signals the text alone gives, in the order of SIGNALS."""
    p = patterns()
    low, bare = fold(text), plain(text)

    def has(pattern: str, where: str = low) -> bool:
        return _compiled(pattern).search(where) is not None

    found = {
        "repeat_after_formal": (
            (has(p.repeat) or has(p.prior_answer)) and (has(p.formal_claim) or (has(p.done_claim) and has(p.not_fixed)))
        )
        or (has(p.repeat) and has(p.quoted_answer)),
        "escalation": has(p.escalation),
        "ignored_or_deleted": has(p.ignored_or_deleted),
        "collective": has(p.collective),
        "sharp_tone": has(p.insult) or has(p.threat) or has(p.shout, bare),
        "contradiction": has(p.contradiction) and not has(p.same_answer),
    }
    return tuple(code for code in SIGNALS if found[code])


def evidence(text: str, code: str, told: bool = True) -> str | None:
    """The words of the text that gave a signal, for the reason shown beside it. `told=False`: the text did not
    give the repeat (the store did), so only its words of repetition («повторно») are quoted, if any."""
    p = patterns()
    low = fold(text)
    candidates = {
        "repeat_after_formal": (p.formal_claim, p.quoted_answer, p.repeat, p.not_fixed) if told else (p.repeat,),
        "escalation": (p.escalation,),
        "ignored_or_deleted": (p.ignored_or_deleted,),
        "collective": (p.collective,),
        "sharp_tone": (p.insult, p.threat),
        "contradiction": (p.contradiction,),
    }.get(code, ())
    for pattern in candidates:
        found = _compiled(pattern).search(low)
        if found:
            start, end = found.span()
            while end < len(low) and low[end].isalpha():  # the whole last word: «прорабатыва» → «прорабатывается»
                end += 1
            return (text[start:end] if len(text) == len(low) else low[start:end]).strip(" ,.;:—-«")
    if code == "sharp_tone":
        found = _compiled(p.shout).search(plain(text))
        return found.group(0).strip() if found else None
    return None


# -- the store ------------------------------------------------------------------------------------------------------
def _sql_flags() -> tuple[str, list]:
    """The text signals as SQL over `low` (folded text), `bare` (text without quotations) and `address`."""
    p = patterns()
    sql = f"""
        ((regexp_matches(low, ?) or regexp_matches(low, ?)) and (regexp_matches(low, ?)
            or (regexp_matches(low, ?) and regexp_matches(low, ?))))
            or (regexp_matches(low, ?) and regexp_matches(low, ?)) as t_repeat,
        regexp_matches(low, ?) as t_escalation,
        regexp_matches(low, ?) as t_ignored,
        regexp_matches(low, ?) as t_collective,
        regexp_matches(low, ?) or regexp_matches(low, ?) or regexp_matches(bare, ?) as t_sharp,
        regexp_matches(low, ?) as repeat_cue,
        regexp_matches(low, ?) as still_broken,
        left(nullif(regexp_extract(coalesce(lower(address), low), ?, 1), ''), {STREET_STEM}) as street,
        regexp_matches(low, ?) and not regexp_matches(low, ?) as t_contradiction"""
    params = [
        p.repeat,
        p.prior_answer,
        p.formal_claim,
        p.done_claim,
        p.not_fixed,
        p.repeat,
        p.quoted_answer,
        p.escalation,
        p.ignored_or_deleted,
        p.collective,
        p.insult,
        p.threat,
        p.shout,
        p.repeat,
        p.still_broken,
        p.street,
        p.contradiction,
        p.same_answer,
    ]
    return sql, params


def refresh(tx: Tx, batch_id: int | None = None) -> int:
    """Read the texts that changed since the last reading (new, updated, restored by an undo); forget the rest.

    Runs in the store, set-based, inside the import's or the undo's own transaction. With `batch_id` only the
    appeals that batch wrote are looked at again (an import); without it, every appeal (an undo, a purge, a store
    built another way). Returns how many texts were read.
    """
    changed = "a.batch_id = ?" if batch_id is not None else "true"
    tx.execute(
        "delete from appeal_text_signal where appeal_id in (select s.appeal_id from appeal_text_signal s "
        f"join appeal a on a.appeal_id = s.appeal_id where {changed} and md5(coalesce(a.text_masked, '')) <> s.text_md5)",
        [batch_id] if batch_id is not None else None,
    )
    tx.execute(
        "delete from appeal_text_signal where appeal_id in (select s.appeal_id from appeal_text_signal s "
        "anti join appeal a on a.appeal_id = s.appeal_id)"
    )
    flags, params = _sql_flags()
    p = patterns()
    before = int(tx.scalar("select count(*) from appeal_text_signal"))
    tx.execute(
        f"""
        insert into appeal_text_signal
        select appeal_id, text_md5, {flags}
        from (
            select a.appeal_id, a.address, md5(coalesce(a.text_masked, '')) as text_md5,
                   replace(lower(coalesce(a.text_masked, '')), 'ё', 'е') as low,
                   regexp_replace(regexp_replace(coalesce(a.text_masked, ''), ?, ' ', 'g'), ?, ' ', 'g') as bare
            from appeal a
            anti join appeal_text_signal s on s.appeal_id = a.appeal_id
        )
        """,
        [*params, p.quoted, p.abbreviations],
    )
    return int(tx.scalar("select count(*) from appeal_text_signal")) - before


def refresh_store(store: Store) -> int:
    """refresh in a transaction of its own: for a store migrated to this table, or built without the import."""
    with store.transaction() as tx:
        return refresh(tx)


FIXED = d.SOLVED
FORMAL_OR_FIXED = d._in(
    [*codes.codes_in(codes.OUTCOME_GROUPS, "formal"), *codes.codes_in(codes.OUTCOME_GROUPS, "fixed")]
)


def _keys(appeal: str, signal: str = "s") -> str:
    """The place (settlement and theme) and street of an appeal (alias `appeal`, its text signals `signal`): where
    a repeat and the earlier appeal it repeats, or two answers on one problem, must meet."""
    place = f"{appeal}.settlement_oktmo || '|' || {appeal}.theme_code"
    return f"{place} as place_key, {place} || '|' || {signal}.street as street_key"


def _behind(candidates: str, window: str) -> str:
    """The CTEs from `earlier` to `behind`: each repeat among `candidates` (a CTE of appeals with their text signals,
    place_key and street_key) with the earlier appeals it repeats. `window` bounds the earlier appeals looked at
    (an SQL condition over alias `a`). One definition for the page's own search and for the links counted ahead."""
    return f"""
        earlier as materialized (  -- answered formally or «решено», as judged: the answer-quality check and the
                                   -- officer's decision on it count, as on every other page (definitions)
            select a.appeal_id, a.source_id, a.received_at, a.first_answer_at, {d.OUTCOME_JUDGED} as outcome_code,
                   a.recipient_code, a.theme_code, a.subtheme, a.settlement_oktmo, s.street, {_keys("a")}
            from appeal a
            join appeal_text_signal s on s.appeal_id = a.appeal_id
            left join answer_decision d on d.appeal_id = a.appeal_id
            where {d.OUTCOME_JUDGED} in {FORMAL_OR_FIXED} and a.settlement_oktmo is not null
              and a.first_answer_at is not null
              and {window}
        ),
        -- «told»: the new appeal says it is a repeat, or the source flagged it; the latest earlier one of the same
        -- place and theme (and subtheme, where both have one), answered before the new one came, is what it repeats.
        -- Not a join of each repeat with every earlier appeal of its place (millions of rows a year at region
        -- scale): every earlier appeal goes into the lanes that may look at it (any outcome, or the formal ones
        -- only; any subtheme, or its own or none), a lane in the order of answering carries the latest appeal
        -- received among those answered so far, and a repeat reads, in each of its lanes, the last row answered
        -- before it came (an ASOF join) and the rows answered at that very moment
        asked as materialized (  -- each repeat with its lanes
            select c.appeal_id, c.received_at, k.kind || '|' || c.place_key || '|' || l.sub as lane
            from {candidates} c
            cross join lateral (select case when c.still_broken or c.t_repeat then 'a' else 'f' end as kind) k
            cross join lateral (
                select '*' as sub where c.subtheme is null
                union all select '+' || c.subtheme where c.subtheme is not null
                union all select '-' where c.subtheme is not null
            ) l
            where c.is_repeat or c.repeat_cue or c.t_repeat
        ),
        lane_in as materialized (  -- only the lanes some repeat reads
            select lane, appeal_id, source_id, received_at, first_answer_at, outcome_code, recipient_code
            from (
                select e.*, unnest([
                    'a|' || place_key || '|*',
                    'a|' || place_key || '|' || coalesce('+' || subtheme, '-'),
                    case when outcome_code not in {FIXED} then 'f|' || place_key || '|*' end,
                    case when outcome_code not in {FIXED} then 'f|' || place_key || '|' || coalesce('+' || subtheme, '-') end
                ]) as lane
                from earlier e
            )
            where lane in (select lane from asked)
        ),
        record as materialized (  -- a lane's rows received later than every row answered before them: the last
                                  -- one answered before a moment is the latest received of all answered by then
            select * from (
                select *, max(received_at) over (partition by lane order by first_answer_at, received_at, appeal_id
                                                 rows between unbounded preceding and 1 preceding) as before_max
                from lane_in
            )
            where before_max is null or received_at > before_max
            qualify row_number() over (partition by lane, first_answer_at order by received_at desc, appeal_id desc) = 1
        ),
        found as (
            select c.appeal_id, c.received_at as asked_at, r.appeal_id as earlier_appeal_id, r.source_id,
                   r.received_at, r.outcome_code, r.recipient_code
            from asked c asof join record r on r.lane = c.lane and c.received_at > r.first_answer_at
            union all
            select c.appeal_id, c.received_at, e.appeal_id, e.source_id, e.received_at, e.outcome_code,
                   e.recipient_code
            from asked c
            join lane_in e on e.lane = c.lane and e.first_answer_at = c.received_at and e.received_at < c.received_at
        ),
        told as (
            select appeal_id,
                   arg_max(earlier_appeal_id, received_at) as earlier_appeal_id,
                   arg_max(source_id, received_at) as source_id,
                   max(received_at) as received_at,
                   arg_max(outcome_code, received_at) as outcome_code,
                   arg_max(recipient_code, received_at) as recipient_code
            from found
            where received_at >= asked_at - interval {REPEAT_WINDOW_DAYS} day
            group by appeal_id
        ),
        same_street as (  -- otherwise the two texts must name the same street
            select c.appeal_id, e.appeal_id as earlier_appeal_id, e.source_id, e.received_at, e.outcome_code,
                   e.recipient_code
            from (select * from {candidates} where street is not null and not (is_repeat or repeat_cue or t_repeat)) c
            join (select * from earlier where street is not null) e on e.street_key = c.street_key
            where (c.subtheme is null or e.subtheme is null or e.subtheme = c.subtheme)
              and e.received_at < c.received_at and e.received_at >= c.received_at - interval {REPEAT_WINDOW_DAYS} day
              and e.first_answer_at <= c.received_at
              and (e.outcome_code not in {FIXED} or c.still_broken)
        ),
        behind as materialized (  -- each signal's earlier appeals of the repeat
            select * from told union all select * from same_street
        )"""


# the earlier appeals a period's repeats may look at: at most REPEAT_WINDOW_DAYS before its first day, before its end
_WINDOW = f"a.received_at >= ?::timestamp - interval {REPEAT_WINDOW_DAYS} day and a.received_at < ?::timestamp"


# each repeat's summary of the earlier appeals `behind` it: how many, and the latest
def _summary(behind: str) -> str:
    return f"""
        select appeal_id,
               count(*) as earlier_n,
               arg_max(source_id, received_at) as earlier_id,
               max(received_at) as earlier_at,
               arg_max(outcome_code, received_at) as earlier_outcome,
               arg_max(recipient_code, received_at) as earlier_recipient
        from {behind}
        group by appeal_id"""


# every repeat of the store with the earlier appeals it repeats: `find`'s own search, with no filter and no period
_LINKS = f"""
    with candidates as materialized (
        select a.appeal_id, a.received_at, a.subtheme, a.is_repeat, s.t_repeat, s.repeat_cue, s.still_broken,
               s.street, {_keys("a")}
        from appeal a
        join appeal_text_signal s on s.appeal_id = a.appeal_id
        where a.is_repeat or s.repeat_cue or s.t_repeat or s.street is not null
    ),
    {_behind("candidates", "true")}
    select appeal_id, earlier_appeal_id, source_id, received_at, outcome_code, recipient_code from behind
"""
# the links hold for the rules they were counted by: a new version of the rules counts them again
_RECIPE = hashlib.sha256((_LINKS + _summary("repeat_link_new")).encode()).hexdigest()[:16]


def _links_state(store: Store) -> tuple[int, str | None]:
    row = store.rows("select counter, recipe from repeat_link_state")[0]
    return int(row[0]), row[1]


def links_fresh(store: Store) -> bool:
    """The links counted ahead hold for the store as it is now (no write committed since they were counted) and
    for these rules."""
    return _links_state(store) == (store.write_count(), _RECIPE)


def refresh_links(store: Store) -> int | None:
    """Count every repeat's links ahead, over all appeals: `find`'s own search, with no filter and no period.

    A link depends on no filter (the earlier appeals are the whole store's) and on no period (a repeat looks back
    REPEAT_WINDOW_DAYS from its own date), so one table serves every visit until the next write. The search runs
    into a temp table without the write lock (it takes seconds at a region's size, and an import or an officer's
    decision must not wait for it); the short closing transaction swaps the links in only if no write came
    meanwhile, and stamps them with the write count they hold for. Derived data: that write does not bump the
    count. Returns the links counted, or None when those in the store are current or a write came meanwhile (the
    next round counts again)."""
    counted_at = store.write_count()
    if _links_state(store) == (counted_at, _RECIPE):
        return None
    with store.staging() as staging:
        staging.execute(f"create temp table repeat_link_new as {_LINKS}")
        with staging.transaction(bump=False) as tx:
            if tx.scalar("select counter from store_write") != counted_at:
                return None
            tx.execute("delete from repeat_link")
            tx.execute("insert into repeat_link select * from repeat_link_new")
            tx.execute("delete from repeat_summary")
            tx.execute(f"insert into repeat_summary {_summary('repeat_link_new')}")
            tx.execute("update repeat_link_state set counter = ?, recipe = ?", [counted_at, _RECIPE])
            return int(tx.scalar("select count(*) from repeat_link_new"))


def find(store: Store, filters: Filters, as_of: datetime, limit: int | None = SHOWN) -> tuple[pd.DataFrame, dict]:
    """The appeals of the filtered period that give a signal, best-ranked first, and the count of each signal.

    One query in the store over what `refresh` read in the texts, and the store's own flags. For the repeat: the
    latest earlier appeal of the same settlement and theme (and subtheme, where both have one) answered formally,
    or answered «решено» while the new message says it is not so. It came at most REPEAT_WINDOW_DAYS before and
    was answered before the new one came; the new one is a repeat by the source's flag, by its words («повторно»,
    «в третий раз»), or by naming the same street. Rank = severity × recency × size (see `rank_text`).
    """
    access.require_appeals(filters)
    where, params = to_where(filters)
    source, bound = d.facts(where, params, as_of)
    weights = " + ".join(f"case when {column} then {SEVERITY[code]} else 0 end" for code, column in _COLUMNS.items())
    rules = answer_stance.table()
    counted_ahead = links_fresh(store)
    if counted_ahead:  # the background job's links hold for this very state of the store; the pairs are read
        # only beside the period's contradictions and the rows shown, the summaries of the period's appeals at once
        behind = "behind as (select * from repeat_link)"
        links = "links as materialized (select r.* from repeat_summary r semi join flagged using (appeal_id))"
    else:
        behind = _behind("flagged", _WINDOW)
        links = f"links as materialized ({_summary('behind')})"
    rule_rows = ", ".join("(?, ?, ?, ?)" for _ in rules)
    sql = f"""
        with stance_rule(earlier_code, later_code, later_due, kind) as (values {rule_rows}),
        flagged as materialized (
            select f.appeal_id, f.source_code, f.source_id, f.channel_code, f.received_at, f.theme_code, f.subtheme,
                   f.settlement_oktmo, f.recipient_code, f.outcome_judged as outcome_code, f.is_collective, f.is_repeat,
                   f.as_of, s.t_repeat, s.t_escalation, s.t_ignored, s.t_collective, s.t_sharp, s.repeat_cue,
                   s.still_broken, s.street, coalesce(s.t_contradiction, false) as t_contradiction, {_keys("f")}
            from {source}
            join appeal_text_signal s on s.appeal_id = f.appeal_id
        ),
        {behind},
        {links},
        answered as materialized (  -- the answers whose stance was read, of the window and the time before it
            select p.appeal_id, p.source_id, p.received_at, p.first_answer_at, p.recipient_code, p.subtheme,
                   p.answer_stance, p.answer_due, i.incident_id,
                   p.settlement_oktmo || '|' || p.theme_code || '|' || s.street as street_key
            from appeal p
            join appeal_text_signal s on s.appeal_id = p.appeal_id
            left join appeal_incident i on i.appeal_id = p.appeal_id
            where p.answer_stance is not null and p.recipient_code is not null and p.first_answer_at is not null
              and p.received_at >= ?::timestamp - interval {REPEAT_WINDOW_DAYS} day and p.received_at < ?::timestamp
        ),
        answered_now as (  -- the period's answered appeals, each with its incident
            select c.appeal_id, a.received_at, a.first_answer_at, a.recipient_code, a.subtheme, a.answer_stance,
                   a.answer_due, a.incident_id, a.street_key
            from flagged c join answered a on a.appeal_id = c.appeal_id
        ),
        same_problem as (  -- an earlier answer of the same recipient on the same problem: one incident, or one street
            select c.*, e.appeal_id as earlier_appeal_id, e.source_id as earlier_source_id,
                   e.first_answer_at as earlier_answer_at, e.answer_stance as earlier_stance,
                   e.answer_due as earlier_due, e.subtheme as earlier_subtheme
            from answered_now c
            join answered e on e.recipient_code = c.recipient_code and e.incident_id = c.incident_id
            where e.appeal_id <> c.appeal_id
            union
            select c.*, e.appeal_id, e.source_id, e.first_answer_at, e.answer_stance, e.answer_due, e.subtheme
            from answered_now c
            join answered e on e.recipient_code = c.recipient_code and e.street_key = c.street_key
            where e.appeal_id <> c.appeal_id
        ),
        contra_behind as materialized (  -- each signal's earlier answers it contradicts
            select p.appeal_id, p.earlier_appeal_id, p.earlier_source_id, p.earlier_answer_at, r.kind
            from same_problem p
            join stance_rule r on r.earlier_code = p.earlier_stance and r.later_code = p.answer_stance
                 and r.later_due = coalesce(p.answer_due > p.earlier_due, false)
            where p.earlier_answer_at < p.first_answer_at
              and p.earlier_answer_at >= p.first_answer_at - interval {REPEAT_WINDOW_DAYS} day
              and (p.subtheme is null or p.earlier_subtheme is null or p.earlier_subtheme = p.subtheme)
        ),
        contradicted as materialized (
            select appeal_id,
                   count(*) as contra_n,
                   arg_max(kind, earlier_answer_at) as contra_kind,
                   arg_max(earlier_source_id, earlier_answer_at) as contra_id,
                   max(earlier_answer_at) as contra_at
            from contra_behind
            group by appeal_id
        ),
        both_behind as (  -- an earlier appeal behind both the repeat and the contradiction counts once
            select appeal_id, count(*) as both_n
            from contra_behind k
            semi join behind b using (appeal_id, earlier_appeal_id)
            group by appeal_id
        ),
        signals as (
            select c.*, l.earlier_n, l.earlier_id, l.earlier_at, l.earlier_outcome, l.earlier_recipient,
                   k.contra_n, k.contra_kind, k.contra_id, k.contra_at,
                   c.t_contradiction or k.appeal_id is not null as s_contradiction,
                   -- the earlier appeals behind the signal, each once: a repeat and a contradiction may share one
                   coalesce(l.earlier_n, 0) + coalesce(k.contra_n, 0) - coalesce(o.both_n, 0) as behind_n,
                   c.t_repeat or l.appeal_id is not null as s_repeat,
                   c.t_escalation as s_escalation,
                   c.t_ignored as s_ignored,
                   c.t_collective or c.is_collective as s_collective,
                   c.t_sharp as s_sharp
            from flagged c
            left join links l using (appeal_id)
            left join contradicted k using (appeal_id)
            left join both_behind o using (appeal_id)
        ),
        ranked as (
            select *,
                   {weights} as severity,
                   1 + behind_n as appeals_n,
                   pow(0.5, greatest(datediff('hour', received_at, as_of), 0) / 24.0 / {HALF_LIFE_DAYS}) as recency
            from signals
            where s_repeat or s_escalation or s_ignored or s_collective or s_sharp or s_contradiction
        ),
        final as (
            select *, severity * recency * (1 + log2(appeals_n)) as rank from ranked
        ),
        totals as (  -- an aggregate, not count() over (): a filtered window over the whole set is quadratic here
            select count(*) as total,
                   count(*) filter (where s_repeat) as n_repeat,
                   count(*) filter (where s_escalation) as n_escalation,
                   count(*) filter (where s_ignored) as n_ignored,
                   count(*) filter (where s_collective) as n_collective,
                   count(*) filter (where s_sharp) as n_sharp,
                   count(*) filter (where s_contradiction) as n_contradiction
            from ranked
        ),
        shown as (
            select * exclude (t_escalation, t_ignored, t_collective, t_sharp, still_broken, street, place_key,
                              street_key, t_contradiction)
            from final cross join totals
            order by rank desc, received_at desc, appeal_id
            limit ?
        ),
        -- the texts and the lists of earlier appeals of the rows shown only: a year's would be a gigabyte
        shown_behind as (
            select appeal_id, list(earlier_appeal_id order by received_at desc, earlier_appeal_id) as earlier_appeal_ids
            from behind semi join shown using (appeal_id)
            group by appeal_id
        ),
        shown_contra as (
            select appeal_id,
                   list(earlier_appeal_id order by earlier_answer_at desc, earlier_appeal_id) as contra_appeal_ids
            from contra_behind semi join shown using (appeal_id)
            group by appeal_id
        )
        select shown.*, b.earlier_appeal_ids, k.contra_appeal_ids, a.text_masked
        from shown
        join appeal a on a.appeal_id = shown.appeal_id
        left join shown_behind b on b.appeal_id = shown.appeal_id
        left join shown_contra k on k.appeal_id = shown.appeal_id
        order by rank desc, received_at desc, appeal_id
    """
    window_start = datetime.combine(filters.start, datetime.min.time())
    window_end = datetime.combine(filters.end + timedelta(days=1), datetime.min.time())
    frame = store.query(
        sql,
        [
            *[v for rule in rules for v in rule],
            *bound,
            *(() if counted_ahead else (window_start, window_end)),
            window_start,
            window_end,
            limit,
        ],
    )
    counts = {"total": 0, **dict.fromkeys(SIGNALS, 0)}
    if not frame.empty:
        first = frame.iloc[0]
        counts = {"total": int(first["total"])} | {code: int(first[_COUNTS[code]]) for code in SIGNALS}
    columns = frame[list(_COLUMNS.values())].to_numpy(dtype=bool)
    frame["signals"] = [tuple(code for code, on in zip(_COLUMNS, row, strict=True) if on) for row in columns]
    return frame, counts


def appeals(store: Store, filters: Filters, ids: tuple[int, ...]) -> pd.DataFrame:
    """The appeals behind a signal (the new one and the earlier ones), newest first; within the role's scope."""
    access.require_appeals(filters)
    if not ids:
        return pd.DataFrame(
            columns=[
                "appeal_id",
                "source_id",
                "received_at",
                "channel_code",
                "settlement_oktmo",
                "theme_code",
                "recipient_code",
                "outcome_code",
                "answer_masked",
            ]
        )
    settlements = list(filters.settlements)
    scope = f" and a.settlement_oktmo in ({', '.join('?' * len(settlements))})" if settlements else ""
    return store.query(
        f"""
        select a.appeal_id, a.source_id, a.received_at, a.channel_code, a.settlement_oktmo, a.theme_code,
               a.recipient_code, {d.OUTCOME_JUDGED} as outcome_code, a.answer_masked
        from appeal a
        left join answer_decision d on d.appeal_id = a.appeal_id
        where a.appeal_id in ({", ".join("?" * len(ids))}){scope}
        order by a.received_at desc, a.appeal_id
        """,
        [*ids, *settlements],
    )


_COUNTS = {
    "repeat_after_formal": "n_repeat",
    "escalation": "n_escalation",
    "ignored_or_deleted": "n_ignored",
    "collective": "n_collective",
    "sharp_tone": "n_sharp",
    "contradiction": "n_contradiction",
}
_COLUMNS = {
    "repeat_after_formal": "s_repeat",
    "escalation": "s_escalation",
    "ignored_or_deleted": "s_ignored",
    "collective": "s_collective",
    "sharp_tone": "s_sharp",
    "contradiction": "s_contradiction",
}


def rank_text() -> str:
    """How the rank is made, in the curator's words."""
    weights = ", ".join(f"{_RU[code]} — {SEVERITY[code]}" for code in SIGNALS)
    return (
        f"Ранг = тяжесть × свежесть × размер. Тяжесть — сумма весов сигналов обращения ({weights}). Свежесть "
        f"уменьшается вдвое каждые {HALF_LIFE_DAYS} дней от даты поступления до конца периода. Размер — "
        "1 + log₂ числа обращений за сигналом (новое и прежние по той же теме в том же поселении)."
    )


_RU = {
    "repeat_after_formal": "повтор после формального ответа или «решено»",
    "escalation": "обращение выше",
    "ignored_or_deleted": "удаляют или не отвечают",
    "collective": "коллективное",
    "sharp_tone": "резкий тон",
    "contradiction": "противоречие ответов",
}


def recency(age_days: float) -> float:
    """The recency factor of the rank: 1 on the period's last day, a half HALF_LIFE_DAYS earlier."""
    return math.pow(0.5, age_days / HALF_LIFE_DAYS)
