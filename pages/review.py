"""«Проверка тем и поселений»: the rows the import was unsure of; a correction teaches the next import."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.app import caches as loaders
from mcu_data.core.locale import fmt_datetime, fmt_int, label
from mcu_data.ingest import review

user = loaders.signed_in("review")

version = loaders.data_version()
names = loaders.names(version)
theme_names, settlement_names = names.themes, names.settlements
theme_codes = {name: code for code, name in theme_names.items()}
settlement_codes = {name: code for code, name in settlement_names.items()}
NOT_SET = "не определено"

st.title("Проверка тем и поселений")
st.caption(
    "Здесь обращения, тему или поселение которых загрузка определила неуверенно: тема — по тексту с уверенностью "
    f"ниже {fmt_int(review.THEME_THRESHOLD * 100)} %, поселение — не найдено или найдено только в тексте с "
    f"уверенностью ниже {fmt_int(review.SETTLEMENT_THRESHOLD * 100)} %. Исправление сразу меняет обращение; "
    "неизвестная рубрика источника запоминается, а исправленные тексты учат классификатор тем."
)

if "rev_flash" in st.session_state:
    st.success(st.session_state.pop("rev_flash"), icon=":material/task_alt:")

total = loaders.review_queue_size(version)
queue = loaders.review_queue(version)
if queue.empty:
    st.info("Проверять нечего: все темы и поселения определены уверенно или уже исправлены.", icon=":material/done_all:")
    st.stop()

st.markdown(f"В очереди **{fmt_int(total)}** {'обращение' if total == 1 else 'обращений'}; показаны первые {fmt_int(len(queue))}, "
            "начиная с наименее уверенных.")
table = pd.DataFrame(
    {
        "№": queue["appeal_id"],
        "Поступило": queue["received_at"].map(lambda t: fmt_datetime(t.to_pydatetime())),
        "Канал": queue["source_code"].map(lambda c: label("source_short", c)),
        "Текст (персональные данные скрыты)": queue["text_masked"].fillna(""),
        "Адрес": queue["address"].fillna(""),
        "Тема": queue["theme_code"].map(theme_names),
        "Уверенность в теме": queue["theme_confidence"],
        "Поселение": queue["settlement_oktmo"].map(settlement_names).fillna(NOT_SET),
        "Уверенность в поселении": queue["settlement_confidence"],
    }
)
edited = st.data_editor(
    table,
    hide_index=True,
    width="stretch",
    key="rev_editor",
    disabled=[c for c in table.columns if c not in ("Тема", "Поселение")],
    column_config={
        "Тема": st.column_config.SelectboxColumn("Тема", options=list(theme_codes), required=True),
        "Поселение": st.column_config.SelectboxColumn("Поселение", options=[*settlement_codes, NOT_SET], required=True),
        "Уверенность в теме": st.column_config.ProgressColumn("Уверенность в теме", min_value=0, max_value=1, format="percent"),
        "Уверенность в поселении": st.column_config.ProgressColumn(
            "Уверенность в поселении", min_value=0, max_value=1, format="percent"
        ),
        "Текст (персональные данные скрыты)": st.column_config.TextColumn(width="large"),
    },
)
changed_theme = edited["Тема"] != table["Тема"]
changed_settlement = (edited["Поселение"] != table["Поселение"]) & (edited["Поселение"] != NOT_SET)
n_changed = int((changed_theme | changed_settlement).sum())
confirm_all = st.checkbox(
    "Подтвердить показанные темы и поселения как верные",
    key="rev_confirm_all",
    help="Отметьте, если проверили строки и согласны с тем, что определила загрузка: они уйдут из очереди.",
)
label_text = f"Сохранить исправления: {n_changed}" if not confirm_all else f"Подтвердить строк: {len(edited)}"
if st.button(label_text, type="primary", disabled=n_changed == 0 and not confirm_all, key="rev_save"):
    store = loaders.get_store()
    saved = 0
    for idx in edited.index:
        theme = theme_codes[edited.at[idx, "Тема"]] if (changed_theme[idx] or confirm_all) else None
        place = edited.at[idx, "Поселение"]
        settlement = settlement_codes.get(place) if (changed_settlement[idx] or (confirm_all and place != NOT_SET)) else None
        if theme is None and settlement is None:
            continue
        try:
            review.correct(store, int(edited.at[idx, "№"]), theme_code=theme, settlement_oktmo=settlement)
        except (review.ReviewError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            saved += 1
    st.session_state["rev_flash"] = f"Сохранено исправлений: {fmt_int(saved)}."
    st.rerun()
