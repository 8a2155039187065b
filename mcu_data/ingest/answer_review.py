"""Probable formal replies («вероятная отписка») awaiting an officer, the officer's decision, and what it teaches.

A decision stands for its appeal (core/definitions.JUDGED_FORMAL reads it) and teaches the check: the sentences
of a confirmed отписка become known stock phrases, those of a rejected flag known non-stock phrases
(signals/answers.Taught). Stored answers that repeat a newly taught sentence are checked again at once, the
rest at their next import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.locale import label
from mcu_data.signals import answers
from mcu_data.store import Store, Tx

VERDICTS = ("confirmed", "rejected")
TEACHES = {"confirmed": "boilerplate", "rejected": "substantive"}
MAX_COMMENT = 500


class AnswerReviewError(ValueError):
    """A decision that cannot be taken; the message is in Russian."""


@dataclass(frozen=True)
class Decision:
    appeal_id: int
    verdict: str
    taught: int  # sentences the decision taught
    rechecked: int  # stored answers that repeat one of them, checked again
    changed: int  # of those, answers whose verdict changed


def taught(store: Store) -> answers.Taught:
    """Every sentence decisions have taught, by kind."""
    rows = store.rows("select sentence, kind from answer_sentence")
    return answers.Taught(
        boilerplate=frozenset(s for s, k in rows if k == "boilerplate"),
        substantive=frozenset(s for s, k in rows if k == "substantive"),
    )


def _require_reviewer(themes: list[str] | tuple[str, ...] = ()) -> access.User:
    user = access.require(access.VIEW_APPEALS)
    return access.require(access.CORRECT, themes=themes or user.themes)


def queue(store: Store, limit: int = 100) -> pd.DataFrame:
    """Flagged answers no officer has decided on, strongest first; a sector leader sees the themes of the block."""
    user = _require_reviewer()
    scope, params = ("true", [])
    if user.role != "curator":
        scope = "list_contains(?, a.theme_code)"
        params = [list(user.themes)]
    return store.query(
        f"""
        select a.appeal_id, a.source_code, a.source_id, a.received_at, a.theme_code, a.recipient_code,
               a.outcome_code, a.text_masked, a.answer_masked, a.answer_reasons, a.answer_score
        from appeal a
        left join answer_decision d on d.appeal_id = a.appeal_id
        where a.answer_formal and d.appeal_id is null and {scope}
        order by a.answer_score desc, a.received_at desc, a.appeal_id
        limit ?
        """,
        [*params, limit],
    )


def queue_size(store: Store) -> int:
    user = _require_reviewer()
    if user.role == "curator":
        sql, params = "select count(*) from appeal a", []
    else:
        sql, params = "select count(*) from appeal a where list_contains(?, a.theme_code)", [list(user.themes)]
    return int(
        store.scalar(
            sql + (" and" if params else " where") + " a.answer_formal and a.appeal_id not in "
            "(select appeal_id from answer_decision)",
            params,
        )
    )


def decide(store: Store, appeal_id: int, verdict: str, comment: str = "", now: datetime | None = None) -> Decision:
    """Confirm (it is an отписка) or reject (it is not) the check's flag on one appeal's answer."""
    if verdict not in VERDICTS:
        raise AnswerReviewError(f"Неизвестное решение «{verdict}»: «подтвердить» или «отклонить».")
    rows = store.rows("select theme_code, answer_masked, text_masked from appeal where appeal_id = ?", [int(appeal_id)])
    if not rows:
        raise AnswerReviewError(f"Обращения № {appeal_id} нет: возможно, его загрузку отменили.")
    theme, answer, _question = rows[0]
    if not answer:
        raise AnswerReviewError(f"У обращения № {appeal_id} нет текста ответа: проверять нечего.")
    user = _require_reviewer([theme] if theme else ())
    comment = (comment or "").strip()[:MAX_COMMENT]
    now = now or datetime.now()
    reading = answers.read_answer(answer)
    keys = sorted({key for key, s in zip(reading.keys, reading.sentences, strict=True) if key and not s.courtesy})
    kind = TEACHES[verdict]
    with store.transaction() as tx:
        tx.execute("delete from answer_decision where appeal_id = ?", [int(appeal_id)])
        tx.execute(
            "insert into answer_decision (appeal_id, verdict, login, decided_at, comment) values (?, ?, ?, ?, ?)",
            [int(appeal_id), verdict, user.login, now, comment],
        )
        for key in keys:
            tx.execute("delete from answer_sentence where sentence = ?", [key])
            tx.execute(
                "insert into answer_sentence (sentence, kind, appeal_id, taught_by, taught_at) values (?, ?, ?, ?, ?)",
                [key, kind, int(appeal_id), user.login, now],
            )
        rechecked, changed = _recheck(tx, keys, _taught_in(tx))
        audit.record(
            store,
            "answer_decision",
            f"обращение №{appeal_id}",
            f"{label('answer_verdict', verdict)}; предложений запомнено {len(keys)}, ответов перепроверено "
            f"{rechecked}, изменилось {changed}" + (f"; комментарий: {comment}" if comment else ""),
            now=now,
            tx=tx,
        )
    return Decision(int(appeal_id), verdict, len(keys), rechecked, changed)


def _taught_in(tx: Tx) -> answers.Taught:
    frame = tx.query("select sentence, kind from answer_sentence")
    return answers.Taught(
        boilerplate=frozenset(frame.loc[frame["kind"] == "boilerplate", "sentence"]),
        substantive=frozenset(frame.loc[frame["kind"] == "substantive", "sentence"]),
    )


def _recheck(tx: Tx, keys: list[str], known: answers.Taught) -> tuple[int, int]:
    """Check again the stored answers that contain one of the sentences just taught; returns (checked, changed)."""
    if not keys:
        return 0, 0
    found = tx.query(
        """
        select appeal_id, text_masked, answer_masked, answer_formal, answer_reasons
        from appeal
        where answer_masked is not null
          and list_has_any(?, [k for k in ? if contains(lower(replace(answer_masked, 'ё', 'е')), k)])
        """,
        [keys, keys],
    )
    if found.empty:
        return 0, 0
    verdicts = answers.check_many(found["text_masked"].fillna("").tolist(), found["answer_masked"].tolist(), known)
    fresh = pd.DataFrame(
        {
            "appeal_id": found["appeal_id"].astype("int64"),
            "formal": [v.formal for v in verdicts],
            "reasons": ["|".join(v.reasons) for v in verdicts],
            "score": [v.score for v in verdicts],
        }
    )
    moved = fresh[
        (fresh["formal"] != found["answer_formal"].astype(bool))
        | (fresh["reasons"] != found["answer_reasons"].fillna(""))
    ]
    if not moved.empty:
        tx.register("answer_fresh", moved)
        tx.execute(
            "update appeal set answer_formal = n.formal, answer_reasons = n.reasons, answer_score = n.score "
            "from answer_fresh n where appeal.appeal_id = n.appeal_id"
        )
        tx.unregister("answer_fresh")
    return len(fresh), int((fresh["formal"] != found["answer_formal"].astype(bool)).sum())


def decisions(store: Store, limit: int = 200) -> pd.DataFrame:
    """The latest decisions, newest first, with the appeal's answer."""
    _require_reviewer()
    return store.query(
        """
        select d.appeal_id, d.verdict, d.login, d.decided_at, d.comment, a.answer_masked, a.answer_reasons
        from answer_decision d
        left join appeal a on a.appeal_id = d.appeal_id
        order by d.decided_at desc, d.appeal_id desc
        limit ?
        """,
        [limit],
    )
