"""The wall screen at the weekly meeting: which slides, how often they turn, and where the deck stands.

Pure state and parsing, no streamlit: the page keeps a `Deck` in the session and asks this module
what the next state is after a tick of the clock, a click or a key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode, urlsplit

SLIDES: tuple[str, ...] = ("overview", "map", "matrix", "deadlines", "rating", "roadmaps")
DEFAULT_EVERY = 30  # seconds a slide stays on the screen
MIN_EVERY, MAX_EVERY = 10, 600
# The timer ticks every `every` seconds, but a tick can come early or late by the time a run takes.
# Any tick at least half an interval after the last turn is the scheduled one; a tick sooner than that
# follows a click, which has just turned the slide by hand.
TICK_SHARE = 0.5

# URL parameters: ?present=1&every=30&slides=overview,map[&key=…, a screen account's key]
PARAM_ON, PARAM_EVERY, PARAM_SLIDES, PARAM_KEY = "present", "every", "slides", "key"
ON_VALUES = {"1", "true", "yes", "da", "да"}


@dataclass(frozen=True)
class Deck:
    """Where the show stands: the slide on the screen, whether it is paused, and when it last turned."""

    slides: tuple[str, ...]
    every: int
    index: int = 0
    paused: bool = False
    switched_at: float = 0.0

    @property
    def slide(self) -> str:
        return self.slides[self.index]


def _first(value: object) -> str:
    """A query parameter's value, whether it came as a string or a list of strings."""
    if isinstance(value, (list, tuple)):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


def is_on(params: Mapping[str, object]) -> bool:
    return _first(params.get(PARAM_ON)).strip().lower() in ON_VALUES


def parse_every(value: object) -> int:
    """Seconds per slide from the URL; anything unreadable gives the default, extremes are clamped."""
    text = _first(value).strip()
    if not text.isdigit():
        return DEFAULT_EVERY
    return min(MAX_EVERY, max(MIN_EVERY, int(text)))


def parse_slides(value: object) -> tuple[str, ...]:
    """Slides named in the URL, in the show's own order; unknown names are dropped, none means all."""
    asked = {part.strip().lower() for part in _first(value).split(",") if part.strip()}
    chosen = tuple(code for code in SLIDES if code in asked)
    return chosen or SLIDES


def from_params(params: Mapping[str, object], now: float) -> Deck:
    return Deck(
        slides=parse_slides(params.get(PARAM_SLIDES)), every=parse_every(params.get(PARAM_EVERY)), switched_at=now
    )


def to_params(every: int, slides: tuple[str, ...], key: str | None = None) -> dict[str, str]:
    """The URL parameters that start the same show, e.g. for a bookmark on the screen's computer.

    With a screen account's key the address also signs the screen in (see auth.issue_screen_key).
    """
    params = {PARAM_ON: "1", PARAM_EVERY: str(parse_every(str(every)))}
    chosen = parse_slides(",".join(slides))
    if chosen != SLIDES:
        params[PARAM_SLIDES] = ",".join(chosen)
    if key:
        params[PARAM_KEY] = key
    return params


def show_address(page_url: str | None, params: Mapping[str, str]) -> str:
    """The address of the show on this server: the scheme and host of the page the user has open."""
    base = urlsplit(page_url or "http://localhost:8501/")
    return f"{base.scheme}://{base.netloc}/?{urlencode(params)}"


def key_of(params: Mapping[str, object]) -> str | None:
    """The screen key in the show's address, if any; the key only counts in the show."""
    if not is_on(params):
        return None
    return _first(params.get(PARAM_KEY)).strip() or None


def tick(deck: Deck, now: float) -> Deck:
    """The clock's tick: turn to the next slide once the current one has been shown long enough."""
    if deck.paused or now - deck.switched_at < deck.every * TICK_SHARE:
        return deck
    return replace(deck, index=(deck.index + 1) % len(deck.slides), switched_at=now)


def step(deck: Deck, delta: int, now: float) -> Deck:
    """Next (+1) or previous (−1) slide by hand; the slide then gets its full time on the screen."""
    return replace(deck, index=(deck.index + delta) % len(deck.slides), switched_at=now)


def toggle_pause(deck: Deck, now: float) -> Deck:
    """Pause or resume; resuming gives the current slide its full time again."""
    return replace(deck, paused=not deck.paused, switched_at=now)
