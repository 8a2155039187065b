"""Whether a recipient's answer is a probable formal reply («вероятная отписка») and on which grounds, by rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from mcu_data.ingest import morph

# the grounds for returning an answer for rework, spelt as the evaluation set spells them
REASONS = (
    "no_answer_to_question",
    "promise_without_date",
    "mostly_legal_references",
    "no_evidence",
    "contradiction",
)
FIRES_AT = 0.5  # a ground whose strength reaches this is given as a reason; the verdict's score is the strongest
# the share of the question's object words the answer must repeat to be taken as speaking of that object
OBJECT_COVERED = 0.25
OBJECT_MIN_WORDS = 3  # fewer object words in a question say too little to judge the answer by them
LEGAL_MOSTLY = 0.5  # the share of the answer's sentences that cite an act, from which it is «mostly references»
BOILERPLATE_MOSTLY = 0.5  # the share of its sentences (courtesies aside) that are stock phrases
STEM = 5  # words that share their first letters are taken as the same word («вывозят» — «вывоз»)
CACHE_TEXTS = 50_000  # distinct texts whose reading is kept: a week's answers repeat their stock phrases

_MONTH = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
_MONTH_GENITIVE = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
# an act cited with its date, its number or its article: these are the act's, not the case's
# («от 06.10.2003 № 131-ФЗ», «постановление Правительства РФ № 354», «ст. 17.1»)
ACT_CITATION = re.compile(
    r"от\s+\d{1,2}\.\d{2}\.\d{4}\s*(?:г\.)?\s*№\s*[\d-]+(?:-ФЗ)?|№\s*\d+-ФЗ"
    r"|(?:[Пп]остановлени|[Рр]ешени|[Рр]аспоряжени|[Пп]риказ|[Зз]акон)\w*[^.;№()]{0,80}№\s*[\d-]+"
    r"|\b(?:ст|п|ч|пп)\.\s*\d+(?:\.\d+)*"
)
# a date a resident can hold the recipient to: a day, a month with its year, a quarter with its year, a clock time,
# a weekday of a schedule («по средам»)
DATE = re.compile(
    r"(?<![\d.])(?:[0-2]?\d|3[01])\.(?:0[1-9]|1[0-2])(?:\.(?:\d{4}|\d{2}))?(?![\d])"
    rf"|\b(?:[0-2]?\d|3[01])\s+{_MONTH_GENITIVE}\b"
    rf"|\b{_MONTH}\s+\d{{4}}"
    r"|\bквартал[а-я]*\s+\d{4}"
    r"|\b(?:[01]?\d|2[0-3]):[0-5]\d\b"
    r"|\b(?:понедельник|вторник|четверг|пятниц|суббот|воскресень)[а-я]*|\bв\s+среду\b|\bпо\s+средам\b"
)
DIGIT = re.compile(r"\d")
WEEKDAY = re.compile(r"\b(?:понедельник|вторник|четверг|пятниц|суббот|воскресень)[а-я]*|\bв\s+среду\b|\bпо\s+средам\b")
# a period that sounds like a date and is not one: no point to count from, no year, a season, a bare year
LOOSE_PERIOD = re.compile(
    r"\bв\s+течение\s+(?:\d+\s+)?(?:[а-я]+\s+)?(?:дн|недел|месяц|год|квартал)[а-я]*"
    rf"|\bв\s+{_MONTH}(?!\s+\d{{4}})"
    r"|\bв(?:о)?\s+[а-я]+\s+квартале(?!\s+\d{4})"
    r"|\b(?:в|на)\s+\d{4}\s+год[ау]?\b"
    r"|\bв\s+(?:летний|зимний|весенний|осенний)\s+период|\b(?:весной|летом|осенью|зимой)\b",
)
# a time or a condition in place of a date: the action waits on something nobody can check
VAGUE_TIME = re.compile(
    r"в\s+ближайшее\s+время|в\s+кратчайшие\s+сроки|по\s+мере\s+(?:финансирования|поступления|возможности)"
    r"|при\s+наличии\s+(?:средств|финансирования|возможности)|после\s+выделения|при\s+выделении"
    r"|если\s+будут?\s+выделен|в\s+рамках\s+(?:реализации|весеннего|летнего|месячника|программы|государственной)"
    r"|после\s+(?:завершения|окончания)\s+отопительного|благоприятных\s+погодных|после\s+определения"
    r"|месячник|комплексно|в\s+перспективе|в\s+дальнейшем",
)
# a condition anyone can check: a measured value («после морозов ниже −10 °C»)
MEASURED_CONDITION = re.compile(r"\d+\s*°\s*[cс]|\d+\s+градус")
PLAN = re.compile(
    r"\bпланир\w*|\bзапланирован\w*|\bвключ[её]н\w*\s+в\s+(?:план|перечень|программ)|\bпредусмотрен\w*"
    r"|\bвозможн[аоы]?\b|\bнамечен\w*",
)
CONDITIONAL = re.compile(r"\bесли\b")
# what is promised is an answer, not an action: «сообщим», «ответ придёт»
COMMUNICATION_LEMMAS = frozenset("сообщить ответить уведомить известить проинформировать информировать".split())
ANSWER_SENT_LEMMAS = frozenset("прийти направить дать подготовить получить поступить".split())
# what makes a claim concrete without a document: how much was done, or why it is so
QUANTITY = re.compile(
    r"\d+(?:,\d+)?\s*(?:т|км|м|м²|м³|кв\.\s*м|шт|человек|машин\w*|рейс\w*|мешк\w*|дом\w*|сем\w*)(?![а-яё])",
)
CAUSE = re.compile(r"\bтак\s+как\b|\bиз-за\b|\bпотому\s+что\b|\bпоскольку\b|\bпричин[аы]\b")
# an act of law cited: its number, its kind, an article; standards (СанПиН, ГОСТ) describe the case, not the law
LEGAL_ACT = re.compile(
    r"\b\d+-ФЗ\b|\b[Фф]едеральн\w*\s+закон|\b[Зз]акон(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b|\b[Кк]одекс\w*"
    r"|\b[Пп]остановлени\w*|\b[Рр]аспоряжени\w*\s+(?:[Пп]равительства|[Гг]убернатора|[Гг]лавы|администрации)"
    r"|\b[Уу]каз\w*\s+[Пп]резидента|\bУстав\w*|\bПравил(?:а|ам|ами|ах)?\b|\b(?:ст|п|ч)\.\s*\d"
    r"|\b[Сс]тать(?:я|и|е|ей|ёй|ю)\s+\d|\b[Сс]тать(?:я|и|е|ей|ёй|ю)\b|\bрешени\w+\s+[Сс]обрания"
)
# what shows a thing was done: a photo, an act, a protocol, a document, an outgoing number, a room, a phone …
EVIDENCE_LEMMAS = frozenset(
    "фото фотография фотофиксация фотоотчет акт протокол предписание договор контракт претензия заявка замер "
    "накладная".split()
)
# (the import checks the masked answer: a phone it gave reads «[телефон]»)
EVIDENCE = re.compile(r"№\s*\d|\bисх\.|\bкаб\.\s*\d|\bтел\.\s*[\d-]|\[телефон\]")
# … or a named executor or place, read in the text as written: «Иванова Н. П.», «ИП Кузнецов», «ул. Ленина, 32»
NAMED = re.compile(r"\b[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.|\bИП\s+[А-ЯЁ]|\bул\.\s*[А-ЯЁ][а-яё]+,\s*\d")
# a denial of what the resident reports: «нарушений не выявлено», «соответствует требованиям», «замечаний нет»
DENIAL = re.compile(
    r"нарушени\w*\s+не\s+(?:выявлен|установлен|обнаружен)\w*|не\s+выявлен\w*\s+нарушени"
    r"|соответству\w+\s+(?:требованиям|нормативам|нормам|санпин)|замечани\w*(?:\s+\S+){0,3}\s+(?:нет|не\s+имеется)"
    r"|\bв\s+норме\b|(?:информаци\w+|факт\w*)\s+не\s+подтвердил\w*|работает\s+(?:в\s+штатном|исправно|в\s+обычном)"
    r"|жалоб\w*(?:\s+\S+){0,3}\s+не\s+поступал\w*|оснований\s+для\s+беспокойства",
)
# what a denial needs to be more than a word against the resident's
MEASURED_LEMMAS = frozenset("протокол замер анализ проба лаборатория".split())
# why the recipient may not do it, and what the resident can do instead: a motivated refusal answers the question
REFUSAL = re.compile(
    r"не\s+вправе|\bнельзя\b|не\s+относится\s+к|находится\s+в\s+(?:ведении|собственности)|\bпринадлежит\b"
    r"|(?:регионального|федерального)\s+значения|не\s+входит\s+в\s+(?:полномочия|компетенцию)|не\s+вош[её]л\w*"
    r"|\bотказано\b|оснований\s+для\s+\w+\s+нет",
)
INSTRUCTION = re.compile(
    r"\bподайте\b|\bобратитесь\s+в\s+(?!уполномоч)|\bзвоните\b|\bможно\s+(?:получить|подать|обратиться|записаться)"
    r"|\bвправе\s+подать|\bзаявлени\w+|\bчерез\s+(?:госуслуги|личный\s+кабинет)|\bвзамен\b",
)
# a street the answer's action happens on: «ул. Мира», «улица Садовая»
STREET = re.compile(r"\b(?:ул\.|улиц[аеуы]|пер\.|переул[а-я]*)\s*([А-ЯЁ][а-яё]+)")
# sent on to someone unnamed, or told to go elsewhere
REDIRECT = re.compile(
    r"\bнаправлен\w*|\bпередан\w*|\bпереадресован\w*|\bобрат\w+\s+в\b|\bобращайтесь\b|\bрекомендуем\s+обратиться"
    r"|\bпроинформирован\w*|\bне\s+относится\s+к\s+(?:компетенции|полномочиям|ведению)",
)
# what names an addressee one can reach: a quoted name, a ministry, a number, a phone, an address, a date
ADDRESSEE = re.compile(r"«[^»]+»|министерств|прокуратур|№\s*\d|\bтел(?:\.|ефон)\s*[\d(]|\[телефон\]")
# … and, as written, a street or a power network's district
NAMED_ADDRESSEE = re.compile(r"\bул\.\s*[А-ЯЁ]|\bРЭС\b")
# a claim of work going on that names no step of it: it says something is done, with nothing to check
PROCESS_CLAIM = re.compile(
    r"на\s+(?:постоянном\s+|особом\s+)?контроле|вед[её]тся\s+работа|работа\s+.{0,80}вед[её]тся"
    r"|вопрос\w*\s+(?:проработан|изучен)\w*|поддерживаем\s+(?:постоянную\s+)?связь|разъяснительн\w+\s+работ",
)
# the stock phrases of a reply that says nothing of the case
BOILERPLATE = re.compile(
    PROCESS_CLAIM.pattern + r"|принят\w*\s+к\s+сведению|в\s+установленном\s+(?:законодательством\s+)?порядке"
    r"|разделя\w+\s+.{0,20}обеспокоенност|надеемся\s+на\s+понимание"
    r"|обращение\s+(?:внимательно\s+|всесторонне\s+)?рассмотрен\w*|будет\s+рассмотрен\w*"
    r"|находится\s+на\s+рассмотрении|зарегистрирован\w*\s+(?:за|под)\s+№|ответ\s+будет\s+направлен"
    r"|проблема\s+известна|одн\w+\s+из\s+(?:приоритет|важнейших)|является\s+приоритет|будет\s+продолжен\w*"
    r"|по\s+всем\s+вопросам|сохраняется\s+.{0,30}дефицит|не\s+относится\s+к\s+компетенции"
    r"|в\s+пределах\s+(?:выделенных\s+)?бюджетных|в\s+порядке,\s+установленном",
)
COURTESY = re.compile(
    r"^\s*(?:уважаем\w+[^.!?]*[!.]?|благодар\w+\s+(?:вас\s+)?за\s+[^.!?]*[.!]?|спасибо[^.!?]*[.!]?|приносим\s+извинения[.!]?)\s*$",
)
# abbreviations after which a full stop does not end a sentence
ABBREVIATIONS = frozenset("ул д с г п пос пер кв тел исх каб ст ч пп им т р ж обл руб мин см напр др пр".split())
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[А-ЯЁA-Z0-9])")
# words of a question that do not name its object: the request, the writer, time, degree
STOP_LEMMAS = frozenset(
    "просить прошу просьба помочь пожалуйста принять мера сделать решить вопрос проблема житель мы наш я мой "
    "вы ваш они он она это этот тот такой который весь всё свой когда почему где как что кто быть есть нет "
    "мочь можно нельзя уже ещё очень совсем снова опять также тоже сам день неделя месяц год сутки час минута "
    "раз второй третий первый два три конец начало время сегодня вчера давно больше меньше другой новый "
    "администрация район поселение село посёлок поселок деревня улица ул дом д кв уважаемый здравствуйте спасибо "
    "сообщить получить стать дать идти ехать сказать хотеть знать невозможно никто ничто один".split()
)
CONTENT_POS = frozenset(("NOUN", "ADJF", "ADJS", "VERB", "INFN", "PRTF", "PRTS", "ADVB", ""))


@dataclass(frozen=True, slots=True)
class Verdict:
    """A check's result: a probable formal reply or not, its grounds (codes of REASONS) and its strength 0…1."""

    formal: bool
    reasons: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class Sentence:
    """What the rules read in one sentence of an answer."""

    dated: bool  # a date or a checkable condition
    evidence: bool  # a date, a document, a photo, a named executor or an address
    concrete: bool  # an amount done or a cause given
    loose_period: bool
    vague_time: bool
    promise: bool  # a future action, a plan
    communication: bool  # what is promised is only to tell
    conditional: bool
    done: bool  # says a thing was done or is so
    legal: bool
    boilerplate: bool
    courtesy: bool
    redirect_vague: bool
    refusal: bool
    instruction: bool  # names whom to turn to or what to do
    denial: bool
    streets: frozenset[str]


@dataclass(frozen=True, slots=True)
class AnswerReading:
    """What the rules read in a whole answer, once per distinct text."""

    sentences: tuple[Sentence, ...]
    stems: frozenset[str]
    measured: bool  # a protocol, a measurement, a laboratory
    keys: tuple[str, ...] = ()  # each sentence folded (sentence_key), for what the officers taught
    parts: tuple[str, ...] = ()  # each sentence as written


@dataclass(frozen=True, slots=True)
class Taught:
    """What officers' decisions taught, by folded sentence: a sentence of a confirmed отписка is a stock phrase
    (boilerplate); a sentence of a rejected flag is not one, and promises or redirects nothing vague."""

    boilerplate: frozenset[str] = frozenset()
    substantive: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.boilerplate or self.substantive)


NOTHING_TAUGHT = Taught()


@dataclass(frozen=True, slots=True)
class QuestionReading:
    """What the rules read in a question: the stems of the words that name its object, and its streets."""

    stems: frozenset[str]
    streets: frozenset[str]


def check(question: str, answer: str, taught: Taught = NOTHING_TAUGHT) -> Verdict:
    """The verdict on one answer to one question: each ground is a rule, the score is the strongest ground.

    `taught` overrides how the rules read a sentence the officers have judged (see `apply_taught`)."""
    reading = read_answer(answer or "")
    if taught:
        reading = apply_taught(reading, taught)
    strengths = grounds(read_question(question or ""), reading)
    reasons = tuple(code for code in REASONS if strengths[code] >= FIRES_AT)
    return Verdict(formal=bool(reasons), reasons=reasons, score=round(max(strengths.values()), 3))


def check_many(questions: list[str], answers: list[str], taught: Taught = NOTHING_TAUGHT) -> list[Verdict]:
    """The verdicts on pairs in order; each distinct text is read once."""
    return [check(q, a, taught) for q, a in zip(questions, answers, strict=True)]


def sentence_key(text: str) -> str:
    """A sentence as the taught sentences are kept: lower case, «е» for «ё», single spaces, no end punctuation."""
    folded = re.sub(r"\s+", " ", text.lower().replace("ё", "е")).strip()
    return folded.rstrip(".!?…;: ").strip()


def apply_taught(reading: AnswerReading, taught: Taught) -> AnswerReading:
    """The reading with the officers' judgement of its sentences: a known stock phrase is boilerplate and proves
    nothing (no date, document or amount counts in it); a sentence of a rejected flag grounds nothing — no stock
    phrase, no vague time or redirect, no denial, and its time counts as a date. A sentence taught both ways is
    taken as substantive."""
    if not any(k in taught.boilerplate or k in taught.substantive for k in reading.keys):
        return reading
    sentences = []
    for sentence, key in zip(reading.sentences, reading.keys, strict=True):
        if key in taught.substantive:
            sentence = replace(
                sentence,
                boilerplate=False,
                vague_time=False,
                loose_period=False,
                redirect_vague=False,
                denial=False,
                dated=True,
                courtesy=False,
            )
        elif key in taught.boilerplate:
            sentence = replace(sentence, boilerplate=True, evidence=False, concrete=False, courtesy=False)
        sentences.append(sentence)
    return replace(reading, sentences=tuple(sentences))


def clear_caches() -> None:
    """Forget the texts read so far (the words' analyses stay: they belong to the morphology)."""
    read_question.cache_clear()
    read_answer.cache_clear()
    _read_sentence.cache_clear()


def grounds(question: QuestionReading, answer: AnswerReading) -> dict[str, float]:
    """The strength of each ground, 0…1: at FIRES_AT or above, the ground is a reason."""
    content = tuple(s for s in answer.sentences if not s.courtesy)
    # what the case is judged by: a date or a document in a sentence that is not a stock phrase
    substance = any(s.evidence and not s.boilerplate for s in content)
    return {
        "no_answer_to_question": _no_answer(content, substance, question, answer.stems),
        "promise_without_date": _promise_without_date(content),
        "mostly_legal_references": _mostly_legal(content, substance),
        "no_evidence": _no_evidence(content, substance),
        "contradiction": _contradiction(content, answer.measured),
    }


def _no_answer(
    content: tuple[Sentence, ...], substance: bool, question: QuestionReading, answer_stems: frozenset[str]
) -> float:
    if not content:
        return 1.0
    if other_street(question, content):
        return 0.9  # done or promised on another street than the resident's, whatever dates it gives
    if substance:
        return 0.0
    if any(s.redirect_vague for s in content):
        return 0.8
    boilerplate = sum(s.boilerplate for s in content) / len(content)
    if boilerplate >= BOILERPLATE_MOSTLY:
        return 0.7
    if any(s.refusal for s in content) and any(s.instruction for s in content):
        return 0.0
    # a promise or a denial takes a stand on the case even in other words; only a reply that does neither
    # is judged by whether it names the question's object
    stand = any(s.promise or s.denial for s in content)
    coverage = object_coverage(question, answer_stems)
    if not stand and coverage is not None and coverage < OBJECT_COVERED:
        return 0.6
    return 0.3 * boilerplate


def _promise_without_date(content: tuple[Sentence, ...]) -> float:
    strongest = 0.0
    for s in content:
        if s.dated:
            continue
        if s.vague_time:
            strongest = max(strongest, 1.0)
        elif s.promise and not s.communication and not s.conditional:
            strongest = max(strongest, 0.8 if s.loose_period else 0.7)
    return strongest


def _mostly_legal(content: tuple[Sentence, ...], substance: bool) -> float:
    if not content:
        return 0.0
    share = sum(s.legal for s in content) / len(content)
    if share >= LEGAL_MOSTLY and not substance:
        return 0.5 + 0.5 * share
    return 0.4 * share


def _no_evidence(content: tuple[Sentence, ...], substance: bool) -> float:
    claims = any(s.done and not s.legal for s in content)
    concrete = any(s.concrete and not s.boilerplate for s in content)
    return 0.75 if claims and not substance and not concrete else 0.0


def _contradiction(content: tuple[Sentence, ...], measured: bool) -> float:
    if not any(s.denial for s in content):
        return 0.0
    return 0.3 if measured else 0.85


def object_coverage(question: QuestionReading, answer_stems: frozenset[str]) -> float | None:
    """The share of the question's object words the answer repeats; None when the question names too few."""
    if len(question.stems) < OBJECT_MIN_WORDS:
        return None
    return sum(stem in answer_stems for stem in question.stems) / len(question.stems)


def other_street(question: QuestionReading, content: tuple[Sentence, ...]) -> bool:
    """The answer does or promises something on a street, and none of them is a street the question names."""
    if not question.streets:
        return False
    acted = frozenset().union(*(s.streets for s in content if s.done or s.promise))
    return bool(acted) and not (acted & question.streets)


@lru_cache(maxsize=CACHE_TEXTS)
def read_question(text: str) -> QuestionReading:
    """The stems of the words of a question that name its object (what, where, what is wrong), and its streets."""
    stems = []
    for token, lemma in zip(morph.WORD.findall(text), morph.lemmas(text), strict=True):
        if len(lemma) >= 3 and lemma not in STOP_LEMMAS and morph.word(token).pos in CONTENT_POS:
            stems.append(_stem(lemma))
    return QuestionReading(frozenset(stems), _streets(text))


@lru_cache(maxsize=CACHE_TEXTS)
def read_answer(text: str) -> AnswerReading:
    """The sentences of an answer and what each says."""
    parts = split_sentences(text)
    sentences = tuple(_read_sentence(part) for part in parts)
    lemmas = morph.lemmas(text)
    return AnswerReading(
        sentences,
        frozenset(_stem(lemma) for lemma in lemmas),
        bool(MEASURED_LEMMAS & set(lemmas)),
        tuple(sentence_key(part) for part in parts),
        tuple(parts),
    )


def split_sentences(text: str) -> list[str]:
    """The sentences of a text; a full stop after «ул.», «д.», «исх.» or an initial does not end one."""
    parts: list[str] = []
    for piece in SENTENCE_BREAK.split(text.strip()):
        if parts and _ends_with_abbreviation(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        elif piece:
            parts.append(piece)
    return parts


def _ends_with_abbreviation(text: str) -> bool:
    if not text.endswith("."):
        return False
    last = re.findall(r"[A-Za-zА-Яа-яЁё-]+", text[-8:])
    return bool(last) and (last[-1].lower() in ABBREVIATIONS or (len(last[-1]) == 1 and last[-1].isupper()))


@lru_cache(maxsize=CACHE_TEXTS)
def _read_sentence(text: str) -> Sentence:
    # the patterns in lower case read the lowered text: much faster than matching either case
    low = text.lower()
    bare = ACT_CITATION.sub(" ", text).lower()
    kinds = {_verb_kind(w) for w in morph.WORD.findall(text)}
    lemmas = set(morph.lemmas(text))
    plan = bool(PLAN.search(low))
    future = "future" in kinds or plan
    boilerplate = bool(BOILERPLATE.search(low))
    dated = _dated(bare)
    # «проверка проведена» says a thing is done; «будет проведена» promises it; «обращение рассмотрено» is a phrase
    done = ("past" in kinds or ("passive" in kinds and not future)) and not plan and not boilerplate
    denial = bool(DENIAL.search(low))
    addressee = bool(ADDRESSEE.search(low) or NAMED_ADDRESSEE.search(text))
    return Sentence(
        dated=dated or bool(MEASURED_CONDITION.search(low)),
        evidence=dated or bool(EVIDENCE_LEMMAS & lemmas or EVIDENCE.search(bare) or NAMED.search(text)),
        concrete=bool(QUANTITY.search(bare) or CAUSE.search(low)),
        loose_period=bool(LOOSE_PERIOD.search(low)),
        vague_time=bool(VAGUE_TIME.search(low)),
        promise=future,
        communication=bool(COMMUNICATION_LEMMAS & lemmas) or ("ответ" in lemmas and bool(ANSWER_SENT_LEMMAS & lemmas)),
        conditional=bool(CONDITIONAL.search(low)),
        done=done or denial or bool(PROCESS_CLAIM.search(low)),
        legal=bool(LEGAL_ACT.search(text)),
        boilerplate=boilerplate,
        courtesy=bool(COURTESY.match(low)),
        redirect_vague=bool(REDIRECT.search(low)) and not addressee and not dated,
        refusal=bool(REFUSAL.search(low)),
        instruction=bool(INSTRUCTION.search(low)) or addressee,
        denial=denial,
        streets=_streets(text),
    )


def _dated(low: str) -> bool:
    # every date but a weekday has a digit: most sentences skip the longer pattern
    return bool(DATE.search(low)) if DIGIT.search(low) else bool(WEEKDAY.search(low))


def _streets(text: str) -> frozenset[str]:
    return frozenset(_stem(morph.lemma(name)) for name in STREET.findall(text))


@lru_cache(maxsize=100_000)
def _verb_kind(token: str) -> str:
    """«future» for a verb of the future («заменят», «будет»), «past», «passive» for «выполнено», else ""."""
    parses = morph.analyzer().parse(morph.fold(token))
    if parses[0].tag.POS == "PRTS":
        return "passive"
    verbs = [p.tag for p in parses[:3] if p.tag.POS == "VERB"]
    if any(tag.tense == "pres" for tag in verbs):
        return ""  # a verb of either aspect («рекомендуем») reads as the present
    if any(tag.tense == "futr" for tag in verbs):
        return "future"  # also a perfective read first as something else («перечислим»)
    return "past" if verbs and verbs[0].tense == "past" else ""


def _stem(lemma: str) -> str:
    return lemma[:STEM]
