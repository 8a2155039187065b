"""Mail through a real SMTP server (aiosmtpd on 127.0.0.1): the Monday note, a recipient's deadlines and a new
growth point reach the right people with the figures of the note and of the pages; a refused send is retried and
logged; a letter is never planned twice.

The appeals are written by hand and go through the real cp1251 import. The moment is Wednesday 2 December 2026,
09:00: the note of 23–29 November is due (Monday's 08:00 has passed), the day's lists are due (08:30 on a working
day), and the week 26 November – 2 December is the heat map's growth week.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import pandas as pd
import pytest
from docx import Document

from mcu_data import access
from mcu_data.analytics import compliance
from mcu_data.app.source import Source
from mcu_data.core.config import Mail
from mcu_data.core.filters import Filters
from mcu_data.core.periods import full_week
from mcu_data.ingest import loader
from mcu_data.outreach import addressbook, outbox
from mcu_data.reports import weekly_note
from tests.files import FZ59_HEADER, csv_bytes, fz59_row
from tests.smtp_server import LocalSmtp

NOW = datetime(2026, 12, 2, 9, 0)
PETROVKA = "Администрация сп Петровка"
HOUSING = "Отдел ЖКХ"
HEATING = "Предоставление коммунальных услуг ненадлежащего качества (отопление)"
USMANKA_HOME = "Самарская обл., Борский р-н, с. Усманка, ул. Центральная, д. 7"
# (number, registered, answered, executor, rubric, text). 59-ФЗ: 30 calendar days from registration, to 23:59:59.
APPEALS = [
    ("Р-1", "30.10.2026", "", PETROVKA, "", "Прошу отремонтировать дорогу на ул. Садовой в Петровке"),  # due 29.11
    ("Р-2", "01.11.2026", "", PETROVKA, "", "Яма на дороге по ул. Полевой в Петровке"),  # due 01.12: 1 day late
    ("Р-3", "02.11.2026", "", PETROVKA, "", "Просим подсыпать дорогу на ул. Лесной в Петровке"),  # due 02.12: soon
    ("Р-4", "04.11.2026", "", PETROVKA, "", "Не вывезен мусор с ул. Садовой в Петровке"),  # due 04.12: soon
    ("Р-5", "05.11.2026", "", PETROVKA, "", "Прошу установить знак у школы в Петровке"),  # due 05.12: not soon
    ("Р-6", "01.11.2026", "20.11.2026", PETROVKA, "", "Прошу починить лавку у клуба в Петровке"),  # answered
    ("Р-7", "01.11.2026", "", HOUSING, "", "Течёт крыша дома на ул. Мира в Петровке"),  # another recipient, late
]
# five messages about one cold street in Усманка in the growth week, none in the eight weeks before
COLD = [
    ("Х-1", "27.11.2026", "В с. Усманка на ул. Центральной в домах 5–9 нет отопления, батареи холодные."),
    ("Х-2", "28.11.2026", "Усманка, ул. Центральная: второй день холодные батареи, отопления нет."),
    ("Х-3", "29.11.2026", "На ул. Центральной в Усманке не работает отопление, в квартирах 14 градусов."),
    ("Х-4", "30.11.2026", "Нет отопления в домах по ул. Центральной в Усманке, котельная не греет."),
    ("Х-5", "01.12.2026", "Усманка, Центральная улица — всё ещё нет отопления, дети мёрзнут."),
]
MAIL_FROM = "mcu@borskoe.test"


def _load(store) -> None:
    rows = [FZ59_HEADER]
    for reg, registered, answered, executor, rubric, text in APPEALS:
        row = fz59_row(reg, received=registered, answered=answered, text=text, topic=rubric)
        row[9] = executor
        if answered:
            row[13], row[16] = "Разъяснено", "Исполнено"
        rows.append(row)
    for reg, received, text in COLD:
        row = fz59_row(reg, received=received, text=text, topic=HEATING)
        row[4], row[9] = USMANKA_HOME, "Администрация сп Усманка"
        rows.append(row)
    loader.import_bytes(store, csv_bytes(rows, encoding="cp1251", sep=";"), "реестр.csv", profile_code="fz59")


def _contacts(store) -> None:
    frame = pd.DataFrame(
        [
            (None, "Руководитель аппарата", "curator@borskoe.test", "curator", None, None, True),
            (None, "Глава района", "head@borskoe.test", "head", None, None, True),
            (None, "Петровка, ответственный", "petrovka@borskoe.test", "responsible", "sp_petrovka", None, True),
            (None, "Отдел ЖКХ, ответственный", "zhkh@borskoe.test", "responsible", "adm_housing", None, True),
            (None, "Усманка, ответственный", "usmanka@borskoe.test", "responsible", "sp_usmanka", None, True),
            (None, "Зам. по ЖКХ", "deputy.housing@borskoe.test", "leader", None, "deputy_housing", True),
            (None, "Зам. по социальным", "deputy.social@borskoe.test", "leader", None, "deputy_social", True),
            (None, "Уволился", "old@borskoe.test", "curator", None, None, False),
        ],
        columns=addressbook.CONTACT_COLUMNS,
    )
    addressbook.save_contacts(store, frame, NOW - timedelta(days=1))


@pytest.fixture
def mailbox(empty_store):
    with access.acting(access.SYSTEM):
        _load(empty_store)
        _contacts(empty_store)
    with LocalSmtp() as smtp:
        yield empty_store, smtp, Mail(host="127.0.0.1", port=smtp.port, security="none", sender=MAIL_FROM)


def _by_rcpt(smtp) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in smtp.received:
        for to in r.recipients:
            out.setdefault(to, []).append(r)
    return out


def test_one_round_sends_the_note_the_lists_and_the_growth_point_to_the_right_people(mailbox):
    store, smtp, mail = mailbox
    with access.acting(access.SYSTEM):
        tick = outbox.tick(store, mail, NOW)
    got = _by_rcpt(smtp)
    # the note to the curator and the head (not to the inactive one); lists to the three responsible persons who
    # have something overdue or due soon — Усманка's five are due around New Year, so it gets none; the growth
    # point (housing) to the deputy for housing only
    assert sorted(got) == sorted(
        [
            "curator@borskoe.test",
            "head@borskoe.test",
            "petrovka@borskoe.test",
            "zhkh@borskoe.test",
            "deputy.housing@borskoe.test",
        ]
    )
    assert (tick.queued, tick.sent, tick.failed) == (5, 5, 0)
    assert all(len(letters) == 1 for letters in got.values())
    assert all(r.sender == MAIL_FROM for r in smtp.received)


def test_the_monday_note_carries_the_docx_whose_figures_are_the_notes(mailbox):
    store, smtp, mail = mailbox
    with access.acting(access.SYSTEM):
        outbox.tick(store, mail, NOW)
        note = weekly_note.build(store, full_week(date(2026, 11, 23)), NOW.date())
    letter = _by_rcpt(smtp)["head@borskoe.test"][0]
    assert letter.subject == "Еженедельная аналитическая записка МЦУ: 23.11–29.11.2026" == weekly_note.title(note)
    ((name, data),) = letter.attachments().items()
    assert name.endswith(".docx")
    doc = Document(io.BytesIO(data))
    cells = {row.cells[0].text: row.cells[1].text for t in doc.tables for row in t.rows if len(row.cells) >= 2}
    # by hand: Х-1, Х-2 and Х-3 arrived in 23–29 November, nothing else did
    assert cells["Обращений за неделю"] == "3"
    totals = note.sections[0].table
    for label, value in zip(totals.iloc[:, 0], totals.iloc[:, 1], strict=True):
        assert cells[label] == value  # the attachment says what the note says
        assert value in letter.part("html") and value in letter.part("plain")


def test_a_responsible_person_gets_their_recipients_lists_and_nothing_personal(mailbox):
    store, smtp, mail = mailbox
    with access.acting(access.SYSTEM):
        outbox.tick(store, mail, NOW)
        page = compliance.per_recipient(store, Filters(date(2026, 11, 3), NOW.date()), NOW).set_index("recipient_code")
    letter = _by_rcpt(smtp)["petrovka@borskoe.test"][0]
    html, text = letter.part("html"), letter.part("plain")
    # by hand: Р-1 (due 29.11) and Р-2 (due 01.12) are overdue; Р-3 (02.12) and Р-4 (04.12) fall due by the end of
    # Friday 4 December, the second working day after Wednesday; Р-5 (05.12) is later, Р-6 is answered
    assert "просрочено 2, истекает в ближайшие 2 рабочих дня 2" in letter.subject
    assert (page.loc["sp_petrovka", "overdue_now"], page.loc["sp_petrovka", "due_soon"]) == (2, 2)  # as «Сроки» says
    for number in ("Р-1", "Р-2", "Р-3", "Р-4"):
        assert number in text and number in html
    for number in ("Р-5", "Р-6", "Р-7", "Х-1"):
        assert number not in text
    assert "просрочено 3 дня" in text and "просрочено 1 день" in text
    # no resident's name, address or words
    for private in ("Иванов", "Садовая, д. 3", "отремонтировать", "Яма"):
        assert private not in text and private not in html
    other = _by_rcpt(smtp)["zhkh@borskoe.test"][0]
    assert "Р-7" in other.part("plain") and "Р-1" not in other.part("plain")


def test_the_growth_alert_states_the_heat_maps_figures(mailbox):
    store, smtp, mail = mailbox
    usmanka = store.scalar("select oktmo from settlement where name_ru = 'Усманка'")
    with access.acting(access.SYSTEM):
        outbox.tick(store, mail, NOW)
        week = Filters(NOW.date() - timedelta(days=6), NOW.date())
        points = Source(store).growth_points(week)
        cell = Filters(week.start, week.end, themes=("housing",), settlements=(usmanka,))
        listed = Source(store).incidents(cell, NOW)
    (alert,) = _by_rcpt(smtp)["deputy.housing@borskoe.test"]
    # by hand: five housing appeals in Усманка this week, none in the eight weeks before
    assert len(points) == 1 and points.iloc[0]["observed"] == 5 and points.iloc[0]["baseline"] == 0
    assert alert.subject == (
        "Точка роста: «Жилищно-коммунальное хозяйство» в Усманке — 5 обращений за неделю при обычных 0,0"
    )
    text = alert.part("plain")
    assert "5 обращений; за 8 недель до того таких обращений почти не было" in text
    # the five are one cold street: one incident, as the incidents page lists it
    assert len(listed) == 1 and int(listed["messages"].iloc[0]) == 5
    assert "Инциденты за неделю: 1 инцидент; крупнейший: 5 сообщений из 1 канала." in text
    assert "Иванов" not in text and "14 градусов" not in text  # no resident's name or words


def test_a_refused_send_is_retried_and_every_try_is_in_the_log(mailbox):
    store, smtp, mail = mailbox
    smtp.handler.refuse_next = 1
    with access.acting(access.SYSTEM):
        addressbook.save_schedule(store, addressbook.Schedule(weekly_on=False, daily_on=False, growth_on=False))
        message_id = outbox.queue_test(store, "curator@borskoe.test", NOW)
        first = outbox.tick(store, mail, NOW)
        again_too_early = outbox.tick(store, mail, NOW + timedelta(seconds=30))
        second = outbox.tick(store, mail, NOW + timedelta(minutes=1, seconds=1))
        log = outbox.log(store).set_index("message_id")
        tries = outbox.attempts(store, message_id)
        audit = store.query(
            "select action, details from audit_log where object = ? order by entry_id", [f"письмо {message_id}"]
        )
    assert (first.sent, first.failed) == (0, 1)
    assert (again_too_early.sent, again_too_early.failed) == (0, 0)  # the retry waits its minute
    assert (second.sent, second.failed) == (1, 0)
    assert smtp.handler.refused == 1 and len(smtp.received) == 1
    assert log.loc[message_id, "state"] == "sent" and log.loc[message_id, "attempts"] == 2
    assert list(tries["ok"]) == [False, True] and "451" in tries["error"].iloc[0]
    assert list(audit["action"]) == ["mail_test", "mail_failed", "mail_sent"]
    assert "попытка 1 из 6" in audit["details"].iloc[1] and "451" in audit["details"].iloc[1]


def test_after_the_last_try_a_letter_stays_failed_until_sent_again(mailbox):
    store, smtp, mail = mailbox
    smtp.handler.refuse_next = outbox.MAX_ATTEMPTS
    moment = NOW
    with access.acting(access.SYSTEM):
        addressbook.save_schedule(store, addressbook.Schedule(weekly_on=False, daily_on=False, growth_on=False))
        message_id = outbox.queue_test(store, "curator@borskoe.test", NOW)
        for wait in (0, *outbox.RETRY_MINUTES):
            moment += timedelta(minutes=wait, seconds=1)
            outbox.tick(store, mail, moment)
        state = outbox.log(store).set_index("message_id").loc[message_id]
        assert state["state"] == "failed" and state["attempts"] == 6 and "451" in state["last_error"]
        assert outbox.tick(store, mail, moment + timedelta(days=1)).failed == 0  # given up: no seventh try
        outbox.resend(store, message_id, moment + timedelta(days=1))
        assert outbox.tick(store, mail, moment + timedelta(days=1)).sent == 1
    assert len(smtp.received) == 1


def test_a_plan_run_every_minute_never_queues_a_letter_twice(mailbox):
    store, smtp, mail = mailbox
    with access.acting(access.SYSTEM):
        counts = [outbox.tick(store, mail, NOW + timedelta(minutes=k)).queued for k in range(3)]
        # the next day: a new day's lists, no new note (the same week), no new growth alert (the same cell within
        # a week)
        next_day = outbox.tick(store, mail, datetime(2026, 12, 3, 9, 0))
    assert counts == [5, 0, 0]
    assert next_day.queued == 2  # Петровка and ЖКХ again; the note and the alert are not repeated


def test_without_a_growth_look_no_alert_is_planned(mailbox):
    store, smtp, mail = mailbox
    with access.acting(access.SYSTEM):
        quiet = outbox.tick(store, mail, NOW, growth_check=False)
        looked = outbox.tick(store, mail, NOW + timedelta(minutes=1))
    assert (quiet.queued, looked.queued) == (4, 1)  # the note twice and two lists; then the growth alert alone


def test_nothing_is_planned_before_the_hour_on_a_day_off_or_without_mail(mailbox):
    store, smtp, mail = mailbox
    with access.acting(access.SYSTEM):
        # Monday 7:59: the note waits for 8:00, the lists for 8:30, and the growth week 24–30 November holds only
        # four of the five cold messages (a growth point needs five)
        assert outbox.tick(store, mail, datetime(2026, 11, 30, 7, 59)).queued == 0
        saturday = outbox.tick(store, mail, datetime(2026, 12, 5, 10, 0))
        # the note of the past week (due since Monday); no lists on a Saturday; 29 November – 5 December holds three
        assert saturday.queued == 2
        assert outbox.tick(store, Mail(), NOW).queued == 0  # no SMTP server set: nothing is planned
    assert addressbook.Schedule().weekly_time == time(8, 0)


def test_contacts_are_refused_with_every_reason(empty_store):
    bad = pd.DataFrame(
        [
            (None, "", "not-an-address", "curator", None, None, True),
            (None, "Ответственный", "a@b.ru", "responsible", "nobody", None, True),
            (None, "Зам.", "z@b.ru", "leader", None, None, True),
        ],
        columns=addressbook.CONTACT_COLUMNS,
    )
    with access.acting(access.SYSTEM), pytest.raises(addressbook.AddressError) as err:
        addressbook.save_contacts(empty_store, bad)
    said = str(err.value)
    assert "Строка 1: не указано" in said and "«not-an-address» — не адрес" in said
    assert "Строка 2: ответственному нужен получатель" in said and "Строка 3: руководителю сектора" in said
    assert empty_store.scalar("select count(*) from mail_contact") == 0
