"""Masking of private persons' data in texts and addresses (152-ФЗ) before anything is stored."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from mcu_data.ingest import gazetteer, morph

MASK_NAME = "[ФИО]"
MASK_PHONE = "[телефон]"
MASK_EMAIL = "[e-mail]"
MASK_DOC = "[документ]"
MASK_NUMBER = "[номер]"
MASK_ADDRESS = "[адрес]"
MASK_BIRTH = "[дата рождения]"
MASK_ACCOUNT = "[счёт]"
MASK_CARD = "[карта]"
MASK_PLATE = "[госномер]"

_PLATE_CAPITALS = "АВЕКМНОРСТУХABEKMHOPCTYX"
_PLATE_LETTERS = _PLATE_CAPITALS + _PLATE_CAPITALS.lower()
_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".replace(" ", "|")
_SEP = r"[\s\-]?"
# local numbers with dashes: 2-12-34, 21-34-56
LOCAL_PHONE = r"(?<!\d)\d{1,3}-\d{2}-\d{2}(?!\d)"
# Identifiers, in the order they are replaced: the longer and the more specific first, so that a card number
# is not read as a phone and a passport's digits not as a flat number.
IDENTIFIERS: tuple[tuple[str, str], ...] = (
    (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", MASK_EMAIL),
    # a year or a date of birth: «1948 г.р.», «1951 года рождения», «21.06.2021 года рождения», «дата рождения: …»
    (
        r"(?i)(?<!\d)(?:\d{1,2}[./]\d{1,2}[./])?(?:19|20)\d{2}\s*(?:г\.?\s?р\.?|г\.?\s?рожд\w*\.?|года?\s+рождения)",
        MASK_BIRTH,
    ),
    # the date after its label, also shortened: «д.р.», «рожд.», «ДР» (in capitals only: «др.» is «и др.»)
    (
        r"(?i)(?:дата\s+рождения|д\.\s?р\.|рожд(?:\.|ения\b)|(?-i:ДР)|родил(?:ся|ась))\s*:?\s*"
        r"\d{1,2}[./]\d{1,2}[./]\d{2,4}",
        MASK_BIRTH,
    ),
    # «родился 12 июня 1938 г.», «дата рождения 5 мая 1939 года»
    (
        rf"(?i)((?:дата\s+рождения|родил(?:ся|ась)|рожд\.)\s*:?\s*)\d{{1,2}}\s+(?:{_MONTHS})\s+(?:19|20)\d{{2}}"
        r"(?:\s*(?:г\.|года?\b))?",
        rf"\1{MASK_BIRTH}",
    ),
    # the year alone after the verb: «родилась в 1947-м», «родился в 1952 году»
    (r"(?i)(родил(?:ся|ась)\s+в\s+)(?:19|20)\d{2}(?:\s*-\s*м\b|-м\b|\s*(?:г\.|году\b))?(?!\d)", rf"\1{MASK_BIRTH}"),
    # a birth certificate: «III-ЕР № 612077»
    (r"(?<![\w])[IVXІ]{1,4}-[А-ЯЁ]{2}\s*№?\s*\d{6}(?!\d)", MASK_DOC),
    # personal accounts: «лицевой счёт 410055512», «л/с № 12-345», «лицевой счёт в фонде 1208774531»,
    # «лицевой счёт ТКО 6300471129», «лицевой счёт питания 2024117733», and posts' bare «лицевой 4410982233»
    (
        r"(?i)((?:лицев\w*(?:\s+сч[её]т\w*)?|л/сч?|л\.\s?с\.|(?<![А-ЯЁа-яё])(?-i:ЛС)(?=\s*(?:№|N|:|\d)))"
        r"(?:\s+(?:в|по|у)\s+[а-яё]+|\s+(?-i:[А-ЯЁ]{2,6})|\s+[а-яё]{3,}(?=\s*(?:№|N|:)?\s*\d)){0,2}"
        r"\s*(?:№|N)?\s*:?\s*)"
        r"\d[\d\s\-]{4,}\d",
        rf"\1{MASK_ACCOUNT}",
    ),
    # the ОМС policy (16 digits) by its name, before the bank card of the same length
    (
        r"(?i)((?:полис\w*|омс)(?:\s+омс)?\s*(?:№|N)?\s*:?\s*)\d{4}"
        + _SEP
        + r"\d{4}"
        + _SEP
        + r"\d{4}"
        + _SEP
        + r"\d{4}(?!\d)",
        rf"\1{MASK_DOC}",
    ),
    # a passport in its usual writings: «серия 36 05 номер 118204», «36 11 987034», «3612 № 345678»
    (
        r"(?i)(?:серия|серии|сер\.)\s*\d{2}\s?\d{2}\s*,?\s*(?:№|номер|ном\.|n)?\s*\d{6}(?!\d)",
        MASK_DOC,
    ),
    (r"(?<!\d)\d{2}\s?\d{2}(?:\s|\s?№\s?)\d{6}(?!\d)", MASK_DOC),
    # its number split in two threes: «3621 №486 530», «паспорт 3621 486 530»
    (r"(?<!\d)\d{2}\s?\d{2}\s?№\s?\d{3}\s\d{3}(?!\d)", MASK_DOC),
    (r"(?i)(паспорт\w*\s*:?\s*)\d{2}\s?\d{2}\s\d{3}\s\d{3}(?!\d)", rf"\1{MASK_DOC}"),
    (r"(?i)(паспорт\w*(?:\s+[а-яё]+){0,2}\s*:?\s*)\d{10}(?!\d)", rf"\1{MASK_DOC}"),
    # СНИЛС: 123-456-789 01, or its eleven digits after its name
    (r"(?<!\d)\d{3}[-\s]\d{3}[-\s]\d{3}[\s-]\d{2}(?!\d)", MASK_DOC),
    (r"(?i)(снилс\s*(?:№|N)?\s*:?\s*)\d{11}(?!\d)", rf"\1{MASK_DOC}"),
    # a bank account: 20 digits, together or in groups of four
    (r"(?<!\d)\d{20}(?!\d)", MASK_ACCOUNT),
    (r"(?<!\d)\d{4}(?:[\s-]\d{4}){4}(?!\d)", MASK_ACCOUNT),
    # a person's (and a sole trader's) ИНН has 12 digits; an organisation's 10 digits are public
    (r"(?i)(инн\s*(?:№|N)?\s*:?\s*)\d{12}(?!\d)", rf"\1{MASK_DOC}"),
    (r"(?<!\d)\d{12}(?!\d)", MASK_DOC),
    # bank cards: 16 to 19 digits, in groups of four or written together
    (r"(?<!\d)\d{4}" + _SEP + r"\d{4}" + _SEP + r"\d{4}" + _SEP + r"\d{4}(?:" + _SEP + r"\d{1,3})?(?!\d)", MASK_CARD),
    # Russian phones: +7 or 8 and ten more digits, any separators between them
    (r"(?<![\d\w])(?:\+7|8)(?:[\s\-()]*\d){10}(?!\d)", MASK_PHONE),
    # a mobile number without its 8 or +7: «927 318 44 02», «9273184402»
    (r"(?<![\d\w+])9\d{2}[\s\-]?\d{3}[\s\-]?\d{2}[\s\-]?\d{2}(?!\d)", MASK_PHONE),
    # dots between the groups: «8.927.404.40.40»; the code after the 8 opens with 3 to 9, so that a date
    # («8.10.2026») is never one
    (r"(?<![\d\w.])(?:\+7|8)\.?[3-9]\d{2}\.\d{3}\.(?:\d{2}\.\d{2}|\d{4})(?![\d.]\d)", MASK_PHONE),
    (LOCAL_PHONE, MASK_PHONE),
    # vehicle plates: «А 341 ЕК 163», «Т902УС63», «у516ех163», «а 314 вс 63 рус», a bus's «АВ 123 63»;
    # «в 120 км 15 минут» is a distance
    (
        rf"(?<![\w])[{_PLATE_LETTERS}]\s?\d{{3}}\s?(?!(?:км|мм|см)\b)[{_PLATE_LETTERS}]{{2}}\s?\d{{2,3}}"
        r"(?:\s?рус\b)?(?![\w])",
        MASK_PLATE,
    ),
    (rf"(?<![\w])[{_PLATE_LETTERS}]{{2}}\s?\d{{3}}\s?\d{{2,3}}(?![\w])", MASK_PLATE),
    # a plate written without its region, in capitals: «Р 700 ВК» (in lower case «в 100 км» and the like abound)
    (rf"(?<![\w])[{_PLATE_CAPITALS}]\s?\d{{3}}\s?[{_PLATE_CAPITALS}]{{2}}(?![\w])(?!\s?\d)", MASK_PLATE),
    # a tractor's or a motorcycle's plate puts its four digits first: «4512 СА 63»; in capitals only, since in lower
    # case the two letters are as often a preposition before a date («Вх. № 3412 от 01.12»)
    (rf"(?<![\w])\d{{4}}\s?[{_PLATE_CAPITALS}]{{2}}\s?\d{{2,3}}(?![\w])", MASK_PLATE),
    # a private contract's number by its name: «номер договора 63-ДГ-004512»; «договор № 12/2021», «по договору
    # соцнайма № 114» are the register of the body that made them (REGISTRY_BEFORE)
    (
        r"(?i)((?:номер\w*\s+договора)\s*:?\s*)"
        r"(?=[\w/-]*\d)[\w/-]*[\w]",
        rf"\1{MASK_NUMBER}",
    ),
)

_STREET = r"(?:ул\.|ул(?=\s)|улиц[аеуыи]|пер\.|переул(?:ок|ка|ке)|пр-т|просп\.|проспект[аеу]?|мкр\.?|микрорайон[аеу]?)"
_STREET_NAME = r"\s*[А-ЯЁ0-9][\w.-]*(?:\s+[А-ЯЁ][\w-]*)?"
_HOUSE = (
    r"(?:\s*,?\s*(?:д\.|дом[а-я]{0,2})?\s*№?\s*\d+(?:\s?[а-яА-Я](?![а-яА-ЯёЁ]))?(?:\s*/\s*\d+)?(?![\d.,]\d)"
    r"(?:\s*[-–]\s*\d+|\s*,?\s*(?:кв\.|квартир[а-я]{0,2}|комн\.)\s*№?\s*\d+)?)"
)
# A private person's address in a text: from the street onward. Where the text shows it is someone's home —
# «по адресу», «проживаю», a flat number, a signature right before it — it goes; where the problem is, it stays.
STRONG_HOME = re.compile(
    r"(?i)(адрес|прожива|живу|живем|живём|живет|живёт|живут|собственник|прописан|зарегистрирован|кв\.\s*№?\s*\d"
    r"|снима\w*\s+(?:комнат|квартир|дом|жиль)"
    r"|(?:мо[йеёя]\w*|сво[йеёя]\w*|его|её)\s+(?:[а-яё]+\s+)?(?:дом|квартир|участ)|сосед\w*\s+по\b)"
)
# a header's lines of the writer: «[ФИО],», «(ИНН [документ])», «от [ФИО], ветерана труда,»
SIGNED_LINE = re.compile(r"\[(?:ФИО|документ|телефон|e-mail|дата рождения)\]\)?,?$|^от\s+\[ФИО\]")
# a remark in brackets right after the name does not part it from the address: «[ФИО] (фамилию продиктовал по буквам),
# Петровка, ул. Лесная, 3»
PERSON_NEAR = re.compile(r"(?i)(\[ФИО\]|ж-ц[аы]\b|жительниц\w*|житель\b)(?:\s*\([^()\n]{0,60}\))?[^!?\n]{0,40}$")
LOCATION_BEFORE = re.compile(r"(?i)\b(?:на|по|у|возле|около|напротив|вдоль|от|до|за|в|во|с|к|через|между)\s*$")
# a clause of what is reported («сообщает, что …», «жалуется, что …») tells the problem, and a home named before it
# does not reach into it: «Заявитель [ФИО] (проживает: [адрес]) сообщает, что в подвале дома № 4 …»
SENTENCE_BREAK = re.compile(
    r"(?<![сдпгСДПГ])(?<!пос)(?<!ул)(?<!\b[СсНн]т)(?<!\b[А-ЯЁ])[.!?]\s+(?=[А-ЯЁ])|\n|,\s*что(?=\s)"
)
# the street's word after its name, as headers write it: «Заречная улица, дом 21»
_NAME_FIRST = r"[А-ЯЁ][а-яё]+(?:ая|ий|ый|ой)\s+(?:улица|переулок)"
ADDRESS_WITH_HOUSE = re.compile(rf"{_STREET}{_STREET_NAME}{_HOUSE}|{_NAME_FIRST}{_HOUSE}")
ADDRESS_WITH_FLAT = re.compile(
    rf"{_STREET}{_STREET_NAME}\s*,?\s*(?:д\.|дом)?\s*№?\s*\d+(?:\s?[а-я](?![а-яё]))?(?:\s*[-–]\s*\d+|\s*,?\s*(?:кв\.|квартир[а-я]"
    r"{0,2})\s*№?\s*\d+)"
)
STREET_ONLY = re.compile(rf"{_STREET}{_STREET_NAME}|{_NAME_FIRST}(?=\s*,?\s*(?:д\.|дом)\s*\d)")
# a village before the street, also shortened: «с. Н. Кутулук, Речная 16», «с. Б.Алдаркино, …»
# or without its kind, one capitalised name and a comma before the street's: «адрес заявителя: Новоборский, Школьная, 4-7»
_SETTLEMENT = (
    r"(?:(?:(?:с\.|пос\.|п\.|село|пос[её]лок|д\.)\s*[А-ЯЁ][\w-]*(?:\.?\s*[А-ЯЁ][\w-]*)?|[А-ЯЁ][а-яё]+)\s*,\s*)?"
)
_NUMBERED = (
    r"[А-ЯЁ][а-яё]+(?:[ \t]+[А-ЯЁ][а-яё]+)?,?[ \t]*(?:(?:д\.|дом)[ \t]*)?\d+(?![\d]|\.\d)"
    r"(?!\s*(?:лет|год|г\.|раз|дн|час|км|м\b|%|руб))"
    r"(?:\s?[а-я](?![а-я]))?(?:\s*[-–/]\s*\d+)?(?:\s*,?\s*кв\.?\s*\d+)?"
)
# an address written without «ул.»: «по адресу: с. Гвардейцы, Центральная 8», «[ФИО], Садовая, 5-2»
LABELLED_ADDRESS = re.compile(rf"(?i:(\bадрес\w*\s*:?\s*(?:на\s+|по\s+)?))({_SETTLEMENT})({_NUMBERED})")
SIGNED_ADDRESS = re.compile(rf"(\[ФИО\],?\s*)({_SETTLEMENT})({_NUMBERED})")
# the same in lower case, as posts sign: «[ФИО], ул. мира 27», «[ФИО], улица заречная 3-1»
SIGNED_LOWER_STREET = re.compile(
    r"(\[ФИО\],?[ \t]*)((?:ул\.?|улица)[ \t]*[а-яё][а-яё-]{2,}[ \t]*,?[ \t]*(?:(?:д\.|дом)[ \t]*)?\d+(?!\d)"
    r"(?![ \t]*(?:лет|год|г\.|раз|дн|час|км|м\b|%|руб))(?:[ \t]?[а-я](?![а-я]))?(?:[ \t]*[-–/][ \t]*\d+)?"
    r"(?:[ \t]*,?[ \t]*кв\.?[ \t]*\d+)?)"
)
# a header's line that is only an address, under another line of the writer's: «(ИНН [документ]),» / «Рабочая, 7,»
HEADER_ADDRESS = re.compile(
    rf"(\[(?:документ|телефон|e-mail|дата рождения)\]\)?,?[ \t]*\n[ \t]*)({_SETTLEMENT})({_NUMBERED})(?=[ \t]*,?[ \t]*(?:\n|$))"
)
# a home without «ул.» by what is said of it: «живу на Рабочей 3-1», «я сама с Советской 12», «Проживает: Молодёжная,
# 22», «у меня дом на Новой 7», «адрес заявителя Полевая 21»; or after it: «мы на Школьной, 4 живём»
_HOME_CUE = (
    r"(?:живу|живем|живём|живет|живёт|живут|проживаю|проживаем|проживает|проживают|проживающ\w*|прописан\w*|"
    r"я\s+(?:сама?\s+)?с|мы\s+с|у\s+меня\s+дом|мой\s+дом|наш\s+дом|адрес\s+заявител\w*|"
    r"(?:улиц[ау]|адрес)\s+назвал\w*)"
)
HOME_BEFORE = re.compile(
    rf"(?i:(\b{_HOME_CUE}\b(?:\s+(?:рядом|тут|здесь|сейчас|напротив))?\s*,?\s*(?:[:—-]\s*)?(?:(?:на|по|в)\s+)?"
    rf"(?-i:{_SETTLEMENT})))({_NUMBERED})"
)
HOME_AFTER = re.compile(rf"({_NUMBERED})(\s+(?i:живу|живем|живём|живут|проживаем|проживаю)\b)")
# the same cues before a street in lower case, as posts write it: «живу на лесной в 7м доме», «я сама живу
# школьная 11», «я на заплавной 23 живу»; the cue is what makes it a home, so the street's case does not matter
_STREET_LOWER = r"[а-яё]{4,}(?:ой|ая|ий|ый|ей|ом|ого|ки|ке|ка)"
_LOWER_NUMBERED = (
    rf"{_STREET_LOWER}(?:\s*,?\s*(?:д\.|дом)?\s*\d+(?!\d)(?!\s*(?:лет|год|г\.|раз|дн|час|км|м\b|%|руб))"
    r"(?:\s?[а-я](?![а-я]))?(?:\s*[-–/]\s*\d+)?(?:\s*,?\s*кв\.?\s*\d+)?"
    r"|\s+в\s+\d+(?:-?[а-я]{1,2})?\s+доме)"
)
HOME_BEFORE_LOWER = re.compile(
    rf"(?i:(\b(?:живу|живем|живём|живет|живёт|живут|проживаю|проживаем)\s+(?:(?:на|по)\s+)?)({_LOWER_NUMBERED}))"
)
HOME_AFTER_LOWER = re.compile(rf"(?i:(\b(?:я|мы)\s+(?:сама?\s+)?на\s+)({_LOWER_NUMBERED})(\s+(?:живу|живем|живём)\b))")
# a street in lower case with a house and a flat is a home whatever stands before it: «адрес если кому интересно
# мира 4 кв 6» (a flat is always someone's home)
LOWER_WITH_FLAT = re.compile(r"(?<![а-яёА-ЯЁ])[а-яё]{3,}\s+\d+[а-я]?\s*,?\s*кв\.?\s*\d+(?!\d)")
# premises that are nobody's home, right before the address they stand at: «нежилое помещение первого этажа по адресу
# ул. Советская, д. 8», «Аптечный пункт в селе по адресу …», «недостроенный магазин по ул. Набережной, 4» — there
# «по адресу» (or a home named earlier in the sentence) says nothing of where anyone lives; in the same sentence
# only: a dot before a capital ends it («… снести объект. Мой адрес: на Садовой, 14» is the writer's home)
_PREMISES = (
    r"(?:нежил\w+|помещени[еяюий]\w{0,2}|здани[еяюий]\w{0,2}|магазин\w{0,3}|аптек\w{0,2}|пункт\w{0,2}|"
    r"контор[аыеуой]{0,2}|котельн(?:ая|ой|ую)|склад\w{0,3}|гараж\w{0,3}|офис\w{0,3}|павильон\w{0,3}|киоск\w{0,3}|"
    r"сберкасс\w{0,2}|клуб(?:а|е|у|ом)?|дк|фап\w{0,2}|школ(?:а|ы|е|у|ой)|больниц\w{0,2}|поликлиник\w{0,2}|"
    r"стройк\w{0,2}|объект\w{0,2}|мастерск(?:ая|ой|ую)|цех\w{0,2}|пекарн\w{0,2}|столов(?:ая|ой|ую)|садик\w{0,2})"
)
PREMISES_BEFORE = re.compile(
    rf"(?i)(?<![а-яё]){_PREMISES}(?![а-яё])(?P<gap>(?:[^.!?\n\[\]]|\.(?=\s*(?-i:[а-яё0-9]))){{0,45}}?)(?<![а-яё])(?:по\s+адресу|по|на)\s*:?\s*"
    rf"(?:(?:с\.|пос\.|п\.|село|пос[её]лок)\s*[А-ЯЁ][\w.-]*(?:\s+[А-ЯЁ][\w-]*)?\s*,\s*)?(?:{_STREET}{_STREET_NAME}\s*,?\s*)?$"
)
HOME_VERB = re.compile(r"(?i)жив|прожива|прописан|зарегистрирован")


def _premises_before(before: str) -> bool:
    """The address right after is a premises' («помещение … по адресу», «магазин по ул.»), nobody's home."""
    found = PREMISES_BEFORE.search(before)
    return found is not None and not HOME_VERB.search(found.group("gap"))


def _home_cue(before: str) -> bool:
    """Something before an address shows it is someone's home, unless the address is a premises' own."""
    return bool(STRONG_HOME.search(before)) and not _premises_before(before)


# «его дом 17», «мой дом 5»: a house named as someone's own
POSSESSIVE_BEFORE = re.compile(r"(?i)(?<![а-яё])(?:мо[йеёя]|его|её)\s+$")
# a flat by its number before the word: «я из 17 квартиры»
FLAT_FIRST = re.compile(r"(?i)(?<![\d\w])\d+(?:-?[йяе])?(\s+квартир[а-я]{0,2}\b)")
# house, flat and building numbers without a street: «д. 5», «кв. 12», «дом 7/2» (not «дома 3 дня»)
HOUSE_NUMBER = re.compile(
    r"(?i)\b(д\.|дом[а-я]{0,2}|кв\.|кв(?=\s*№?\s*\d)|квартир[а-я]{0,2}|корп\.|корпус)\s*№?\s*\d+[а-я]?(?:/\d+)?"
    r"(?!\s*(?:дн|дня|дней|час|градус|недел|месяц|раз|год|лет|км|метр|%|°))(?![\d])"
)
_COMPILED = tuple((re.compile(p), m.replace("\\1", "\\g<1>")) for p, m in IDENTIFIERS)

# A private person's address field keeps the place and street, never the house or flat.
_HOUSE_FIELD = re.compile(r",?\s*(?:д\.|дом|кв\.|квартира|корп\.|стр\.)\s*[\w/-]+", re.IGNORECASE)
_STREET_FIELD = re.compile(rf",?\s*{_STREET}.*$", re.IGNORECASE)

# --- names -------------------------------------------------------------------------------------------------
# Leaders and officials named with their post stay: «главе поселения Морозову И.П.», «заведующая клубом Антипова»
LEADERS = frozenset(
    "глава заместитель зам директор заведующий заведующая заведовать завклубом начальник главврач "
    "депутат прокурор губернатор министр уполномоченный управляющий участковый".split()
)
# «руководитель», «председатель» lead a public body («председатель комиссии») or an applicants' group («председатель
# ТОС», «руководитель хора»): only the first is an official's post
HEADS = frozenset({"руководитель", "председатель", "архитектор"})
PUBLIC_BODIES = frozenset(
    "администрация комитет комиссия собрание дума управление отдел департамент министерство учреждение "
    "мку мбу гбу гбуз гку мбоу гбоу мбук мкук поселение район округ райадминистрация".split()
)
PLACE_KINDS = frozenset("с пос п д село посёлок поселок деревня".split())
POST_REACH = 14  # tokens a post may stand before the name: «Начальнику отдела опеки … района Борский Захаровой И.В.»
ABBREVIATIONS = PLACE_KINDS | frozenset("ул г им сп пер р-н".split())
SALUTATION = frozenset({"уважаемый", "уважаемая", "уважаемые"})
# words before a single surname or first name that make it a person: «звонил Демьянов», «соседи Фомины»
PERSON_CUES = frozenset(
    "звонить позвонить обратиться заявитель заявительница сосед соседка соседи гражданин гражданка гр семья фамилия "
    "мать отец сын дочь муж жена брат сестра бабушка дедушка дядя тётя тетя внук внучка ж-ца ж-цы житель жительница "
    "представиться зовут звать опекун попечитель фельдшер врач водитель соцработник учитель воспитатель ученик "
    "ип кфх хозяйство староста медсестра тренер продавец продавщица сотрудник специалист пенсионер пенсионерка инвалид ребенок "
    "обр подопечный подопечная мой мама папа какой-то какая-то некий некая "
    # kin in the words posts use, and the staff of a shop or a firm: private persons, named as they are
    "дочка доченька сынок сыночек внучок внученька кассир охранник сторож вахтер вахтёр кондуктор уборщица "
    "администратор".split()
)
# titles of kin a post writes before a first name, whatever the dictionary makes of it: «дядя гена», «мама вики»
KIN_TITLES = frozenset("дядя дядь тетя теть тетка баба бабушка бабуля дед дедушка дедуля мама папа".split())
KIN_TITLE_BEFORE = re.compile(
    r"(?i)(?<![а-яё])(?:дяд[яеюь]|т[её]т[яеюь]|баб[аеуы]|бабушк\w|бабул\w|деда?|дедушк\w|дедул\w|мам[аеуы]|пап[аеуы])\s+[а-яё]{3,}"
)
KIN_TITLE_MIN = 0.1
FOLK_CHARACTERS = frozenset({"мороз"})  # «дед мороз», «деду морозу» after a kin title are no person
# words that may stand between a person cue and the name it cues: «муж мой, коля», «внука, мишку»
CUE_GAP = frozenset({",", "мой", "моя", "моего", "моей", "мою", "наш", "наша", "нашего", "нашей"})
# a name right before these is an official's: «андрей палыч из администрации»
OFFICE_AFTER = frozenset("администрация поселение сельсовет район".split())
# a district doctor is staff, not the district police officer: «участковый терапевт Борисова Т.А.»
DOCTORS = frozenset("терапевт врач педиатр медсестра фельдшер".split())
# residents' words stand before places as often as before people («житель Саратова»): they cue no surname by shape
RESIDENT_CUES = frozenset("ж-ца ж-цы житель жительница".split())
# a first name written in lower case right before these is a person: «серёжа сосед говорит»
KIN_AFTER = frozenset("сосед соседка соседи внук внучка брат сестра".split())
# words that stand before a lower-case first name as a title of kin, not as a person cue that may precede a thing
NOT_LOWER_CUES = frozenset({"мой", "ип", "кфх", "хозяйство", "обр", "гр"})
# a surname's own endings: «Кириллова», «Зайцев», «Петровский», «Сорокиной»; beside a person cue the shape suffices
# («-ский» aside: «врач Борской ЦРБ» is an adjective of a place)
SURNAME_SHAPE = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|у|ой|ым|ом|е|ых|ы)?$")
# a person's age right after a name: «Милана, 4 года», «Руслан, 12 лет»
AGE_AFTER = re.compile(r"\s*,\s*\d{1,2}\s*(?:лет|год|года|годик\w*|мес\w*)\b")
AGE_WORDS = frozenset({"год", "годик", "месяц"})
SIGNATURE_MIN = 0.3  # a lower-case word that closes a post alone is its writer's name at this name share («вера»)
STREET_WORDS = frozenset(
    "ул улица улицы улице улицу улицей пер переулок переулка переулке проспект пр-т площадь площади пл им имени "
    "перекресток перекрестке перекрестка мкр микрорайон сквер сквере парк парке бульвар аллея аллее аллеи "
    "памятник памятника памятнику памятником памятнике тупик шоссе угол углу угла углом".split()
)
# the street words that are shortened with a dot («ул. Гагарина»); after a full word («улицу.») the dot ends a sentence
STREET_ABBREVIATIONS = frozenset("ул пер пр пл им мкр".split())
# after «имени» an institution's or a street's name runs on through titles and initials
NAMED_AFTER = frozenset({"имени", "им"})
# a church is named after its saint or feast, in the genitive: «храма Архангела Михаила», «церкви Покрова»
DEDICATED = frozenset("храм церковь собор часовня монастырь".split())
NAMED_TITLES = frozenset("героя героев генерала маршала адмирала академика поэта писателя космонавта".split())
ORG_FORMS = frozenset("ооо оао зао пао ао муп мбу мку гбу гбуз гку нко тсж снт".split())
PERSON_ORG_FORMS = frozenset({"ип", "кфх"})
QUOTES_OPEN = frozenset("«“„")
# a nickname in quotes right after a neighbour or kin is that person: «сосед «бармалей» влетел», «брат «Чапа»»
NICKNAMED_BY = frozenset("сосед соседка соседи муж жена брат сестра сын дочь внук внучка зять кум".split())
NICKNAME_CUE = re.compile(r"(?i)(?<![а-яё])(?:сосед|муж|жен|брат|сестр|сын|доч|внук|внучк|зят|кум)[а-яё]{0,3}\s+[«“„]")
QUOTES_CLOSE = frozenset("»”")
SINGLE_MIN = 0.5  # a lone capitalised word is a person when at least this share of its readings is a name
CUED_MIN = 0.3
RUN_MIN = 0.3  # inside a run of two or more capitalised words a weaker name reading suffices
STRONG_ALONE = 0.95
EDGE_MIN = 0.1  # «Зайцев» is mostly «зайцев» (hares) to the dictionary, yet a name beside a name or initials


@cache
def _shipped_places() -> frozenset[str]:
    """The forms of the shipped gazetteer's names: a village is never a person («в Немчанке»)."""
    from mcu_data.store.seed import read_reference_csv

    return gazetteer.build_places(read_reference_csv("gazetteer.csv")).forms()


HAS_DIGIT = re.compile(r"\d")


def mask_text(text: str | None, protected: frozenset[str] | None = None) -> str | None:
    """One text with names, phones, e-mails, documents, birth dates and home addresses replaced by labels."""
    if text is None:
        return None
    places = _shipped_places() if protected is None else protected
    return _mask_addresses(_mask_names(_mask_identifiers(text), places))


def mask_series(texts: pd.Series, protected: frozenset[str] | None = None) -> pd.Series:
    """mask_text over a column; a missing text stays missing."""
    places = _shipped_places() if protected is None else protected
    masked = [None if t is None or t is pd.NA or t != t else mask_text(str(t), places) for t in texts]
    return pd.Series(masked, index=texts.index, dtype="string")


# an institution's own number, named as such right before it, is public: «по телефону регистратуры 8 (84667) 2-15-00»,
# «дежурной части», «диспетчерской», «горячей линии»
PUBLIC_PHONE_BEFORE = re.compile(
    r"(?i)(?:регистратур\w*|дежурн\w*\s+(?:част\w*|служб\w*)|диспетчер\w*|горяч\w*\s+лини\w*|приёмн\w*|приемн\w*)"
    r"\s*(?:[а-яё]+\s+){0,2}(?:по\s+)?(?:тел\.|телефон\w*)?\s*:?\s*[\d\s()+-]*$"
)


# a local number nobody answers is an institution's landline: «звоню на 2-11-45 никто не берёт», «… не дозвониться»
# (a mobile one may be a rank-and-file worker's own and stays masked)
PUBLIC_PHONE_AFTER = re.compile(
    r"(?i)\s*[,—-]?\s*(?:(?:и\s+)?никто\s+не\s+(?:бер|отвеча|подход|снима)|не\s+(?:дозвон|отвечают|берут|снимают)|"
    r"(?:вечно|всегда|постоянно)\s+занято|занято\b)"
)
# a landline (its code after the 8 is no mobile's 9) nobody can get through to is an institution's: «невозможно
# дозвониться по номеру 8 (84667) 2-11-00»; a mobile one may be a person's own and stays masked
UNREACHED_BEFORE = re.compile(
    r"(?i)(?<![а-яё])(?:невозможно|нельзя|не)\s+(?:[а-яё]+\s+)?дозвонит\w*\s*(?:по\s+)?(?:номеру|телефону|тел\.)?\s*:?[\d\s()+-]*$"
)


def _landline(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    return len(digits) == 11 and digits[1] != "9"


# a body's register number, named right before it, is no one's: «по контракту № 0142300012324000057», «Вх. № 3412»,
# «договору социального найма № 47», «решение № 882», «рег. № 01-15/2214», «Заявка № …»
REGISTRY_BEFORE = re.compile(
    r"(?i)(?<![а-яё])(?:контракт|договор|соглашени|заявк|решени|постановлени|распоряжени|приказ|протокол|"
    r"рег\.|вх\.|исх\.|регистрационн\w*\s+номер)[а-яё]*(?:\s+[а-яё]+){0,3}\s*(?:№|N)\s*$"
)
# what a register number may be taken for: a card, an account, a document, a phone, a plate
_REGISTRY_LOOKALIKES = frozenset({MASK_CARD, MASK_ACCOUNT, MASK_DOC, MASK_PHONE, MASK_PLATE})


def _replacer(mask: str, local: bool = False):
    """The replacement of one identifier: its mask, unless a register's name or an institution stands by it."""

    def replace(match: re.Match[str]) -> str:
        before = match.string[max(0, match.start() - 60) : match.start()]
        if mask in _REGISTRY_LOOKALIKES and REGISTRY_BEFORE.search(before):
            return match.group(0)
        if mask == MASK_PHONE and (
            PUBLIC_PHONE_BEFORE.search(before[-50:])
            or (local and PUBLIC_PHONE_AFTER.match(match.string, match.end()))
            or ((local or _landline(match.group(0))) and UNREACHED_BEFORE.search(before))
        ):
            return match.group(0)
        return match.expand(mask)

    return replace


def _mask_identifiers(text: str) -> str:
    """Numbers and e-mails first: every identifier holds a digit, or an «@»; most texts hold neither."""
    if "@" not in text and not HAS_DIGIT.search(text):
        return text
    for pattern, replace in _REPLACERS:
        text = pattern.sub(replace, text)
    return text


_REPLACERS = tuple((pattern, _replacer(mask, pattern.pattern == LOCAL_PHONE)) for pattern, mask in _COMPILED)


def strip_house(addresses: pd.Series) -> pd.Series:
    """Drop house, flat and building numbers from addresses."""
    return (
        addresses.astype("string")
        .str.replace(_HOUSE_FIELD.pattern, "", regex=True, flags=re.IGNORECASE)
        .str.strip(" ,")
    )


def strip_street(addresses: pd.Series) -> pd.Series:
    """An applicant's own address keeps its settlement only: the street and all after it are a private home."""
    return (
        addresses.astype("string")
        .str.replace(_STREET_FIELD.pattern, "", regex=True, flags=re.IGNORECASE)
        .str.strip(" ,")
    )


def _mask_addresses(text: str) -> str:
    """Home addresses from the street onward; a street with no sign of being someone's home stays."""
    if "дрес" in text or "[ФИО]" in text:
        text = LABELLED_ADDRESS.sub(_labelled, text)
        text = SIGNED_ADDRESS.sub(rf"\g<1>\g<2>{MASK_ADDRESS}", text)
        text = SIGNED_LOWER_STREET.sub(rf"\g<1>{MASK_ADDRESS}", text)
    if "]" in text and "\n" in text:
        text = HEADER_ADDRESS.sub(_header_address, text)
    if HAS_DIGIT.search(text):
        text = HOME_BEFORE.sub(rf"\g<1>{MASK_ADDRESS}", text)
        text = HOME_AFTER.sub(rf"{MASK_ADDRESS}\g<2>", text)
        if "кв" in text:
            text = LOWER_WITH_FLAT.sub(MASK_ADDRESS, text)
        if "жив" in text:
            text = HOME_BEFORE_LOWER.sub(rf"\g<1>{MASK_ADDRESS}", text)
            text = HOME_AFTER_LOWER.sub(rf"\g<1>{MASK_ADDRESS}\g<3>", text)
    if "ул" not in text and "пер" not in text and "пр" not in text and "мкр" not in text:
        return _mask_house_numbers(text)
    pieces: list[str] = []
    last = 0
    for match in STREET_ONLY.finditer(text):
        start = match.start()
        if start < last:
            continue
        breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, 0, start + 1) if m.end() <= start]
        segment_start = breaks[-1] if breaks else 0
        before = text[segment_start:start][-90:]
        strong = _home_cue(before)
        # a letter's header or signature: the line right after «от [ФИО],» or «[ФИО]» is the writer's own address
        person = bool(PERSON_NEAR.search(before)) or _signed_above(text[:segment_start])
        at_object = bool(LOCATION_BEFORE.search(before))
        listed = not before.strip() or before.rstrip()[-1] in ",(:"
        with_flat = ADDRESS_WITH_FLAT.match(text, start)
        with_house = ADDRESS_WITH_HOUSE.match(text, start)
        end = None
        if with_flat is not None:
            end = with_flat.end()
        elif with_house is not None and (strong or (person and not at_object)):
            end = with_house.end()
        elif listed and (person or strong):
            end = match.end()
        if end is None:
            continue
        pieces.append(text[last:start])
        pieces.append(MASK_ADDRESS)
        last = end
    pieces.append(text[last:])
    return _mask_house_numbers("".join(pieces))


def _signed_above(head: str) -> bool:
    """The line above is the writer's («от [ФИО],», «[ФИО]»), or a header's line that goes on with a comma and has
    one above it: «от [ФИО], [дата рождения], / из числа детей-сирот, / с. …, ул. Кирова, д. 12»."""
    lines = head.rstrip().split("\n")
    for line in lines[::-1][:3]:
        line = line.strip()
        if SIGNED_LINE.search(line):
            return True
        if not line.endswith(","):
            return False
    return False


STREET_ADJECTIVE = re.compile(r"(?:ая|яя|ой|ий|ый|ое)$")


def _header_address(match: re.Match[str]) -> str:
    """A bare line under the writer's is an address where its word reads as a street's name — an adjective
    («Рабочая, 7») or an oblique case («Победы, 12-5», «Ленина 5») — not as a thing («Заявка 145»)."""
    street = match.group(3).split()[0].strip(",")
    if not STREET_ADJECTIVE.search(street) and _thing_named(morph.fold(street)):
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{MASK_ADDRESS}"


@cache
def _thing_named(key: str) -> bool:
    """The word's likeliest reading is an ordinary noun in the nominative singular: «заявка», «вход»."""
    parses = morph.analyzer().parse(key)
    tag = parses[0].tag if parses else None
    return (
        tag is not None
        and tag.POS == "NOUN"
        and tag.case == "nomn"
        and tag.number == "sing"
        and not ({"Name", "Surn", "Patr", "Geox"} & tag.grammemes)
    )


def _labelled(match: re.Match[str]) -> str:
    """«по адресу: Садовая 7-15» is a home, «помещение по адресу: Ленина 5» a premises."""
    if _premises_before(match.string[max(0, match.start(2) - 90) : match.start(2)]):
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{MASK_ADDRESS}"


def _mask_house_numbers(text: str) -> str:
    """A flat's number always goes (a flat is a home); a house's only where the text shows it is someone's home.

    «крыша течёт в доме 12» names where the problem is, and stays.
    """

    def replace(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        if word.startswith(("кв", "корп")):
            return f"{match.group(1)} {MASK_NUMBER}"
        breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, 0, match.start() + 1) if m.end() <= match.start()]
        before = text[breaks[-1] if breaks else 0 : match.start()][-90:]
        after = text[match.end() : match.end() + 30]
        if (
            _home_cue(before)
            or PERSON_NEAR.search(before)
            or POSSESSIVE_BEFORE.search(before)
            or re.match(r"\s*,?\s*кв", after)
        ):
            return f"{match.group(1)} {MASK_NUMBER}"
        return match.group(0)

    return FLAT_FIRST.sub(rf"{MASK_NUMBER}\g<1>", HOUSE_NUMBER.sub(replace, text))


CAPITAL_WORD = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ][а-яё]+")
APPOSITION = re.compile(r"(?<![А-Яа-яЁё])([А-Яа-яЁё]+),\s*[А-ЯЁ][а-яё]+\s*[,—]")  # «Сосед, Шаповал, …» (_apposed)
LOWER_WORD = re.compile(r"(?<![А-Яа-яЁё])[а-яё]{3,}")
INITIAL = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ]\.")


def _mask_names(text: str, places: frozenset[str]) -> str:
    """Private persons' names found by their grammemes, in any case and order; officials with their post stay."""
    # the cheap pass: a text with no capitalised word that may be a name, and no initial, has no name to mask
    if (
        not INITIAL.search(text)
        and not any(
            _capital_candidate(text, m) and morph.fold(m.group()) not in places for m in CAPITAL_WORD.finditer(text)
        )
        and not any(_lowercase_candidate(w) and morph.fold(w) not in places for w in LOWER_WORD.findall(text))
        and not KIN_TITLE_BEFORE.search(text)
        and not NICKNAME_CUE.search(text)
        and not any(morph.lemma(morph.fold(m.group(1))) in PERSON_CUES for m in APPOSITION.finditer(text))
    ):
        return text
    toks = morph.tokens(text)
    n = len(toks)
    words = [t.group() for t in toks]
    low = [morph.fold(w) for w in words]
    kinds = _classify(words, low, places)
    spans: list[tuple[int, int]] = []
    runs: list[tuple[int, int]] = []  # the token ranges of the names found, for the names joined to them
    if NICKNAME_CUE.search(text):
        spans = [
            (toks[k + 1].start(), toks[k + 1].end())
            for k in range(1, n)
            if words[k] in QUOTES_OPEN
            and low[k - 1].isalpha()
            and morph.lemma(low[k - 1]) in NICKNAMED_BY
            and _nickname(words, k)
        ]
    i = 0
    while i < n:
        if kinds[i] is None:
            i += 1
            continue
        j = i
        while j < n and kinds[j] is not None and j - i < 8:
            j += 1
        # a run of name words and initials: «Иванов И.И.», «Никонова Юлия», «А.П. Ермаков»; a capitalised word
        # with no name reading at either end («Звонил», «Уважаемая») is not part of it
        first, stop = i, j
        full = _full_name(words, kinds, i, j)
        while first < stop and kinds[first] == "word" and _name_share(words[first])[0] < EDGE_MIN:
            beside_name = first + 1 < stop and _first_name(words[first + 1]) and _surname_like(words[first], True)
            if _initial_beside(kinds, first, first + 1) or low[first] in places or beside_name:
                break
            if stop - first == 1 and _alone_cued(words, low, first):
                break  # «медсестра Кириллова»: a surname by its ending and its cue, whatever its readings
            if full and _surname_like(words[first]):
                break
            first += 1
        while stop > first and kinds[stop - 1] == "word" and _name_share(words[stop - 1])[0] < EDGE_MIN:
            beside_name = stop - 2 >= first and _first_name(words[stop - 2]) and _surname_like(words[stop - 1], True)
            kept = low[stop - 1] in places or beside_name or (full and _surname_like(words[stop - 1]))
            kept = kept or (stop - first == 1 and _alone_cued(words, low, first))
            kept = kept or _after_titled_surname(words, low, stop - 1)
            if kept or _initial_beside(kinds, stop - 1, stop - 2):
                break
            stop -= 1
        run = [k for k in range(first, stop) if kinds[k] != "dot"]
        names = [k for k in run if kinds[k] == "word"]
        if run and _is_person(run, kinds, words, low, first) and not _office_after(low, stop, words, names[0]):
            spans.append((toks[first].start(), toks[stop - 1].end()))
            runs.append((first, stop))
        i = j
    spans += _paired_names(words, low, toks, runs) + _nicknamed(words, low, toks, kinds, places)
    spans += _listed(words, low, toks, kinds, runs, places)
    if not spans:
        return text
    spans = [_with_particle(text, start, end) for start, end in spans]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)  # a name joined to one already taken: «саша волк»
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(text[last:start])
        out.append(MASK_NAME)
        last = end
    out.append(text[last:])
    return "".join(out)


def _pet_name(word: str) -> bool:
    """A lower-case word read mostly as a first name: «маша», «костя», «катя»."""
    if not word.islower() or len(word) <= 3 or not word.isalpha():
        return False
    info = morph.word(word)
    return info.pos == "NOUN" and info.name >= SINGLE_MIN and info.common < 0.5


def _paired_names(words: list[str], low: list[str], toks, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """«маша и саша мерзнут»: a lower-case first name joined by «и» to a name already found is a person too."""
    found = []
    for first, stop in runs:
        for k, joint in ((first - 2, first - 1), (stop + 1, stop)):
            if (
                0 <= k < len(words)
                and low[joint] == "и"
                and _pet_name(words[k])
                and not any(a <= k < b for a, b in runs)
            ):
                found.append((toks[k].start(), toks[k].end()))
    return found


def _listed(
    words: list[str], low: list[str], toks, kinds: list, runs: list[tuple[int, int]], places: frozenset[str]
) -> list[tuple[int, int]]:
    """«Подписали: Гладышева Т.К., Мамонова Е., Зуйкова, Кашапов Р.И.»: a capitalised word between two names found,
    parted from each by a comma, is one more name of the list, a bare surname as well."""
    ends = {stop for _, stop in runs}
    starts = {first for first, _ in runs}
    found = []
    for k in range(2, len(words) - 2):
        if kinds[k] != "word" or low[k] in places or low[k - 1] != "," or low[k + 1] != ",":
            continue
        if k - 1 in ends and k + 2 in starts and (SURNAME_SHAPE.search(low[k]) or _name_share(words[k])[0] >= EDGE_MIN):
            found.append((toks[k].start(), toks[k].end()))
    return found


# what stands between people, not as their nickname: «катя мама двоих», «саша сосед»
NOT_NICKNAMES = LEADERS | HEADS | PERSON_CUES | KIN_TITLES | KIN_AFTER | DOCTORS


def _nicknamed(words: list[str], low: list[str], toks, kinds: list, places: frozenset[str]) -> list[tuple[int, int]]:
    """«костя мельник говорит», «катя воробей», «женя кот всех организовал»: posts write a friend by a pet first
    name and a surname that is an animal's or a trade's noun, both in lower case, opening a clause."""
    found = []
    for k in range(len(words) - 1):
        nick = words[k + 1]
        if kinds[k + 1] is not None or not nick.isalpha() or not nick.islower() or not _clause_start(words, k):
            continue
        if not _pet_name(words[k]) or low[k] in places or low[k + 1] in places:
            continue
        info = morph.word(nick)
        if info.pos != "NOUN" or info.lemma in NOT_NICKNAMES or not morph.animate_noun(nick):
            continue
        if not any(r[0] == "nomn" and r[1] == "sing" for r in info.readings):
            continue
        if not any(r[0] == "nomn" for r in morph.word(words[k]).readings):
            continue
        found.append((toks[k].start(), toks[k + 1].end()))
    return found


# the Turkic patronymic's word after it is part of the name: «Алиева Гюльнара Эльчин кызы», «Гулиев Эмин Рамиз оглы»
PATRONYMIC_PARTICLE = re.compile(r"[ \t]+(?:кызы|гызы|оглы|огли|улы|уулу)(?![а-яё])", re.IGNORECASE)


def _with_particle(text: str, start: int, end: int) -> tuple[int, int]:
    found = PATRONYMIC_PARTICLE.match(text, end)
    return (start, found.end()) if found else (start, end)


def _office_after(low: list[str], end: int, words: list[str] | None = None, name: int = -1) -> bool:
    """«андрей палыч из администрации», «Петрова из поселения»: the name is an official's, by where they work; or
    its post follows it as an apposition, in the name's own case: «к Никифорову С.Д., главе поселения»,
    «Сомова — директор школы» (a nominative only after a dash: «Звонила Петрова, директор не помог» is two people)."""
    if end + 1 < len(low) and low[end] == "из" and morph.lemma(low[end + 1]) in OFFICE_AFTER:
        return True
    if words is None or end + 1 >= len(low) or low[end] not in (",", "—", "-") or not low[end + 1].isalpha():
        return False
    post, nxt = morph.lemma(low[end + 1]), low[end + 2] if end + 2 < len(low) else ""
    if post == "главный" and morph.lemma(nxt) == "врач":
        post, nxt = "главврач", low[end + 3] if end + 3 < len(low) else ""
    elif post in HEADS or post == "глава":
        # «глава семьи», «глава КФХ», «председатель ТОС» head no public body
        if not any(morph.lemma(t) in PUBLIC_BODIES or t in PLACE_KINDS for t in low[end + 2 : end + 6] if t.isalpha()):
            return False
    elif post not in LEADERS and post != "староста":
        return False
    shared = {r[0] for r in morph.word(words[name]).readings} & {r[0] for r in morph.word(words[end + 1]).readings}
    return bool(shared - {"nomn"}) or ("nomn" in shared and low[end] != ",")


def _initial_beside(kinds: list, word: int, other: int) -> bool:
    """An initial (or its dot) right beside the word: «Лисина М.М.», «И.С. Волк» are names whatever the words mean."""
    return 0 <= other < len(kinds) and kinds[other] in ("initial", "dot") and abs(word - other) == 1


def _full_name(words: list[str], kinds: list, i: int, j: int) -> bool:
    """The run holds a first name and a patronymic: «Заяц Олег Николаевич», «от Волка Игоря Семёновича»."""
    found = [morph.word(words[k]) for k in range(i, j) if kinds[k] == "word"]
    return any(w.name >= 0.5 for w in found) and any(w.patronymic >= 0.5 for w in found)


def _surname_like(word: str, adjectives: bool = False) -> bool:
    """An ordinary noun (or, beside a first name, an adjective: «Ирина Лесная», «Сомова Ирина») standing as a
    surname; a post, a cue, a salutation or a verb never is."""
    info = morph.word(word)
    allowed = ("NOUN", "ADJF", "ADJS") if adjectives else ("NOUN",)
    # a word the dictionary does not know, beside a name, is a surname whatever part of speech its ending suggests
    # («Кюнтер Елены Петровны»)
    shaped = info.pos in allowed or (not info.known and word[:1].isupper())
    return shaped and info.lemma not in LEADERS | PERSON_CUES | HEADS | SALUTATION


def _first_name(word: str) -> bool:
    """A word that is all but only a first name: «Ирина», «Олег»."""
    info = morph.word(word)
    return info.name >= 0.9 and info.common <= 0.1


def _place_as_surname(words: list[str], low: list[str], i: int) -> bool:
    """A village's name used as a surname: beside initials («Борская И.В.»), or right after a first name or right
    before a first name and patronymic, with no preposition or kind word to make it a place («Серёга Лесной»,
    «тренер Лесной Виктор Павлович»)."""
    n = len(words)
    if not words[i][0].isupper():
        return False
    if (
        i >= 4
        and words[i - 1] == "." == words[i - 3]
        and all(len(words[k]) == 1 and words[k].isupper() for k in (i - 2, i - 4))
    ):
        return True
    if i > 0 and (
        low[i - 1] in gazetteer.PLACE_PREPOSITIONS or low[i - 1] in gazetteer.KIND_WORDS or low[i - 1] == "."
    ):
        return False
    if i + 2 < n and len(words[i + 1]) == 1 and words[i + 1].isupper() and words[i + 2] == ".":
        return True
    after = i + 2 < n and morph.word(words[i + 1]).name >= 0.5 and morph.word(words[i + 2]).patronymic >= 0.5
    before = i > 0 and words[i - 1][:1].isupper() and morph.word(words[i - 1]).name >= 0.5
    first_after = i + 1 < n and words[i + 1][:1].isupper() and _first_name(words[i + 1])
    return (after and words[i + 1][0].isupper()) or before or first_after


def _classify(words: list[str], low: list[str], places: frozenset[str]) -> list[str | None]:
    """Per token: "word" (a capitalised word that may be a name), "initial", "dot" after an initial, or None."""
    n = len(words)
    kinds: list[str | None] = [None] * n
    quoted = False
    quote_for_person = False
    street: set[int] = set()  # the words of a street's name: «ул. Гагарина», «Кооперативной и Чапаева»
    for i, w in enumerate(words):
        lw = low[i]
        if w in QUOTES_OPEN:
            quoted = True
            quote_for_person = i > 0 and low[i - 1] in PERSON_ORG_FORMS
            continue
        if w in QUOTES_CLOSE:
            quoted = False
            continue
        if lw in NAMED_AFTER and (lw != "им" or (i + 1 < n and words[i + 1] == ".")):
            # «школы имени Героя Советского Союза И.Н. Ковалёва», «им. А.С. Пушкина»: the whole name is the
            # institution's (or the street's), titles, initials and all
            j = i + 2 if i + 1 < n and words[i + 1] == "." else i + 1
            while j < n and j < i + 10 and (words[j][:1].isupper() or low[j] in NAMED_TITLES or _initial_dot(words, j)):
                street.add(j)
                j += 1
            continue
        if (
            i + 1 < n
            and words[i + 1][:1].isupper()
            and lw.isalpha()
            and morph.lemma(lw) in DEDICATED
            and _dedication(words[i + 1])
        ):
            j = i + 1
            while j < n and j < i + 4 and words[j][:1].isupper() and words[j].isalpha():
                street.add(j)
                j += 1
            continue
        if lw in STREET_WORDS and (lw not in ("им", "пл") or (i + 1 < n and words[i + 1] == ".")):
            if i + 1 < n and words[i + 1] == "." and lw not in STREET_ABBREVIATIONS:
                continue  # «Прошу почистить улицу. Ладыгина Н.С.»: a full word's dot ends the sentence, no name follows
            j = i + 2 if i + 1 < n and words[i + 1] == "." else i + 1
            # the street's name: one word, or a number or an adjective and the word after it («8 Марта»,
            # «Красной Армии»), and «… и Чапаева» after it; a name after the street is a person again
            if j < n and (words[j][0].isupper() or words[j].isdigit()):
                street.add(j)
                if j + 1 < n and words[j + 1][:1].isupper():
                    if (
                        words[j].isdigit()
                        or morph.word(words[j]).pos == "ADJF"
                        and morph.word(words[j + 1]).pos == "NOUN"
                    ):
                        if _name_share(words[j + 1])[0] < RUN_MIN:
                            street.add(j + 1)
                            j += 1
                if j + 2 < n and low[j + 1] == "и" and words[j + 2][:1].isupper():
                    street.add(j + 2)
            continue
        if i in street or (quoted and not quote_for_person):
            continue
        if len(w) == 1 and w.isupper() and w.isalpha():
            # an initial: «И.», or the last one whose dot was lost («Козлова С.А!»)
            if i + 1 < n and words[i + 1] == ".":
                kinds[i] = "initial"
            elif i > 0 and words[i - 1] == "." and i > 1 and kinds[i - 2] == "initial":
                kinds[i] = "initial"
            continue
        if w == "." and i > 0 and kinds[i - 1] == "initial":
            kinds[i] = "dot"
            continue
        if not w[0].isalpha() or (len(w) > 1 and w.isupper()):
            continue
        if (lw in places or lw.split("-")[0] in places) and not _place_as_surname(words, low, i):
            continue
        if "-" in w and morph.word(w.split("-")[-1]).pos in ("ADJF", "PRTF") and not _double_surname(w):
            continue  # «Северо-Восточное управление»: a compound adjective, no double surname
        # social media write names in lower case: there only a word that is nothing but a name counts, or a first
        # name before a patronymic («вера николаевна»)
        before_patronymic = i + 1 < n and morph.word(words[i + 1]).patronymic >= 0.9 and morph.word(w).name >= 0.3
        if (
            not w[0].isupper()
            and not _lowercase_name(w)
            and not before_patronymic
            and not _lowercase_cued(words, low, i)
        ):
            continue
        kinds[i] = "word"
    return kinds


def _dedication(word: str) -> bool:
    """A genitive singular that is no nominative: «Архангела», «Покрова», «Николая» — not «Иванов», «Петрова»."""
    cases = {(r[0], r[1]) for r in morph.word(word).readings}
    return ("gent", "sing") in cases and not any(case == "nomn" for case, _ in cases)


def _double_surname(word: str) -> bool:
    """«Кузнецова-Рябых»: a surname's first part and a capitalised second one, whatever the second reads as."""
    first, _, last = word.partition("-")
    return first[:1].isupper() and last[:1].isupper() and SURNAME_SHAPE.search(morph.fold(first)) is not None


def _initial_dot(words: list[str], j: int) -> bool:
    """The dot after an initial: «А.» of «А.С. Пушкина»."""
    return words[j] == "." and j > 0 and len(words[j - 1]) == 1 and words[j - 1].isupper()


def _nickname(words: list[str], i: int) -> bool:
    """One word in the quotes opening at i, a name or a noun for a being, not a thing: «бармалей», «Чапа»."""
    if i + 2 >= len(words) or words[i + 2] not in QUOTES_CLOSE or not words[i + 1].isalpha():
        return False
    info = morph.word(words[i + 1])
    return not info.known or info.name + info.surname > 0 or morph.animate_noun(words[i + 1])


WORD_BEFORE = re.compile(r"(?<![а-яё-])([а-яё-]{2,})\s+$")


def _capital_candidate(text: str, match: re.Match[str]) -> bool:
    """A capitalised word that may be a name: by its readings, its surname's ending, or an age after it."""
    share = _name_share(match.group())[0]
    if share >= RUN_MIN or SURNAME_SHAPE.search(match.group()):
        return True
    if share <= 0:
        return False
    if share < EDGE_MIN:
        prev = WORD_BEFORE.search(text, max(0, match.start() - 25), match.start())
        return prev is not None and morph.lemma(prev.group(1)) in PERSON_CUES  # «соседка Света»
    if AGE_AFTER.match(text, match.end()) is not None:
        return True
    prev = WORD_BEFORE.search(text, max(0, match.start() - 25), match.start())  # «медсестре Вере»
    return prev is not None and (prev.group(1) in PERSON_CUES or morph.lemma(prev.group(1)) in PERSON_CUES)


def _lowercase_candidate(word: str) -> bool:
    """A lower-case word that may be a name where its context says so (see _lowercase_cued)."""
    if _lowercase_name(word):
        return True
    info = morph.word(word)
    return info.pos == "NOUN" and info.name + info.surname + info.patronymic >= CUED_MIN


def _lowercase_cued(words: list[str], low: list[str], i: int) -> bool:
    """A lower-case first name read by its context: after a word of kin or a person cue («бабушка зоя», «соседу
    коляну», «тётя вера»), before «сосед» («серёжа сосед говорит»), or closing a post («пишите в личку, вика»)."""
    if len(words[i]) < 3:
        return False
    if _kin_titled(words, low, i):
        return True
    if _after_titled_surname(words, low, i):
        return True
    if not _lowercase_candidate(words[i]):
        return False
    if _lowercase_surname(words, low, i):
        return True
    j = i - 1
    while j > 0 and i - j < 3 and low[j] in CUE_GAP:
        j -= 1  # «муж мой, коля», «внука, мишку»
    prev = low[j] if j >= 0 else ""
    if (
        prev.replace("-", "").isalpha()
        and prev not in NOT_LOWER_CUES
        and (prev in PERSON_CUES or morph.lemma(prev) in PERSON_CUES)
    ):
        return True
    if i + 1 < len(low) and low[i + 1].isalpha() and morph.lemma(low[i + 1]) in KIN_AFTER:
        return True
    if low[i - 1] == "," and i + 1 < len(low) and low[i + 1] in (",", "—") and _pet_name(words[i]):
        return True  # «девочка на кассе, катя, сказала»: a pet name set off by commas names the one just spoken of
    if _cue_after(words, low, i):
        return True
    info = morph.word(words[i])
    return info.name + info.surname + info.patronymic >= SIGNATURE_MIN and _signature(words, low, i)


def _lowercase_surname(words: list[str], low: list[str], i: int) -> bool:
    """A lower-case word with a surname's ending right after a lower-case first name that is one: «тренер рустам
    галимзянов», «пашка мельников»."""
    if i == 0 or not words[i - 1].islower() or not SURNAME_SHAPE.search(low[i]) or len(low[i]) < 5:
        return False
    if morph.word(words[i]).common >= 0.5:
        return False
    return _lowercase_name(words[i - 1]) or _lowercase_cued(words, low, i - 1)


def _after_titled_surname(words: list[str], low: list[str], i: int) -> bool:
    """«бабуля сафиуллина гульсум»: after a kin-titled surname, a first name the dictionary does not know."""
    if i < 2 or not words[i].islower() or not words[i].isalpha() or morph.word(words[i]).known:
        return False
    return morph.word(words[i - 1]).surname >= 0.5 and _kin_titled(words, low, i - 1)


def _kin_titled(words: list[str], low: list[str], i: int) -> bool:
    """«дядя гена», «мама вики»: after a title of kin a weak name reading of a lower-case noun suffices."""
    prev = low[i - 1] if i > 0 else ""
    if not words[i].islower() or not (prev in KIN_TITLES or morph.lemma(prev) in KIN_TITLES):
        return False
    info = morph.word(words[i])
    if info.lemma in FOLK_CHARACTERS:
        return False  # «дед мороз придёт»: the New Year's guest, no one's grandfather
    # «бабуля сафиуллина»: a surname's reading counts as much as a first name's
    return info.pos == "NOUN" and info.name + info.surname >= KIN_TITLE_MIN


# what follows a person's name at a clause's start: «маринка наша руководитель», «кирюша мой», «Люба, держись!»,
# and where one is from — «люда с соседнего подъезда», «светик с почты», «жанка с фермы» — but not «галка с ветки»,
# «вера с детства»: a neighbour's or a workplace's word, or an adjective («с соседнего», «из пятой»)
OWNER_AFTER = frozenset({"мой", "наш"})
FROM_AFTER = frozenset({"с", "со", "из"})
FROM_PLACES = frozenset(
    "подъезд дом этаж улица двор квартира почта ферма магазин работа контора администрация школа садик сад "
    "больница аптека фап клуб бухгалтерия элеватор завод стройка участок".split()
)


def _cue_after(words: list[str], low: list[str], i: int) -> bool:
    """A word that may be a name, read as one by the words after it, where it opens a clause."""
    j = i + 1
    if j >= len(words) or not _clause_start(words, i):
        return False
    if words[j] == "," and j + 1 < len(words) and words[j + 1].isalpha() and _imperative(low[j + 1]):
        return True
    if not words[j].isalpha():
        return False
    if morph.lemma(low[j]) in OWNER_AFTER or _imperative(low[j]):
        return True
    if low[j] not in FROM_AFTER or j + 1 >= len(words) or not words[j + 1].isalpha():
        return False
    origin = morph.word(words[j + 1])
    if not any(r[0] == "gent" for r in origin.readings):
        return False
    return origin.pos in ("ADJF", "NUMR") or origin.lemma in FROM_PLACES


def _clause_start(words: list[str], i: int) -> bool:
    j = i - 1
    while j >= 0 and words[j] in ("«", "(", '"'):
        j -= 1
    return j < 0 or words[j] in morph.SENTENCE_END or words[j] in (",", "—", "-", ")")


@cache
def _imperative(token: str) -> bool:
    """The word's likeliest reading is an imperative: «держись», «помогите»."""
    parses = morph.analyzer().parse(token)
    return bool(parses) and parses[0].tag.POS == "VERB" and parses[0].tag.mood == "impr"


def _signature(words: list[str], low: list[str], i: int) -> bool:
    """The word is the post's last name, or one of two joined by «и», after its last sentence, comma or sign."""
    end = len(words)
    while True:
        while end > 0 and not words[end - 1][0].isalnum():
            end -= 1
        if end >= 2 and words[end - 2] == "#":
            end -= 2  # «мама троих, юля #мойка #заплавное»: the tags after the name are no part of the post
            continue
        break
    start = end
    while start > 0 and words[start - 1][0].isalpha():
        start -= 1
    tail = list(range(start, end))
    if i not in tail or len(tail) not in (1, 3) or (start > 0 and words[start - 1][0].isdigit()):
        return False
    if len(tail) == 3 and low[tail[1]] != "и":
        return False
    names = tail[::2]
    return all(
        words[k].islower() and morph.word(words[k]).pos == "NOUN" and _name_share(words[k])[0] >= SIGNATURE_MIN
        for k in names
    )


def _aged(words: list[str], low: list[str], i: int) -> bool:
    """An age right after the word: «Милана, 4 года», «Руслан, 12 лет» — a child named by its age."""
    return (
        i + 3 < len(words)
        and words[i + 1] == ","
        and words[i + 2].isdigit()
        and len(words[i + 2]) <= 2
        and morph.lemma(low[i + 3]) in AGE_WORDS
    )


def _shape_cued(words: list[str], low: list[str], i: int) -> bool:
    """A capitalised word with a surname's ending right after a person cue: «медсестра Кириллова», «фамилия
    Зайцев» — whatever the dictionary makes of the word (a town, hares)."""
    if not words[i][0].isupper() or not SURNAME_SHAPE.search(low[i]):
        return False
    j = i - 1
    if j >= 0 and low[j] == ":":
        j -= 1
    if j < 0 or not low[j].isalpha() or low[j] in RESIDENT_CUES or low[j] in NOT_LOWER_CUES:
        return False
    return low[j] in PERSON_CUES or morph.lemma(low[j]) in PERSON_CUES


def _lowercase_name(word: str) -> bool:
    if len(word) > 4 and morph.man_pet_name(morph.fold(word)) is not None:
        return True  # «тимурка», «русланчик»: the places were set aside before this is asked
    info = morph.word(word)
    share = info.name + info.surname + info.patronymic
    return info.known and share >= STRONG_ALONE and info.common <= 0.02 and len(word) > 3


def _name_share(word: str) -> tuple[float, float]:
    """(share of name readings, share of ordinary-word readings) of a capitalised word."""
    if word.islower() and len(word) > 4 and morph.man_pet_name(morph.fold(word)) is not None:
        return 1.0, 0.0  # «тимурка»: asked only of words that are not places
    info = morph.word(word.split("-")[0])
    return info.name + info.surname + info.patronymic, info.common


def _is_person(run: list[int], kinds: list, words: list[str], low: list[str], first: int) -> bool:
    names = [k for k in run if kinds[k] == "word"]
    initials = [k for k in run if kinds[k] == "initial"]
    if not names:
        return False
    shares = [_name_share(words[k]) for k in names]
    if initials:
        # beside initials any capitalised word is a surname («Лисина М.М.», «И.С. Волк»), a verb aside
        beside = [k for k in names if any(_initial_beside(kinds, k, o) for o in (k - 1, k + 1))]
        # («Е.П. Кюнтер»: a word the dictionary only guesses at is no verb it knows)
        if not any(share >= EDGE_MIN for share, _ in shares) and not any(
            morph.word(words[k]).pos not in ("VERB", "INFN") or not morph.word(words[k]).known for k in beside
        ):
            return False
    elif len(names) >= 2:
        strong = sum(share >= RUN_MIN for share, _ in shares)
        # «Любовь Павлова»: a first name that is also a word stands beside a surname
        if (
            strong < 2
            and not any(share >= 0.9 for share, _ in shares)
            and not (strong >= 1 and all(share >= EDGE_MIN for share, _ in shares))
        ):
            return False
    else:
        share, common = shares[0]
        lower = words[first].islower()
        cued = _cue_before(low, first) or (lower and _lowercase_cued(words, low, first))
        cued = cued or (not lower and _cue_after(words, low, first))
        mid_sentence = not _sentence_start(words, first)
        # at a sentence's start only a word that is nothing but a name («Клаве», «Ахмедова») is taken alone
        strong_anywhere = share >= STRONG_ALONE and common <= 0.05
        by_context = _shape_cued(words, low, first) or (share >= EDGE_MIN and common < 0.5 and _aged(words, low, first))
        # a capital in mid-sentence right after a person's word: «медсестре Гуле», «соседке Вере» — a weak name
        # reading suffices; after «фамилия» any capitalised word is one («(фамилия Зима)»)
        by_context = by_context or (not lower and mid_sentence and share >= EDGE_MIN and _cue_before(low, first))
        by_context = by_context or (not lower and _surname_named(low, first))
        by_context = by_context or (not lower and mid_sentence and share > 0 and _cue_agrees(words, low, first))
        by_context = by_context or (not lower and _apposed(low, first))
        if not (
            (share >= SINGLE_MIN and common < 0.5 and mid_sentence)
            or (cued and share >= CUED_MIN)
            or (lower and _kin_titled(words, low, first))
            or strong_anywhere
            or by_context
        ):
            return False
    return not _official(low, words, first)


def _quoted(low: list[str], start: int, end: int) -> int:
    """Tokens inside «…» between start and end."""
    count, depth = 0, 0
    for token in low[start:end]:
        if token in QUOTES_OPEN:
            depth += 1
        elif token in QUOTES_CLOSE:
            depth = max(0, depth - 1)
        elif depth:
            count += 1
    return count


def _cue_agrees(words: list[str], low: list[str], i: int) -> bool:
    """«приносит соседка Света»: right after a person's word in the nominative a capitalised word whose rare
    first-name reading is a nominative of the same gender is that name, though the dictionary mostly reads it as
    another word («света»)."""
    if i == 0 or not low[i - 1].isalpha() or morph.lemma(low[i - 1]) not in PERSON_CUES or low[i - 1] in NOT_LOWER_CUES:
        return False
    cue = {
        p.tag.gender
        for p in morph.analyzer().parse(low[i - 1])
        if p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing"
    }
    return any(
        "Name" in p.tag.grammemes and p.tag.case == "nomn" and p.tag.gender in cue
        for p in morph.analyzer().parse(words[i])
    )


def _surname_named(low: list[str], i: int) -> bool:
    """The word right after «фамилия» (or «по фамилии», «фамилия:») is the surname it names."""
    j = i - 1 if i > 0 and low[i - 1] != ":" else i - 2
    return j >= 0 and low[j].isalpha() and morph.lemma(low[j]) == "фамилия"


def _shortened(words: list[str], j: int) -> bool:
    """A single lower-case letter before a dot shortens a word: «м.р.», «г.о.»."""
    return len(words[j]) == 1 and words[j].isalpha() and words[j].islower()


def _sentence_start(words: list[str], i: int) -> bool:
    j = i - 1
    while j >= 0 and words[j] in ("«", "(", "—", "-", '"'):
        j -= 1
    return j < 0 or words[j] in morph.SENTENCE_END


def _cue_before(low: list[str], i: int) -> bool:
    for j in range(i - 1, max(-1, i - 4), -1):
        if low[j] in morph.SENTENCE_END:
            return False
        if low[j] in PERSON_CUES or morph.lemma(low[j]) in PERSON_CUES:
            return True
    return False


def _alone_cued(words: list[str], low: list[str], i: int) -> bool:
    """A lone capitalised word with no name reading is a name all the same by its context: its surname's ending
    and a cue, «фамилия …», a cue it agrees with, or set off by commas after a person's word."""
    return _shape_cued(words, low, i) or _surname_named(low, i) or _cue_agrees(words, low, i) or _apposed(low, i)


def _apposed(low: list[str], i: int) -> bool:
    """«Сосед, Шаповал, каждый вечер …»: a capitalised word set off by commas right after a person's word names
    that person, whatever else the dictionary makes of it."""
    if i < 2 or low[i - 1] != "," or i + 1 >= len(low) or low[i + 1] not in (",", "—"):
        return False
    cue = low[i - 2]
    return cue.isalpha() and (cue in PERSON_CUES or morph.lemma(cue) in PERSON_CUES) and cue not in NOT_LOWER_CUES


def _addressed_body(low: list[str], words: list[str], i: int) -> bool:
    """A letter whose first line is the body it goes to («В МКУ КУМИ», «В администрацию поселения»): the name in
    the dative opening the second line is its head's, the addressee."""
    k = i - 1
    if k < 2 or low[k] != "\n" or "\n" in low[:k] or not _to_body(low, k):
        return False
    return any(r[0] == "datv" for r in morph.word(words[i]).readings)


def _to_body(low: list[str], end: int) -> bool:
    """The letter opens with the body it goes to, in the tokens before `end`: «В МКУ «Комитет …»», «В центр
    занятости населения Борского района»."""
    if low[0] not in ("в", "во"):
        return False
    return any(t in ORG_FORMS or morph.lemma(t) in PUBLIC_BODIES for t in low[1:end] if t.isalpha())


HEADER_LINES = 3  # a post opening one of a letter's first lines, under the body's name, is that body's head's


def _official(low: list[str], words: list[str], i: int) -> bool:
    """A name after a leader's post in the same sentence, or addressed as «Уважаемый …», is an official's."""
    # a body's name in quotes counts as one word of the post: «Руководителю МКУ «Комитет по управлению
    # муниципальным имуществом» / муниципального района Борский / Гусаковой Л.Н.»
    if _addressed_body(low, words, i):
        return True
    reach = POST_REACH + _quoted(low, max(0, i - 3 * POST_REACH), i)
    for j in range(i - 1, max(-1, i - reach), -1):
        token = low[j]
        if (
            token == "."
            and j > 0
            and (low[j - 1] in ABBREVIATIONS or _shortened(words, j - 1) or _initial_dot(words, j))
        ):
            continue  # «староста с. Подсолнечное Никифоров В.А.», «администрации м.р. Борский»: no sentence ends
        next_line = morph.lemma(low[j + 1]) if j + 1 < i and low[j + 1].isalpha() else ""
        if token == "\n" and (
            j == i - 1
            or (j + 1 < i and words[j + 1][:1].islower())
            or next_line in PUBLIC_BODIES
            or next_line == "муниципальный"
        ):
            # a letter's addressee: «Главе сельского поселения Подгорное» on one line, the name on the next; a
            # line that opens in lower case goes on with the post («Начальнику отдела опеки / администрации района»)
            continue
        if token in morph.SENTENCE_END:
            return False
        if token in SALUTATION and j == i - 1:
            return True
        if token == "от":
            return False  # «Главному врачу … от Кривошеевой А.С.»: the letter's writer, not its addressee
        lemma = morph.lemma(token) if token.isalpha() else token
        # «участковый врач», «к участковому терапевту»: a doctor of a district, not the police's «участковый»
        if token.startswith("участков") and j + 1 < len(low) and morph.lemma(low[j + 1]) in DOCTORS:
            return False
        if lemma in LEADERS or token in LEADERS:
            return True
        if lemma in HEADS:
            classroom = j > 0 and morph.lemma(low[j - 1]) == "классный"
            # «В центр занятости населения … / руководителю Фроловой Ю.С.»: the body is on the line above
            under_body = j > 1 and low[j - 1] == "\n" and low[:j].count("\n") < HEADER_LINES and "от" not in low[:j]
            return not classroom and (
                any(morph.lemma(t) in PUBLIC_BODIES for t in low[j + 1 : i] if t.isalpha())
                or (under_body and _to_body(low, j - 1))
            )
        # «главного врача»: the dictionary reads «главного» as the noun «главное», so its stem is what counts
        if lemma == "врач" and j > 0 and low[j - 1].startswith("главн"):
            return True
        if lemma == "староста":
            nxt = morph.lemma(low[j + 1]) if j + 1 < len(low) else ""
            return j == i - 1 or nxt in PLACE_KINDS or nxt == "поселение"
        # the post must be the name's own: a verb, another person or a clause between them part the two
        if (token == "," and j != i - 1) or token in (":", ";", "—"):
            return False
        # «главу поселения Гарипова А.Ф. и тракториста Никиту Суслова»: a person's noun joined on by «и» is the
        # second person's own word, and the post before it is the first one's
        if j == i - 1 and j > 0 and low[j - 1] in ("и", ",") and token.isalpha() and lemma not in LEADERS | HEADS:
            if lemma not in DOCTORS and morph.animate_noun(token):
                return False
        info = morph.word(token) if token.isalpha() else None
        if info is not None and ((info.pos in ("VERB", "INFN", "PRTS") and not info.readings) or lemma in PERSON_CUES):
            return False
    return False


# a recipient's answer opens by addressing the resident: «Уважаемая Мария Петровна!», «Уважаемый Иванов И. И.,».
# In a resident's letter the same salutation addresses an official and the name stays; in an answer it is the
# private person the answer goes to
ANSWER_SALUTATION = re.compile(
    r"(?m)^(\s*[Уу]важаем\w*)\s+"
    r"((?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s*){1,3}(?:[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?)?)(?=\s*[!,.:]|\s*$)"
)


def mask_answers(texts: pd.Series, protected: frozenset[str] | None = None) -> pd.Series:
    """mask_series for recipients' answers: the name the answer addresses is masked first, then everything else
    as in a resident's text (officials with their post stay)."""

    def salutation(match: re.Match) -> str:
        return f"{match.group(1)} {MASK_NAME}"

    opened = pd.Series(
        [None if t is None or t is pd.NA or t != t else ANSWER_SALUTATION.sub(salutation, str(t)) for t in texts],
        index=texts.index,
        dtype="object",
    )
    return mask_series(opened, protected)
