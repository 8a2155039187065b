"""«Рассылка»: the state of the mail, the schedule and its switches, who receives what, previews, the log."""

from datetime import time

import streamlit as st

from mcu_data import access
from mcu_data.app import caches, session
from mcu_data.app.views import mailing as view_of
from mcu_data.core.locale import label
from mcu_data.outreach import addressbook, outbox

p = session.page("mailing")
store = caches.get_store()
view = view_of.build(store)

st.title("Рассылка")
if view.alarm:
    st.warning(view.alarm, icon=":material/mail_off:")
if "mail_flash" in st.session_state:
    st.success(st.session_state.pop("mail_flash"), icon=":material/task_alt:")
st.markdown("\n".join(f"- {line}" for line in view.what_when))

st.subheader("Почтовый сервер")
if view.how_to:
    st.warning(view.how_to, icon=":material/mail_lock:")
for line in view.state_lines:
    st.markdown(line)
with st.form("mail_test_form"):
    to = st.text_input("Пробное письмо на адрес", placeholder="name@borskoe.ru")
    if st.form_submit_button("Поставить в очередь", disabled=not view.configured):
        try:
            number = outbox.queue_test(store, to)
        except (ValueError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.session_state["mail_flash"] = (
                f"Пробное письмо № {number} в очереди: сервер отправит его в течение минуты."
            )
            st.rerun()

st.subheader("Расписание")
s = view.schedule
a, b, c = st.columns(3)
weekly_on = a.toggle("Еженедельная записка", value=s.weekly_on, key="mail_weekly_on")
weekly_time = a.time_input("По понедельникам в", value=s.weekly_time, step=900, key="mail_weekly_time")
daily_on = b.toggle("Сроки на сегодня", value=s.daily_on, key="mail_daily_on")
daily_time = b.time_input("По рабочим дням в", value=s.daily_time, step=900, key="mail_daily_time")
growth_on = c.toggle("Новые точки роста", value=s.growth_on, key="mail_growth_on")
c.caption("Проверяются каждую минуту; письмо уходит сразу, как точка роста появилась.")
if st.button("Сохранить расписание", key="mail_schedule_save"):
    try:
        addressbook.save_schedule(
            store,
            addressbook.Schedule(weekly_on, weekly_time or time(8, 0), daily_on, daily_time or time(8, 30), growth_on),
        )
    except access.AccessDenied as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        st.session_state["mail_flash"] = "Расписание сохранено."
        st.rerun()

st.subheader("Адресаты")
st.caption(
    "Добавьте строку внизу таблицы. Ответственному укажите получателя обращений, чьи сроки он получает; "
    "руководителю сектора — его должность: точки роста придут по темам его блоков."
)
cols = view_of.EDITOR_COLUMNS
edited = st.data_editor(
    view.contacts,
    hide_index=True,
    width="stretch",
    num_rows="dynamic",
    key="mail_contacts",
    column_order=list(cols.values()),
    column_config={
        cols["email"]: st.column_config.TextColumn(cols["email"], help="Адрес электронной почты"),
        cols["kind"]: st.column_config.SelectboxColumn(cols["kind"], options=list(view.kind_labels.values())),
        cols["recipient_code"]: st.column_config.SelectboxColumn(
            cols["recipient_code"], options=list(view.recipients.values())
        ),
        cols["leader_code"]: st.column_config.SelectboxColumn(cols["leader_code"], options=list(view.leaders.values())),
        cols["active"]: st.column_config.CheckboxColumn(cols["active"], default=True),
    },
)
if st.button("Сохранить адресатов", key="mail_contacts_save"):
    try:
        kept = addressbook.save_contacts(store, view_of.contacts_from_editor(edited, view))
    except (addressbook.AddressError, access.AccessDenied) as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        st.session_state["mail_flash"] = f"Адресаты сохранены: {kept}."
        st.rerun()

st.subheader("Как выглядит письмо")
kind = st.segmented_control(
    "Письмо", ["weekly", "daily", "growth"], format_func=lambda k: label("mail_kind", k), key="mail_preview_kind"
)
if kind:
    shown = view_of.preview(store, kind, p.now)
    if shown is None:
        st.info("Такого письма сейчас не было бы: в данных нет ни одного случая для него.", icon=":material/inbox:")
    else:
        st.caption(f"{shown.note} Тема: «{shown.subject}». Ширина — как у телефона.")
        st.iframe(shown.html, width=400, height=720)

st.subheader("Журнал писем")
if view.log.empty:
    st.info(view.log_empty, icon=":material/outgoing_mail:")
else:
    st.dataframe(view.log, hide_index=True, width="stretch")
if view.failed:
    chosen = st.selectbox("Не отправлено", list(view.failed), format_func=view.failed.get, key="mail_failed")
    if st.button("Отправить ещё раз", key="mail_resend"):
        try:
            outbox.resend(store, int(chosen))
        except (ValueError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.session_state["mail_flash"] = "Письмо снова в очереди."
            st.rerun()
