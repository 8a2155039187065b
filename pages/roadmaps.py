"""«Дорожные карты»: measures that remove root causes, their tracker views, edits and measured effect."""

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.app import caches, layout, session
from mcu_data.app.views import roadmaps
from mcu_data.core.config import load_settings
from mcu_data.core.locale import fmt_date, label, uploader_css
from mcu_data.ingest.readers import ImportFileError
from mcu_data.roadmaps import measures

p = session.page("roadmaps")
settings = load_settings()
store = caches.get_store()
view = roadmaps.build(p.src, p.user, p.today)
state = st.session_state

st.title("Дорожные карты")
st.caption(
    "Мероприятия по устранению причин обращений (Положение о МЦУ, п. 1.1 и 1.2 а): срок, ответственный, "
    "выполнение и проверка по данным — стало ли обращений меньше."
)
if "rm_flash" in state:
    st.success(state.pop("rm_flash"), icon=":material/task_alt:")
tab_list, tab_edit, tab_effect, tab_theme = st.tabs(["Мероприятия", "Создать или изменить", "Эффект", "Карта темы"])
progress = {"Выполнение": st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")}

with tab_list:
    if view.empty:
        st.info(
            "Мероприятий пока нет. Создайте первое на вкладке «Создать или изменить» или из точки роста на "
            "странице «Тепловая карта».",
            icon=":material/add_task:",
        )
    else:
        st.dataframe(view.table, hide_index=True, width="stretch", column_config=progress)
        st.subheader(f"Просроченные: {len(view.overdue)}")
        if not view.overdue.empty:
            st.dataframe(view.overdue, hide_index=True, width="stretch", column_config=progress)
        st.subheader("По отраслевым блокам и руководителям")
        st.dataframe(view.by_block, hide_index=True, width="stretch")
        columns = st.columns(4)
        for column, item in zip(columns, view.downloads, strict=False):
            layout.download(item, column)
        st.subheader("График мероприятий")
        layout.chart(view.timeline)

with tab_list, st.expander("Загрузить мероприятия из таблицы (CSV или Excel)"):
    st.caption(
        "Столбцы — как в скачанной таблице: «Мероприятие», «Темы» и «Поселения» через точку с запятой, "
        "«Ответственный», «Начало», «Срок»; строка с номером существующего мероприятия его обновит."
    )
    kinds = ["csv", "xlsx"]
    st.html(uploader_css("rm_upload", kinds, settings.max_upload_mb))
    upload = st.file_uploader(
        "Таблица мероприятий", type=kinds, key="rm_upload", max_upload_size=settings.max_upload_mb
    )
    if upload is not None and st.button("Загрузить таблицу", key="rm_upload_go"):
        try:
            result = measures.import_table(
                store, upload.getvalue(), upload.name, p.user.name, view.theme_names, view.settlement_names
            )
        except (measures.MeasureError, ImportFileError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            state["rm_flash"] = f"Загружено: новых {result.created}, обновлено {result.updated}."
            st.rerun()

with tab_edit:
    if view.edit_scope and view.can_edit:
        st.caption(view.edit_scope)
    elif view.edit_scope:
        st.info(view.edit_scope, icon=":material/visibility:")
    if view.can_edit:
        draft = state.get("rm_draft") or {}
        chosen = st.selectbox(
            "Мероприятие",
            view.options,
            key="rm_pick",
            format_func=lambda m: "Новое мероприятие" if m is None else f"№ {m}: {view.option_names[m]}",
        )
        current = measures.get(store, chosen) if chosen is not None else None
        loaded = state.get("rm_loaded")
        if current is not None and (loaded is None or loaded[0] != chosen):
            # remember the version the form was opened on, once: a save on top of an older one is refused
            state["rm_loaded"] = (chosen, int(current["row_version"]))
        base = roadmaps.form_values(current, draft, p.today)
        if draft and current is None:
            st.info("Черновик из точки роста: тема, поселение и основание уже заполнены.", icon=":material/edit_note:")
        with st.form(f"rm_form_{chosen}"):
            title = st.text_input("Название", value=base["title"])
            description = st.text_area("Описание", value=base["description"] or "")
            c1, c2 = st.columns(2)
            theme_codes = c1.multiselect(
                "Темы",
                list(view.theme_names),
                default=list(base["theme_codes"]),
                format_func=view.theme_names.get,
                placeholder="Выберите темы",
            )
            settlement_oktmos = c2.multiselect(
                "Поселения",
                list(view.settlement_names),
                default=list(base["settlement_oktmos"]),
                format_func=view.settlement_names.get,
                placeholder="Весь район",
            )
            leader = view.leaders.get(theme_codes[0]) if theme_codes else ""
            official = st.text_input(
                "Ответственное должностное лицо",
                value=base["official"] or (leader or ""),
                help="По умолчанию — руководитель отраслевого блока темы (Приложение 2).",
            )
            c3, c4, c5 = st.columns(3)
            start_date = c3.date_input("Начало", value=pd.Timestamp(base["start_date"]).date(), format="DD.MM.YYYY")
            deadline = c4.date_input("Срок", value=pd.Timestamp(base["deadline"]).date(), format="DD.MM.YYYY")
            done_value = pd.Timestamp(base["done_date"]).date() if pd.notna(base["done_date"]) else None
            done_date = c5.date_input("Завершено", value=done_value, format="DD.MM.YYYY")
            c6, c7 = st.columns(2)
            status = c6.selectbox(
                "Статус",
                list(measures.STATUSES),
                index=list(measures.STATUSES).index(base["status"]),
                format_func=lambda s: label("measure_state", s),
                help="«Просрочено» ставится само, если срок прошёл.",
            )
            progress_value = c7.slider("Выполнение, %", 0, 100, int(base["progress"]))
            expected = st.text_input("Ожидаемый эффект", value=base["expected_effect"] or "")
            evidence = st.text_area("Основание (точка роста, обращения)", value=base["evidence"] or "")
            saved = st.form_submit_button("Сохранить", type="primary")
        if saved:
            measure = measures.Measure(
                title=title,
                description=description,
                theme_codes=theme_codes,
                settlement_oktmos=settlement_oktmos,
                official=official,
                start_date=start_date,
                deadline=deadline,
                done_date=done_date,
                status=status,
                progress=progress_value,
                expected_effect=expected,
                evidence=evidence,
            )
            try:
                if current is None:
                    new_id = measures.create(store, measure, by=p.user.name)  # the signed-in user, into the history
                    state.pop("rm_draft", None)
                    state["rm_flash"] = f"Мероприятие № {new_id} создано."
                else:
                    measures.update(store, chosen, state["rm_loaded"][1], measure, by=p.user.name)
                    state.pop("rm_loaded", None)
                    state["rm_flash"] = f"Мероприятие № {chosen} сохранено."
                st.rerun()
            except measures.StaleEditError as exc:
                st.error(str(exc), icon=":material/sync_problem:")
                st.dataframe(roadmaps.stale_table(exc.current), hide_index=True)
                state.pop("rm_loaded", None)
            except (measures.MeasureError, access.AccessDenied) as exc:
                st.error(str(exc), icon=":material/error:")
        if current is not None:
            with st.expander("История изменений"):
                st.dataframe(roadmaps.history_table(p.src, chosen), hide_index=True, width="stretch")

with tab_effect:
    if not view.effects:
        st.info("Эффект считается для выполненных мероприятий: пока таких нет.")
    else:
        st.caption(
            "Обращения по темам мероприятия за 90 дней до и после завершения, в сравнении с поселениями, "
            "которых мероприятие не касалось (они несут сезон), а если их данных мало — с тем же временем годом "
            "раньше."
        )
        if view.no_effect_warning:
            st.warning(view.no_effect_warning, icon=":material/report:")
        for entry in view.effects:
            with st.expander(f"№ {entry.measure_id}: {entry.title} — {entry.verdict}", expanded=len(view.effects) == 1):
                st.markdown(entry.explanation)
                layout.chart(entry.figure, key=f"rm_effect_{entry.measure_id}")

with tab_theme:
    theme = st.selectbox("Тема", list(view.theme_names), format_func=view.theme_names.get, key="rm_theme")
    st.markdown(f"**Дорожная карта по теме «{view.theme_names[theme]}»** · на {fmt_date(p.today)}")
    own = roadmaps.theme_roadmap(p.src, theme, p.today)
    if own.empty:
        st.caption("По этой теме мероприятий нет.")
    else:
        st.table(own)
