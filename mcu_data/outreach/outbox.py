"""The plan, the queue and the log of the server's letters.

`plan(store, now)` puts every letter that is due at `now` into the queue, once: each has a key (job, period,
contact) that the table keeps unique, so a plan run every minute, or again after a restart, never sends twice.
`deliver(store, mail, now)` sends what is queued and due; a refused or failed send waits and is tried again
(RETRY_MINUTES), and after the last try it stays in the log as «не отправлено» until the curator sends it again.
Every try is a row of mail_attempt and an entry of the audit log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core import deadlines
from mcu_data.core.config import Mail
from mcu_data.core.locale import fmt_datetime, label
from mcu_data.core.periods import full_week
from mcu_data.outreach import addressbook, letters, smtp
from mcu_data.store import Store

RETRY_MINUTES = (1, 5, 15, 60, 180)  # the waits after the 1st … 5th failure; the 6th failure is the last
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1
GROWTH_QUIET_DAYS = 7  # a cell already alerted to a leader within a week is not new
BATCH = 50  # letters sent per delivery round
LOG = logging.getLogger("mcu.mail")


@dataclass(frozen=True)
class Tick:
    queued: int
    sent: int
    failed: int


def _exists(store: Store, key: str) -> bool:
    return bool(store.scalar("select count(*) from mail_message where dedupe_key = ?", [key]))


def enqueue(
    store: Store, letter: letters.Letter, to: str, key: str, now: datetime, contact: int | None = None, topic=None
) -> int | None:
    """One letter into the queue under its key; None when a letter with that key is already there."""
    with store.transaction(bump=False) as tx:
        if tx.scalar("select count(*) from mail_message where dedupe_key = ?", [key]):
            return None
        tx.execute(
            """
            insert into mail_message (kind, dedupe_key, topic, contact_id, to_addr, subject, body_text, body_html,
                                      attachment_name, attachment, created_at, state, attempts, next_attempt_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?)
            """,
            [
                letter.kind,
                key,
                topic,
                contact,
                to,
                letter.subject,
                letter.text,
                letter.html,
                letter.attachment_name,
                letter.attachment,
                now,
                now,
            ],
        )
        return int(tx.scalar("select max(message_id) from mail_message"))


def weekly_due(now: datetime, schedule: addressbook.Schedule) -> date | None:
    """The Monday of the week whose note is due at `now`: from Monday's hour on, for the whole week after it
    (a server that was down on Monday sends it when it comes back)."""
    monday = now.date() - timedelta(days=now.weekday())
    if not schedule.weekly_on or now < datetime.combine(monday, schedule.weekly_time):
        return None
    return monday - timedelta(days=7)


def daily_due(now: datetime, schedule: addressbook.Schedule) -> bool:
    """A working day of the production calendar, from the set hour on; a day missed is not sent the next day."""
    if not schedule.daily_on or now.time() < schedule.daily_time:
        return False
    cal = deadlines.calendar_for(now.year, now.year)
    return bool(cal.is_working[cal.offsets(pd.DatetimeIndex([now.date()]).values)[0]])


def plan(store: Store, now: datetime, app_url: str = "", growth_check: bool = True) -> int:
    """Queue every letter due at `now` that is not queued yet; returns how many were added.

    `growth_check=False` skips looking for new growth points: the mailer does so when nothing was written to the
    store since its last look on the same day, because then no new point can have appeared."""
    schedule = addressbook.schedule(store)
    people = addressbook.contacts(store, active_only=True)
    added = 0
    week_monday = weekly_due(now, schedule)
    note_people = people[people["kind"].isin(addressbook.NOTE_KINDS)]
    if week_monday is not None and not note_people.empty:
        week = full_week(week_monday)
        todo = [r for r in note_people.itertuples() if not _exists(store, f"weekly:{week.monday}:{r.contact_id}")]
        if todo:
            letter = letters.weekly(store, week, now.date(), app_url)
            for r in todo:
                added += (
                    enqueue(store, letter, r.email, f"weekly:{week.monday}:{r.contact_id}", now, r.contact_id)
                    is not None
                )
    if daily_due(now, schedule):
        for r in people[people["kind"] == "responsible"].itertuples():
            key = f"daily:{now.date()}:{r.recipient_code}:{r.contact_id}"
            if _exists(store, key):
                continue
            letter = letters.daily(store, r.recipient_code, now.replace(second=0, microsecond=0), app_url)
            if letter is not None:
                added += enqueue(store, letter, r.email, key, now, r.contact_id) is not None
    leaders = people[people["kind"] == "leader"]
    if growth_check and schedule.growth_on and not leaders.empty:
        added += _plan_growth(store, now, leaders, app_url)
    return added


def _plan_growth(store: Store, now: datetime, leaders: pd.DataFrame, app_url: str) -> int:
    end = now.date()
    points = letters.growth_points(store, end)
    if points.empty:
        return 0
    blocks = dict(store.rows("select t.code, b.leader_code from theme t join sector_block b on b.code = t.block_code"))
    since = now - timedelta(days=GROWTH_QUIET_DAYS)
    added = 0
    for _, point in points.iterrows():
        topic = f"{point['theme_code']}|{point['settlement_oktmo']}"
        for r in leaders[leaders["leader_code"] == blocks.get(point["theme_code"])].itertuples():
            recent = store.scalar(
                "select count(*) from mail_message where kind = 'growth' and contact_id = ? and topic = ? "
                "and created_at >= ?",
                [r.contact_id, topic, since],
            )
            if recent:
                continue
            letter = letters.growth_alert(store, point, end, app_url)
            key = f"growth:{end}:{topic}:{r.contact_id}"
            added += enqueue(store, letter, r.email, key, now, r.contact_id, topic) is not None
    return added


def deliver(store: Store, mail: Mail, now: datetime) -> tuple[int, int]:
    """Send the queued letters that are due; returns (sent, failed this round)."""
    due = store.query(
        """
        select message_id, kind, to_addr, subject, body_text, body_html, attachment_name, attachment, attempts
        from mail_message
        where state in ('queued', 'retry') and next_attempt_at <= ?
        order by next_attempt_at, message_id
        limit ?
        """,
        [now, BATCH],
    )
    sent = failed = 0
    for m in due.itertuples():
        data = bytes(m.attachment) if m.attachment is not None and not pd.isna(m.attachment) else None
        try:
            smtp.send(mail, m.to_addr, m.subject, m.body_text, m.body_html, m.attachment_name, data)
        except smtp.MailSendError as exc:
            failed += 1
            _failed(store, int(m.message_id), m.kind, m.to_addr, int(m.attempts) + 1, str(exc), now)
        else:
            sent += 1
            _sent(store, int(m.message_id), m.kind, m.to_addr, int(m.attempts) + 1, now)
    return sent, failed


def _sent(store: Store, message_id: int, kind: str, to: str, attempt: int, now: datetime) -> None:
    with store.transaction(bump=False) as tx:
        tx.execute(
            "update mail_message set state = 'sent', attempts = ?, sent_at = ?, next_attempt_at = null, "
            "last_error = null where message_id = ?",
            [attempt, now, message_id],
        )
        tx.execute("insert into mail_attempt values (?, ?, true, null)", [message_id, now])
        audit.record(store, "mail_sent", f"письмо {message_id}", f"{label('mail_kind', kind)} → {to}", now=now, tx=tx)
    LOG.info("mail %s sent to %s", message_id, to)


def _failed(store: Store, message_id: int, kind: str, to: str, attempt: int, reason: str, now: datetime) -> None:
    last = attempt >= MAX_ATTEMPTS
    retry_at = None if last else now + timedelta(minutes=RETRY_MINUTES[attempt - 1])
    then = "больше попыток не будет" if last else f"следующая попытка {fmt_datetime(retry_at)}"
    with store.transaction(bump=False) as tx:
        tx.execute(
            "update mail_message set state = ?, attempts = ?, next_attempt_at = ?, last_error = ? where message_id = ?",
            ["failed" if last else "retry", attempt, retry_at, reason, message_id],
        )
        tx.execute("insert into mail_attempt values (?, ?, false, ?)", [message_id, now, reason])
        details = f"{label('mail_kind', kind)} → {to}; попытка {attempt} из {MAX_ATTEMPTS}: {reason}; {then}"
        audit.record(store, "mail_failed", f"письмо {message_id}", details, now=now, tx=tx)
    LOG.warning("mail %s to %s failed (attempt %s): %s", message_id, to, attempt, reason)


def tick(store: Store, mail: Mail, now: datetime, app_url: str = "", growth_check: bool = True) -> Tick:
    """One round of the mailer: plan what is due, send what waits. Nothing is planned while mail is not set up."""
    if not mail.configured:
        return Tick(0, 0, 0)
    queued = plan(store, now, app_url, growth_check)
    sent, failed = deliver(store, mail, now)
    return Tick(queued, sent, failed)


# -- the page's side -------------------------------------------------------------------------------------------------
def log(store: Store, limit: int = 500) -> pd.DataFrame:
    """The letters, newest first, with their state, tries and the last reason of a failure."""
    access.require(access.MANAGE_MAIL)
    return store.query(
        """
        select message_id, created_at, kind, to_addr, subject, state, attempts, sent_at, next_attempt_at, last_error
        from mail_message order by created_at desc, message_id desc limit ?
        """,
        [limit],
    )


def attempts(store: Store, message_id: int) -> pd.DataFrame:
    access.require(access.MANAGE_MAIL)
    return store.query(
        "select attempted_at, ok, error from mail_attempt where message_id = ? order by attempted_at", [message_id]
    )


def resend(store: Store, message_id: int, now: datetime | None = None) -> None:
    """A letter that was not sent goes back into the queue for a new round of tries."""
    access.require(access.MANAGE_MAIL)
    now = now or datetime.now()
    with store.transaction(bump=False) as tx:
        state = tx.scalar("select state from mail_message where message_id = ?", [message_id])
        if state != "failed":
            raise ValueError("Отправить ещё раз можно только письмо со статусом «не отправлено».")
        tx.execute(
            "update mail_message set state = 'queued', attempts = 0, next_attempt_at = ? where message_id = ?",
            [now, message_id],
        )
        audit.record(store, "mail_resend", f"письмо {message_id}", None, now=now, tx=tx)


def queue_test(store: Store, to: str, now: datetime | None = None) -> int:
    """A test letter to one address; the server's mailer sends it within its next round."""
    access.require(access.MANAGE_MAIL)
    now = now or datetime.now()
    if not addressbook.EMAIL.match(to.strip()):
        raise ValueError(f"«{to}» — не адрес электронной почты.")
    key = f"test:{now.isoformat()}:{to.strip()}"
    message_id = enqueue(store, letters.test_letter(now), to.strip(), key, now)
    audit.record(store, "mail_test", f"письмо {message_id}", to.strip(), now=now)
    return int(message_id)
