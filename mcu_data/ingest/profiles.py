"""Source profiles: how each system names its columns and values, and how a file is recognised."""

from __future__ import annotations

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

STATUS_VALUES: dict[str, str] = {
    "новый": "new",
    "новое": "new",
    "зарегистрировано": "registered",
    "зарегистрирован": "registered",
    "в работе": "in_progress",
    "на рассмотрении": "in_progress",
    "на исполнении": "in_progress",
    "продлено": "extended",
    "срок продлён": "extended",
    "срок продлен": "extended",
    "ответ дан": "answered",
    "ответ опубликован": "answered",
    "дан ответ": "answered",
    "перенаправлено": "redirected",
    "передан по компетенции": "redirected",
    "направлено по компетенции": "redirected",
    "закрыт": "closed",
    "закрыто": "closed",
    "рассмотрено": "closed",
    "исполнено": "closed",
    "снято с контроля": "closed",
}
OUTCOME_VALUES: dict[str, str] = {
    "решено": "solved",
    "поддержано": "solved",
    "поддержано, меры приняты": "solved",
    "меры приняты": "solved",
    "разъяснено": "explained",
    "разъяснение": "explained",
    "отказано": "refused",
    "отказ": "refused",
    "не поддержано": "refused",
    "перенаправлено": "redirected",
    "переадресация": "redirected",
    "направлено по компетенции": "redirected",
    "отписка": "formal",
    "формальный ответ": "formal",
    "ответ не по существу": "formal",
}
CHANNEL_VALUES: dict[str, str] = {
    "вконтакте": "vk",
    "вк": "vk",
    "vk": "vk",
    "одноклассники": "ok",
    "ок": "ok",
    "telegram": "telegram",
    "телеграм": "telegram",
    "сми": "media",
    "письмо": "letter",
    "почта россии": "letter",
    "электронная почта": "email",
    "e-mail": "email",
    "интернет-приёмная": "site",
    "интернет-приемная": "site",
    "сайт": "site",
    "личный приём": "reception",
    "личный прием": "reception",
    "телефон": "phone",
    "госуслуги": "gosuslugi",
}
AUTHOR_VALUES: dict[str, str] = {
    "физическое лицо": "citizen",
    "гражданин": "citizen",
    "юридическое лицо": "organisation",
    "организация": "organisation",
    "аноним": "anonymous",
    "анонимно": "anonymous",
}
YES_VALUES = {"да", "yes", "true", "1", "+"}


@dataclass(frozen=True)
class SourceProfile:
    """Column aliases and defaults of one source system's export."""

    code: str
    source_code: str
    title_ru: str
    columns: dict[str, tuple[str, ...]]
    default_channel: str
    default_kind: str
    dayfirst: bool = True
    notes: dict[str, str] = field(default_factory=dict)

    def known_names(self) -> set[str]:
        return {alias for aliases in self.columns.values() for alias in aliases}

    def match(self, header: list[str]) -> dict[str, str]:
        """Canonical field -> the file's column, for the fields this file has."""
        lowered = {h.strip().lower(): h for h in header}
        found = {}
        for canon, aliases in self.columns.items():
            for alias in aliases:
                if alias.lower() in lowered:
                    found[canon] = lowered[alias.lower()]
                    break
        return found

    def to_canonical(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rename the file's columns to canonical fields; missing fields come as empty text."""
        mapping = self.match(list(frame.columns))
        out = pd.DataFrame(index=frame.index)
        for canon in CANONICAL_FIELDS:
            out[canon] = frame[mapping[canon]] if canon in mapping else ""
        return out.astype("str")


PROFILES: dict[str, SourceProfile] = {
    "pos": SourceProfile(
        code="pos",
        source_code="pos",
        title_ru="ПОС (Госуслуги «Решаем вместе»), выгрузка xlsx",
        columns={
            "source_id": ("Номер сообщения", "№ сообщения", "ID сообщения", "Идентификатор сообщения"),
            "received_at": ("Дата и время подачи", "Дата подачи", "Дата создания сообщения"),
            "rubric_group": ("Категория",),
            "rubric": ("Подкатегория",),
            "text": ("Текст сообщения", "Описание проблемы"),
            "address": ("Адрес", "Адрес проблемы"),
            "lat": ("Широта",),
            "lon": ("Долгота",),
            "recipient_raw": ("Ответственный", "Ответственный получатель"),
            "status_raw": ("Статус", "Статус сообщения"),
            "due_at": ("Срок ответа", "Плановая дата ответа"),
            "first_answer_at": ("Дата ответа", "Дата и время ответа"),
            "outcome_raw": ("Результат", "Результат рассмотрения"),
            "satisfaction_raw": ("Оценка заявителя", "Оценка ответа заявителем"),
            "author_raw": ("Тип заявителя",),
            "kind_raw": ("Подано в порядке 59-ФЗ",),
        },
        default_channel="gosuslugi",
        default_kind="message",
    ),
    "im": SourceProfile(
        code="im",
        source_code="im",
        title_ru="Инцидент менеджмент, выгрузка csv",
        columns={
            "source_id": ("ID", "ID инцидента", "Номер инцидента"),
            "received_at": ("Дата создания", "Дата публикации"),
            "channel_raw": ("Источник", "Соцсеть", "Площадка"),
            "rubric": ("Рубрика", "Подрубрика"),
            "text": ("Текст", "Текст публикации"),
            "recipient_raw": ("Ответственный", "Исполнитель"),
            "status_raw": ("Статус",),
            "first_reaction_at": ("Дата первой реакции",),
            "first_answer_at": ("Дата ответа",),
            "outcome_raw": ("Качество ответа", "Оценка ответа"),
        },
        default_channel="vk",
        default_kind="message",
    ),
    "fz59": SourceProfile(
        code="fz59",
        source_code="fz59",
        title_ru="Реестр обращений по 59-ФЗ (СЭД), выгрузка csv",
        columns={
            "source_id": ("Рег. №", "Рег.№", "Регистрационный номер", "Рег. номер"),
            "received_at": ("Дата поступления",),
            "registered_at": ("Дата регистрации",),
            "author_name": ("Корреспондент", "Заявитель"),
            "address": ("Адрес корреспондента", "Адрес заявителя"),
            "kind_raw": ("Вид обращения",),
            "channel_raw": ("Форма поступления", "Способ поступления"),
            "rubric": ("Тематика", "Вопрос по классификатору"),
            "text": ("Краткое содержание", "Содержание"),
            "recipient_raw": ("Исполнитель", "Ответственный исполнитель"),
            "due_at": ("Срок исполнения", "Контрольный срок"),
            "extended_due_at": ("Продлено до", "Срок продлён до"),
            "first_answer_at": ("Дата ответа", "Дата исполнения"),
            "outcome_raw": ("Результат рассмотрения",),
            "collective_raw": ("Коллективное",),
            "repeat_raw": ("Повторное",),
            "status_raw": ("Состояние", "Статус"),
        },
        default_channel="letter",
        default_kind="appeal_59fz",
    ),
}

ALL_KNOWN_COLUMNS: set[str] = set().union(*(p.known_names() for p in PROFILES.values()))


def detect(header: list[str]) -> tuple[SourceProfile | None, dict[str, int]]:
    """The profile naming most of this header; None when none has its id and date columns."""
    scores = {code: len(p.match(header)) for code, p in PROFILES.items()}
    usable = {
        code: score
        for code, score in scores.items()
        if all(f in PROFILES[code].match(header) for f in REQUIRED_FIELDS) and score >= 3
    }
    if not usable:
        return None, scores
    best = max(usable, key=usable.get)
    return PROFILES[best], scores


# what a saved column mapping of a generic file assumes, by the source it is declared to come from
CUSTOM_DEFAULTS: dict[str, tuple[str, str]] = {
    "pos": ("gosuslugi", "message"),
    "im": ("vk", "message"),
    "fz59": ("letter", "appeal_59fz"),
    "hotline": ("phone", "message"),
    "other": ("other", "message"),
}
CANONICAL_TITLES: dict[str, str] = {
    "source_id": "Номер в источнике (обязательно)",
    "received_at": "Дата поступления (обязательно)",
    "registered_at": "Дата регистрации",
    "due_at": "Срок ответа",
    "extended_due_at": "Продлённый срок",
    "first_reaction_at": "Дата первой реакции",
    "first_answer_at": "Дата ответа",
    "closed_at": "Дата закрытия",
    "status_raw": "Статус",
    "outcome_raw": "Результат",
    "rubric_group": "Рубрика (раздел)",
    "rubric": "Рубрика (подраздел)",
    "text": "Текст обращения",
    "address": "Адрес",
    "lat": "Широта",
    "lon": "Долгота",
    "recipient_raw": "Ответственный получатель",
    "author_raw": "Тип заявителя",
    "author_name": "Заявитель (не сохраняется)",
    "collective_raw": "Коллективное (да/нет)",
    "repeat_raw": "Повторное (да/нет)",
    "satisfaction_raw": "Оценка заявителя (1–5)",
    "channel_raw": "Канал или площадка",
    "kind_raw": "Подано по 59-ФЗ (да/нет)",
}


def custom_profile(name: str, source_code: str, mapping: dict[str, str]) -> SourceProfile:
    """A profile from a user's column mapping: canonical field -> the file's column name."""
    if source_code not in CUSTOM_DEFAULTS:
        raise ValueError(f"Неизвестный источник: {source_code}")
    unknown = set(mapping) - set(CANONICAL_FIELDS)
    if unknown:
        raise ValueError(f"Неизвестные поля сопоставления: {', '.join(sorted(unknown))}")
    missing = [CANONICAL_TITLES[f] for f in REQUIRED_FIELDS if not mapping.get(f)]
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
