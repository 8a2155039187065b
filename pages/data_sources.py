"""«Загрузки и справочники»: load an export, see every import and its rejected rows, read the references."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from mcu_data import loaders
from mcu_data.config import load_settings
from mcu_data.ingest.loader import import_bytes
from mcu_data.ingest.readers import ImportFileError
from mcu_data.locale import fmt_datetime, fmt_int, label

settings = load_settings()
version = loaders.data_version()

st.title("Загрузки и справочники")
st.caption("Фильтры боковой панели на этой странице не действуют: здесь показаны все загрузки и справочники.")
tab_load, tab_batches, tab_refs = st.tabs(["Загрузить выгрузку", "История загрузок", "Справочники"])

with tab_load:
    st.markdown(
        "Загрузите выгрузку из ПОС (xlsx), «Инцидент менеджмент» (csv) или реестра обращений по 59-ФЗ (csv). "
        "Источник определяется по заголовкам столбцов. Повторная загрузка того же файла ничего не меняет; "
        "более поздняя выгрузка обновляет статусы и ответы."
    )
    uploaded = st.file_uploader(
        "Файл выгрузки",
        type=["xlsx", "csv", "txt"],
        key="ds_upload",
        max_upload_size=settings.max_upload_mb,
        help=f"Не больше {settings.max_upload_mb} МБ. Кодировка CSV — UTF-8 или Windows-1251, разделитель — "
        "запятая, точка с запятой или табуляция.",
    )
    if uploaded is not None and st.button("Загрузить", type="primary", key="ds_do_import"):
        try:
            report = import_bytes(
                loaders.get_store(), uploaded.getvalue(), uploaded.name, max_bytes=settings.max_upload_mb * 1_048_576
            )
        except ImportFileError as exc:
            st.error(f"{exc} Хранилище не изменилось.", icon=":material/error:")
        else:
            st.success(
                f"Загружено: {label('source', report.source_code)}. Прочитано строк: {fmt_int(report.rows_read)}; "
                f"новых {fmt_int(report.rows_new)}, обновлено {fmt_int(report.rows_updated)}, "
                f"без изменений {fmt_int(report.rows_unchanged)}, отклонено {fmt_int(report.rows_rejected)}.",
                icon=":material/task_alt:",
            )
            if report.rows_rejected:
                st.info("Отклонённые строки сохранены с причинами — смотрите вкладку «История загрузок».")

with tab_batches:
    batches = loaders.import_batches(version)
    if batches.empty:
        st.info("Загрузок пока не было. Загрузите первую выгрузку на вкладке «Загрузить выгрузку».")
    else:
        view = pd.DataFrame(
            {
                "№": batches["batch_id"],
                "Источник": batches["source_code"].map(lambda c: label("source_short", c)),
                "Файл": batches["file_name"],
                "Загружен": batches["finished_at"].map(lambda t: fmt_datetime(t.to_pydatetime()) if pd.notna(t) else "—"),
                "Прочитано": batches["rows_read"],
                "Новых": batches["rows_new"],
                "Обновлено": batches["rows_updated"],
                "Без изменений": batches["rows_unchanged"],
                "Отклонено": batches["rows_rejected"],
            }
        )
        counts = {c: st.column_config.NumberColumn(c, format="localized") for c in view.columns[4:]}
        st.dataframe(view, hide_index=True, width="stretch", column_config=counts)
        with_rejects = batches[batches["rows_rejected"] > 0]
        if with_rejects.empty:
            st.caption("Отклонённых строк нет.")
        else:
            batch_id = st.selectbox(
                "Отклонённые строки загрузки",
                list(with_rejects["batch_id"]),
                format_func=lambda b: f"№ {b}: {with_rejects.set_index('batch_id').loc[b, 'file_name']}",
                key="ds_reject_batch",
            )
            rejected = loaders.rejected_rows(version, int(batch_id))
            raw = pd.DataFrame([json.loads(r) for r in rejected["raw_json"]])
            table = pd.concat(
                [rejected[["row_number", "reason_ru"]].rename(columns={"row_number": "Строка файла", "reason_ru": "Причина"}), raw],
                axis=1,
            )
            st.dataframe(table, hide_index=True, width="stretch")

with tab_refs:
    refs = loaders.reference_tables(version)
    st.subheader("Сельские поселения")
    sett = refs["settlements"]
    st.dataframe(
        pd.DataFrame(
            {
                "Поселение": sett["name_ru"],
                "Центр": sett["admin_centre_ru"],
                "ОКТМО": sett["oktmo"],
                "Население (перепись 2021)": sett["population_2021"],
                "Координаты центра": [
                    f"{lat:.5f}, {lon:.5f}".replace(".", ",") if pd.notna(lat) else "нет"
                    for lat, lon in zip(sett["lat"], sett["lon"], strict=True)
                ],
                "Проверены": sett["coord_verified"].map({True: "да", False: "нет"}),
                "Примечание": sett["coord_note"],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"Население (перепись 2021)": st.column_config.NumberColumn(format="localized")},
    )
    st.caption(
        f"Всего жителей: {fmt_int(int(sett['population_2021'].sum()))}. Публичного слоя границ поселений нет; "
        "координаты приведены только там, где они найдены в источниках."
    )
    st.subheader("Темы и отраслевые блоки")
    themes = refs["themes"].drop(columns="code").rename(
        columns={"name_ru": "Тема", "block": "Отраслевой блок", "leader": "Руководитель блока"}
    )
    st.dataframe(themes, hide_index=True, width="stretch")
    st.subheader("Сроки ответа")
    rules = refs["rules"]
    st.dataframe(
        pd.DataFrame(
            {
                "Канал": rules["source_code"].map(lambda c: label("source_short", c)),
                "Этап": rules["stage"].map(lambda c: label("stage", c)),
                "Срок": [f"{a} {label('unit', u)}" for a, u in zip(rules["amount"], rules["unit"], strict=True)],
                "Проверено": rules["verified"].map({True: "да", False: "НЕ ПРОВЕРЕНО"}),
                "Основание": rules["basis_ru"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption("Сроки ПОС и «Инцидент менеджмент» взяты из сообщений прессы и не сверены с нормативным актом.")
    st.subheader("Получатели")
    rec = refs["recipients"].drop(columns="code").rename(
        columns={"name_ru": "Получатель", "recipient_kind": "Вид", "block": "Отраслевой блок", "aliases": "Другие написания"}
    )
    rec["Вид"] = rec["Вид"].map({"department": "Отдел администрации", "institution": "Учреждение", "settlement_admin": "Администрация поселения"})
    st.dataframe(rec, hide_index=True, width="stretch")
    with st.expander("Справочник населённых пунктов"):
        gz = refs["gazetteer"].rename(columns={"place_ru": "Населённый пункт", "place_kind": "Тип", "settlement_oktmo": "ОКТМО поселения", "note": "Примечание"})
        st.dataframe(gz[["Населённый пункт", "Тип", "ОКТМО поселения", "Примечание"]], hide_index=True, width="stretch")
    with st.expander("Соответствие рубрик источников темам"):
        theme_names = dict(zip(refs["themes"]["code"], refs["themes"]["name_ru"], strict=True))
        rb = refs["rubrics"].assign(
            source_code=lambda d: d["source_code"].map(lambda c: label("source_short", c)),
            theme_code=lambda d: d["theme_code"].map(theme_names),
        )
        st.dataframe(
            rb.rename(columns={"source_code": "Источник", "rubric": "Рубрика источника", "theme_code": "Тема", "subtheme": "Подтема"}),
            hide_index=True,
            width="stretch",
        )
