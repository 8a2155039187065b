"""The figures the pages show for a note's week, from the pages' own functions: what the note's sentences must state."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from mcu_data.analytics import compliance, growth, overview
from mcu_data.core.filters import Filters
from mcu_data.reports.weekly_note import RATING_DAYS, Note
from mcu_data.signals import incident_store
from mcu_data.store import Store


def page_figures(store: Store, note: Note) -> dict:
    """Keyed as `summary.Sentence.figures` keys them: «Обзор», «Тепловая карта», «Сроки», «Рейтинг»."""
    week = note.week
    f = Filters(week.monday, week.sunday)
    ov = overview.compute(store, f, note.as_of, top_n=5)  # «Обзор» for the week
    points = growth.detect(growth.weekly_counts(store, f, f.end))  # «Тепловая карта», its growth points
    month = Filters(week.sunday - timedelta(days=RATING_DAYS - 1), week.sunday)
    per_recipient = compliance.per_recipient(store, month, note.as_of).set_index("recipient_code")  # «Сроки»
    figures = {
        "total": ov.week_counts[0],
        "previous_week": ov.week_counts[1],
        "year_ago": ov.week_counts[2],
        "judged": ov.counts.judged,
        "on_time": ov.counts.on_time,
        "late": ov.counts.late,
        "open_past_due": ov.counts.open_past_due,
        "overdue_now": ov.now.open_past_due,
        "pos_rated": ov.counts.pos_rated,
        "pos_satisfied": ov.counts.pos_satisfied,
        "growth_points": len(points),
        "proposals": len(note.proposals),
    }
    for p in points.itertuples():
        figures[f"growth:{p.theme_code}|{p.settlement_oktmo}"] = p.observed
        # «Инциденты» for the growth point's week, theme and settlement: the incidents its messages make
        cell = replace(f, themes=(p.theme_code,), settlements=(p.settlement_oktmo,))
        figures[f"growth_incidents:{p.theme_code}|{p.settlement_oktmo}"] = len(
            incident_store.incidents(store, cell, note.as_of)
        )
    for t in ov.top_themes.itertuples():
        figures[f"theme:{t.theme_code}"], figures[f"theme_prev:{t.theme_code}"] = t.n, t.n_prev
    for s in ov.top_settlements.itertuples():
        figures[f"settlement:{s.oktmo}"], figures[f"per_1000:{s.oktmo}"] = s.n, round(s.per_1000, 1)
    for r in per_recipient.itertuples():
        figures[f"recipient_on_time:{r.Index}"], figures[f"recipient_judged:{r.Index}"] = r.on_time, r.judged
        figures[f"recipient_formal:{r.Index}"] = r.formal
        figures[f"recipient_with_outcome:{r.Index}"] = r.with_outcome
    return figures


def stated(note: Note) -> dict:
    """Every figure the summary's sentences keep."""
    return {k: v for s in note.summary for k, v in s.figures.items()}
