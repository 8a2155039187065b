"""The shared filters in the page's address, so that a view can be bookmarked and sent as a link.

    ?period=30&theme=waste,roads&settlement=36612428&source=pos&recipient=housing_dept
    ?period=custom&from=01.11.2026&to=26.11.2026

Pure functions over plain values: `from_address` turns the address into the sidebar's widget values (codes the
visitor may not choose are dropped, each with a Russian word why), `to_address` turns the widget values back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from mcu_data.analytics import heatmap

# address parameter -> the sidebar widget's key
LISTS = {
    "theme": "flt_themes",
    "settlement": "flt_settlements",
    "source": "flt_sources",
    "recipient": "flt_recipients",
}
PERIOD, START, END = "period", "from", "to"
PARAMS = (PERIOD, START, END, *LISTS)
NAMES = {"theme": "темы", "settlement": "поселения", "source": "каналы", "recipient": "получатели"}
DATE_FORMAT = "%d.%m.%Y"


@dataclass(frozen=True)
class Choices:
    """What the sidebar offers this visitor."""

    periods: tuple[str, ...]
    lists: Mapping[str, tuple[str, ...]]  # address parameter -> the codes on offer
    first_day: date
    last_day: date


def from_address(params: Mapping[str, str], choices: Choices) -> tuple[dict[str, object], list[str]]:
    """Widget values the address asks for, and a notice for everything in it that cannot be shown."""
    state: dict[str, object] = {}
    dropped: list[str] = []
    period = params.get(PERIOD)
    if period is not None:
        if period in choices.periods:
            state["flt_period"] = period
        else:
            dropped.append(f"период «{period}»")
    if period == "custom":
        start, end = _day(params.get(START)), _day(params.get(END))
        if start and end and choices.first_day <= start <= end <= max(choices.last_day, start):
            state["flt_dates"] = (start, end)
        else:
            state.pop("flt_period", None)
            dropped.append("даты периода")
    for param, key in LISTS.items():
        asked = [v for v in (params.get(param) or "").split(",") if v]
        if not asked:
            continue
        offered = set(choices.lists.get(param, ()))
        kept = [v for v in dict.fromkeys(asked) if v in offered]
        if len(kept) < len(set(asked)):
            dropped.append(NAMES[param])
        if kept and param in choices.lists:
            state[key] = kept
    notices = (
        [
            "В ссылке есть фильтры, которые вам недоступны или неизвестны ("
            + ", ".join(dropped)
            + "): показано то, что доступно вашей роли."
        ]
        if dropped
        else []
    )
    return state, notices


def to_address(state: Mapping[str, object]) -> dict[str, str]:
    """The address parameters for the sidebar's current values; a default value is left out."""
    out: dict[str, str] = {}
    period = state.get("flt_period")
    if period and period != "30":
        out[PERIOD] = str(period)
    if period == "custom":
        picked = state.get("flt_dates")
        if isinstance(picked, tuple | list) and len(picked) == 2:
            out[START], out[END] = (d.strftime(DATE_FORMAT) for d in picked)
    for param, key in LISTS.items():
        values = state.get(key) or []
        if values:
            out[param] = ",".join(str(v) for v in values)
    return out


# a page's own main choices in its address: page path -> address parameter -> (widget key, allowed values, default)
PAGE_CHOICES: dict[str, dict[str, tuple[str, tuple[str, ...], str]]] = {
    "heatmap": {
        "axis": ("hm_axis", heatmap.AXES, "settlement"),
        "metric": ("hm_metric", heatmap.METRICS, "count"),
        "map": ("hm_map_metric", heatmap.MAP_METRICS, "per_1000"),
    },
}


def page_choices_from_address(page: str, params: Mapping[str, str]) -> dict[str, str]:
    """Widget values a page's address asks for; a value the page does not offer is left to its default."""
    return {
        key: params[param]
        for param, (key, allowed, _default) in PAGE_CHOICES.get(page, {}).items()
        if params.get(param) in allowed
    }


def page_choices_to_address(page: str, state: Mapping[str, object]) -> dict[str, str]:
    """The address parameters for a page's current choices; a default is left out."""
    return {
        param: str(state[key])
        for param, (key, allowed, default) in PAGE_CHOICES.get(page, {}).items()
        if state.get(key) in allowed and state.get(key) != default
    }


def _day(text: str | None) -> date | None:
    try:
        return datetime.strptime(text or "", DATE_FORMAT).date()
    except ValueError:
        return None
