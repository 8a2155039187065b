"""«Загрузка данных»: upload exports, check source and mapping, import with progress, read the log, undo."""

import streamlit as st

from mcu_data import access
from mcu_data.app import caches, layout, session
from mcu_data.app.views import data_import as view
from mcu_data.core.config import load_settings
from mcu_data.core.locale import fmt_int, label, uploader_css
from mcu_data.ingest import official_pages, surveys
from mcu_data.ingest.batches import UndoError, undo
from mcu_data.ingest.loader import import_bytes, save_profile
from mcu_data.ingest.profiles import CUSTOM_DEFAULTS
from mcu_data.ingest.readers import ImportFileError

p = session.page("data_import")
settings = load_settings()
max_bytes = settings.max_upload_bytes
store = caches.get_store()
state = st.session_state

st.title("Загрузка данных")
st.caption("Фильтры боковой панели на этой странице не действуют.")
if view.channel_notice(p.user):
    st.info(view.channel_notice(p.user), icon=":material/badge:")
tab_load, tab_survey, tab_pages, tab_log = st.tabs(
    ["Загрузить выгрузки", "Опросы жителей", "Госпаблики", "Журнал загрузок"]
)


def mapping_form(i: int, plan: view.FilePlan) -> tuple[str, dict[str, str]]:
    """Columns chosen by hand for a file of unknown shape; it can be saved as a named profile."""
    source = st.selectbox(
        "Откуда эти данные", list(CUSTOM_DEFAULTS), format_func=lambda c: label("source", c), key=f"imp_msrc_{i}"
    )
    cols = st.columns(3)
    picked = {
        field: cols[j % 3].selectbox(
            label("field", field), [view.NOT_MAPPED, *plan.columns], key=f"imp_map_{i}_{field}"
        )
        for j, field in enumerate(view.MAPPED_FIELDS)
    }
    mapping = view.manual_mapping(picked)
    name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    profile_name = name_col.text_input(
        "Название профиля", key=f"imp_pname_{i}", placeholder="например, «Горячая линия района»"
    )
    if button_col.button("Сохранить профиль", key=f"imp_psave_{i}"):
        try:
            save_profile(store, profile_name, source, mapping)
        except (ImportFileError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.success(f"Профиль «{profile_name.strip()}» сохранён: выберите его для следующих файлов.")
    return source, mapping


def run_import(upload, plan: view.FilePlan, mapping: tuple[str, dict[str, str]] | None) -> None:
    bar = st.progress(0.0, text=f"{upload.name}: начинаю")
    try:
        report = import_bytes(
            store,
            upload.getvalue(),
            upload.name,
            profile_code=plan.profile_code,
            max_bytes=max_bytes,
            profile_name=plan.profile_name,
            mapping=mapping,
            progress=lambda share, what: bar.progress(share, text=f"{upload.name}: {what}"),
            origin="page",
        )
    except (ImportFileError, access.AccessDenied) as exc:
        bar.empty()
        st.error(f"{upload.name}: {exc} Хранилище не изменилось.", icon=":material/error:")
    else:
        said = view.report_view(report)
        st.success(said.summary, icon=":material/task_alt:")
        for warning in said.warnings:
            st.warning(warning, icon=":material/warning:")
        if said.details:
            st.markdown("\n".join(f"- {line}" for line in said.details))


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
    profiles = p.src.import_profiles()
    ready = []
    for i, upload in enumerate(files or []):
        with st.container(border=True):
            plan = view.plan(upload.getvalue(), upload.name, max_bytes, profiles, state.get(f"imp_src_{i}"))
            st.markdown(f"**{plan.name}** · {plan.size_text}")
            if plan.error:
                st.error(plan.error, icon=":material/error:")
                continue
            choice = st.selectbox(
                "Источник",
                list(plan.choices),
                index=list(plan.choices).index(plan.default),
                format_func=plan.choices.get,
                key=f"imp_src_{i}",
                help="Источник определяется по заголовкам столбцов; выберите другой, если определился неверно.",
            )
            st.caption(plan.caption)
            st.dataframe(plan.preview, hide_index=True, width="stretch")
            mapping = mapping_form(i, plan) if choice == view.NEW_MAPPING else None
            if mapping:
                plan.mapping = mapping[1]
            if plan.mapping:
                st.dataframe(plan.mapping_table, hide_index=True, width="stretch")
            ready.append((upload, plan, mapping))
    if ready and st.button(f"Загрузить файлов: {len(ready)}", type="primary", key="imp_go"):
        for upload, plan, mapping in ready:
            run_import(upload, plan, mapping)
        st.info("Отклонённые строки, их причины и отмена загрузки — на вкладке «Журнал загрузок».")

with tab_survey:
    st.markdown(view.SURVEY_HELP)
    survey_kinds = ["csv", "xlsx", "txt"]
    st.html(uploader_css("imp_survey_files", survey_kinds, settings.max_upload_mb, many=True))
    survey_files = st.file_uploader(
        "Файлы с результатами опросов",
        type=survey_kinds,
        accept_multiple_files=True,
        max_upload_size=settings.max_upload_mb,
        key="imp_survey_files",
        help=f"Не больше {settings.max_upload_mb} МБ каждый; CSV в UTF-8 или Windows-1251 с «;», «,» или "
        "табуляцией, или книга Excel.",
    )
    if survey_files and st.button(f"Загрузить опросов: {len(survey_files)}", type="primary", key="imp_survey_go"):
        for upload in survey_files:
            try:
                report = surveys.import_source(store, upload.getvalue(), upload.name, max_bytes, origin="page")
            except (ImportFileError, access.AccessDenied) as exc:
                st.error(f"{upload.name}: {exc} Хранилище не изменилось.", icon=":material/error:")
            else:
                said = view.report_view(report)
                st.success(said.summary, icon=":material/task_alt:")
                for warning in said.warnings:
                    st.warning(warning, icon=":material/warning:")
                if said.details:
                    st.markdown("\n".join(f"- {line}" for line in said.details))
        st.info("Ответы показывает страница «Удовлетворённость»; отклонённые строки и отмена — в «Журнале загрузок».")

with tab_pages:
    st.markdown(view.PAGES_HELP)
    page_kinds = ["csv", "xlsx", "txt"]
    st.html(uploader_css("imp_pages_files", page_kinds, settings.max_upload_mb, many=True))
    page_files = st.file_uploader(
        "Выгрузки активности госпабликов",
        type=page_kinds,
        accept_multiple_files=True,
        max_upload_size=settings.max_upload_mb,
        key="imp_pages_files",
        help=f"Не больше {settings.max_upload_mb} МБ каждый; CSV в UTF-8 или Windows-1251 с «;», «,» или "
        "табуляцией, или книга Excel.",
    )
    if page_files and st.button(f"Загрузить выгрузок: {len(page_files)}", type="primary", key="imp_pages_go"):
        for upload in page_files:
            try:
                report = official_pages.import_source(store, upload.getvalue(), upload.name, max_bytes, origin="page")
            except (ImportFileError, access.AccessDenied) as exc:
                st.error(f"{upload.name}: {exc} Хранилище не изменилось.", icon=":material/error:")
            else:
                said = view.report_view(report)
                st.success(said.summary, icon=":material/task_alt:")
                for warning in said.warnings:
                    st.warning(warning, icon=":material/warning:")
                if said.details:
                    st.markdown("\n".join(f"- {line}" for line in said.details))
        st.info("Показатели — на странице «Госпаблики»; отклонённые строки и отмена — в «Журнале загрузок».")

with tab_log:
    if "imp_flash" in state:
        st.success(state.pop("imp_flash"), icon=":material/undo:")
    history = view.log(p.src)
    if history is None:
        st.info("Загрузок пока не было. Загрузите первую выгрузку на вкладке «Загрузить выгрузки».")
        st.stop()
    counts = {c: st.column_config.NumberColumn(c, format="localized") for c in history.table.columns[5:-1]}
    st.dataframe(history.table, hide_index=True, width="stretch", column_config=counts)
    if not history.done:
        st.stop()
    batch_id = st.selectbox(
        "Загрузка", history.done, format_func=lambda b: f"№ {b}: {history.file_names[b]}", key="imp_log_batch"
    )
    table, download = view.rejected(p.src, int(batch_id))
    if table.empty:
        st.caption("В этой загрузке отклонённых строк нет.")
    else:
        st.dataframe(table, hide_index=True, width="stretch")
        if download:
            layout.download(download)
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
                state["imp_flash"] = (
                    f"Загрузка № {result.batch_id} отменена: удалено обращений "
                    f"{fmt_int(result.removed)}, восстановлено {fmt_int(result.restored)}."
                )
                st.rerun()
