"""«Проверка»: themes and places the import was unsure of, values no map knew, suspect dates; a correction
teaches the next import."""

import streamlit as st

from mcu_data import access
from mcu_data.app import caches, session
from mcu_data.app.views import review as view_of
from mcu_data.core.locale import fmt_int, plural
from mcu_data.ingest import answer_review, review, values

p = session.page("review")
view = view_of.build(p.src)
values_view = view_of.build_values(p.src)
answers_view = view_of.build_answers(p.src)

st.title("Проверка данных")
if "rev_flash" in st.session_state:
    st.success(st.session_state.pop("rev_flash"), icon=":material/task_alt:")
tab_themes, tab_values, tab_dates, tab_answers = st.tabs(
    [
        f"Темы и поселения ({fmt_int(view.total)})",
        f"Нераспознанные значения ({fmt_int(len(values_view.table))})",
        f"Подозрительные даты ({fmt_int(values_view.flagged_total)})",
        f"Вероятные отписки ({fmt_int(answers_view.total)})",
    ]
)
with tab_themes:
    st.caption(view.caption)
    if view.table.empty:
        st.info(
            "Проверять нечего: все темы и поселения определены уверенно или уже исправлены.",
            icon=":material/done_all:",
        )
    else:
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
                        caches.get_store(),
                        change.appeal_id,
                        theme_code=change.theme,
                        settlement_oktmo=change.settlement,
                        no_settlement=change.no_settlement,
                    )
                except (review.ReviewError, access.AccessDenied) as exc:
                    st.error(str(exc), icon=":material/error:")
                else:
                    saved += 1
            st.session_state["rev_flash"] = f"Сохранено исправлений: {fmt_int(saved)}."
            st.rerun()

with tab_values:
    st.caption(values_view.caption)
    if values_view.table.empty:
        st.info(
            "Все статусы, результаты и каналы загруженных обращений есть в справочнике значений. Новые появятся "
            "здесь после загрузки, если выгрузка пришлёт незнакомое значение.",
            icon=":material/done_all:",
        )
    else:
        taught_table = st.data_editor(
            values_view.table,
            hide_index=True,
            width="stretch",
            key="rev_values_editor",
            disabled=[c for c in values_view.table.columns if c not in (view_of.MEANS_COLUMN, "Для всех каналов")],
            column_config={
                view_of.MEANS_COLUMN: st.column_config.SelectboxColumn(
                    view_of.MEANS_COLUMN,
                    options=values_view.every_option,
                    required=True,
                    width="large",
                    help="Значение справочника для этого поля: статус — для статуса, результат — для результата.",
                ),
                "Для всех каналов": st.column_config.CheckboxColumn(
                    help="Запомнить значение для всех каналов, а не только для этого.",
                ),
            },
        )
        wanted_values, problems = view_of.teachings(values_view, taught_table)
        for problem in problems:
            st.warning(problem, icon=":material/warning:")
        if st.button(
            f"Запомнить значений: {len(wanted_values)}",
            type="primary",
            disabled=not wanted_values or bool(problems),
            key="rev_values_save",
        ):
            changed, errors = 0, []
            for teaching, every_source in wanted_values:
                try:
                    done = values.teach(
                        caches.get_store(),
                        teaching.source_code,
                        teaching.field,
                        teaching.raw_value,
                        teaching.code,
                        every_source=every_source,
                    )
                except (values.ValueMapError, access.AccessDenied) as exc:
                    errors.append(str(exc))
                else:
                    changed += done.appeals
            for error in errors:
                st.error(error, icon=":material/error:")
            if not errors:
                st.session_state["rev_flash"] = (
                    f"Справочник запомнил значений: {fmt_int(len(wanted_values))}; исправлено обращений: "
                    f"{fmt_int(changed)}."
                )
                st.rerun()

with tab_dates:
    st.caption(
        "Обращения с датой поступления в будущем или раньше 2000 года. Они загружены и считаются как есть; "
        "скорее всего, в системе-источнике опечатка — исправьте дату там, и следующая выгрузка её обновит."
    )
    if values_view.flagged.empty:
        st.info("Подозрительных дат нет.", icon=":material/done_all:")
    else:
        st.dataframe(values_view.flagged, hide_index=True, width="stretch")

with tab_answers:
    st.caption(answers_view.caption)
    if not answers_view.cards:
        st.info(
            "Непроверенных «вероятных отписок» нет. Они появляются после загрузки выгрузки с текстами ответов "
            "(ПОС: столбец «Ответ», «Текст ответа» или «Ответ на сообщение»).",
            icon=":material/done_all:",
        )
    else:
        st.markdown(
            f"Ждут решения **{fmt_int(answers_view.total)}**; показаны первые {fmt_int(len(answers_view.cards))}, "
            "начиная с самых явных."
        )
    for card in answers_view.cards:
        with st.container(border=True):
            st.markdown(f"**{card.heading}**")
            st.markdown(f"Результат в выгрузке: {card.source_outcome}")
            st.markdown("**Вопрос** (персональные данные скрыты)")
            st.text(card.question)
            st.markdown("**Ответ** (персональные данные скрыты)")
            st.text(card.answer)
            st.markdown("**Почему похоже на отписку:** " + "; ".join(card.reasons))
            comment = st.text_input(
                "Комментарий (необязательно)", key=f"rev_ans_comment_{card.appeal_id}", max_chars=500
            )
            left, right = st.columns(2)
            verdict = None
            if left.button("Подтвердить: это отписка", key=f"rev_ans_confirm_{card.appeal_id}", type="primary"):
                verdict = "confirmed"
            if right.button("Отклонить: ответ по существу", key=f"rev_ans_reject_{card.appeal_id}"):
                verdict = "rejected"
            if verdict is not None:
                try:
                    decision = answer_review.decide(caches.get_store(), card.appeal_id, verdict, comment)
                except (answer_review.AnswerReviewError, access.AccessDenied) as exc:
                    st.error(str(exc), icon=":material/error:")
                else:
                    st.session_state["rev_flash"] = (
                        f"Решение по обращению № {card.appeal_id} сохранено. Проверка запомнила предложений: "
                        f"{fmt_int(decision.taught)}; перепроверено ответов с ними: {fmt_int(decision.rechecked)}, "
                        f"изменилась отметка у {fmt_int(decision.changed)}."
                    )
                    st.rerun()
    if not answers_view.decisions.empty:
        st.subheader("Последние решения")
        st.dataframe(answers_view.decisions, hide_index=True, width="stretch")
