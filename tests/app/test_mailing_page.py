"""«Рассылка» under AppTest: the state of the mail, a test letter into the queue, the schedule saved, a failed
letter sent again, previews of the letters on the sample data."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pandas as pd
import pytest

from mcu_data import access
from tests.app.conftest import new_app

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "mailing.py")
APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def smtp_env(sample_env, monkeypatch):
    monkeypatch.setenv("MCU_SMTP_HOST", "smtp.borskoe.test")
    monkeypatch.setenv("MCU_SMTP_PORT", "2525")
    monkeypatch.setenv("MCU_SMTP_SECURITY", "none")
    monkeypatch.setenv("MCU_MAIL_FROM", "mcu@borskoe.test")
    monkeypatch.setenv("MCU_SMTP_PASSWORD", "секрет-не-показывать")
    return sample_env


def _run(path: str = PAGE, **kw):
    at = new_app(path, **kw)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _texts(at) -> str:
    return " ".join([m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info])


def test_without_smtp_the_page_says_how_to_set_it_up(sample_env):
    at = _run(APP)
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "Почта не настроена, письма не готовятся" in _texts(at)
    assert "MCU_SMTP_HOST" in _texts(at) and "Писем ещё не было" in _texts(at)
    assert at.title[0].value == "Рассылка"


def test_a_test_letter_goes_into_the_queue_and_the_log(smtp_env):
    from mcu_data.app import caches

    at = _run()
    said = _texts(at)
    assert "smtp.borskoe.test:2525" in said and "пароль задан" in said
    assert "секрет-не-показывать" not in said  # the password is never shown
    at.text_input[0].input("curator@borskoe.test")
    at.button[0].click().run()  # the form's submit
    assert any("в очереди" in s.value for s in at.success)
    log = at.dataframe[-1].value
    assert list(log["Кому"]) == ["curator@borskoe.test"] and list(log["Состояние"]) == ["в очереди"]
    store = caches.get_store()
    assert store.scalar("select count(*) from mail_message where kind = 'test'") == 1
    assert store.scalar("select count(*) from audit_log where action = 'mail_test'") == 1


def test_a_bad_address_is_refused_in_russian(smtp_env):
    at = _run()
    at.text_input[0].input("не адрес")
    at.button[0].click().run()
    assert at.error and "не адрес электронной почты" in at.error[0].value


def test_the_schedule_is_saved_and_audited(smtp_env):
    from mcu_data.app import caches
    from mcu_data.outreach import addressbook

    at = _run()
    at.toggle(key="mail_daily_on").set_value(False)
    at.time_input(key="mail_weekly_time").set_value(time(9, 15))
    at.button(key="mail_schedule_save").click().run()
    saved = addressbook.schedule(caches.get_store())
    assert (saved.daily_on, saved.weekly_time, saved.weekly_on) == (False, time(9, 15), True)
    assert any("Расписание сохранено" in s.value for s in at.success)


def test_a_failed_letter_can_be_sent_again(smtp_env):
    from mcu_data.app import caches
    from mcu_data.outreach import outbox

    store = caches.get_store()
    with access.acting(access.SYSTEM):
        number = outbox.queue_test(store, "head@borskoe.test", datetime(2026, 11, 30, 9, 0))
    store_tx = store.transaction(bump=False)
    with store_tx as tx:
        tx.execute(
            "update mail_message set state = 'failed', attempts = 6, last_error = ? where message_id = ?",
            ["Нет связи с сервером SMTP", number],
        )
    at = _run()
    assert "Не отправлено писем: 1" in at.warning[0].value
    log = at.dataframe[-1].value
    assert list(log["Состояние"]) == ["не отправлено"] and "Нет связи" in log["Причина последней неудачи"].iloc[0]
    at.button(key="mail_resend").click().run()
    assert store.scalar("select state from mail_message where message_id = ?", [number]) == "queued"


@pytest.mark.parametrize("kind", ["weekly", "daily", "growth"])
def test_each_letter_has_a_preview_on_the_sample(smtp_env, kind):
    at = _run()
    at.segmented_control(key="mail_preview_kind").set_value(kind).run()
    assert not at.exception, [e.message for e in at.exception]
    captions = " ".join(c.value for c in at.caption)
    assert "Ширина — как у телефона" in captions, captions


def test_only_the_curator_reaches_the_page(sample_env):
    officer = access.User("pos_officer", "Проверка: ПОС", "channel_officer", channel="pos")
    at = new_app(PAGE, user=officer)
    at.run()
    assert not at.exception
    assert "Рассылка" not in [t.value for t in at.title]


def test_contacts_on_the_page_are_the_stores(smtp_env):
    from mcu_data.app import caches
    from mcu_data.outreach import addressbook

    store = caches.get_store()
    frame = pd.DataFrame(
        [(None, "Глава района", "head@borskoe.test", "head", None, None, True)], columns=addressbook.CONTACT_COLUMNS
    )
    with access.acting(access.SYSTEM):
        addressbook.save_contacts(store, frame)
    at = _run()
    shown = at.dataframe[0].value if at.dataframe else None
    assert shown is not None and list(shown["Адрес"]) == ["head@borskoe.test"]
    assert list(shown["Что получает"]) == ["Глава района (записка)"]
