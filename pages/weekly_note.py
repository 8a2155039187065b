"""«Еженедельная записка»: the note for the head of the district — its words, the curator's edits, the tables."""

from datetime import timedelta

import streamlit as st

from mcu_data import access
from mcu_data.app import caches, layout, session
from mcu_data.app.views import weekly_note
from mcu_data.app.views.common import Empty
from mcu_data.core.locale import fmt_period
from mcu_data.reports import documents, note_edits
from mcu_data.reports import proposals as rules

p = session.page("weekly_note")
view = weekly_note.build(p.src, p.filters, p.today, st.session_state.get("wn_week"), p.user)

st.title("Еженедельная записка")
if isinstance(view, Empty):
    layout.empty(view)
if st.session_state.get("wn_week") != view.week.monday:
    st.session_state["wn_week"] = view.week.monday
st.selectbox(
    "Неделя",
    view.mondays,
    format_func=lambda d: fmt_period(d, d + timedelta(days=6)),
    key="wn_week",
    help="По умолчанию — последняя завершённая неделя данных, с понедельника по воскресенье.",
)
st.caption(view.caption)
if "wn_flash" in st.session_state:
    st.success(st.session_state.pop("wn_flash"), icon=":material/task_alt:")
layout.notices(view.notices)
columns = st.columns([1, 1, 2])
for column, item in zip(columns, view.downloads, strict=False):
    layout.download(item, column)

st.subheader("Кратко")
st.caption(view.status)
for line in view.text.summary:
    st.markdown(line)
if view.stale:
    with st.expander(f"Что изменилось в данных после сохранения ({len(view.stale)})", expanded=True):
        for item in view.stale:
            if item.now is None:
                st.markdown(f"- Больше не следует из данных: «{item.was}»")
            elif not item.was:
                st.markdown(f"- Новое: «{item.now}»")
            else:
                st.markdown(f"- Было: «{item.was}»  \n  Теперь: «{item.now}»")

st.subheader("Предложения")
if view.text.proposals:
    st.markdown("\n".join(f"{i}. {line}" for i, line in enumerate(view.text.proposals, 1)))
else:
    st.caption("Предложений нет: ни одно включённое правило не сработало на этой неделе.")
for i, item in enumerate(view.drafts):
    if st.button(item.label, key=f"wn_measure_{i}", icon=":material/add_task:"):
        st.session_state["rm_draft"] = item.draft
        st.switch_page("pages/roadmaps.py")


def _act(action, flash: str) -> None:
    store = caches.get_store()
    try:
        action(store)
    except (note_edits.NoteError, ValueError, access.AccessDenied) as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        st.session_state["wn_flash"] = flash
        st.rerun()


if view.can_edit:
    if view.text.sent:
        if st.button("Открыть для правки", key="wn_reopen", icon=":material/edit:"):
            _act(lambda s: note_edits.reopen(s, view.note), "Записка открыта для правки.")
    else:
        with st.expander("Править текст записки", icon=":material/edit:"):
            st.caption(
                "Одно предложение или абзац — на строке. Сохранённый текст уходит в DOCX и CSV; каждая "
                "версия остаётся в истории. Таблицы ниже всегда берутся из данных."
            )
            # the fields start from the text as saved; a new version or another week starts them again
            base = f"{view.week.monday}:{view.text.version_id}"
            if st.session_state.get("wn_base") != base:
                st.session_state.update(
                    wn_base=base,
                    wn_number=view.text.number,
                    wn_summary="\n".join(view.text.summary),
                    wn_proposals="\n".join(view.text.proposals),
                )
            if st.button("Вернуть сформированный текст", key="wn_reset"):
                st.session_state["wn_summary"] = "\n".join(view.generated.summary)
                st.session_state["wn_proposals"] = "\n".join(view.generated.proposals)
            with st.form("wn_edit"):
                number = st.text_input("Исходящий номер", max_chars=40, key="wn_number")
                summary = st.text_area("Кратко", height=260, key="wn_summary")
                proposals = st.text_area("Предложения", height=160, key="wn_proposals")
                if st.form_submit_button("Сохранить", type="primary"):
                    _act(
                        lambda s: note_edits.save(s, view.note, summary, proposals, number),
                        "Текст записки сохранён: он попадёт в DOCX и CSV.",
                    )
        if st.button("Отметить как отправленную", key="wn_send", icon=":material/outgoing_mail:"):
            _act(lambda s: note_edits.mark_sent(s, view.note), "Записка отмечена как отправленная.")

with st.expander(f"История правок ({len(view.history)})"):
    if view.history.empty:
        st.caption("Текст ещё не правили: записка такая, как её сформировали правила.")
    else:
        layout.table(view.history)

with st.expander("Правила предложений"):
    st.caption("Предложения формируются по этим правилам из показателей. Выключенное правило не даёт предложений.")
    if view.can_edit:
        chosen = {r.code: st.checkbox(r.name, value=r.on, help=r.when, key=f"wn_rule_{r.code}") for r in view.rules}
    for r in view.rules:
        state = "" if view.can_edit else (" — включено" if r.on else " — выключено")
        st.caption(f"**{r.name}**{state}. {r.when}")
    if view.can_edit and st.button("Сохранить правила", key="wn_rules_save"):
        _act(
            lambda s: rules.save_switched_off(s, {code for code, on in chosen.items() if not on}),
            "Правила предложений сохранены.",
        )

for section in view.sections:
    st.subheader(section.title)
    if section.table.empty:
        st.caption("Нет.")
    else:
        layout.table(section.table, number_texts=True)
        if section.more:
            st.caption(documents.more_text(section.more, section.page))
