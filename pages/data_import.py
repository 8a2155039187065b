"""«Загрузка данных»: upload exports, check source and mapping, import with progress, read the log, undo."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.app import caches as loaders
from mcu_data.core.config import load_settings
from mcu_data.core.locale import fmt_datetime, fmt_int, label, uploader_css
from mcu_data.ingest.batches import UndoError, undo
from mcu_data.ingest.loader import import_bytes, preview, save_profile
from mcu_data.ingest.profiles import CANONICAL_TITLES, CUSTOM_DEFAULTS, PROFILES
from mcu_data.ingest.readers import ImportFileError
from mcu_data.reports.exports import to_csv_bytes

user = loaders.signed_in("data_import")

settings = load_settings()
max_bytes = settings.max_upload_mb * 1_048_576
version = loaders.data_version()
store = loaders.get_store()

st.title("Загрузка данных")
st.caption("Фильтры боковой панели на этой странице не действуют.")
if user.role == "channel_officer":
    st.info(f"Вы загружаете выгрузки своего канала: {label('source', user.channel)}. Файлы других каналов "
            "загружает их ответственный или куратор МЦУ.", icon=":material/badge:")
tab_load, tab_log = st.tabs(["Загрузить выгрузки", "Журнал загрузок"])

AUTO = "__auto__"
NEW_MAPPING = "__mapping__"
MAPPED_FIELDS = ("source_id", "received_at", "text", "address", "recipient_raw", "status_raw", "outcome_raw",
                 "rubric_group", "rubric", "registered_at", "due_at", "first_answer_at", "satisfaction_raw", "channel_raw")

with tab_load:
    st.markdown(
        "Выберите один или несколько файлов: выгрузки ПОС (xlsx), «Инцидент менеджмент» (csv), реестра 59-ФЗ "
        "(csv) или любую другую таблицу — для неё сопоставьте столбцы и сохраните профиль. Повторная загрузка "
        "того же файла ничего не меняет; более поздняя выгрузка обновляет статусы и ответы и сохраняет историю."
    )
    kinds = ["xlsx", "csv", "txt"]
    st.html(uploader_css("imp_files", kinds, settings.max_upload_mb, many=True))
    files = st.file_uploader(
        "Файлы выгрузок",
        type=kinds,
        accept_multiple_files=True,
        max_upload_size=settings.max_upload_mb,
        key="imp_files",
        help=f"Не больше {settings.max_upload_mb} МБ каждый. CSV — в UTF-8, UTF-16 или Windows-1251, "
        "с разделителем «;», «,» или табуляцией. В книге Excel таблица может начинаться не с первой строки.",
    )
    profiles = loaders.saved_import_profiles(version)
    plans: list[tuple[object, dict]] = []
    for i, upload in enumerate(files or []):
        with st.container(border=True):
            st.markdown(f"**{upload.name}** · {fmt_int(upload.size / 1024)} КБ")
            try:
                raw, detected = preview(upload.getvalue(), upload.name, max_bytes)
            except ImportFileError as exc:
                st.error(f"{exc} Этот файл не будет загружен.", icon=":material/error:")
                continue
            choices = {AUTO: f"Определено автоматически: {detected.title_ru}" if detected else "Источник не определён"}
            choices.update({code: p.title_ru for code, p in PROFILES.items()})
            choices.update({f"saved:{n}": f"Сохранённый профиль «{n}»" for n in profiles["name"]})
            choices[NEW_MAPPING] = "Сопоставить столбцы вручную…"
            default = AUTO if detected else NEW_MAPPING
            choice = st.selectbox(
                "Источник", list(choices), index=list(choices).index(default), format_func=choices.get, key=f"imp_src_{i}",
                help="Источник определяется по заголовкам столбцов; выберите другой, если определился неверно.",
            )
            sheet = f", лист «{raw.sheet}»" if raw.sheet else ""
            st.caption(
                f"Строк: {fmt_int(len(raw.frame))}; заголовок в строке {raw.header_row}{sheet}; кодировка {raw.encoding}."
            )
            st.dataframe(raw.frame.head(5), hide_index=True, width="stretch")
            plan: dict = {"data": upload.getvalue(), "name": upload.name}
            if choice == AUTO and detected:
                plan["profile_code"] = detected.code
                matched = detected.match(list(raw.frame.columns))
            elif choice in PROFILES:
                plan["profile_code"] = choice
                matched = PROFILES[choice].match(list(raw.frame.columns))
            elif choice.startswith("saved:"):
                plan["profile_name"] = choice.removeprefix("saved:")
                row = profiles.set_index("name").loc[plan["profile_name"]]
                matched = json.loads(row["mapping_json"])
            else:
                matched = {}
                columns = ["— нет —", *raw.frame.columns]
                source = st.selectbox(
                    "Откуда эти данные", list(CUSTOM_DEFAULTS), format_func=lambda c: label("source", c), key=f"imp_msrc_{i}"
                )
                cols = st.columns(3)
                for j, field in enumerate(MAPPED_FIELDS):
                    picked = cols[j % 3].selectbox(CANONICAL_TITLES[field], columns, key=f"imp_map_{i}_{field}")
                    if picked != "— нет —":
                        matched[field] = picked
                plan["mapping"] = (source, matched)
                name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
                profile_name = name_col.text_input("Название профиля", key=f"imp_pname_{i}",
                                                   placeholder="например, «Горячая линия района»")
                if button_col.button("Сохранить профиль", key=f"imp_psave_{i}"):
                    try:
                        save_profile(store, profile_name, source, matched)
                    except (ImportFileError, access.AccessDenied) as exc:
                        st.error(str(exc), icon=":material/error:")
                    else:
                        st.success(f"Профиль «{profile_name.strip()}» сохранён: выберите его для следующих файлов.")
            if matched:
                st.dataframe(
                    pd.DataFrame({"Поле": [CANONICAL_TITLES[f] for f in matched], "Столбец файла": list(matched.values())}),
                    hide_index=True,
                    width="stretch",
                )
            plans.append((upload, plan))

    if plans and st.button(f"Загрузить файлов: {len(plans)}", type="primary", key="imp_go"):
        for upload, plan in plans:
            bar = st.progress(0.0, text=f"{upload.name}: начинаю")
            try:
                report = import_bytes(
                    store,
                    plan["data"],
                    plan["name"],
                    profile_code=plan.get("profile_code"),
                    max_bytes=max_bytes,
                    profile_name=plan.get("profile_name"),
                    mapping=plan.get("mapping"),
                    progress=lambda share, what, bar=bar, name=upload.name: bar.progress(share, text=f"{name}: {what}"),
                )
            except (ImportFileError, access.AccessDenied) as exc:
                bar.empty()
                st.error(f"{upload.name}: {exc} Хранилище не изменилось.", icon=":material/error:")
            else:
                st.success(
                    f"{upload.name} — {label('source', report.source_code)}, загрузка № {report.batch_id}. "
                    f"Прочитано строк: {fmt_int(report.rows_read)}; новых {fmt_int(report.rows_new)}, "
                    f"обновлено {fmt_int(report.rows_updated)}, без изменений {fmt_int(report.rows_unchanged)}, "
                    f"отклонено {fmt_int(report.rows_rejected)}.",
                    icon=":material/task_alt:",
                )
        st.info("Отклонённые строки, их причины и отмена загрузки — на вкладке «Журнал загрузок».")

with tab_log:
    if "imp_flash" in st.session_state:
        st.success(st.session_state.pop("imp_flash"), icon=":material/undo:")
    batches = loaders.import_batches(loaders.data_version())
    if batches.empty:
        st.info("Загрузок пока не было. Загрузите первую выгрузку на вкладке «Загрузить выгрузки».")
    else:
        status_names = {"done": "загружена", "undone": "отменена", "running": "прервана"}
        view = pd.DataFrame(
            {
                "№": batches["batch_id"],
                "Источник": batches["source_code"].map(lambda c: label("source_short", c)),
                "Файл": batches["file_name"],
                "Загружен": batches["finished_at"].map(lambda t: fmt_datetime(t.to_pydatetime()) if pd.notna(t) else "—"),
                "Состояние": batches["status"].map(status_names),
                "Прочитано": batches["rows_read"],
                "Новых": batches["rows_new"],
                "Обновлено": batches["rows_updated"],
                "Без изменений": batches["rows_unchanged"],
                "Отклонено": batches["rows_rejected"],
            }
        )
        counts = {c: st.column_config.NumberColumn(c, format="localized") for c in view.columns[5:]}
        st.dataframe(view, hide_index=True, width="stretch", column_config=counts)
        done = batches[batches["status"] == "done"]
        if not done.empty:
            names = done.set_index("batch_id")["file_name"]
            batch_id = st.selectbox(
                "Загрузка", list(done["batch_id"]), format_func=lambda b: f"№ {b}: {names[b]}", key="imp_log_batch"
            )
            rejected = loaders.rejected_rows(loaders.data_version(), int(batch_id))
            if rejected.empty:
                st.caption("В этой загрузке отклонённых строк нет.")
            else:
                raw = pd.DataFrame([json.loads(r) for r in rejected["raw_json"]])
                table = pd.concat(
                    [rejected[["row_number", "reason_ru"]].rename(columns={"row_number": "Строка файла", "reason_ru": "Причина"}), raw],
                    axis=1,
                )
                st.dataframe(table, hide_index=True, width="stretch")
                rej_name = f"отклонённые_строки_загрузки_{batch_id}.csv"
                st.download_button(
                    "Скачать отклонённые строки (CSV)",
                    data=to_csv_bytes(table),
                    file_name=rej_name,
                    mime="text/csv",
                    key="imp_rej_csv",
                    icon=":material/download:",
                    on_click=loaders.record_export,
                    args=(rej_name,),
                )
            with st.expander("Отменить загрузку"):
                st.markdown(
                    "Отмена удалит обращения, добавленные этой загрузкой, и вернёт прежние значения тех, что она "
                    "изменила. Если те же обращения потом меняла другая загрузка, сначала отмените её."
                )
                sure = st.checkbox(f"Да, отменить загрузку № {batch_id}", key="imp_undo_sure")
                if st.button("Отменить загрузку", disabled=not sure, key="imp_undo"):
                    try:
                        result = undo(store, int(batch_id))
                    except (UndoError, access.AccessDenied) as exc:
                        st.error(str(exc), icon=":material/error:")
                    else:
                        # the log above was drawn before the undo: redraw, and say what happened on top
                        st.session_state["imp_flash"] = (
                            f"Загрузка № {result.batch_id} отменена: удалено обращений {fmt_int(result.removed)}, "
                            f"восстановлено {fmt_int(result.restored)}."
                        )
                        st.rerun()
