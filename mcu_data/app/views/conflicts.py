"""«Конфликтные ситуации»: the appeals that show a conflict or a communication error, ranked, with their reasons,
the appeals behind each, and a drafted roadmap measure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.app.source import Source
from mcu_data.app.views.common import NO_DATA_IN_STORE, OBSERVER_NO_LISTS, Empty, Tile, dashes, moment_caption
from mcu_data.app.views.weekly_note import PLANNERS, MeasureDraft
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_date, fmt_float, fmt_int, in_settlement, label
from mcu_data.signals import conflicts

NO_SIGNALS = (
    "За выбранный период конфликтных сигналов нет: ни повторов после формального ответа, ни угроз обратиться "
    "выше, ни жалоб на удалённые комментарии, ни коллективных обращений, ни резкого тона, ни противоречащих друг "
    "другу ответов. Расширьте период или "
    "снимите часть фильтров на боковой панели."
)
TEXT_COLUMN = "Текст (персональные данные скрыты)"
ANSWER_COLUMN = "Ответ получателя (персональные данные скрыты)"
TABLE_ROWS = 30  # the table shows the best-ranked; the picker below reaches every signal found (conflicts.SHOWN)
# what each signal means, as the reason under an appeal says it
MEANING = {
    "repeat_after_formal": "повторное обращение после формального ответа или после «решено», хотя проблема осталась",
    "escalation": "житель обращается или грозит обратиться выше: прокуратура, суд, губернатор, президент, СМИ",
    "ignored_or_deleted": "житель пишет, что комментарии удаляют, сообщения остаются без ответа, трубку не берут",
    "collective": "коллективное обращение: от имени жителей, с подписями, решение схода",
    "sharp_tone": "резкий тон: оскорбления, угрозы действием, текст прописными буквами",
    "contradiction": "ответы получателя противоречат друг другу: житель пишет об этом, или прежний ответ того же "
    "получателя по той же проблеме говорит другое",
}


@dataclass(frozen=True)
class Signal:
    """One appeal with its signals, as the detail under the table shows it."""

    appeal_id: int
    title: str
    reasons: list[str]
    text: str
    appeals: pd.DataFrame  # the appeal and the earlier ones behind the repeat, Russian columns
    recipient: str
    draft: MeasureDraft | None  # for a role that plans measures


@dataclass
class ConflictsView:
    caption: str
    tiles: list[Tile]
    rank_caption: str
    count_text: str
    table: pd.DataFrame  # the ranked signals, Russian columns
    options: list[int]  # appeal ids in rank order, for the picker
    option_names: dict[int, str]
    chosen: Signal | None


def build(
    src: Source, filters: Filters, now: datetime, user: access.User | None, chosen: int | None = None
) -> ConflictsView | Empty:
    if src.data_span() is None:
        return Empty(NO_DATA_IN_STORE, ":material/upload_file:")
    if not access.allowed(user, access.VIEW_APPEALS):
        return Empty(OBSERVER_NO_LISTS, ":material/visibility_off:")
    as_of = periods.as_of(filters.end, now)
    found, counts = src.conflicts(filters, as_of)
    if found.empty:
        return Empty(NO_SIGNALS, ":material/sentiment_satisfied:")
    names = src.names()
    table = _table(found.head(TABLE_ROWS), names)
    options = [int(a) for a in found["appeal_id"]]
    option_names = {
        int(r.appeal_id): f"{r.source_id} · {fmt_date(r.received_at)} · {_signal_names(r.signals)}"
        for r in found.itertuples()
    }
    pick = chosen if chosen in option_names else options[0]
    shown = len(table)
    return ConflictsView(
        caption=moment_caption(filters, as_of)
        + ". Сигналы ищутся в тексте обращения (как он хранится, с закрытыми персональными данными) и в истории "
        "обращений хранилища.",
        tiles=_tiles(counts),
        rank_caption=conflicts.rank_text(),
        count_text=f"Обращений с сигналами: {fmt_int(counts['total'])}"
        + (
            f"; в таблице первые {fmt_int(shown)} по рангу, в списке «Обращение» ниже — первые {fmt_int(len(found))}"
            if counts["total"] > shown
            else ""
        ),
        table=table,
        options=options,
        option_names=option_names,
        chosen=_signal(src, filters, found[found["appeal_id"] == pick].iloc[0], names, user),
    )


def _signal_names(signals: tuple[str, ...]) -> str:
    return ", ".join(label("conflict_signal", code) for code in signals)


def _tiles(counts: dict) -> list[Tile]:
    return [
        Tile("Обращений с сигналами", fmt_int(counts["total"]), "за период", hot=counts["total"] > 0),
        *(
            Tile(
                label("conflict_signal", code),
                fmt_int(counts[code]),
                help=MEANING[code][:1].upper() + MEANING[code][1:],
            )
            for code in conflicts.SIGNALS
        ),
    ]


def _table(found: pd.DataFrame, names) -> pd.DataFrame:
    return dashes(
        pd.DataFrame(
            {
                "Ранг": found["rank"].map(lambda v: fmt_float(v, 1)),
                "Сигналы": found["signals"].map(_signal_names),
                "Обращение": found["source_id"],
                "Дата": found["received_at"].map(fmt_date),
                "Канал": found["channel_code"].map(lambda c: label("channel", c)),
                "Поселение": found["settlement_oktmo"].map(lambda o: names.settlements.get(o) if o else None),
                "Тема": found["theme_code"].map(names.themes.get),
                "Получатель": found["recipient_code"].map(lambda r: names.recipients.get(r) if r else None),
                "Прежние обращения": found["behind_n"].map(lambda n: fmt_int(n) if n else "—"),
            }
        )
    )


def _reasons(row, names) -> list[str]:
    out = []
    text = _given(row.text_masked) or ""
    for code in row.signals:
        said = conflicts.evidence(text, code, told=bool(row.t_repeat) if code == "repeat_after_formal" else True)
        words = f" В тексте: «{said}»." if said else ""
        if code == "repeat_after_formal" and pd.notna(row.earlier_id):
            who = names.recipients.get(row.earlier_recipient, "получатель не определён")
            words = _earlier(
                f"Прежнее обращение № {row.earlier_id} от {fmt_date(row.earlier_at)} по той же теме в том же "
                f"поселении: ответ «{label('outcome', row.earlier_outcome)}» ({who})",
                row.earlier_n,
                "всего прежних",
                words,
            )
        elif code == "contradiction" and pd.notna(row.contra_id):
            words = _earlier(
                f"Ответ на обращение № {row.contra_id} от {fmt_date(row.contra_at)} того же получателя по той же "
                f"проблеме: {label('contradiction_kind', row.contra_kind)}",
                row.contra_n,
                "таких прежних ответов",
                " Оба ответа — в таблице ниже." + words,
            )
        elif code == "collective" and row.is_collective and not said:
            words = " Источник отметил обращение как коллективное."
        out.append(f"**{label('conflict_signal', code)}** — {MEANING[code]}.{words}")
    return out


def _given(value) -> str | None:
    """A text cell of the store's answer as text, or None where it is empty (None or NaN, as pandas reads it)."""
    return value if isinstance(value, str) and value else None


def _earlier(said: str, count: int, counted: str, after: str) -> str:
    """The earlier appeal behind a signal, in words: what it was, how many there are, then the rest."""
    return f" {said}" + (f"; {counted} — {fmt_int(count)}" if count > 1 else "") + "." + after


def _signal(src: Source, filters: Filters, row, names, user: access.User | None) -> Signal:
    earlier = [int(i) for i in (row.earlier_appeal_ids if pd.notna(row.earlier_n) else [])]
    earlier += [int(i) for i in (row.contra_appeal_ids if pd.notna(row.contra_n) else []) if int(i) not in earlier]
    ids = [int(row.appeal_id), *earlier]
    behind = src.conflict_appeals(filters, tuple(ids))
    appeals = dashes(
        pd.DataFrame(
            {
                "Обращение": behind["source_id"],
                "Роль": ["это обращение" if int(a) == int(row.appeal_id) else "прежнее" for a in behind["appeal_id"]],
                "Дата": behind["received_at"].map(fmt_date),
                "Канал": behind["channel_code"].map(lambda c: label("channel", c)),
                "Поселение": behind["settlement_oktmo"].map(lambda o: names.settlements.get(o) if _given(o) else None),
                "Тема": behind["theme_code"].map(names.themes.get),
                "Получатель": behind["recipient_code"].map(lambda r: names.recipients.get(r) if _given(r) else None),
                "Результат": behind["outcome_code"].map(lambda c: label("outcome", c) if _given(c) else None),
                ANSWER_COLUMN: behind["answer_masked"],
            }
        )
    )
    theme = names.themes.get(row.theme_code, row.theme_code)
    oktmo, recipient_code = _given(row.settlement_oktmo), _given(row.recipient_code)
    place = in_settlement(oktmo, names.settlements[oktmo]) if oktmo else ""
    recipient = (
        names.recipients.get(recipient_code, "получатель не определён")
        if recipient_code
        else ("получатель не определён")
    )
    reasons = _reasons(row, names)
    draft = None
    if user is not None and user.role in PLANNERS:
        plain = "; ".join(_signal_names(row.signals).lower().split(", "))
        draft = MeasureDraft(
            "Создать мероприятие дорожной карты по этому сигналу",
            {
                "title": f"Устранить причину конфликта: «{theme}» {place}".strip(),
                "theme_codes": [row.theme_code],
                "settlement_oktmos": [oktmo] if oktmo else [],
                "recipient_code": recipient_code,
                "evidence": f"Конфликтные ситуации: обращение № {row.source_id} от {fmt_date(row.received_at)} — "
                f"{plain}"
                + (f"; прежнее обращение № {row.earlier_id}" if pd.notna(row.earlier_id) else "")
                + f". Получатель: {recipient}.",
                "expected_effect": "Повторных и конфликтных обращений по теме в поселении не будет.",
            },
        )
    return Signal(
        appeal_id=int(row.appeal_id),
        title=f"Обращение № {row.source_id} от {fmt_date(row.received_at)}: «{theme}» {place}".strip(),
        reasons=reasons,
        text=_given(row.text_masked) or "Текста нет.",
        appeals=appeals,
        recipient=recipient,
        draft=draft,
    )
