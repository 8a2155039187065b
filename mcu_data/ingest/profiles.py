"""Source profiles: how each system names its columns, how a header is recognised, and a user's own mapping.

Headers are compared after folding case, «ё», line breaks and repeated spaces, and trailing colons: office
software and people write «Дата и время⏎подачи», «ДАТА ПОСТУПЛЕНИЯ», «Рег.№:». Every source knows the common
names of every field; a source adds its own names, and a few of them mark the source (a «Корреспондент»
column is a 59-ФЗ registry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

# Canonical fields a profile can fill; the names are those of the appeal table where one exists.
CANONICAL_FIELDS: tuple[str, ...] = (
    "source_id",
    "received_at",
    "registered_at",
    "due_at",
    "extended_due_at",
    "first_reaction_at",
    "first_answer_at",
    "closed_at",
    "status_raw",
    "outcome_raw",
    "rubric_group",
    "rubric",
    "text",
    "address",
    "place_raw",
    "lat",
    "lon",
    "recipient_raw",
    "author_raw",
    "author_name",
    "collective_raw",
    "repeat_raw",
    "satisfaction_raw",
    "channel_raw",
    "kind_raw",
    "answer_text",
)
REQUIRED_FIELDS = ("source_id", "received_at")
DATE_FIELDS = (
    "received_at",
    "registered_at",
    "due_at",
    "extended_due_at",
    "first_reaction_at",
    "first_answer_at",
    "closed_at",
)
# a row counter, never an appeal's number: «№ п/п», «№», «N»
ROW_COUNTERS = {"№ п/п", "№п/п", "n п/п", "№", "n", "п/п", "№ пп", "номер п/п", "порядковый номер"}

# names any export may give a field
COMMON: dict[str, tuple[str, ...]] = {
    "source_id": (
        "Номер обращения",
        "№ обращения",
        "Номер сообщения",
        "№ сообщения",
        "Регистрационный номер",
        "Рег. №",
        "Рег.№",
        "Рег. номер",
        "Рег №",
        "Номер регистрации",
        "Идентификатор",
        "ID",
        "Ид",
        "Код записи",
        "Номер заявки",
        "№ заявки",
        "Уникальный номер",
    ),
    "received_at": (
        "Дата поступления",
        "Дата и время поступления",
        "Дата поступления обращения",
        "Поступило",
        "Дата обращения",
        "Дата и время обращения",
        "Дата создания",
        "Дата и время создания",
        "Дата подачи",
        "Дата и время подачи",
        "Дата сообщения",
        "Дата публикации",
        "Создано",
        "Дата получения",
    ),
    "registered_at": ("Дата регистрации", "Дата рег.", "Дата рег", "Дата регистрации обращения", "Зарегистрировано"),
    "due_at": (
        "Срок ответа",
        "Срок исполнения",
        "Контрольный срок",
        "Срок рассмотрения",
        "Плановая дата ответа",
        "Плановый срок",
        "Крайний срок",
        "Срок",
    ),
    "extended_due_at": (
        "Продлено до",
        "Срок продлён до",
        "Срок продлен до",
        "Продлённый срок",
        "Продленный срок",
        "Новый срок",
    ),
    "first_reaction_at": ("Дата первой реакции", "Время первой реакции", "Первая реакция"),
    "first_answer_at": (
        "Дата ответа",
        "Дата и время ответа",
        "Время ответа",
        "Дата исполнения",
        "Дата направления ответа",
        "Дата ответа заявителю",
        "Ответ дан",
    ),
    "closed_at": ("Дата закрытия", "Дата снятия с контроля", "Закрыто"),
    "status_raw": ("Статус", "Статус обращения", "Статус сообщения", "Состояние", "Этап", "Отметка о выполнении"),
    "outcome_raw": ("Результат", "Результат рассмотрения", "Итог рассмотрения", "Итог", "Результат решения"),
    "rubric_group": ("Категория", "Раздел", "Группа тем"),
    "rubric": ("Подкатегория", "Рубрика", "Подрубрика", "Тематика", "Тема", "Вопрос по классификатору", "Вопрос"),
    "text": (
        "Текст",
        "Текст обращения",
        "Текст сообщения",
        "Содержание",
        "Содержание обращения",
        "Краткое содержание",
        "Суть обращения",
        "Суть вопроса",
        "Описание проблемы",
        "Описание",
        "Сообщение",
        "Текст поста",
        "Текст публикации",
        "Текст комментария",
        "Что случилось",
    ),
    "address": (
        "Адрес",
        "Адрес проблемы",
        "Адрес объекта",
        "Адрес места",
        "Местоположение",
        "Место",
        "Где",
        "Адрес заявителя",
        "Адрес корреспондента",
    ),
    "place_raw": (
        "Территория",
        "Населённый пункт",
        "Населенный пункт",
        "Поселение",
        "Сельское поселение",
        "Муниципальное образование",
    ),
    "lat": ("Широта", "lat", "latitude"),
    "lon": ("Долгота", "lon", "lng", "longitude"),
    "recipient_raw": (
        "Ответственный",
        "Ответственный получатель",
        "Ответственный исполнитель",
        "Исполнитель",
        "Получатель",
        "Кому направлено",
        "Кому передано",
        "Ответственный орган",
    ),
    "author_raw": ("Тип заявителя", "Категория заявителя"),
    "author_name": ("Заявитель", "Корреспондент", "ФИО заявителя", "Автор обращения"),
    "collective_raw": ("Коллективное", "Коллективное обращение"),
    "repeat_raw": ("Повторное", "Повторное обращение", "Повторно"),
    "satisfaction_raw": ("Оценка заявителя", "Оценка ответа заявителем", "Оценка пользователя"),
    "channel_raw": (
        "Канал",
        "Канал поступления",
        "Способ поступления",
        "Форма поступления",
        "Источник",
        "Соцсеть",
        "Социальная сеть",
        "Площадка",
    ),
    "kind_raw": ("Вид обращения", "Подано в порядке 59-ФЗ"),
    # the recipient's answer as ПОС exports name it; a registry or a social-media export with such a column too
    "answer_text": ("Текст ответа", "Ответ", "Ответ на сообщение", "Содержание ответа", "Ответ заявителю"),
}


def header_key(name: object) -> str:
    """A header as compared: lower case, «е» for «ё», single spaces, no trailing colon or full stop."""
    text = str(name).replace("\u00a0", " ").replace("ё", "е").replace("Ё", "Е").lower()
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(":.").strip()


@dataclass(frozen=True)
class SourceProfile:
    """Column names of one source system's export, and what a row of it means by default."""

    code: str
    source_code: str
    title_ru: str
    columns: dict[str, tuple[str, ...]]
    default_channel: str
    default_kind: str
    markers: tuple[str, ...] = ()  # names only this source writes
    own: tuple[str, ...] = ()  # the names the source itself uses, beside the common ones every export may use
    notes: dict[str, str] = field(default_factory=dict)

    def known_names(self) -> set[str]:
        return {alias for aliases in self.columns.values() for alias in aliases}

    def match(self, header: list[str]) -> dict[str, str]:
        """Canonical field -> the file's column, for the fields this file has; a column serves one field."""
        by_key: dict[str, str] = {}
        for h in header:
            by_key.setdefault(header_key(h), h)
        found: dict[str, str] = {}
        taken: set[str] = set()
        for canon, aliases in self.columns.items():
            for alias in aliases:
                column = by_key.get(header_key(alias))
                if column is not None and column not in taken:
                    found[canon] = column
                    taken.add(column)
                    break
        return found

    def to_canonical(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rename the file's columns to canonical fields; missing fields come as empty text."""
        mapping = self.match(list(frame.columns))
        out = pd.DataFrame(index=frame.index)
        for canon in CANONICAL_FIELDS:
            out[canon] = frame[mapping[canon]] if canon in mapping else ""
        if "received_at" not in mapping and "registered_at" in mapping:
            # a registry with no receipt date: the registration date, three days at most later, stands in
            out["received_at"] = frame[mapping["registered_at"]]
        return out.astype("str")


def _merged(own: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """A source's own names first, then the common ones; the order of fields is the canonical one."""
    return {
        canon: tuple(dict.fromkeys((*own.get(canon, ()), *COMMON.get(canon, ()))))
        for canon in CANONICAL_FIELDS
        if own.get(canon) or COMMON.get(canon)
    }


POS_OWN: dict[str, tuple[str, ...]] = {
    "source_id": ("Номер сообщения", "№ сообщения", "ID сообщения", "Идентификатор сообщения"),
    "received_at": ("Дата и время подачи", "Дата подачи", "Дата создания сообщения"),
    "satisfaction_raw": ("Оценка заявителя", "Оценка ответа заявителем", "Оценка"),
    "kind_raw": ("Подано в порядке 59-ФЗ",),
}  # fmt: skip

IM_OWN: dict[str, tuple[str, ...]] = {
    "source_id": ("ID", "ID инцидента", "Номер инцидента", "№ инцидента"),
    "received_at": ("Дата создания", "Дата публикации", "Дата и время публикации"),
    "channel_raw": ("Источник", "Соцсеть", "Площадка"),
    "text": ("Текст", "Текст публикации", "Текст поста"),
    "outcome_raw": ("Качество ответа", "Оценка ответа"),
}  # fmt: skip

FZ59_OWN: dict[str, tuple[str, ...]] = {
    "source_id": ("Рег. №", "Рег.№", "Регистрационный номер", "Рег. номер"),
    "received_at": ("Дата поступления",),
    "author_name": ("Корреспондент", "Заявитель"),
    "address": ("Адрес корреспондента", "Адрес заявителя"),
    "text": ("Краткое содержание", "Содержание"),
}  # fmt: skip


def _own(names: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(alias for aliases in names.values() for alias in aliases)


PROFILES: dict[str, SourceProfile] = {
    "pos": SourceProfile(
        code="pos",
        source_code="pos",
        title_ru="ПОС (Госуслуги «Решаем вместе»), выгрузка xlsx",
        columns=_merged(POS_OWN),
        own=_own(POS_OWN),
        default_channel="gosuslugi",
        default_kind="message",
        markers=("Номер сообщения", "№ сообщения", "Дата и время подачи", "Подкатегория", "Оценка заявителя", "Широта"),
    ),
    "im": SourceProfile(
        code="im",
        source_code="im",
        title_ru="Инцидент менеджмент, выгрузка csv",
        columns=_merged(IM_OWN),
        own=_own(IM_OWN),
        default_channel="vk",
        default_kind="message",
        markers=(
            "ID инцидента",
            "Номер инцидента",
            "Соцсеть",
            "Площадка",
            "Текст поста",
            "Текст публикации",
            "Качество ответа",
            "Дата первой реакции",
        ),
    ),
    "fz59": SourceProfile(
        code="fz59",
        source_code="fz59",
        title_ru="Реестр обращений по 59-ФЗ (СЭД), выгрузка csv",
        columns=_merged(FZ59_OWN),
        own=_own(FZ59_OWN),
        default_channel="letter",
        default_kind="appeal_59fz",
        markers=(
            "Рег. №",
            "Рег.№",
            "Регистрационный номер",
            "Корреспондент",
            "Краткое содержание",
            "Вид обращения",
            "Форма поступления",
            "Вопрос по классификатору",
            "Контрольный срок",
        ),
    ),
}

ALL_KNOWN_COLUMNS: set[str] = set().union(*(p.known_names() for p in PROFILES.values()))
KNOWN_KEYS: set[str] = {header_key(name) for name in ALL_KNOWN_COLUMNS}


def has_required(profile: SourceProfile, header: list[str]) -> bool:
    """The id and a receipt date (or a registration date standing in for it)."""
    found = profile.match(header)
    return "source_id" in found and ("received_at" in found or "registered_at" in found)


def marker_hits(profile: SourceProfile, header: list[str]) -> int:
    keys = {header_key(h) for h in header}
    return sum(1 for m in profile.markers if header_key(m) in keys)


def detect(header: list[str]) -> tuple[SourceProfile | None, dict[str, int]]:
    """The profile that names most of this header: a field found counts 1, under a name the source itself uses 3
    (a «Дата создания» is common, but it is how «Инцидент менеджмент» names it), a marker 3 more; None without
    an id and a date."""
    keys = {header_key(h) for h in header}
    scores = {}
    for code, p in PROFILES.items():
        own = {header_key(n) for n in p.own}
        scores[code] = len(p.match(header)) + 2 * sum(1 for k in keys if k in own) + 3 * marker_hits(p, header)
    usable = {code: s for code, s in scores.items() if has_required(PROFILES[code], header) and s >= 3}
    if not usable:
        return None, scores
    return PROFILES[max(usable, key=usable.get)], scores


def unused_columns(profile: SourceProfile, header: list[str]) -> list[str]:
    """The file's columns no field took: said in the report, so that nothing is dropped without a word."""
    used = set(profile.match(header).values())
    return [h for h in header if h not in used and not h.startswith("Столбец ")]


TEXT_LIKE = re.compile(r"текст|содержан|суть|описан|сообщен|комментар|обращени|вопрос|жалоб")


def text_like_unmapped(profile: SourceProfile, frame: pd.DataFrame) -> list[str]:
    """Columns that look like the appeal's text (by name or by long cells) while no column is mapped to text."""
    if "text" in profile.match(list(frame.columns)):
        return []
    found = []
    for column in unused_columns(profile, list(frame.columns)):
        if header_key(column) in ROW_COUNTERS:
            continue
        long_cells = frame[column].str.len().fillna(0).mean() if len(frame) else 0
        if TEXT_LIKE.search(header_key(column)) or long_cells >= 40:
            found.append(column)
    return found


# what a saved column mapping of a generic file assumes, by the source it is declared to come from
CUSTOM_DEFAULTS: dict[str, tuple[str, str]] = {
    "pos": ("gosuslugi", "message"),
    "im": ("vk", "message"),
    "fz59": ("letter", "appeal_59fz"),
    "hotline": ("phone", "message"),
    "other": ("other", "message"),
}


def custom_profile(name: str, source_code: str, mapping: dict[str, str]) -> SourceProfile:
    """A profile from a user's column mapping: canonical field -> the file's column name."""
    if source_code not in CUSTOM_DEFAULTS:
        raise ValueError(f"Неизвестный источник: {source_code}")
    unknown = set(mapping) - set(CANONICAL_FIELDS)
    if unknown:
        raise ValueError(f"Неизвестные поля сопоставления: {', '.join(sorted(unknown))}")
    from mcu_data.core.locale import label

    missing = [label("field", f) for f in REQUIRED_FIELDS if not mapping.get(f)]
    if missing:
        raise ValueError("Не сопоставлены обязательные поля: " + "; ".join(missing))
    channel, kind = CUSTOM_DEFAULTS[source_code]
    return SourceProfile(
        code=f"custom:{name}",
        source_code=source_code,
        title_ru=f"Профиль «{name}»",
        columns={canon: (column,) for canon, column in mapping.items() if column},
        default_channel=channel,
        default_kind=kind,
    )


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`field=column` pairs from the command line into a mapping; a Russian message for a malformed one."""
    mapping = {}
    for pair in pairs:
        canon, sep, column = pair.partition("=")
        if not sep or not canon.strip() or not column.strip():
            raise ValueError(f"Сопоставление «{pair}» не в виде поле=столбец, например received_at=Дата поступления")
        mapping[canon.strip()] = column.strip()
    return mapping


AUTHOR_VALUES: dict[str, str] = {
    "физическое лицо": "citizen",
    "гражданин": "citizen",
    "юридическое лицо": "organisation",
    "организация": "organisation",
    "аноним": "anonymous",
    "анонимно": "anonymous",
}
YES_VALUES = {"да", "yes", "true", "1", "+"}
