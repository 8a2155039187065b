"""«Дорожные карты»: measures that remove root causes, their tracker views, edits and measured effect."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.express as px
import streamlit as st

from mcu_data import access
from mcu_data.app import caches as loaders
from mcu_data.app import charts
from mcu_data.core.config import load_settings
from mcu_data.core.locale import fmt_date, fmt_int, uploader_css
from mcu_data.ingest.readers import ImportFileError
from mcu_data.reports.exports import to_csv_bytes, to_xlsx_bytes
from mcu_data.roadmaps import effect, measures

user = loaders.signed_in("roadmaps")
settings = load_settings()

STATE_NAMES = {"planned": "Запланировано", "in_progress": "Выполняется", "done": "Выполнено",
               "overdue": "Просрочено", "cancelled": "Отменено"}
STATE_COLORS = {"Запланировано": "#9cc3e4", "Выполняется": "#2f6db5", "Выполнено": "#5a9e4b",
                "Просрочено": "#c8372d", "Отменено": "#9a9a9a"}

version = loaders.data_version()
today = date.today()
names = loaders.names(version)
refs = loaders.reference_tables(version)
theme_block = dict(zip(refs["themes"]["code"], refs["themes"]["block"], strict=True))
theme_leader = dict(zip(refs["themes"]["code"], refs["themes"]["leader"], strict=True))
store = loaders.get_store()

st.title("Дорожные карты")
st.caption("Мероприятия по устранению причин обращений (Положение о МЦУ, п. 1.1 и 1.2 а): срок, ответственный, "
           "выполнение и проверка по данным — стало ли обращений меньше.")
if "rm_flash" in st.session_state:
    st.success(st.session_state.pop("rm_flash"), icon=":material/task_alt:")

items = loaders.measures(version, today)
tab_list, tab_edit, tab_effect, tab_theme = st.tabs(["Мероприятия", "Создать или изменить", "Эффект", "Карта темы"])


def themes_text(codes) -> str:
    return ", ".join(names.themes.get(c, c) for c in codes)


def places_text(codes) -> str:
    return ", ".join(names.settlements.get(c, c) for c in codes) or "весь район"


with tab_list:
    if items.empty:
        st.info("Мероприятий пока нет. Создайте первое на вкладке «Создать или изменить» или из точки роста на "
                "странице «Тепловая карта».", icon=":material/add_task:")
    else:
        progress_column = {"Выполнение": st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")}
        shown = pd.DataFrame(
            {
                "№": items["measure_id"],
                "Мероприятие": items["title"],
                "Темы": items["theme_codes"].map(themes_text),
                "Поселения": items["settlement_oktmos"].map(places_text),
                "Ответственный": items["official"],
                "Срок": items["deadline"].map(fmt_date),
                "Состояние": items["state"].map(STATE_NAMES),
                "Выполнение": items["progress"] / 100,
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch", column_config=progress_column)
        overdue = items[items["state"] == "overdue"]
        st.subheader(f"Просроченные: {fmt_int(len(overdue))}")
        if not overdue.empty:
            st.dataframe(shown[shown["№"].isin(overdue["measure_id"])], hide_index=True, width="stretch",
                         column_config=progress_column)
        st.subheader("По отраслевым блокам и руководителям")
        first_theme = items["theme_codes"].map(lambda c: c[0] if len(c) else None)
        blocks = pd.DataFrame({"Блок": first_theme.map(theme_block).fillna("без блока"),
                               "Руководитель": first_theme.map(theme_leader).fillna("—"),
                               "state": items["state"]})
        summary = blocks.groupby(["Блок", "Руководитель"]).agg(
            Всего=("state", "size"), Выполнено=("state", lambda s: int((s == "done").sum())),
            Просрочено=("state", lambda s: int((s == "overdue").sum()))).reset_index()
        st.dataframe(summary, hide_index=True, width="stretch")
        table = measures.to_table(items, names.themes, names.settlements)
        d1, d2, _ = st.columns([1, 1, 2])
        if access.allowed(user, access.EXPORT):  # an observer sees the table, not a file to take away
            d1.download_button("Скачать (CSV)", data=to_csv_bytes(table), file_name=f"дорожные_карты_{today:%Y%m%d}.csv",
                               on_click=loaders.record_export, args=("дорожные_карты.csv",),
                               mime="text/csv", icon=":material/download:", key="rm_csv")
            d2.download_button("Скачать (Excel)", data=to_xlsx_bytes(table, "Мероприятия"),
                               file_name=f"дорожные_карты_{today:%Y%m%d}.xlsx", icon=":material/download:", key="rm_xlsx",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        st.subheader("График мероприятий")
        timeline = shown.assign(start=items["start_date"], finish=items["done_date"].fillna(items["deadline"]))
        fig = px.timeline(timeline, x_start="start", x_end="finish", y="Мероприятие", color="Состояние",
                          color_discrete_map=STATE_COLORS, labels={"Мероприятие": ""})
        fig.add_vline(x=pd.Timestamp(today).to_pydatetime(), line_dash="dot", line_color="#555555")
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(tickformat="%d.%m.%Y")
        st.plotly_chart(charts.style(fig, height=max(260, 34 * len(timeline) + 80)), width="stretch")

with tab_list, st.expander("Загрузить мероприятия из таблицы (CSV или Excel)"):
    st.caption("Столбцы — как в скачанной таблице: «Мероприятие», «Темы» и «Поселения» через точку с запятой, "
               "«Ответственный», «Начало», «Срок»; строка с номером существующего мероприятия его обновит.")
    table_kinds = ["csv", "xlsx"]
    st.html(uploader_css("rm_upload", table_kinds, settings.max_upload_mb))
    upload = st.file_uploader("Таблица мероприятий", type=table_kinds, key="rm_upload",
                              max_upload_size=settings.max_upload_mb)
    if upload is not None and st.button("Загрузить таблицу", key="rm_upload_go"):
        try:
            result = measures.import_table(store, upload.getvalue(), upload.name, user.name, names.themes,
                                           names.settlements)
        except (measures.MeasureError, ImportFileError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            loaders.measures.clear()
            st.session_state["rm_flash"] = f"Загружено: новых {result.created}, обновлено {result.updated}."
            st.rerun()

can_edit = user.role in ("curator", "sector_leader", "settlement_head")
with tab_edit:
    if not can_edit:
        st.info(f"Роль «{access.ROLES[user.role]}» мероприятия не меняет: это делают куратор МЦУ, руководители "
                "отраслевых блоков (по своим темам) и главы поселений (по своему поселению).",
                icon=":material/visibility:")
    else:
        if user.role == "sector_leader":
            st.caption("Вы меняете мероприятия по темам своего блока: " + ", ".join(names.themes[t] for t in user.themes))
        elif user.role == "settlement_head":
            st.caption(f"Вы меняете мероприятия своего поселения: {names.settlements.get(user.oktmo, user.oktmo)}.")
        draft = st.session_state.get("rm_draft") or {}
        options = [None, *items["measure_id"].tolist()]
        chosen = st.selectbox("Мероприятие", options, key="rm_pick",
                              format_func=lambda m: "Новое мероприятие" if m is None else
                              f"№ {m}: {items.set_index('measure_id').loc[m, 'title']}")
        current = measures.get(store, chosen) if chosen is not None else None
        loaded = st.session_state.get("rm_loaded")
        if current is not None and (loaded is None or loaded[0] != chosen):
            # remember the version the form was opened on, once: a save on top of an older one is refused
            st.session_state["rm_loaded"] = (chosen, int(current["row_version"]))
        base = current or {
            "title": draft.get("title", ""), "description": draft.get("description", ""),
            "theme_codes": draft.get("theme_codes", []), "settlement_oktmos": draft.get("settlement_oktmos", []),
            "recipient_code": draft.get("recipient_code"), "official": draft.get("official", ""),
            "start_date": today, "deadline": today + timedelta(days=90), "done_date": None, "status": "planned",
            "progress": 0, "expected_effect": draft.get("expected_effect", ""), "evidence": draft.get("evidence", ""),
        }
        if draft and current is None:
            st.info("Черновик из точки роста: тема, поселение и основание уже заполнены.", icon=":material/edit_note:")
        with st.form(f"rm_form_{chosen}"):
            title = st.text_input("Название", value=base["title"])
            description = st.text_area("Описание", value=base["description"] or "")
            c1, c2 = st.columns(2)
            theme_codes = c1.multiselect("Темы", list(names.themes), default=list(base["theme_codes"]),
                                         format_func=names.themes.get, placeholder="Выберите темы")
            settlement_oktmos = c2.multiselect("Поселения", list(names.settlements), default=list(base["settlement_oktmos"]),
                                               format_func=names.settlements.get, placeholder="Весь район")
            leader = theme_leader.get(theme_codes[0]) if theme_codes else ""
            official = st.text_input("Ответственное должностное лицо", value=base["official"] or (leader or ""),
                                     help="По умолчанию — руководитель отраслевого блока темы (Приложение 2).")
            c3, c4, c5 = st.columns(3)
            start_date = c3.date_input("Начало", value=pd.Timestamp(base["start_date"]).date(), format="DD.MM.YYYY")
            deadline = c4.date_input("Срок", value=pd.Timestamp(base["deadline"]).date(), format="DD.MM.YYYY")
            done_value = pd.Timestamp(base["done_date"]).date() if pd.notna(base["done_date"]) else None
            done_date = c5.date_input("Завершено", value=done_value, format="DD.MM.YYYY")
            c6, c7 = st.columns(2)
            status = c6.selectbox("Статус", list(measures.STATUSES), index=list(measures.STATUSES).index(base["status"]),
                                  format_func=STATE_NAMES.get, help="«Просрочено» ставится само, если срок прошёл.")
            progress = c7.slider("Выполнение, %", 0, 100, int(base["progress"]))
            expected = st.text_input("Ожидаемый эффект", value=base["expected_effect"] or "")
            evidence = st.text_area("Основание (точка роста, обращения)", value=base["evidence"] or "")
            saved = st.form_submit_button("Сохранить", type="primary")
        if saved:
            measure = measures.Measure(title=title, description=description, theme_codes=theme_codes,
                                       settlement_oktmos=settlement_oktmos, official=official, start_date=start_date,
                                       deadline=deadline, done_date=done_date, status=status, progress=progress,
                                       expected_effect=expected, evidence=evidence)
            try:
                if current is None:
                    new_id = measures.create(store, measure, by=user.name)  # the signed-in user, into the history
                    st.session_state.pop("rm_draft", None)
                    st.session_state["rm_flash"] = f"Мероприятие № {new_id} создано."
                else:
                    opened_version = st.session_state["rm_loaded"][1]
                    measures.update(store, chosen, opened_version, measure, by=user.name)
                    st.session_state.pop("rm_loaded", None)
                    st.session_state["rm_flash"] = f"Мероприятие № {chosen} сохранено."
                loaders.measures.clear()
                st.rerun()
            except measures.StaleEditError as exc:
                st.error(str(exc), icon=":material/sync_problem:")
                now = exc.current
                st.dataframe(pd.DataFrame({"Поле": ["Название", "Статус", "Выполнение", "Срок", "Изменил"],
                                           "Сейчас": [now["title"], STATE_NAMES[now["status"]], f"{now['progress']} %",
                                                      fmt_date(now["deadline"]), now["updated_by"]]}),
                             hide_index=True)
                st.session_state.pop("rm_loaded", None)
            except (measures.MeasureError, access.AccessDenied) as exc:
                st.error(str(exc), icon=":material/error:")
        if current is not None:
            with st.expander("История изменений"):
                hist = measures.history(store, chosen)
                st.dataframe(pd.DataFrame({"Когда": hist["changed_at"].dt.strftime("%d.%m.%Y %H:%M"), "Кто": hist["changed_by"],
                                           "Поле": hist["field"], "Было": hist["old_value"], "Стало": hist["new_value"]}),
                             hide_index=True, width="stretch")

with tab_effect:
    done = items[items["status"] == "done"] if not items.empty else items
    if done.empty:
        st.info("Эффект считается для выполненных мероприятий: пока таких нет.")
    else:
        st.caption(f"Обращения по темам мероприятия за {effect.WINDOW_DAYS} дней до и после завершения, в сравнении "
                   "с поселениями, которых мероприятие не касалось (они несут сезон), а если их данных мало — с тем же "
                   "временем годом раньше.")
        verdicts = []
        for m in done.itertuples():
            result = loaders.measure_effect(tuple(m.theme_codes), tuple(m.settlement_oktmos),
                                            pd.Timestamp(m.done_date).date(), today, version)
            verdicts.append((m, result))
        no_effect = [m.title for m, r in verdicts if r.verdict in ("unchanged", "increased")]
        if no_effect:
            st.warning("Выполнены, но обращений не стало меньше: " + "; ".join(no_effect), icon=":material/report:")
        for m, result in verdicts:
            with st.expander(f"№ {m.measure_id}: {m.title} — {effect.VERDICTS[result.verdict]}",
                             expanded=len(verdicts) == 1):
                st.markdown(result.explanation_ru)
                weekly = loaders.measure_series(tuple(m.theme_codes), tuple(m.settlement_oktmos),
                                                pd.Timestamp(m.done_date).date(), version)
                weekly["Группа"] = weekly["grp"].map({"treated": "Поселения мероприятия", "control": "Другие поселения"})
                fig = px.line(weekly, x="week", y="n", color="Группа", markers=True,
                              labels={"week": "Неделя", "n": "Обращений"})
                fig.add_vline(x=pd.Timestamp(m.done_date).to_pydatetime(), line_dash="dash", line_color="#c8372d")
                fig.add_annotation(x=pd.Timestamp(m.done_date).to_pydatetime(), y=1, yref="paper",
                                   text="завершено", showarrow=False, yanchor="bottom")
                fig.update_xaxes(tickformat="%d.%m.%Y")
                st.plotly_chart(charts.style(fig, height=280), width="stretch", key=f"rm_effect_{m.measure_id}")

with tab_theme:
    theme = st.selectbox("Тема", list(names.themes), format_func=names.themes.get, key="rm_theme")
    own = items[items["theme_codes"].map(lambda c: theme in list(c))] if not items.empty else items
    st.markdown(f"**Дорожная карта по теме «{names.themes[theme]}»** · на {fmt_date(today)}")
    if own.empty:
        st.caption("По этой теме мероприятий нет.")
    else:
        st.table(pd.DataFrame({
            "№": own["measure_id"].astype(str), "Мероприятие": own["title"], "Поселения": own["settlement_oktmos"].map(places_text),
            "Ответственный": own["official"], "Начало": own["start_date"].map(fmt_date), "Срок": own["deadline"].map(fmt_date),
            "Состояние": own["state"].map(STATE_NAMES), "Выполнение": own["progress"].map(lambda p: f"{p} %"),
        }).set_index("№"))
