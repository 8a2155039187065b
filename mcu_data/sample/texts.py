"""Free Russian text for sample appeals: fragments combined at random, with typos and personal data."""

from __future__ import annotations

import numpy as np

# Forms residents use: (nominative, locative after «в», genitive after «из/у/до»), by settlement.
PLACES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "36612404": (
        ("Большое Алдаркино", "Большом Алдаркино", "Большого Алдаркина"),
        ("пос. Лесной", "пос. Лесном", "пос. Лесного"),
    ),
    "36612408": (
        ("Борское", "Борском", "Борского"),
        ("с. Борское", "с. Борское", "с. Борское"),
        ("Немчанка", "Немчанке", "Немчанки"),
    ),
    "36612412": (("Гвардейцы", "Гвардейцах", "Гвардейцев"),),
    "36612416": (("Долматовка", "Долматовке", "Долматовки"),),
    "36612420": (("Заплавное", "Заплавном", "Заплавного"), ("пос. Мойка", "пос. Мойке", "пос. Мойки")),
    "36612424": (("Коноваловка", "Коноваловке", "Коноваловки"),),
    "36612428": (("Новоборский", "Новоборском", "Новоборского"),),
    "36612432": (("Новый Кутулук", "Новом Кутулуке", "Нового Кутулука"),),
    "36612436": (("Петровка", "Петровке", "Петровки"), ("с. Петровка", "с. Петровка", "с. Петровка")),
    "36612440": (("пос. Подгорный", "пос. Подгорном", "пос. Подгорного"),),
    "36612444": (("Подсолнечное", "Подсолнечном", "Подсолнечного"),),
    "36612448": (("Таволжанка", "Таволжанке", "Таволжанки"),),
    "36612452": (("Усманка", "Усманке", "Усманки"),),
}

# Misspellings residents make in place names; the gazetteer must still resolve them.
MISSPELLED: dict[str, str] = {
    "Петровке": "Петровкe",  # Latin e, a real kind of typo in copied text
    "Долматовке": "Долмотовке",
    "Коноваловке": "Коноваловки",
    "Таволжанке": "Таволжанки",
}

STREETS = (
    "Ленина",
    "Советская",
    "Садовая",
    "Молодёжная",
    "Школьная",
    "Набережная",
    "Центральная",
    "Мира",
    "Кооперативная",
    "Октябрьская",
    "Почтовая",
    "Лесная",
    "Полевая",
    "Заречная",
    "Гагарина",
    "Чапаева",
    "Победы",
    "Комсомольская",
    "Строителей",
    "Рабочая",
)

FIRST_M = (
    "Александр",
    "Сергей",
    "Владимир",
    "Николай",
    "Андрей",
    "Алексей",
    "Иван",
    "Дмитрий",
    "Михаил",
    "Виктор",
    "Юрий",
    "Олег",
    "Павел",
    "Геннадий",
)
FIRST_F = (
    "Елена",
    "Ольга",
    "Татьяна",
    "Наталья",
    "Ирина",
    "Светлана",
    "Мария",
    "Анна",
    "Людмила",
    "Галина",
    "Валентина",
    "Надежда",
    "Екатерина",
    "Любовь",
)
SURNAMES = (
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
)
PATRONYMIC_BASE = (
    "Александров",
    "Сергеев",
    "Владимиров",
    "Николаев",
    "Иванов",
    "Петров",
    "Викторов",
    "Юрьев",
    "Михайлов",
    "Васильев",
    "Геннадьев",
    "Анатольев",
)
TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "c",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ы": "y",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "ь": "",
        "ъ": "",
    }
)

GREETINGS = (
    "Здравствуйте!",
    "Добрый день.",
    "Доброго времени суток!",
    "Здравствуйте.",
    "",
    "",
    "",
    "Уважаемая администрация!",
    "Глава, обратите внимание!",
    "Помогите!",
)
LOCATION_LEADS = (
    "У нас в {loc}",
    "Жители {gen} просят разобраться:",
    "Я живу в {loc},",
    "Пишу из {gen}.",
    "{Nom}, ул. {street}.",
    "В {loc}",
    "",
)
ADDITIONS = (
    "Звонили в администрацию, там сказали ждать.",
    "Обращаемся уже не первый раз!",
    "Сколько можно терпеть?",
    "Фото прилагаю.",
    "Это продолжается с прошлой недели.",
    "Прошу принять меры.",
    "Пожилые люди не могут сами решить эту проблему.",
    "Ответа до сих пор нет.",
    "Заранее спасибо.",
    "Примите меры пока не случилась беда",
    "Куда смотрит глава поселения???",
    "Писали в группу поселения, комментарии удаляют.",
    "",
    "",
)
CLOSINGS = (
    "С уважением, {name}.",
    "{name}, тел. {phone}",
    "Мой телефон {phone}.",
    "Ответ прошу направить на почту {email}",
    "Звоните: {phone}",
    "Паспорт {passport}, прошу ответить письменно.",
    "{name_short}",
    "",
    "",
    "",
    "",
)


def _person(rng: np.random.Generator) -> dict[str, str]:
    female = rng.random() < 0.6
    first = str(rng.choice(FIRST_F if female else FIRST_M))
    surname = str(rng.choice(SURNAMES)) + ("а" if female else "")
    base = str(rng.choice(PATRONYMIC_BASE))
    patronymic = base + ("на" if female else "ич")
    phone_digits = "".join(str(d) for d in rng.integers(0, 10, 7))
    op = str(rng.choice(("927", "937", "917", "987", "903")))
    phone = str(
        rng.choice(
            (
                f"8{op}{phone_digits}",
                f"+7 ({op}) {phone_digits[:3]}-{phone_digits[3:5]}-{phone_digits[5:]}",
                f"8-{op}-{phone_digits[:3]}-{phone_digits[3:5]}-{phone_digits[5:]}",
                f"8 84667 {phone_digits[:1]}-{phone_digits[1:3]}-{phone_digits[3:5]}",
            )
        )
    )
    login = surname.lower().translate(TRANSLIT) + str(rng.integers(10, 99))
    email = f"{login}@{rng.choice(('mail.ru', 'yandex.ru', 'bk.ru', 'gmail.com'))}"
    passport = f"36 {rng.integers(10, 99)} {rng.integers(100000, 999999)}"
    return {
        "name": f"{surname} {first} {patronymic}",
        "name_short": f"{surname} {first[0]}.{patronymic[0]}.",
        "phone": phone,
        "email": email,
        "passport": passport,
    }


def _typos(text: str, rng: np.random.Generator) -> str:
    """Colloquial noise: a swapped pair of letters, lost commas, no capital, repeated marks."""
    chars = list(text)
    if rng.random() < 0.25 and len(chars) > 20:
        i = int(rng.integers(5, len(chars) - 2))
        if chars[i].isalpha() and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    text = "".join(chars)
    if rng.random() < 0.3:
        text = text.replace(",", "")
    if rng.random() < 0.2:
        text = text[:1].lower() + text[1:]
    if rng.random() < 0.1:
        text = text.rstrip(".") + "!!!"
    return text


def compose(
    phrase: str,
    settlement_oktmo: str,
    rng: np.random.Generator,
    with_personal: float = 0.35,
    misspell: float = 0.04,
) -> str:
    """A resident's message on one problem in one settlement."""
    nom, loc, gen = PLACES[settlement_oktmo][int(rng.integers(0, len(PLACES[settlement_oktmo])))]
    if rng.random() < misspell:
        loc = MISSPELLED.get(loc, loc)
    street = str(rng.choice(STREETS))
    fill = {
        "loc": loc,
        "gen": gen,
        "Nom": nom,
        "street": street,
        "days": str(rng.integers(2, 6)),
        "temp": str(rng.integers(12, 17)),
        "km": str(rng.integers(2, 5)),
    }
    names_place = "{loc}" in phrase or "{gen}" in phrase
    # a phrase that names the place already takes a lead without one
    lead = "" if names_place and rng.random() < 0.7 else str(rng.choice(LOCATION_LEADS))
    body = phrase.format(**fill)
    # a message must name its place somewhere unless the body already does
    if not names_place and not lead:
        lead = "В {loc}" if rng.random() < 0.8 else ""
    parts = [str(rng.choice(GREETINGS))]
    if lead:
        lead_text = lead.format(**fill)
        parts.append(
            f"{lead_text} {body}" if not lead_text.endswith((".", ":")) else f"{lead_text} {body[:1].upper()}{body[1:]}"
        )
    else:
        parts.append(body[:1].upper() + body[1:])
    parts[-1] = parts[-1].rstrip() + "."
    for _ in range(int(rng.integers(0, 3))):
        parts.append(str(rng.choice(ADDITIONS)))
    if rng.random() < with_personal:
        person = _person(rng)
        parts.append(str(rng.choice(CLOSINGS[:7])).format(**person))
        if rng.random() < 0.15:
            parts.insert(1, f"Меня зовут {person['name'].split()[1]} {person['name'].split()[0]}.")
    text = " ".join(p for p in parts if p)
    return _typos(text, rng)
