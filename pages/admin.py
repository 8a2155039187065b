"""«Пользователи и журнал»: accounts and roles, the audit log, and the retention of old appeals (curator only)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.access import auth, retention, tokens
from mcu_data.app import caches, layout, session, wall_deck
from mcu_data.app.views import admin
from mcu_data.core.locale import fmt_date, fmt_datetime, fmt_int, label

p = session.page("admin")
user = p.user
store = caches.get_store()
accounts = admin.users(p.src)
leaders = accounts.leaders

st.title("Пользователи и журнал")
if "adm_flash" in st.session_state:
    st.success(st.session_state.pop("adm_flash"), icon=":material/task_alt:")
if "adm_screen_address" in st.session_state:
    st.success(
        "Адрес показа с ключом — он показан один раз. Откройте его на компьютере экрана в зале и добавьте в закладки:",
        icon=":material/key:",
    )
    st.code(st.session_state.pop("adm_screen_address"), language=None)
if "adm_api_key" in st.session_state:
    st.success(
        "Ключ API — он показан один раз, в хранилище остаётся только его отпечаток. Передайте его тому, кто "
        "настраивает выгрузку, и впишите в заголовок запроса «Authorization: Bearer <ключ>»:",
        icon=":material/key:",
    )
    st.code(st.session_state.pop("adm_api_key"), language=None)
tab_users, tab_keys, tab_audit, tab_retention = st.tabs(
    ["Пользователи", "Ключи API", "Журнал действий", "Срок хранения"]
)

with tab_users:
    table = accounts.accounts
    st.dataframe(accounts.table, hide_index=True, width="stretch")
    st.subheader("Создать или изменить учётную запись")
    st.caption(
        "Новой учётной записи выдаётся одноразовый пароль: передайте его сотруднику, при первом входе он "
        "придумает свой. Роли — по Положению о МЦУ (раздел 2, приложение 2)."
    )
    logins = [None, *table.index]
    picked = st.selectbox("Учётная запись", logins, format_func=lambda x: "Новая" if x is None else x, key="adm_pick")
    row = table.loc[picked] if picked else None
    with st.form(f"adm_user_{picked}"):
        c1, c2 = st.columns(2)
        login = c1.text_input(
            "Логин",
            value=picked or "",
            disabled=picked is not None,
            help="Латинские буквы, цифры, точка, дефис, подчёркивание.",
        )
        display = c2.text_input("Имя и должность", value="" if row is None else row["display_name"])
        roles = list(access.ROLES)
        role = st.selectbox(
            "Роль",
            roles,
            index=roles.index(row["role"]) if row is not None else 0,
            format_func=lambda r: label("role", r),
        )
        c3, c4, c5 = st.columns(3)
        channel = c3.selectbox(
            "Канал (для ответственного за канал)",
            [None, "pos", "im", "fz59"],
            format_func=lambda c: "—" if c is None else label("source", c),
        )
        block = c4.selectbox(
            "Руководитель блоков (приложение 2)",
            [None, *leaders],
            format_func=lambda b: "—" if b is None else leaders[b],
            help="Для роли «Руководитель отраслевого блока»: его темы — темы всех его блоков.",
        )
        oktmo = c5.selectbox(
            "Поселение (для главы)",
            [None, *accounts.settlements],
            format_func=lambda o: "—" if o is None else accounts.settlements[o],
        )
        is_screen = st.checkbox(
            "Экран в зале: сеанс не завершается в режиме показа",
            value=bool(row is not None and row["is_screen"]),
            help="Только для роли «Наблюдатель / экран».",
        )
        active = st.checkbox("Активна", value=True if row is None else bool(row["active"]))
        if st.form_submit_button("Сохранить", type="primary"):
            try:
                password = auth.save_account(
                    store, auth.Account(picked or login, display, role, channel, block, oktmo, is_screen, active)
                )
            except (auth.AuthError, access.AccessDenied) as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                st.session_state["adm_flash"] = f"Учётная запись «{(picked or login).strip().lower()}» сохранена." + (
                    f" Одноразовый пароль: {password} — передайте его сотруднику, он больше не будет показан."
                    if password
                    else ""
                )
                st.rerun()
    if picked and st.button("Выдать новый одноразовый пароль", key="adm_reset"):
        password = auth.reset_password(store, picked)
        st.session_state["adm_flash"] = f"Новый одноразовый пароль для «{picked}»: {password}"
        st.rerun()
    if admin.may_have_screen_key(row):
        st.subheader(
            "Ключ показа",
            help="Ключ даёт то же, что учётная запись экрана: сводные цифры без списков "
            "обращений. Новый ключ заменяет прежний; отозванный перестаёт работать на следующем шаге показа.",
        )
        issued = row["screen_key_issued_at"]
        st.markdown(
            ("Ключ выдан " + fmt_datetime(issued.to_pydatetime()) + ".")
            if pd.notna(issued)
            else "Ключ не выдан: экран входит по логину и паролю и после перезапуска сервера просит войти снова."
        )
        st.caption(
            "С ключом в адресе экран в зале входит сам — и после перезапуска сервера или перезагрузки "
            "страницы, без пароля. Показ: все слайды, по 30 с на слайд."
        )
        k1, k2, _ = st.columns([1, 1, 2])
        if k1.button("Выдать новый ключ показа", icon=":material/key:", key="adm_key"):
            key = auth.issue_screen_key(store, picked)
            params = wall_deck.to_params(wall_deck.DEFAULT_EVERY, wall_deck.SLIDES, key=key)
            st.session_state["adm_screen_address"] = wall_deck.show_address(st.context.url, params)
            st.rerun()
        if pd.notna(issued) and k2.button("Отозвать ключ", icon=":material/key_off:", key="adm_key_revoke"):
            auth.revoke_screen_key(store, picked)
            st.session_state["adm_flash"] = f"Ключ показа «{picked}» отозван: адрес с ним больше не открывает показ."
            st.rerun()

with tab_keys:
    st.caption(
        "Ключ API позволяет программе выгрузки загружать файлы в панель без входа на страницу: "
        "POST /api/v1/imports на адрес сервера. Ключ действует с правами своей учётной записи: ключ ответственного "
        "за канал загружает только его канал. Каждая выдача и отзыв записываются в журнал действий."
    )
    keys = admin.api_tokens(p.src)
    if keys.empty:
        st.info("Ключей API ещё нет. Выдайте ключ ниже, если выгрузку будет присылать программа.")
    else:
        st.dataframe(keys, hide_index=True, width="stretch")
    with st.form("adm_token_form"):
        c1, c2 = st.columns(2)
        holder = c1.selectbox(
            "Учётная запись", [x for x in table.index if not table.loc[x, "is_screen"]], key="adm_token_login"
        )
        purpose = c2.text_input("Назначение", placeholder="например, ночная выгрузка ПОС", key="adm_token_label")
        if st.form_submit_button("Выдать ключ API", icon=":material/key:"):
            try:
                st.session_state["adm_api_key"] = tokens.issue(store, holder, purpose)
            except (auth.AuthError, access.AccessDenied) as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                st.rerun()
    active_keys = [k for k, state in zip(keys["Номер ключа"], keys["Состояние"], strict=True) if state == "действует"]
    if active_keys:
        r1, r2, _ = st.columns([1, 1, 2])
        gone = r1.selectbox("Отозвать ключ", active_keys, key="adm_token_revoke_pick")
        r2.write("")
        if r2.button("Отозвать", icon=":material/key_off:", key="adm_token_revoke"):
            tokens.revoke(store, gone)
            st.session_state["adm_flash"] = f"Ключ {gone} отозван: запросы с ним больше не принимаются."
            st.rerun()

with tab_audit:
    c1, c2 = st.columns(2)
    days = c1.selectbox(
        "За период", [1, 7, 30, 365], index=1, format_func=lambda d: f"последние {d} дн.", key="adm_days"
    )
    who = c2.selectbox(
        "Пользователь", [None, *table.index], format_func=lambda x: "Все" if x is None else x, key="adm_who"
    )
    view, download = admin.audit_log(p.src, days, who, p.today)
    if view.empty:
        st.info("За выбранный период записей нет.")
    else:
        st.caption(f"Записей: {fmt_int(len(view))}, новые сверху.")
        st.dataframe(view, hide_index=True, width="stretch")
        layout.download(download)

with tab_retention:
    years = p.src.retention_years()
    st.markdown(admin.retention_text(years))
    new_years = st.number_input(
        "Срок хранения, лет",
        min_value=retention.MIN_YEARS,
        max_value=retention.MAX_YEARS,
        value=years,
        step=1,
        key="adm_years",
    )
    if new_years != years and st.button("Сохранить срок", key="adm_years_save"):
        retention.set_years(store, int(new_years))
        st.session_state["adm_flash"] = f"Срок хранения: {int(new_years)} лет."
        st.rerun()
    cutoff = retention.cutoff_for(years, date.today())
    due = p.src.retention_preview(p.today)
    if due.empty:
        st.success(f"Обращений, поступивших до {fmt_date(cutoff)}, нет: удалять нечего.", icon=":material/check:")
    else:
        st.warning(admin.retention_warning(cutoff, due), icon=":material/delete:")
        st.dataframe(admin.retention_table(due), hide_index=True)
        sure = st.checkbox("Да, удалить эти обращения безвозвратно", key="adm_purge_sure")
        if st.button("Удалить", disabled=not sure, type="primary", key="adm_purge"):
            report = retention.purge(store, date.today())
            st.session_state["adm_flash"] = (
                f"Удалено обращений: {fmt_int(report.appeals)} (поступили до {fmt_date(report.cutoff)}); записей "
                f"истории статусов: {fmt_int(report.history_rows)}; отклонённых строк: {fmt_int(report.rejected_rows)}."
            )
            st.rerun()
