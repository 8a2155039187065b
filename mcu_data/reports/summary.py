"""The note's summary in words: sentences written by explicit rules from the week's figures, most important first.

Every sentence keeps the figures it states, so a test can hold them against the pages and an edited note can
tell which of its sentences the data have since changed. No language model: each rule below is a template
with Russian agreement done by `plural` and the settlements' cases from the locale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from mcu_data.core import definitions as d
from mcu_data.core.locale import (
    NBSP,
    appeals_n,
    fmt_datetime,
    fmt_float,
    fmt_int,
    fmt_pct,
    fmt_period,
    in_settlement,
    more_or_less,
    n_of,
    plural,
)
from mcu_data.core.periods import Week, Window

MAX_SENTENCES = 8


@dataclass(frozen=True)
class ThemeFact:
    code: str
    name: str
    n: int
    n_prev: int


@dataclass(frozen=True)
class GrowthFact:
    theme_code: str
    theme: str
    oktmo: str
    settlement: str
    observed: int
    baseline: float  # the mean week of the eight before
    subtopic: str | None = None  # the subtopic that grew most, with its count this week
    subtopic_n: int = 0
    street: str | None = None  # the street or object named most often this week
    street_n: int = 0
    repeated: bool = False  # the same cell was a growth point in one of the three weeks before
    incidents: int = 0  # the incidents its week's messages belong to
    largest: int = 0  # messages of the largest of them…
    largest_channels: int = 0  # …and the channels they came by


@dataclass(frozen=True)
class RecipientFact:
    code: str
    name: str
    received: int  # appeals of the four weeks: the rating's measure of whether there are enough to judge
    judged: int  # appeals of the four weeks whose deadline has passed
    on_time: int
    prev_judged: int
    prev_on_time: int
    with_outcome: int
    formal: int
    overdue_now: int

    @property
    def on_time_share(self) -> float | None:
        return d.share(self.on_time, self.judged)

    @property
    def prev_on_time_share(self) -> float | None:
        return d.share(self.prev_on_time, self.prev_judged)

    @property
    def formal_share(self) -> float | None:
        return d.share(self.formal, self.with_outcome)


@dataclass(frozen=True)
class MeasureFact:
    title: str
    state: str  # due (deadline in the week), overdue, done
    worked: bool = False  # done, and the appeals it aimed at fell (roadmaps.effect)


@dataclass(frozen=True)
class Facts:
    """What the note's words are made of; gathered from the store by `note_facts.gather`."""

    week: Week
    as_of: datetime
    all_channels: bool
    total: int
    previous_week: int
    year_ago: int
    themes: tuple[ThemeFact, ...]
    hottest: tuple[str, str, int, float] | None  # oktmo, name, appeals, per 1 000 residents
    growth: tuple[GrowthFact, ...]
    judged: int
    on_time: int
    late: int
    open_past_due: int
    overdue_now: int
    rating_window: Window
    min_appeals: int
    recipients: tuple[RecipientFact, ...]
    pos_rated: int
    pos_satisfied: int
    pos_satisfaction_sum: float
    satisfaction_target: float
    measures: tuple[MeasureFact, ...] = ()
    proposals: int = 0


@dataclass(frozen=True)
class Sentence:
    key: str
    text: str
    weight: float  # importance: the higher, the earlier
    figures: dict[str, float | int | str | None] = field(default_factory=dict)


def _against(now: int, before: int, when: str) -> str:
    """«на 12 % больше, чем неделей раньше (278)»; with nothing before: «неделей раньше обращений не было»."""
    if before == 0:
        return f"{when} обращений не было"
    words = more_or_less(d.change(now, before))
    if words == "столько же":
        return f"столько же, сколько {when} ({fmt_int(before)})"
    return f"{words}, чем {when} ({fmt_int(before)})"


def volume(f: Facts) -> Sentence:
    channels = "по всем каналам" if f.all_channels else "по выбранным каналам"
    text = (
        f"За неделю {fmt_period(f.week.monday, f.week.sunday)} поступило {appeals_n(f.total)} {channels}: "
        f"{_against(f.total, f.previous_week, 'неделей раньше')}, и "
        f"{_against(f.total, f.year_ago, 'за ту же неделю год назад')}."
    )
    return Sentence(
        "volume",
        text,
        100.0,
        {"total": f.total, "previous_week": f.previous_week, "year_ago": f.year_ago},
    )


def themes(f: Facts) -> Sentence | None:
    if not f.themes:
        return None
    top = f.themes[:3]
    parts = [f"«{t.name}» — {fmt_int(t.n)} (неделей раньше {fmt_int(t.n_prev)})" for t in top]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " и " + parts[-1]
    text = f"Главные темы недели: {listed}." if len(top) > 1 else f"Главная тема недели: {listed}."
    figures = {f"theme:{t.code}": t.n for t in top} | {f"theme_prev:{t.code}": t.n_prev for t in top}
    growth = max((abs(d.change(t.n, t.n_prev) or 0) for t in top), default=0)
    return Sentence("themes", text, 40.0 + min(growth, 2.0) * 10, figures)


def growth(f: Facts) -> Sentence:
    if not f.growth:
        return Sentence(
            "growth",
            "Точек роста нет: ни одна тема ни в одном поселении не вышла за обычный для неё уровень.",
            20.0,
            {"growth_points": 0},
        )
    main = f.growth[0]
    why = []
    if main.subtopic and main.subtopic_n:
        why.append(f"больше всего выросла подтема «{main.subtopic}» ({fmt_int(main.subtopic_n)})")
    if main.street and main.street_n:
        why.append(f"чаще всего называют {main.street} ({fmt_int(main.street_n)})")
    if main.largest > 1:
        why.append(
            f"это {n_of(main.incidents, 'инцидент', 'инцидента', 'инцидентов')}, в крупнейшем — "
            f"{n_of(main.largest, 'сообщение', 'сообщения', 'сообщений')} из "
            f"{n_of(main.largest_channels, 'канала', 'каналов', 'каналов')}"
        )
    text = (
        f"Точек роста за неделю: {fmt_int(len(f.growth))}. Главная — «{main.theme}» "
        f"{in_settlement(main.oktmo, main.settlement)}: {appeals_n(main.observed)} за неделю{usual(main)}"
        + (f"; {'; '.join(why)}" if why else "")
        + "."
    )
    others = f.growth[1:3]
    if others:
        text += " Также: " + ", ".join(
            f"«{g.theme}» {in_settlement(g.oktmo, g.settlement)} ({fmt_int(g.observed)} при обычных "
            f"{fmt_float(g.baseline, 1)})"
            for g in others
        )
        text += "."
    figures: dict = {"growth_points": len(f.growth), f"growth:{main.theme_code}|{main.oktmo}": main.observed}
    if main.largest > 1:
        figures[f"growth_incidents:{main.theme_code}|{main.oktmo}"] = main.incidents
    figures |= {f"growth:{g.theme_code}|{g.oktmo}": g.observed for g in others}
    return Sentence("growth", text, 80.0 + min(main.observed / max(main.baseline, 0.5), 10.0), figures)


def territory(f: Facts) -> Sentence | None:
    if f.hottest is None:
        return None
    oktmo, name, n, per_1000 = f.hottest
    text = (
        f"Больше всего обращений на 1{NBSP}000 жителей — {in_settlement(oktmo, name)}: {fmt_float(per_1000, 1)} "
        f"({appeals_n(n)} за неделю)."
    )
    return Sentence("territory", text, 30.0, {f"per_1000:{oktmo}": round(per_1000, 1), f"settlement:{oktmo}": n})


def deadlines(f: Facts) -> Sentence:
    moment = f"на {fmt_datetime(f.as_of)}"
    if f.judged == 0:
        head = f"Срок ответа ни у одного обращения недели к {fmt_datetime(f.as_of)} ещё не наступил"
        weight = 30.0
    else:
        head = (
            f"Из {appeals_n(f.judged)} недели, срок ответа которых наступил к {fmt_datetime(f.as_of)}, в срок отвечено "
            f"{fmt_pct(d.share(f.on_time, f.judged))} ({fmt_int(f.on_time)} из {fmt_int(f.judged)}), с опозданием — "
            f"{fmt_int(f.late)}, без ответа после срока — {fmt_int(f.open_past_due)}"
        )
        weight = 55.0 + 100 * (1 - (d.share(f.on_time, f.judged) or 0))
    tail = f"; всего {moment} просрочено {appeals_n(f.overdue_now)}, поступивших за всё время."
    return Sentence(
        "deadlines",
        head + tail,
        weight,
        {
            "judged": f.judged,
            "on_time": f.on_time,
            "late": f.late,
            "open_past_due": f.open_past_due,
            "overdue_now": f.overdue_now,
        },
    )


def eligible(f: Facts) -> list[RecipientFact]:
    """Recipients with enough appeals to be judged: the rating's own minimum (rating.min_appeals)."""
    return [r for r in f.recipients if r.received >= f.min_appeals and r.code != "none"]


def usual(g: GrowthFact) -> str:
    """« при обычных 0,9 в неделю», or for a cell silent before: «, а за 8 предыдущих недель — ни одного»."""
    if g.baseline == 0:
        return ", а за 8 предыдущих недель — ни одного"
    return f" при обычных {fmt_float(g.baseline, 1)} в неделю"


def late(f: Facts) -> Sentence | None:
    ranked = sorted((r for r in eligible(f) if r.judged), key=lambda r: (r.on_time_share, -r.judged, r.name))
    if not ranked or ranked[0].on_time_share is None or ranked[0].on_time_share >= 1:
        return None
    worst = ranked[0]
    window = fmt_period(f.rating_window.start, f.rating_window.end)
    before = (
        f"; за 4 недели до того — {fmt_pct(worst.prev_on_time_share)} из {fmt_int(worst.prev_judged)}"
        if worst.prev_judged
        else "; за 4 недели до того обращений с наступившим сроком не было"
    )
    text = (
        f"Реже всех отвечает в срок «{worst.name}»: {fmt_pct(worst.on_time_share)} "
        f"({fmt_int(worst.on_time)} из {fmt_int(worst.judged)}) за 4 недели {window}{before}."
    )
    return Sentence(
        "late",
        text,
        45.0 + 60 * (1 - worst.on_time_share),
        {f"recipient_on_time:{worst.code}": worst.on_time, f"recipient_judged:{worst.code}": worst.judged},
    )


def formal(f: Facts) -> Sentence | None:
    ranked = sorted(
        (r for r in eligible(f) if r.formal > 0),
        key=lambda r: (-r.formal_share, -r.formal, r.name),
    )
    if not ranked:
        return None
    worst = ranked[0]
    window = fmt_period(f.rating_window.start, f.rating_window.end)
    text = (
        f"Больше всего формальных ответов («отписок») у «{worst.name}»: {fmt_pct(worst.formal_share)} "
        f"({fmt_int(worst.formal)} из {fmt_int(worst.with_outcome)} ответов с указанным результатом) "
        f"за 4 недели {window}."
    )
    return Sentence(
        "formal",
        text,
        40.0 + 100 * worst.formal_share,
        {f"recipient_formal:{worst.code}": worst.formal, f"recipient_with_outcome:{worst.code}": worst.with_outcome},
    )


def satisfaction(f: Facts) -> Sentence:
    if f.pos_rated == 0:
        return Sentence("satisfaction", "Оценок ответов на обращения недели в ПОС нет.", 10.0, {"pos_rated": 0})
    share = d.share(f.pos_satisfied, f.pos_rated)
    below = share < f.satisfaction_target
    text = (
        f"Оценок ответов на обращения недели в ПОС: {fmt_int(f.pos_rated)}; из них 4–5 — {fmt_pct(share)} "
        f"({fmt_int(f.pos_satisfied)} из {fmt_int(f.pos_rated)}) при цели не ниже "
        f"{fmt_pct(f.satisfaction_target, 0)}{', цель не достигнута' if below else ''}; средняя оценка — "
        f"{fmt_float(f.pos_satisfaction_sum / f.pos_rated, 2)} из 5."
    )
    return Sentence(
        "satisfaction",
        text,
        50.0 if below else 25.0,
        {"pos_rated": f.pos_rated, "pos_satisfied": f.pos_satisfied},
    )


def roadmaps(f: Facts) -> Sentence:
    due = [m for m in f.measures if m.state == "due"]
    overdue = [m for m in f.measures if m.state == "overdue"]
    done = [m for m in f.measures if m.state == "done"]
    worked = [m for m in done if m.worked]
    parts = []
    if due:
        names = ", ".join(f"«{m.title}»" for m in due[:2]) + (f" и ещё {len(due) - 2}" if len(due) > 2 else "")
        parts.append(f"на этой неделе наступил срок у {fmt_int(len(due))} {_measures_gen(len(due))} ({names})")
    if overdue:
        parts.append(f"просрочено {fmt_int(len(overdue))} {_measures_nom(len(overdue))}")
    if done:
        parts.append(
            f"из {fmt_int(len(done))} {_measures_gen(len(done))}, выполненных за всё время, снижение числа "
            f"обращений дали {fmt_int(len(worked))}"
        )
    if not parts:
        return Sentence("roadmaps", "Мероприятий дорожных карт со сроком на этой неделе и просроченных нет.", 5.0)
    text = "По дорожным картам: " + "; ".join(parts) + "."
    return Sentence(
        "roadmaps",
        text,
        35.0 + 5 * len(overdue),
        {"measures_due": len(due), "measures_overdue": len(overdue), "measures_worked": len(worked)},
    )


def _measures_gen(n: int) -> str:
    return plural(n, "мероприятия", "мероприятий", "мероприятий")


def _measures_nom(n: int) -> str:
    return plural(n, "мероприятие", "мероприятия", "мероприятий")


def proposals_line(f: Facts) -> Sentence:
    if f.proposals == 0:
        return Sentence("proposals", "Предложений по управленческим решениям на этой неделе нет.", 0.0)
    word = plural(f.proposals, "предложение", "предложения", "предложений")
    return Sentence(
        "proposals",
        f"МЦУ вносит {fmt_int(f.proposals)} {word} по управленческим решениям — "
        f"{'оно приведено' if f.proposals == 1 else 'они приведены'} в разделе «Предложения».",
        0.0,
        {"proposals": f.proposals},
    )


RULES = (volume, growth, deadlines, late, formal, satisfaction, themes, roadmaps, territory)


def summarize(f: Facts) -> list[Sentence]:
    """The summary: the volume first, then the rest by weight, at most MAX_SENTENCES with the proposals last."""
    found = [s for s in (rule(f) for rule in RULES) if s is not None]
    head, rest = found[0], sorted(found[1:], key=lambda s: -s.weight)
    return [head, *rest[: MAX_SENTENCES - 2], proposals_line(f)]


def incident_line(incidents: pd.DataFrame) -> str | None:
    """«Инциденты за неделю: 6 инцидентов; крупнейшие — 1 инцидент — 14 сообщений из 3 каналов; …»."""
    big = incidents[incidents["messages"] > 1]
    if big.empty:
        return None
    parts = [
        f"{n_of(int(r.messages), 'сообщение', 'сообщения', 'сообщений')} из "
        f"{n_of(int(r.channels), 'канала', 'каналов', 'каналов')}"
        for r in big.head(3).itertuples()
    ]
    alone = int((incidents["messages"] == 1).sum())
    text = (
        f"Инциденты за неделю: {n_of(len(incidents), 'инцидент', 'инцидента', 'инцидентов')}; "
        f"{'крупнейшие' if len(parts) > 1 else 'крупнейший'}: " + "; ".join(parts)
    )
    return text + (
        f"; ещё {n_of(alone, 'сообщение', 'сообщения', 'сообщений')} — каждое о своей проблеме." if alone else "."
    )
