"""Russian labels for codes, and Russian number and date formats."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

LABELS: dict[str, dict[str, str]] = {
    "mail_kind": {
        "weekly": "Еженедельная записка",
        "daily": "Сроки на сегодня",
        "growth": "Новая точка роста",
        "test": "Пробное письмо",
    },
    "mail_state": {
        "queued": "в очереди",
        "retry": "повтор",
        "sent": "отправлено",
        "failed": "не отправлено",
    },
    "contact_kind": {
        "curator": "Куратор (записка)",
        "head": "Глава района (записка)",
        "responsible": "Ответственный получателя (сроки)",
        "leader": "Руководитель сектора (точки роста)",
    },
    "source": {
        "pos": "ПОС (Госуслуги «Решаем вместе»)",
        "im": "Инцидент менеджмент",
        "fz59": "Обращения по 59-ФЗ",
        "hotline": "Горячая линия",
        "other": "Прочие источники",
        "survey": "Опрос жителей",
        "official_pages": "Госпаблики (активность страниц)",
    },
    "source_short": {
        "pos": "ПОС",
        "im": "Инцидент менеджмент",
        "fz59": "59-ФЗ",
        "hotline": "Горячая линия",
        "other": "Прочие",
        "survey": "Опросы",
        "official_pages": "Госпаблики",
    },
    "channel": {
        "gosuslugi": "Госуслуги",
        "vk": "ВКонтакте",
        "ok": "Одноклассники",
        "telegram": "Telegram",
        "media": "СМИ",
        "site": "Интернет-приёмная",
        "letter": "Письмо",
        "email": "Электронная почта",
        "reception": "Личный приём",
        "phone": "Телефон",
        "other": "Иное",
        "unknown": "не распознано",
    },
    "kind": {
        "appeal_59fz": "Обращение (59-ФЗ)",
        "message": "Сообщение",
    },
    "status": {
        "new": "Новое",
        "registered": "Зарегистрировано",
        "in_progress": "В работе",
        "extended": "Срок продлён",
        "answered": "Дан ответ",
        "redirected": "Перенаправлено",
        "closed": "Закрыто",
        "unknown": "не распознано",
    },
    "status_group": {"open": "Ожидает ответа", "done": "Ответ дан", "unknown": "Не распознано"},
    "outcome": {
        "solved": "Решено",
        "explained": "Разъяснено",
        "refused": "Отказано",
        "redirected": "Перенаправлено",
        "formal": "Формальный ответ («отписка»)",
        "unknown": "не распознано",
    },
    "outcome_group": {
        "fixed": "Проблема решена",
        "answered": "Ответ без решения",
        "redirected": "Перенаправлено",
        "formal": "Отписка",
        "unknown": "Не распознано",
    },
    "author_type": {
        "citizen": "Гражданин",
        "organisation": "Организация",
        "anonymous": "Аноним",
    },
    "provenance": {
        "given": "указано в источнике",
        "mapped": "по таблице соответствия",
        "predicted": "определено по тексту",
        "corrected": "исправлено вручную",
    },
    "unit": {
        "calendar_days": "календарных дней",
        "working_days": "рабочих дней",
        "working_hours": "рабочих часов",
    },
    "count_unit": {
        "message": "Сообщения",
        "incident": "Инциденты",
    },
    "axis": {
        "settlement": "Поселения",
        "recipient": "Получатели",
        "week": "Недели",
    },
    "metric": {
        "count": "Число обращений",
        "per_1000": "На 1 000 жителей",
        "change_pct": "Изменение к прошлому периоду, %",
        "change_abs": "Изменение к прошлому периоду, обращений",
        "overdue_share": "Доля просроченных (с опозданием или без ответа после срока)",
        "formal_share": "Доля формальных ответов",
    },
    "role": {
        "curator": "Куратор / руководитель МЦУ",
        "channel_officer": "Ответственный за канал",
        "sector_leader": "Руководитель отраслевого блока",
        "settlement_head": "Глава сельского поселения",
        "observer": "Наблюдатель / экран",
    },
    "action": {
        "view_aggregates": "просмотр показателей",
        "view_appeals": "просмотр отдельных обращений",
        "export": "выгрузка файлов",
        "import": "загрузка выгрузок",
        "undo": "отмена загрузки",
        "save_profile": "сохранение сопоставления столбцов",
        "edit_measure": "изменение мероприятий дорожных карт",
        "correct": "исправление тем и поселений",
        "edit_rules": "изменение правил, весов, показателей и справочников",
        "manage_users": "управление пользователями",
        "manage_mail": "настройка рассылки",
        "view_audit": "просмотр журнала действий",
        "purge": "удаление старых обращений",
        "edit_note": "правка и отправка еженедельной записки",
    },
    "audit_action": {
        "mail_sent": "письмо отправлено",
        "mail_failed": "письмо не отправлено",
        "mail_resend": "письмо поставлено на повторную отправку",
        "mail_test": "пробное письмо",
        "mail_schedule": "расписание рассылки",
        "mail_contacts": "адресаты рассылки",
        "incident_merge": "объединение инцидентов",
        "incident_split": "разделение инцидента",
        "sign_in": "вход",
        "sign_in_failed": "неудачный вход",
        "sign_out": "выход",
        "session_ended": "сеанс завершён",
        "password_changed": "смена пароля",
        "import": "загрузка",
        "undo": "отмена загрузки",
        "profile_saved": "сопоставление столбцов",
        "correction": "исправление темы или поселения",
        "measure_created": "мероприятие создано",
        "measure_changed": "мероприятие изменено",
        "rule_changed": "правило сроков",
        "weights_changed": "веса рейтинга",
        "indicator_value": "показатель ЦУР",
        "boundaries_loaded": "слой границ",
        "user_saved": "пользователь",
        "export": "выгрузка файла",
        "purge": "удаление старых обращений",
        "retention_set": "срок хранения",
        "screen_key_issued": "выдан ключ показа",
        "screen_key_revoked": "отозван ключ показа",
        "api_token_issued": "выдан ключ API",
        "note_saved": "записка сохранена",
        "note_sent": "записка отправлена",
        "note_reopened": "записка открыта для правки",
        "note_rules": "правила предложений записки",
        "api_token_revoked": "отозван ключ API",
        "import_refused": "файл не загружен",
        "profile_deleted": "удалён профиль загрузки",
        "value_mapped": "значение внесено в справочник",
        "answer_decision": "решение по «вероятной отписке»",
        "targets_changed": "цели удовлетворённости",
        "pages_silence_changed": "порог молчания госпабликов",
    },
    "deadline_state": {
        "on_time": "Ответ в срок",
        "late": "Ответ с опозданием",
        "answered_no_due": "Ответ дан, срока нет",
        "open_past_due": "Без ответа, срок прошёл",
        "not_yet_due": "Срок ещё не наступил",
        "open_no_due": "Без ответа, срока нет",
        "closed_no_answer": "Закрыто без ответа",
    },
    "deadline_list": {
        "overdue_now": "Просрочено сейчас (за всё время)",
        "due_soon": "Срок в ближайшие 2 рабочих дня",
        "open_past_due": "Без ответа, срок прошёл (за период)",
        "late": "Ответ с опозданием (за период)",
        "on_time": "Ответ в срок (за период)",
        "not_yet_due": "Срок ещё не наступил (за период)",
        "formal": "Формальный ответ (за период)",
    },
    "measure_state": {
        "planned": "Запланировано",
        "in_progress": "Выполняется",
        "done": "Выполнено",
        "overdue": "Просрочено",
        "cancelled": "Отменено",
    },
    "batch_status": {
        "done": "загружена",
        "undone": "отменена",
        "running": "прервана",
        "refused": "не загружен: файл отклонён",
    },
    "recipient_kind": {
        "department": "Отдел администрации",
        "institution": "Учреждение",
        "settlement_admin": "Администрация поселения",
    },
    "answer_reason": {
        "no_answer_to_question": "Не отвечает на заданный вопрос",
        "promise_without_date": "Обещание без срока",
        "mostly_legal_references": "Ссылки на законы вместо ответа",
        "no_evidence": "Нет подтверждения сделанного",
        "contradiction": "Противоречит вопросу",
    },
    "conflict_signal": {
        "repeat_after_formal": "Повтор после формального ответа",
        "escalation": "Обращение выше",
        "ignored_or_deleted": "Удаляют или не отвечают",
        "collective": "Коллективное обращение",
        "sharp_tone": "Резкий тон",
        "contradiction": "Противоречие ответов",
    },
    "contradiction_kind": {
        "done_then_not_done": "тогда — «выполнено», теперь — «запланировано» или «ведутся работы»",
        "promise_then_denied": "тогда — обещание, теперь — «не планируется» или отказ",
        "refused_then_promised": "тогда — отказ, теперь — обещание или «выполнено» без объяснения, что изменилось",
        "norm_then_fix": "тогда — «нарушений нет, всё в норме», теперь — обещание устранить",
        "date_moved": "тогда — один срок, теперь — более поздний, без причины",
    },
    "answer_verdict": {"confirmed": "отписка подтверждена", "rejected": "отметка отклонена"},
    "rating_component": {
        "timeliness": "Своевременность",
        "completeness": "Ответы по существу",
        "satisfaction": "Оценка жителей",
        "repeats": "Повторные обращения",
        "volume": "Число обращений",
        "pages_answered": "Ответы в госпабликах",
    },
    "field": {
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
        "place_raw": "Населённый пункт или поселение",
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
        "answer_text": "Текст ответа получателя",
    },
    "date_field": {
        "received_at": "дата поступления",
        "registered_at": "дата регистрации",
        "due_at": "срок ответа",
        "extended_due_at": "продлённый срок",
        "first_reaction_at": "дата первой реакции",
        "first_answer_at": "дата ответа",
        "closed_at": "дата закрытия",
    },
    "value_field": {"status": "статус", "outcome": "результат", "channel": "канал"},
    "date_flag": {"future": "дата поступления в будущем", "before_2000": "дата поступления раньше 2000 года"},
    "skip_kind": {
        "blank": "пустая строка",
        "total": "строка итогов",
        "subtotal": "промежуточный итог",
        "generated": "подпись выгрузки",
        "signature": "подпись исполнителя",
    },
    "reject_reason": {
        "no_id": "нет номера обращения",
        "no_received_at": "нет даты поступления",
        "bad_date": "неверная дата",
        "bad_rating": "оценка не от 1 до 5",
        "cell_too_long": "ячейка длиннее 32 767 знаков",
        "no_survey_date": "нет даты опроса",
        "no_question": "нет текста вопроса",
        "no_answer": "нет ответа",
        "no_page": "нет названия и адреса страницы",
        "no_day": "нет даты",
        "bad_number": "не число",
        "answered_over_comments": "ответов больше, чем комментариев",
        "duplicate_day": "повтор дня страницы в файле",
        "other": "иная причина",
    },
    "import_origin": {"page": "страница", "cli": "командная строка", "api": "API", "inbox": "папка загрузки"},
    "target_unit": {
        "timeliness": "%",
        "completeness": "%",
        "repeats": "%",
        "satisfaction": "балл от 1 до 5",
        "volume": "обращений",
        "pages_answered": "%",
    },
    "unranked": {
        "few_appeals": "мало обращений для оценки",
        "no_base": "нет ответов, по которым можно судить",
    },
    "rating_view": {"all": "Все каналы", "im": "Инцидент менеджмент", "pos": "ПОС"},
    "slide": {
        "overview": "Обзор недели",
        "map": "Карта поселений",
        "matrix": "Темы × поселения",
        "deadlines": "Сроки ответов",
        "rating": "Рейтинг получателей",
        "roadmaps": "Дорожные карты",
    },
    "effect": {
        "decreased": "снизилось",
        "unchanged": "без изменений",
        "increased": "выросло",
        "insufficient": "мало данных для вывода",
    },
    "effect_group": {"treated": "Поселения мероприятия", "control": "Другие поселения"},
    "yes_no": {"yes": "да", "no": "нет"},
    # resident surveys (mcu_data/ingest/surveys.py)
    "survey_field": {
        "answered_on": "Дата опроса (обязательно)",
        "question": "Вопрос (обязательно)",
        "answer": "Ответ (обязательно)",
        "place_raw": "Населённый пункт или поселение",
        "respondent_group": "Группа респондентов",
        "theme_raw": "Тема",
        "survey": "Название опроса",
        "respondent_id": "Номер анкеты",
    },
    "polarity": {
        "positive": "Положительные",
        "neutral": "Затрудняюсь / без изменений",
        "negative": "Отрицательные",
        "other": "Своими словами",
    },
    "satisfaction_by": {"recipient": "Получатели", "theme": "Темы", "settlement": "Поселения"},
    "stage": {
        "register": "Регистрация",
        "redirect": "Перенаправление",
        "answer": "Ответ",
        "first_reaction": "Первая реакция",
        "extension": "Продление",
    },
    # official pages, «госпаблики» (mcu_data/ingest/official_pages.py)
    "official_page_field": {
        "day": "Дата (обязательно)",
        "page_name": "Госпаблик (название)",
        "url": "Ссылка на страницу",
        "network": "Соцсеть",
        "owner_raw": "Владелец",
        "posts": "Публикации",
        "comments": "Комментарии",
        "answered": "Отвечено",
        "answer_hours_median": "Медианное время ответа, ч",
        "answer_hours_mean": "Среднее время ответа, ч",
        "reactions": "Реакции",
        "followers": "Подписчики",
    },
    "page_network": {"vk": "ВКонтакте", "ok": "Одноклассники", "telegram": "Telegram", "other": "Другая сеть"},
}

UNKNOWN = "не определено"

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)

NBSP = "\u00a0"


def label(kind: str, code: str | None) -> str:
    """The Russian label of a code; an unknown code is shown as itself, never hidden."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return UNKNOWN
    return LABELS[kind].get(code, code)


def fmt_int(value: float | int | None) -> str:
    """12345 -> '12 345' (Russian thousands separator, a no-break space)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{round(value):,}".replace(",", NBSP)


def fmt_float(value: float | None, digits: int = 1) -> str:
    """1234.56 -> '1 234,6'."""
    if value is None or math.isnan(value):
        return "—"
    text = f"{value:,.{digits}f}"
    return text.replace(",", NBSP).replace(".", ",")


def parse_decimal(text: str, low: float | None = None, high: float | None = None) -> float:
    """A number as a Russian form takes it: «87,5», «87.5», «1 234,5», «87,5 %»; ValueError says why not."""
    cleaned = (text or "").strip().removesuffix("%").strip().replace(NBSP, "").replace(" ", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"«{text}» — не число: введите, например, 87,5") from None
    if math.isnan(value) or (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{fmt_float(value, 1)} — вне допустимого: от {fmt_float(low, 0)} до {fmt_float(high, 0)}")
    return value


# a number as the formatters above write it — «1 234», «87,5 %», «+63 %», «−10 %», «—»: right-aligned in tables
NUMBER_TEXT = re.compile(r"[+\-−±]?\d{1,3}([\u00a0 ]\d{3})*(,\d+)?(\u00a0?%)?|—")


def fmt_change(current: float, previous: float) -> str:
    """A change in per cent; from a small base (definitions.SMALL_BASE) with the two counts: «+200 % (3 → 9)»."""
    from mcu_data.core.definitions import SMALL_BASE, change

    text = fmt_signed_pct(change(current, previous))
    if previous is None or math.isnan(previous) or previous >= SMALL_BASE:
        return text
    return f"{text} ({fmt_int(previous)} → {fmt_int(current)})"


def fmt_pct(share: float | None, digits: int = 1) -> str:
    """0.873 -> '87,3 %'."""
    if share is None or math.isnan(share):
        return "—"
    return f"{fmt_float(share * 100, digits)}{NBSP}%"


def fmt_signed_pct(change: float | None, digits: int = 0, minus: str = "−") -> str:
    """0.25 -> '+25 %', -0.1 -> '−10 %'; None (no base to compare with) -> '—'.

    Streamlit's metric reads the direction from a leading ASCII hyphen, so it passes minus="-".
    """
    if change is None or math.isnan(change):
        return "—"
    sign = "+" if change > 0 else (minus if change < 0 else "±")
    return f"{sign}{fmt_float(abs(change) * 100, digits)}{NBSP}%"


def fmt_date(value: date | datetime | None) -> str:
    """Russian numeric date: 26.11.2026."""
    if value is None:
        return "—"
    return value.strftime("%d.%m.%Y")


def fmt_datetime(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%d.%m.%Y %H:%M")


def fmt_date_long(value: date) -> str:
    """26 ноября 2026 г."""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def fmt_period(start: date, end: date) -> str:
    """'19.11–25.11.2026' within a year, full dates across years."""
    if start.year == end.year:
        return f"{start.strftime('%d.%m')}–{end.strftime('%d.%m.%Y')}"
    return f"{fmt_date(start)}–{fmt_date(end)}"


def fmt_days(n: int) -> str:
    return f"{n} {plural(n, 'день', 'дня', 'дней')}"


def fmt_week(monday: date, last_day: date) -> str:
    """«неделя 23.11–29.11.2026, неполная: 4 из 7 дней (по 26.11)» or «неделя 16.11–22.11.2026»."""
    days = (last_day - monday).days + 1
    sunday = date.fromordinal(monday.toordinal() + 6)
    if days >= 7:
        return f"неделя {fmt_period(monday, sunday)}"
    return f"неделя {fmt_period(monday, sunday)}, неполная: {days} из 7 дней (по {last_day.strftime('%d.%m')})"


def fmt_compared(start: date, end: date, same_days: bool) -> str:
    """What a change is against: «к тем же дням прошлой недели (16.11–19.11)» or «к предыдущим 30 дням (…)»."""
    if same_days:
        return f"к тем же дням прошлой недели ({fmt_period(start, end)})"
    days = (end - start).days + 1
    if days == 7 and start.weekday() == 0:
        return f"к прошлой неделе ({fmt_period(start, end)})"
    one = days % 10 == 1 and days % 100 != 11
    return f"к {'предыдущему' if one else 'предыдущим'} {days} {'дню' if one else 'дням'} ({fmt_period(start, end)})"


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: plural(21, 'обращение', 'обращения', 'обращений') -> 'обращение'."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def n_of(n: int, one: str, few: str, many: str) -> str:
    """A number with its noun agreed: n_of(14, 'сообщение', 'сообщения', 'сообщений') -> '14 сообщений'."""
    return f"{fmt_int(n)} {plural(n, one, few, many)}"


def appeals_word(n: int) -> str:
    return plural(n, "обращение", "обращения", "обращений")


# The settlements' names after «в» and in the genitive, checked by hand against the Russian norm for place names:
# names in -ое, -ка and -цы decline; «Алдаркино» declines as a Russian name in -ино does in official writing.
SETTLEMENT_CASES: dict[str, tuple[str, str]] = {
    "36612404": ("в Большом Алдаркине", "Большого Алдаркина"),
    "36612408": ("в Борском", "Борского"),
    "36612412": ("в Гвардейцах", "Гвардейцев"),
    "36612416": ("в Долматовке", "Долматовки"),
    "36612420": ("в Заплавном", "Заплавного"),
    "36612424": ("в Коноваловке", "Коноваловки"),
    "36612428": ("в Новоборском", "Новоборского"),
    "36612432": ("в Новом Кутулуке", "Нового Кутулука"),
    "36612436": ("в Петровке", "Петровки"),
    "36612440": ("в Подгорном", "Подгорного"),
    "36612444": ("в Подсолнечном", "Подсолнечного"),
    "36612448": ("в Таволжанке", "Таволжанки"),
    "36612452": ("в Усманке", "Усманки"),
}


def in_settlement(oktmo: str, name: str) -> str:
    """«в Петровке»; a settlement missing from the table keeps its name in the nominative: «в поселении «…»»."""
    return _settlement_case(oktmo, name)[0]


def of_settlement(oktmo: str, name: str) -> str:
    """«Петровки»; a settlement missing from the table: «поселения «…»»."""
    return _settlement_case(oktmo, name)[1]


def _settlement_case(oktmo: str, name: str) -> tuple[str, str]:
    return SETTLEMENT_CASES.get(oktmo) or (f"в поселении «{name}»", f"поселения «{name}»")


def more_or_less(change: float | None, digits: int = 0) -> str:
    """A change in words: «на 12 % больше», «на 5 % меньше», «столько же»; None (nothing to compare): «—»."""
    if change is None or math.isnan(change):
        return "—"
    size = fmt_float(abs(change) * 100, digits)
    if size == fmt_float(0, digits):
        return "столько же"
    return f"на {size}{NBSP}% {'больше' if change > 0 else 'меньше'}"


def lower_first(text: str) -> str:
    """«Формальных ответов…» -> «формальных ответов…» in the middle of a sentence; «ПОС», «ЖКХ» keep capitals."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def appeals_n(n: int) -> str:
    """«1 обращение», «3 обращения», «12 обращений»."""
    return f"{fmt_int(n)} {appeals_word(n)}"


def fmt_metric(metric: str, value: float | None) -> str:
    """A heat-map value as the legend and the tooltips show it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if metric in ("overdue_share", "formal_share"):
        return fmt_pct(value, 0)
    if metric == "change_pct":
        return fmt_signed_pct(value)
    if metric == "change_abs":
        return ("+" if value > 0 else ("−" if value < 0 else "±")) + fmt_int(abs(value))
    if metric == "per_1000":
        return fmt_float(value, 1)
    return fmt_int(value)


# the empty date field's parts: react-aria's name of the part -> what a Russian form prints there
DATE_PARTS = {"day": "ДД", "month": "ММ", "year": "ГГГГ"}


def date_placeholder_css() -> str:
    """A <style> block that writes «ДД.ММ.ГГГГ» in an empty date field instead of «dd.mm.yyyy».

    Streamlit 1.67 draws its date fields with the locale fixed to en-US, so an empty field shows English
    placeholders whatever the browser's language; the parts are found by their accessible names.
    """
    return (
        "<style>"
        + "".join(
            f"[data-testid='stDateInput'] [role='spinbutton'][data-placeholder='true'][aria-label^='{part},'] "
            f"{{font-size: 0;}}"
            f"[data-testid='stDateInput'] [role='spinbutton'][data-placeholder='true'][aria-label^='{part},']::after "
            f"{{content: '{ru}'; font-size: 14px;}}"
            for part, ru in DATE_PARTS.items()
        )
        + "</style>"
    )


def uploader_css(key: str, types: list[str], max_mb: int, many: bool = False) -> str:
    """A <style> block that puts Russian words on one file uploader, found by its widget key.

    Streamlit 1.67 writes «Upload» and «50MB per file • XLSX» on the drop zone and offers no
    parameter to change them, so the English text is hidden and the Russian drawn in its place.
    The key and the types come from the page's own code, never from the user; they are checked anyway,
    because they go into CSS.
    """
    if not key.replace("_", "").isalnum() or not all(t.isalnum() for t in types):
        raise ValueError("Ключ и типы файлов — только буквы, цифры и подчёркивание")
    zone = f".st-key-{key} [data-testid='stFileUploaderDropzone']"
    button = "Выбрать файлы" if many else "Выбрать файл"
    size = f"до {fmt_int(max_mb)} МБ" + (" на файл" if many else "")
    hint = f"{size} · {', '.join(t.upper() for t in types)}"
    return (
        "<style>"
        f"{zone} button [data-testid='stMarkdownContainer'] p {{font-size: 0;}}"
        f"{zone} button [data-testid='stMarkdownContainer'] p::after {{content: '{button}'; font-size: 14px;}}"
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] span {{font-size: 0;}}"
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] span::after {{content: '{hint} · или перетащите "
        f"сюда'; font-size: 14px;}}"
        "</style>"
    )
