"""The review queue: appeals whose theme or settlement the import was unsure of, and their correction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.filters import NO_SETTLEMENT
from mcu_data.ingest import themes
from mcu_data.store import Store

# a predicted theme less sure than this is reviewed; the value is chosen on the hand-written dev set together
# with the way the rules and the classifier are combined (reference/theme_combination.json)
THEME_THRESHOLD = themes.review_threshold()
SETTLEMENT_THRESHOLD = 0.7


class ReviewError(ValueError):
    """A correction that cannot be applied; the message is in Russian."""


def queue(store: Store, limit: int = 200) -> pd.DataFrame:
    """Unsure rows, least sure first; a corrected row leaves the queue. Only those who may correct see it."""
    user = access.require(access.VIEW_APPEALS)
    access.require(access.CORRECT, themes=user.themes)
    return store.query(
        """
        with unsure as (
            select
                a.appeal_id, a.source_code, a.source_id, a.received_at, a.text_masked, a.address,
                a.source_rubric, a.theme_code, a.theme_confidence, a.theme_provenance,
                a.settlement_oktmo, a.settlement_confidence, a.settlement_provenance,
                (a.theme_provenance = 'predicted' and a.theme_confidence < ?) as theme_unsure,
                (a.settlement_oktmo is null
                 or (a.settlement_provenance = 'predicted' and a.settlement_confidence < ?)) as settlement_unsure
            from appeal a
            where a.theme_provenance <> 'corrected' or coalesce(a.settlement_provenance, '') <> 'corrected'
        ),
        final as (
            select * from unsure
            where (theme_unsure and theme_provenance <> 'corrected')
               or (settlement_unsure and coalesce(settlement_provenance, '') <> 'corrected')
        )
        select * from final
        order by least(case when theme_unsure then theme_confidence else 1 end,
                       case when settlement_unsure then coalesce(settlement_confidence, 0) else 1 end),
                 received_at desc
        limit ?
        """,
        [THEME_THRESHOLD, SETTLEMENT_THRESHOLD, limit],
    )


def needs_review(rows: pd.DataFrame) -> pd.Series:
    """Whether each row would stand in the queue: the same rule as the queue's SQL, for rows not yet stored."""
    theme_unsure = (rows["theme_provenance"] == "predicted") & (rows["theme_confidence"] < THEME_THRESHOLD)
    settlement_unsure = rows["settlement_oktmo"].isna() | (
        (rows["settlement_provenance"] == "predicted") & (rows["settlement_confidence"] < SETTLEMENT_THRESHOLD)
    )
    return (theme_unsure | settlement_unsure).astype(bool)


def queue_size(store: Store) -> int:
    return int(
        store.scalar(
            """
            select count(*) from appeal
            where (theme_provenance = 'predicted' and theme_confidence < ?)
               or ((settlement_oktmo is null or (settlement_provenance = 'predicted' and settlement_confidence < ?))
                   and coalesce(settlement_provenance, '') <> 'corrected')
            """,
            [THEME_THRESHOLD, SETTLEMENT_THRESHOLD],
        )
    )


@dataclass(frozen=True)
class CorrectionResult:
    appeal_id: int
    fields: tuple[str, ...]
    rubric_learned: bool


def correct(
    store: Store,
    appeal_id: int,
    theme_code: str | None = None,
    settlement_oktmo: str | None = None,
    now: datetime | None = None,
    no_settlement: bool = False,
) -> CorrectionResult:
    """Set a person's theme and/or settlement; an unmapped source rubric learns the theme for next time.

    `no_settlement` confirms that the text names no settlement: the row stays without one and leaves the queue.

    The corrected row also joins the classifier's labelled rows, so the next import learns from it.
    """
    if theme_code is None and settlement_oktmo is None and not no_settlement:
        raise ReviewError("Выберите тему или поселение.")
    now = now or datetime.now()
    fields: list[str] = []
    learned = False
    with store.transaction() as tx:
        row = tx.query(
            "select appeal_id, source_code, source_rubric, theme_code, settlement_oktmo from appeal where appeal_id = ?",
            [appeal_id],
        )
        if row.empty:
            raise ReviewError(f"Обращение {appeal_id} не найдено: возможно, его загрузку отменили.")
        current = row.iloc[0]
        # a sector leader corrects the appeals of their own themes (they may move one out to its right theme)
        access.require(access.CORRECT, themes=[current["theme_code"] or "other"])
        if theme_code is not None:
            if not tx.scalar("select count(*) from theme where code = ?", [theme_code]):
                raise ReviewError(f"Неизвестная тема: {theme_code}")
            tx.execute(
                "update appeal set theme_code = ?, theme_provenance = 'corrected', theme_confidence = 1.0 "
                "where appeal_id = ?",
                [theme_code, appeal_id],
            )
            tx.execute(
                "insert into correction values (?, ?, 'theme_code', ?, ?)",
                [appeal_id, now, current["theme_code"], theme_code],
            )
            fields.append("theme_code")
            rubric = current["source_rubric"]
            if (
                isinstance(rubric, str)
                and rubric
                and not tx.scalar(
                    "select count(*) from rubric_map where source_code = ? and rubric = ?",
                    [current["source_code"], rubric],
                )
            ):
                tx.execute(
                    "insert into rubric_map (source_code, rubric, theme_code, subtheme) values (?, ?, ?, null)",
                    [current["source_code"], rubric, theme_code],
                )
                # the rows already loaded with that rubric learn it too
                tx.execute(
                    "update appeal set theme_code = ?, theme_provenance = 'mapped', theme_confidence = 1.0 "
                    "where source_code = ? and source_rubric = ? and theme_provenance = 'predicted'",
                    [theme_code, current["source_code"], rubric],
                )
                learned = True
        if settlement_oktmo is not None:
            if not tx.scalar("select count(*) from settlement where oktmo = ?", [settlement_oktmo]):
                raise ReviewError(f"Неизвестное поселение: {settlement_oktmo}")
            tx.execute(
                "update appeal set settlement_oktmo = ?, settlement_provenance = 'corrected', "
                "settlement_confidence = 1.0 where appeal_id = ?",
                [settlement_oktmo, appeal_id],
            )
            tx.execute(
                "insert into correction values (?, ?, 'settlement_oktmo', ?, ?)",
                [appeal_id, now, current["settlement_oktmo"], settlement_oktmo],
            )
            fields.append("settlement_oktmo")
        elif no_settlement:
            tx.execute(
                "update appeal set settlement_oktmo = null, settlement_provenance = 'corrected', "
                "settlement_confidence = 1.0 where appeal_id = ?",
                [appeal_id],
            )
            tx.execute(
                "insert into correction values (?, ?, 'settlement_oktmo', ?, ?)",
                [appeal_id, now, current["settlement_oktmo"], NO_SETTLEMENT],  # the filters' «не определено»
            )
            fields.append("settlement_oktmo")
        place = settlement_oktmo or ("не названо в тексте" if no_settlement else "без изменений")
        audit.record(
            store,
            "correction",
            f"обращение {appeal_id}",
            f"тема → {theme_code or 'без изменений'}, поселение → {place}" + ("; рубрика выучена" if learned else ""),
            now=now,
            tx=tx,
        )
    return CorrectionResult(appeal_id, tuple(fields), learned)
