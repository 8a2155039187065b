"""Growth points: a theme × settlement whose last week is far above its own recent weeks, and why."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy.stats import poisson

from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters, to_where
from mcu_data.ingest import morph
from mcu_data.store import Store

BASELINE_WEEKS = 8
MIN_COUNT = 5  # fewer appeals in a week never make a growth point, however small the baseline
MIN_RATIO = 2.0  # the week must at least double the usual
P_VALUE = 0.001  # about 220 cells are tested each week; this keeps false alarms rare
BASELINE_FLOOR = 0.5  # a cell that was silent is expected to have half an appeal a week, not zero

# lemmas too general to say why a cell grew: the place, the writer, the letter's own words
STOP_LEMMAS = frozenset(
    "житель улица дом село поселок посёлок деревня район поселение администрация глава день неделя месяц год "
    "раз вопрос проблема обращение просьба ответ помощь человек время сторона место номер телефон случай "
    "ситуация мера причина итог часть фио адрес почта email кв квартира жалоба сообщение заявление спасибо "
    "здравствуйте уважаемый момент результат срок".split()
)
# a street as an address or a text names it: «ул. Садовая, 5», «улица Мира», «пер. Школьный»
STREET = re.compile(
    r"\b(ул\.|улица|пер\.|переулок|пр-т|проспект|пл\.|площадь|мкр\.?|микрорайон)\s*"
    r"([А-ЯЁ][а-яё]+(?:[ -][А-ЯЁ][а-яё]+)?)"
)
STREET_KIND = {
    "улица": "ул.",
    "переулок": "пер.",
    "проспект": "пр-т",
    "площадь": "пл.",
    "микрорайон": "мкр.",
    "мкр": "мкр.",
}


@dataclass(frozen=True)
class WeekWindow:
    start: date
    end: date


def windows(end: date, weeks: int = BASELINE_WEEKS) -> tuple[WeekWindow, list[WeekWindow]]:
    """The 7 days ending on `end`, and the `weeks` weeks of 7 days before them."""
    current = WeekWindow(end - timedelta(days=6), end)
    baseline = [
        WeekWindow(current.start - timedelta(days=7 * (k + 1)), current.end - timedelta(days=7 * (k + 1)))
        for k in range(weeks)
    ]
    return current, baseline


def weekly_counts(
    store: Store, filters: Filters, end: date, weeks: int = BASELINE_WEEKS, unit: str = "message"
) -> pd.DataFrame:
    """Counts per theme × settlement for the current week (week 0) and each baseline week (1..weeks).

    With `unit` «incident» a week counts the incidents its messages belong to: fourteen posts about one burst
    pipe are one problem, and a growth point then needs many problems, not one loud one.
    """
    first = end - timedelta(days=7 * (weeks + 1) - 1)
    where, params = to_where(filters.with_period(first, end))
    by_incident = unit == "incident"
    n = f"count(distinct {d.INCIDENT_KEY})" if by_incident else "count(*)"
    join = "left join appeal_incident ai on ai.appeal_id = a.appeal_id" if by_incident else ""
    return store.query(
        f"""
        select a.theme_code, a.settlement_oktmo,
               floor(datediff('day', a.received_at::date, ?::date) / 7)::integer as week_back,
               {n} as n,
               count(*) filter (where a.is_repeat) as repeats
        from appeal a {join}
        where {where} and a.settlement_oktmo is not null
        group by all
        """,
        [end, *params],
    )


def detect(counts: pd.DataFrame, weeks: int = BASELINE_WEEKS) -> pd.DataFrame:
    """Cells whose week-0 count is improbably high for a Poisson process at the baseline mean.

    A cell needs at least MIN_COUNT appeals and MIN_RATIO times its usual week; the p-value is
    P(X >= observed) for X ~ Poisson(baseline mean, floored).
    """
    if counts.empty:
        return pd.DataFrame(
            columns=["theme_code", "settlement_oktmo", "observed", "baseline", "ratio", "p_value", "repeats"]
        )
    wide = counts.pivot_table(
        index=["theme_code", "settlement_oktmo"], columns="week_back", values="n", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(columns=range(weeks + 1), fill_value=0)
    observed = wide[0].to_numpy(dtype=float)
    baseline = wide[list(range(1, weeks + 1))].mean(axis=1).to_numpy(dtype=float)
    lam = np.maximum(baseline, BASELINE_FLOOR)
    p = poisson.sf(observed - 1, lam)
    ratio = observed / lam
    repeats = counts[counts["week_back"] == 0].set_index(["theme_code", "settlement_oktmo"])["repeats"]
    out = pd.DataFrame(
        {"observed": observed.astype(int), "baseline": baseline.round(2), "ratio": ratio.round(1), "p_value": p},
        index=wide.index,
    ).reset_index()
    out["repeats"] = [
        int(repeats.get((t, s), 0)) for t, s in zip(out["theme_code"], out["settlement_oktmo"], strict=True)
    ]
    hot = (out["observed"] >= MIN_COUNT) & (out["ratio"] >= MIN_RATIO) & (out["p_value"] < P_VALUE)
    return out[hot].sort_values(["p_value", "observed"], ascending=[True, False]).reset_index(drop=True)


def points(store: Store, filters: Filters, unit: str = "message") -> pd.DataFrame:
    """The growth points of the 7 days ending on the period's last day: the heat map's and the mail's."""
    return detect(weekly_counts(store, filters, filters.end, unit=unit))


def words(texts: pd.Series, skip_prefixes: tuple[str, ...] = ()) -> Counter:
    """Nouns by their lemma, once per text: no stop words, no names of people or places (the place is known)."""
    counter: Counter = Counter()
    for text in texts.dropna():
        seen = set()
        for token in re.findall(r"[А-Яа-яЁё]{4,}", text):
            w = morph.word(token)
            if w.pos != "NOUN" or w.name + w.geo > 0.5 or w.lemma in STOP_LEMMAS or w.lemma.startswith(skip_prefixes):
                continue
            seen.add(w.lemma)
        counter.update(seen)
    return counter


def streets(texts: pd.Series) -> Counter:
    """Streets and squares named in addresses and texts, once per appeal: «ул. Садовая»."""
    counter: Counter = Counter()
    for text in texts.dropna():
        found = {f"{STREET_KIND.get(kind.rstrip('.'), kind)}\u00a0{name}" for kind, name in STREET.findall(text)}
        counter.update(found)
    return counter


def incidents_of(rows: pd.DataFrame) -> pd.DataFrame:
    """The incidents among a week's messages, largest first: messages and channels of each."""
    if rows.empty:
        return pd.DataFrame(columns=["incident_key", "messages", "channels"])
    return (
        rows.groupby("incident_key")
        .agg(messages=("channel_code", "size"), channels=("channel_code", "nunique"))
        .reset_index()
        .sort_values(["messages", "channels", "incident_key"], ascending=[False, False, True], kind="stable")
        .reset_index(drop=True)
    )


def drivers(store: Store, filters: Filters, end: date, theme: str, oktmo: str, weeks: int = BASELINE_WEEKS) -> dict:
    """What grew in a growth point: subtopics, words and recipients of its week against the baseline."""
    current, baseline = windows(end, weeks)
    cell = Filters(
        baseline[-1].start,
        end,
        themes=(theme,),
        settlements=(oktmo,),
        sources=filters.sources,
        recipients=filters.recipients,
    )
    where, params = to_where(cell)
    rows = store.query(
        f"""
        select a.received_at::date >= ? as is_current, a.subtheme, a.recipient_code, a.text_masked, a.is_repeat,
               coalesce(a.address, '') || ' ' || coalesce(a.text_masked, '') as where_said,
               {d.INCIDENT_KEY} as incident_key, a.channel_code
        from appeal a left join appeal_incident ai on ai.appeal_id = a.appeal_id
        where {where}
        """,
        [current.start, *params],
    )
    now_rows, base_rows = rows[rows["is_current"]], rows[~rows["is_current"]]
    sub_now = now_rows["subtheme"].fillna("без подтемы").value_counts()
    sub_base = base_rows["subtheme"].fillna("без подтемы").value_counts() / weeks
    subtopics = (
        pd.DataFrame({"now": sub_now, "usual": sub_base})
        .fillna(0)
        .assign(growth=lambda d: d["now"] - d["usual"])
        .sort_values("growth", ascending=False)
        .head(3)
    )
    places = store.query("select place_ru from gazetteer")["place_ru"]
    prefixes = tuple({w.lower().replace("ё", "е")[:6] for name in places for w in name.split() if len(w) >= 5})
    w_now, w_base = words(now_rows["text_masked"], prefixes), words(base_rows["text_masked"], prefixes)
    scored = {
        w: c - w_base.get(w, 0) / weeks for w, c in w_now.items() if c >= 2 and c > 2 * (w_base.get(w, 0) / weeks)
    }
    top_words = [w for w, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:6]]  # ties by the word
    named = streets(now_rows["where_said"])
    return {
        "subtopics": subtopics,
        "words": top_words,
        "streets": [(name, n) for name, n in sorted(named.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2][:3],
        "recipients": now_rows["recipient_code"].value_counts().head(3),
        "incidents": incidents_of(now_rows),
        "repeat_share": float(now_rows["is_repeat"].mean()) if len(now_rows) else 0.0,
    }
