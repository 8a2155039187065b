"""Masking of private persons' data in texts and addresses (152-ФЗ) before anything is stored."""

from __future__ import annotations

import re

import pandas as pd

MASK_NAME = "[ФИО]"
MASK_PHONE = "[телефон]"
MASK_EMAIL = "[e-mail]"
MASK_DOC = "[документ]"
MASK_NUMBER = "[номер]"

_UP = "А-ЯЁ"
_LO = "а-яё"
_SURNAME = rf"[{_UP}][{_LO}]+(?:ов|ев|ёв|ин|ын|ой|ова|ева|ёва|ина|ына|ая|ская|цкая|ский|цкий)"
# patronymics in any case, and with a letter or two of typo after them: Ивановича, Сергеевне, Анатольеван
_PATRONYMIC = rf"[{_UP}][{_LO}]+(?:вич|вн[аыеоу]|чн[аыеоу]|ьич|ич)[{_LO}]{{0,2}}"
_SURNAME_STRICT = rf"[{_UP}][{_LO}]+(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ская|цкая|ский|цкий)"
_ANY_WORDS = r"[а-яёА-ЯЁ]+(?:\s+[а-яёА-ЯЁ]+){0,2}"
# capitalised words that open a sentence, never a first name: «Жители Гвардейцев» is a place
_NOT_FIRST_NAME = r"(?!(?:Жители|Жителей|Пишу|Здравствуйте|Помогите|Глава|Главе|Администрация|Уважаемая|Уважаемый|Добрый|Доброго|Улиц[аеуы]|Село|Посёлок|Деревня|Район|Просим|Прошу|Больш[а-я]*|Мал[а-я]*|Нов[а-я]*|Стар[а-я]*|Верхн[а-я]*|Нижн[а-я]*|Красн[а-я]*)\b)"

# Order matters: e-mails before phones (logins hold digits), documents before phones.
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", MASK_EMAIL),
    # passport series and number: 36 12 345678, 3612 345678
    (r"(?<!\d)\d{2}\s?\d{2}\s?№?\s?\d{6}(?!\d)", MASK_DOC),
    # СНИЛС: 123-456-789 01
    (r"(?<!\d)\d{3}-\d{3}-\d{3}[\s-]\d{2}(?!\d)", MASK_DOC),
    # Russian phones: +7 or 8 and ten more digits, any separators between them
    (r"(?<![\d\w])(?:\+7|8)(?:[\s\-()]*\d){10}(?!\d)", MASK_PHONE),
    # local numbers with dashes: 2-12-34, 21-34-56
    (r"(?<!\d)\d{1,3}-\d{2}-\d{2}(?!\d)", MASK_PHONE),
    # house, flat and building numbers: «д. 5», «кв. 12», «дом 7/2» (not «дома 3 дня»)
    (
        r"(?i)\b(д\.|дом[а-я]{0,2}|кв\.|квартир[а-я]{0,2}|корп\.|корпус)\s*№?\s*\d+[а-я]?(?:/\d+)?"
        r"(?!\s*(?:дн|дня|дней|час|градус|недел|месяц|раз|год|лет|км|метр|%|°))(?![\d])",
        rf"\1 {MASK_NUMBER}",
    ),
    # whatever follows a signature or an introduction is a name, whatever its case or typos
    (rf"(?i)(с уважением,?\s+|меня зовут\s+|мо[её] имя\s+){_ANY_WORDS}", rf"\1{MASK_NAME}"),
    # Фамилия Имя Отчество, Имя Отчество Фамилия
    (rf"[{_UP}][{_LO}]+\s+[{_UP}][{_LO}]+\s+{_PATRONYMIC}\b", MASK_NAME),
    (rf"[{_UP}][{_LO}]+\s+{_PATRONYMIC}\s+[{_UP}][{_LO}]+", MASK_NAME),
    # Фамилия И.О., И.О. Фамилия (the last dot often lost)
    (rf"\b{_SURNAME}\s+[{_UP}]\.\s?[{_UP}]\.?", MASK_NAME),
    (rf"\b[{_UP}]\.\s?[{_UP}]\.\s?[{_UP}][{_LO}]+", MASK_NAME),
    # Имя Фамилия
    (rf"\b{_SURNAME_STRICT}\s+[{_UP}][{_LO}]+\s+[{_UP}][{_LO}]+", MASK_NAME),
    (rf"\b{_NOT_FIRST_NAME}[{_UP}][{_LO}]{{2,}}\s+{_SURNAME_STRICT}\b", MASK_NAME),
)
_COMPILED = tuple((re.compile(p), m.replace("\\1", "\\g<1>")) for p, m in PATTERNS)

# A private person's address keeps the place and street, never the house or flat.
_HOUSE = re.compile(r",?\s*(?:д\.|дом|кв\.|квартира|корп\.|стр\.)\s*[\w/-]+", re.IGNORECASE)


def mask_text(text: str | None) -> str | None:
    """One text with names, phones, e-mails and document numbers replaced by placeholders."""
    if text is None:
        return None
    for pattern, mask in _COMPILED:
        text = pattern.sub(mask, text)
    return text


def mask_series(texts: pd.Series) -> pd.Series:
    """The vectorised form of mask_text, for whole imports."""
    out = texts.astype("string")
    for pattern, mask in PATTERNS:
        out = out.str.replace(pattern, mask, regex=True)
    return out


def strip_house(addresses: pd.Series) -> pd.Series:
    """Drop house, flat and building numbers from addresses."""
    return addresses.astype("string").str.replace(_HOUSE.pattern, "", regex=True, flags=re.IGNORECASE).str.strip(" ,")
