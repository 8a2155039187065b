"""«Проверка тем и поселений»: the rows the import was unsure of; a correction teaches the next import."""

import streamlit as st

from mcu_data import access
from mcu_data.app import caches, session
from mcu_data.app.views import review as view_of
from mcu_data.core.locale import fmt_int, plural
from mcu_data.ingest import review

p = session.page("review")
view = view_of.build(p.src)

st.title("Проверка тем и поселений")
st.caption(view.caption)
if "rev_flash" in st.session_state:
    st.success(st.session_state.pop("rev_flash"), icon=":material/task_alt:")
if view.table.empty:
    st.info(
        "Проверять нечего: все темы и поселения определены уверенно или уже исправлены.", icon=":material/done_all:"
    )
    st.stop()

st.markdown(
    f"В очереди **{fmt_int(view.total)}** {plural(view.total, 'обращение', 'обращения', 'обращений')}; "
    f"показаны первые {fmt_int(len(view.table))}, начиная с наименее уверенных."
)
edited = st.data_editor(
    view.table,
    hide_index=True,
    width="stretch",
    key="rev_editor",
    disabled=[c for c in view.table.columns if c not in ("Тема", "Поселение")],
    column_config={
        "Тема": st.column_config.SelectboxColumn("Тема", options=list(view.theme_codes), required=True),
        "Поселение": st.column_config.SelectboxColumn(
            "Поселение", options=[*view.settlement_codes, view_of.NOT_SET], required=True
        ),
        "Уверенность в теме": st.column_config.ProgressColumn(
            "Уверенность в теме", min_value=0, max_value=1, format="percent"
        ),
        "Уверенность в поселении": st.column_config.ProgressColumn(
            "Уверенность в поселении", min_value=0, max_value=1, format="percent"
        ),
        "Текст (персональные данные скрыты)": st.column_config.TextColumn(width="large"),
    },
)
confirm_all = st.checkbox(
    "Подтвердить показанные темы и поселения как верные",
    key="rev_confirm_all",
    help="Отметьте, если проверили строки и согласны с тем, что определила загрузка: они уйдут из очереди.",
)
wanted = view_of.changes(view, edited, confirm_all)
label_text = f"Подтвердить строк: {len(edited)}" if confirm_all else f"Сохранить исправления: {len(wanted)}"
if st.button(label_text, type="primary", disabled=not wanted, key="rev_save"):
    saved = 0
    for change in wanted:
        try:
            review.correct(
                caches.get_store(), change.appeal_id, theme_code=change.theme, settlement_oktmo=change.settlement
            )
        except (review.ReviewError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            saved += 1
    st.session_state["rev_flash"] = f"Сохранено исправлений: {fmt_int(saved)}."
    st.rerun()
