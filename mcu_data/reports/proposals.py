"""Proposals for management decisions (regulation 1.1 г): readable rules over the note's figures.

Each rule has a code, a name and a sentence saying when it fires; the curator switches rules off on the note's
page and the choice is kept in the store. A proposal states what to do, why, and the figures behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.locale import fmt_float, fmt_int, fmt_pct, fmt_period, in_settlement, of_settlement, plural
from mcu_data.reports.summary import Facts, eligible, usual
from mcu_data.store import Store

OFF_KEY = "note_rules_off"
LATE_BELOW = 0.80  # an on-time share under this…
LATE_FALL = 0.10  # …that fell by this much against the four weeks before asks for an explanation
FORMAL_AT_LEAST = 0.20  # a fifth of answers formal sends them back for rework
REPEATS_AT_LEAST = 3  # repeat appeals in four weeks on one theme in one settlement make a repeated problem
FORMAL_ANSWERS = 5  # …of at least this many answers with an outcome
JUDGED_BEFORE = 5  # a fall is measured against at least this many deadlines in the four weeks before
PER_RULE = 3  # at most this many proposals of one rule


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    when: str  # when it fires, in the curator's words


@dataclass(frozen=True)
class RepeatFact:
    """A theme in a settlement with repeat appeals over the four weeks, and whether a live measure covers it."""

    theme_code: str
    theme: str
    oktmo: str
    settlement: str
    repeats: int
    covered: bool


@dataclass(frozen=True)
class Proposal:
    rule: str
    text: str
    reason: str
    figures: dict[str, float | int | str | None] = field(default_factory=dict)
    cell: tuple[str, str] | None = None  # theme and settlement of a proposal a roadmap measure can take up


RULES = (
    Rule(
        "growth_control",
        "Точку роста — на контроль",
        "Каждая точка роста недели ставится на контроль; ответственный — руководитель блока, к которому "
        "относится тема (приложение 2 к Положению о МЦУ).",
    ),
    Rule(
        "poll",
        "Повторяющуюся проблему — на опрос жителей",
        "Точка роста, которая была точкой роста и в одну из трёх предыдущих недель: проблему выносят на опрос "
        "жителей поселения, чтобы узнать, устраивает ли их принятое решение.",
    ),
    Rule(
        "repeat_measure",
        "Повторные обращения — в дорожную карту",
        f"Тема в поселении, где за 4 недели не меньше {REPEATS_AT_LEAST} повторных обращений и нет действующего "
        "мероприятия дорожной карты по этой теме и поселению.",
    ),
    Rule(
        "explain_late",
        "Запросить объяснение о сроках",
        f"Получатель, у которого доля ответов в срок за 4 недели ниже {fmt_pct(LATE_BELOW, 0)} и упала "
        f"на {fmt_float(LATE_FALL * 100, 0)} п. п. и больше к 4 неделям до того. Получатель должен иметь место "
        f"в рейтинге, а в 4 неделях до того — не меньше {JUDGED_BEFORE} обращений с наступившим сроком.",
    ),
    Rule(
        "formal_rework",
        "Отписки — на доработку",
        f"Получатель, у которого за 4 недели не меньше {fmt_pct(FORMAL_AT_LEAST, 0)} формальных ответов "
        f"среди не меньше чем {FORMAL_ANSWERS} ответов с указанным результатом; получатель должен иметь место в "
        "рейтинге.",
    ),
)
RULE_NAMES = {r.code: r.name for r in RULES}


def switched_off(store: Store) -> set[str]:
    value = store.scalar("select value from app_setting where key = ?", [OFF_KEY])
    return {code for code in (value or "").split(",") if code}


def save_switched_off(store: Store, codes: set[str]) -> None:
    """Keep which rules the curator switched off; unknown codes are refused."""
    access.require(access.EDIT_NOTE)
    unknown = set(codes) - set(RULE_NAMES)
    if unknown:
        raise ValueError(f"Нет таких правил предложений: {', '.join(sorted(unknown))}")
    value = ",".join(sorted(codes))
    with store.transaction() as tx:
        tx.execute("delete from app_setting where key = ?", [OFF_KEY])
        tx.execute("insert into app_setting values (?, ?)", [OFF_KEY, value])
        names = ", ".join(RULE_NAMES[c] for c in sorted(codes)) or "все включены"
        audit.record(store, "note_rules", None, f"выключены: {names}", tx=tx)


def _growth_control(f: Facts, leaders: dict[str, str]) -> list[Proposal]:
    out = []
    for g in f.growth[:PER_RULE]:
        who = leaders.get(g.theme_code)
        out.append(
            Proposal(
                "growth_control",
                f"Поставить на контроль точку роста «{g.theme}» {in_settlement(g.oktmo, g.settlement)}"
                + (f"; ответственный — {who}." if who else "; назначить ответственного."),
                f"{fmt_int(g.observed)} {plural(g.observed, 'обращение', 'обращения', 'обращений')} за неделю"
                f"{usual(g)}.",
                {f"growth:{g.theme_code}|{g.oktmo}": g.observed},
                (g.theme_code, g.oktmo),
            )
        )
    return out


def _poll(f: Facts) -> list[Proposal]:
    return [
        Proposal(
            "poll",
            f"Провести опрос жителей {of_settlement(g.oktmo, g.settlement)} по теме «{g.theme}».",
            f"Точка роста повторилась: {fmt_int(g.observed)} за эту неделю{usual(g)}; эта же тема в этом же "
            "поселении была точкой роста и в одну из трёх предыдущих недель.",
            {f"growth:{g.theme_code}|{g.oktmo}": g.observed},
        )
        for g in [g for g in f.growth if g.repeated][:PER_RULE]
    ]


def _repeat_measure(f: Facts, repeats: list[RepeatFact]) -> list[Proposal]:
    window = fmt_period(f.rating_window.start, f.rating_window.end)
    found = [r for r in repeats if r.repeats >= REPEATS_AT_LEAST and not r.covered]
    found.sort(key=lambda r: (-r.repeats, r.theme, r.settlement))
    return [
        Proposal(
            "repeat_measure",
            f"Открыть мероприятие дорожной карты по теме «{r.theme}» {in_settlement(r.oktmo, r.settlement)}.",
            f"{fmt_int(r.repeats)} {plural(r.repeats, 'повторное обращение', 'повторных обращения', 'повторных обращений')}"
            f" за 4 недели {window}; действующего мероприятия по этой теме и поселению нет.",
            {f"repeats:{r.theme_code}|{r.oktmo}": r.repeats},
            (r.theme_code, r.oktmo),
        )
        for r in found[:PER_RULE]
    ]


def _explain_late(f: Facts) -> list[Proposal]:
    out = []
    for r in sorted(eligible(f), key=lambda r: (r.on_time_share or 0, r.name)):
        if not r.judged or r.prev_judged < JUDGED_BEFORE:
            continue
        now, before = r.on_time_share, r.prev_on_time_share
        if now < LATE_BELOW and before - now >= LATE_FALL - 1e-9:
            out.append(
                Proposal(
                    "explain_late",
                    f"Запросить у «{r.name}» объяснение о нарушении сроков ответа.",
                    f"В срок {fmt_pct(now)} ({fmt_int(r.on_time)} из {fmt_int(r.judged)}) за 4 недели "
                    f"{fmt_period(f.rating_window.start, f.rating_window.end)} против {fmt_pct(before)} "
                    f"({fmt_int(r.prev_on_time)} из {fmt_int(r.prev_judged)}) за 4 недели до того.",
                    {f"recipient_on_time:{r.code}": r.on_time, f"recipient_judged:{r.code}": r.judged},
                )
            )
    return out[:PER_RULE]


def _formal_rework(f: Facts) -> list[Proposal]:
    found = [r for r in eligible(f) if r.with_outcome >= FORMAL_ANSWERS and r.formal_share >= FORMAL_AT_LEAST]
    found.sort(key=lambda r: (-r.formal_share, r.name))
    return [
        Proposal(
            "formal_rework",
            f"Вернуть на доработку формальные ответы «{r.name}» и проверить их по существу.",
            f"Формальных ответов {fmt_pct(r.formal_share)} ({fmt_int(r.formal)} из {fmt_int(r.with_outcome)}) "
            f"за 4 недели {fmt_period(f.rating_window.start, f.rating_window.end)}.",
            {f"recipient_formal:{r.code}": r.formal, f"recipient_with_outcome:{r.code}": r.with_outcome},
        )
        for r in found[:PER_RULE]
    ]


def propose(f: Facts, leaders: dict[str, str], repeats: list[RepeatFact], off: set[str]) -> list[Proposal]:
    """Every proposal of the rules left on, in the order of RULES."""
    made = {
        "growth_control": lambda: _growth_control(f, leaders),
        "poll": lambda: _poll(f),
        "repeat_measure": lambda: _repeat_measure(f, repeats),
        "explain_late": lambda: _explain_late(f),
        "formal_rework": lambda: _formal_rework(f),
    }
    return [p for rule in RULES if rule.code not in off for p in made[rule.code]()]
