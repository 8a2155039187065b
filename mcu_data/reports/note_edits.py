"""The curator's edits of the weekly note: versions per week, who saved what, sent or reopened, and what went stale.

Each save keeps the whole text and the generated sentences it was written on (their figures included). When the
data change, the note's sentences are generated again and compared with that basis by their keys: a sentence
whose figures moved is out of date, whatever the curator wrote in its place.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.locale import fmt_date, fmt_datetime, lower_first
from mcu_data.reports.weekly_note import Note
from mcu_data.store import Store

ACTIONS = {"saved": "сохранена", "sent": "отправлена", "reopened": "открыта для правки"}
MAX_LINES = 60
MAX_CHARS = 20_000


class NoteError(ValueError):
    """A save the store refuses, with the reason in Russian."""


@dataclass(frozen=True)
class NoteText:
    """The words of the note as they go out: generated, or the curator's last saved version."""

    summary: list[str]
    proposals: list[str]
    number: str = ""
    version_id: int | None = None
    author: str | None = None
    saved_at: datetime | None = None
    sent: bool = False

    @property
    def edited(self) -> bool:
        return self.version_id is not None


@dataclass(frozen=True)
class Stale:
    """A sentence of the saved basis whose figures the data no longer give, and what it says now."""

    key: str
    was: str
    now: str | None  # None: the sentence is no longer made at all


def generated(note: Note) -> NoteText:
    return NoteText(
        summary=[s.text for s in note.summary],
        proposals=[f"{p.text} Основание: {lower_first(p.reason)}" for p in note.proposals],
    )


def basis(note: Note) -> str:
    return json.dumps(
        [{"key": s.key, "text": s.text, "figures": s.figures} for s in note.summary]
        + [
            {"key": f"proposal:{p.rule}:{i}", "text": p.text, "figures": p.figures}
            for i, p in enumerate(note.proposals)
        ],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def latest(store: Store, monday: date) -> pd.Series | None:
    frame = store.query("select * from note_version where week_monday = ? order by version_id desc limit 1", [monday])
    return None if frame.empty else frame.iloc[0]


def text(store: Store, note: Note) -> NoteText:
    """The text that goes out for the note's week: the last saved version, or the generated one."""
    row = latest(store, note.week.monday)
    if row is None:
        return generated(note)
    return NoteText(
        summary=_lines(row["summary_text"]),
        proposals=_lines(row["proposals_text"]),
        number=row["number"],
        version_id=int(row["version_id"]),
        author=row["author"],
        saved_at=row["saved_at"].to_pydatetime(),
        sent=row["action"] == "sent",
    )


def _write(
    store: Store, note: Note, action: str, summary_text: str, proposals_text: str, number: str, now: datetime | None
) -> int:
    user = access.require(access.EDIT_NOTE)
    summary, proposals = _lines(summary_text), _lines(proposals_text)
    if not summary:
        raise NoteError(
            "Краткое содержание пустое: напишите хотя бы одно предложение или верните сформированный текст."
        )
    if len(summary) + len(proposals) > MAX_LINES or len(summary_text) + len(proposals_text) > MAX_CHARS:
        raise NoteError(
            f"Записка слишком длинная: не больше {MAX_LINES} строк и {MAX_CHARS:,} знаков".replace(",", "\u00a0")
            + " — подробности оставьте в таблицах."
        )
    number = (number or "").strip()[:40]
    when = now or datetime.now()
    with store.transaction() as tx:
        version = tx.scalar(
            "insert into note_version (week_monday, saved_at, login, author, action, number, summary_text, "
            "proposals_text, basis_json) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning version_id",
            [
                note.week.monday,
                when,
                user.login,
                user.name,
                action,
                number,
                "\n".join(summary),
                "\n".join(proposals),
                basis(note),
            ],
        )
        audit.record(store, f"note_{action}", f"записка {fmt_date(note.week.monday)}", f"версия {version}", tx=tx)
    return int(version)


def save(store: Store, note: Note, summary_text: str, proposals_text: str, number: str = "", now=None) -> int:
    """A new version of the week's text; a sent note must be reopened first."""
    row = latest(store, note.week.monday)
    if row is not None and row["action"] == "sent":
        raise NoteError(
            f"Записка отправлена {fmt_datetime(row['saved_at'])}: чтобы править её, сначала откройте её для правки."
        )
    return _write(store, note, "saved", summary_text, proposals_text, number, now)


def mark_sent(store: Store, note: Note, now=None) -> int:
    """The text as it stands goes out: a version marked «sent», read-only until reopened."""
    current = text(store, note)
    if current.sent:
        raise NoteError("Записка уже отмечена как отправленная.")
    return _write(store, note, "sent", "\n".join(current.summary), "\n".join(current.proposals), current.number, now)


def reopen(store: Store, note: Note, now=None) -> int:
    current = text(store, note)
    if not current.sent:
        raise NoteError("Записка не отправлена: её и так можно править.")
    return _write(
        store, note, "reopened", "\n".join(current.summary), "\n".join(current.proposals), current.number, now
    )


def history(store: Store, monday: date) -> pd.DataFrame:
    """Every version of the week, newest first, with what changed against the version before it."""
    frame = store.query(
        "select version_id, saved_at, author, action, number, summary_text, proposals_text "
        "from note_version where week_monday = ? order by version_id",
        [monday],
    )
    changes, before = [], []
    for row in frame.itertuples():
        lines = _lines(row.summary_text) + _lines(row.proposals_text)
        changes.append(_changed(before, lines))
        before = lines
    frame["changes"] = changes
    frame["action_ru"] = frame["action"].map(ACTIONS)
    return frame.iloc[::-1].reset_index(drop=True)


def _changed(before: list[str], after: list[str]) -> str:
    """«изменено: …; добавлено: …; удалено: …» between two versions' lines, or «без изменений текста»."""
    if not before:
        return "первая версия"
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "replace":
            parts += [
                f"изменено: «{_short(a)}» → «{_short(b)}»" for a, b in zip(before[i1:i2], after[j1:j2], strict=False)
            ]
            parts += [f"удалено: «{_short(a)}»" for a in before[i1 + (j2 - j1) : i2]]
            parts += [f"добавлено: «{_short(b)}»" for b in after[j1 + (i2 - i1) : j2]]
        elif op == "delete":
            parts += [f"удалено: «{_short(a)}»" for a in before[i1:i2]]
        elif op == "insert":
            parts += [f"добавлено: «{_short(b)}»" for b in after[j1:j2]]
    return "; ".join(parts) or "без изменений текста"


def _short(line: str, limit: int = 90) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"


def stale(store: Store, note: Note) -> list[Stale]:
    """The saved basis's sentences whose figures the data have changed since the last save."""
    row = latest(store, note.week.monday)
    if row is None:
        return []
    then = {item["key"]: item for item in json.loads(row["basis_json"])}
    now = {item["key"]: item for item in json.loads(basis(note))}
    out = []
    for key, item in then.items():
        current = now.get(key)
        if current is None:
            out.append(Stale(key, item["text"], None))
        elif current["figures"] != item["figures"]:
            out.append(Stale(key, item["text"], current["text"]))
    out += [Stale(key, "", item["text"]) for key, item in now.items() if key not in then]
    return out
