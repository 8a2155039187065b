"""The real server sends mail by itself: its lifespan starts the mailer, which delivers a queued letter to a real
SMTP server (aiosmtpd on 127.0.0.1) within a few of its rounds, and marks it sent in the store it owns."""

from __future__ import annotations

import time
from datetime import datetime

from mcu_data import access
from mcu_data.outreach import addressbook, outbox
from mcu_data.store import Store, bootstrap
from tests import serving
from tests.smtp_server import LocalSmtp


def test_the_servers_mailer_sends_a_queued_letter(tmp_path):
    store_path = tmp_path / "store.duckdb"
    store = Store(store_path)
    bootstrap.prepare(store, None)
    with access.acting(access.SYSTEM):
        addressbook.save_schedule(store, addressbook.Schedule(weekly_on=False, daily_on=False, growth_on=False))
        number = outbox.queue_test(store, "curator@borskoe.test", datetime.now())
    store.close()
    with LocalSmtp() as smtp:
        env = {
            "MCU_SMTP_HOST": "127.0.0.1",
            "MCU_SMTP_PORT": str(smtp.port),
            "MCU_SMTP_SECURITY": "none",
            "MCU_MAIL_FROM": "mcu@borskoe.test",
            "MCU_MAIL_POLL": "0.5",
            "MCU_INBOX_DIR": "off",
        }
        running = serving.start(store_path, env)
        try:
            deadline = time.monotonic() + 60
            while not smtp.received and time.monotonic() < deadline:
                time.sleep(0.2)
            assert smtp.received, "Сервер не отправил письмо за 60 с:\n" + running.log(5000)
        finally:
            serving.stop(running)
    (letter,) = smtp.received
    assert letter.recipients == ["curator@borskoe.test"] and letter.subject == "Пробное письмо «Тепловой карты МЦУ»"
    store = Store(store_path, read_only=True)
    try:
        assert store.scalar("select state from mail_message where message_id = ?", [number]) == "sent"
        assert store.scalar("select login from audit_log where action = 'mail_sent'") == "mailer"
    finally:
        store.close()
