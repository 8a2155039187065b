"""The show itself: slides in big type that turn on their own, for the wall screen at the weekly meeting.

Reached with `?present=1` in the address (the entry script then draws no sidebar and no menu).
Space pauses, → and ← turn, Esc leaves; the buttons do the same for a mouse.
"""

from __future__ import annotations

import html
import logging
import time
from datetime import date, datetime

import streamlit as st

from mcu_data.app import caches, session, wall_deck
from mcu_data.app.views import wall
from mcu_data.app.views.wall import Slide
from mcu_data.core.locale import label

user = session.signed_in("wall")

DECK_KEY = "wall_deck"

# Chrome off, type up. Sizes are for a 1920×1080 screen; `scaled` multiplies them for the screen in use.
CSS = """
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
.stMainBlockContainer { max-width: none; padding: 1.2rem 2.2rem 0.4rem 2.2rem; }
.stApp { background: #ffffff; color: #0b0b0b; }
.wall-head { display: flex; align-items: baseline; gap: 1.5rem; border-bottom: 4px solid #0b0b0b; padding-bottom: .3rem; }
.wall-title { font-size: 46px; font-weight: 700; line-height: 1.1; }
.wall-sub { font-size: 24px; color: #333; flex: 1; }
.wall-count { font-size: 24px; color: #333; white-space: nowrap; }
.wall-tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 14px; margin: 8px 0 4px; }
.wall-tile { border: 3px solid #0b0b0b; border-radius: 10px; padding: 8px 16px; background: #fff; }
.wall-tile.hot { border-color: #b3261e; }
.wall-tile .l { font-size: 22px; color: #222; }
.wall-tile .v { font-size: 52px; font-weight: 700; line-height: 1.15; white-space: nowrap; overflow: hidden;
                text-overflow: ellipsis; }
.wall-tile.hot .v { color: #b3261e; }
.wall-tile .n { font-size: 20px; color: #333; }
.wall-table-title { font-size: 26px; font-weight: 700; margin: 4px 0 6px; }
table.wall-table { width: 100%; border-collapse: collapse; font-size: 23px; }
table.wall-table th { text-align: left; border-bottom: 3px solid #0b0b0b; padding: 6px 8px; font-size: 20px; }
table.wall-table td { border-bottom: 1px solid #999; padding: 7px 8px; vertical-align: top; }
table.wall-table td.num { text-align: right; white-space: nowrap; }
.wall-note { font-size: 20px; color: #222; margin-top: 4px; }
.wall-empty { font-size: 34px; padding: 3rem 0; }
.wall-clock { height: 8px; background: #e6e6e6; border-radius: 4px; overflow: hidden; margin-top: 6px; }
.wall-clock > div { height: 100%; background: #2f6db5; width: 0; animation-name: wall-fill;
                    animation-timing-function: linear; animation-fill-mode: forwards; }
.wall-clock.paused > div { animation: none; width: 100%; background: #9a9a9a; }
@keyframes wall-fill { from { width: 0; } to { width: 100%; } }
.stButton button { font-size: 18px; min-height: 44px; padding: 4px 16px; }
.stButton button * { font-size: 18px !important; }
"""

# Reports the browser window's size once, and again after a resize: the server cannot know it otherwise.
SIZE_JS = """
export default function(component) {
    const { setStateValue } = component;
    const report = () => setStateValue("size", [window.innerWidth, window.innerHeight]);
    report();
    let timer = null;
    const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 400); };
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
}
"""


@st.cache_resource(show_spinner=False)
def _size_probe():
    """Registered once per process: registering on every run would replace the component each time."""
    return st.components.v2.component("mcu_screen_size", js=SIZE_JS)


probe = _size_probe()(key="wall_screen", default={"size": None}, on_size_change=lambda: None, height=0)
size = probe.get("size") or (None, None)  # None until the browser has reported once
scale = wall_deck.scale_for(*size)
st.html(f"<style>{wall_deck.scaled(CSS, scale)}</style>")

filters = session.current_filters(caches.source())
now = time.time()
wanted = wall_deck.from_params(st.query_params, now)
deck = st.session_state.get(DECK_KEY)
if deck is None or (deck.slides, deck.every) != (wanted.slides, wanted.every):
    st.session_state[DECK_KEY] = deck = wanted


def _move(delta: int) -> None:
    session.touch()
    st.session_state[DECK_KEY] = wall_deck.step(st.session_state[DECK_KEY], delta, time.time())


def _pause() -> None:
    session.touch()
    st.session_state[DECK_KEY] = wall_deck.toggle_pause(st.session_state[DECK_KEY], time.time())


def _cells(values: tuple[str, ...], tag: str) -> str:
    # numbers (they start with a digit, a sign or a dash) line up on the right
    def cls(v: str) -> str:
        return ' class="num"' if tag == "td" and v[:1] in "0123456789+−-↑↓" else ""

    return "".join(f"<{tag}{cls(v)}>{html.escape(v)}</{tag}>" for v in values)


def _table(title: str, head: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    """A titled table in big type, every cell escaped; empty when there are no rows."""
    if not rows:
        return ""
    body = "".join(f"<tr>{_cells(row, 'td')}</tr>" for row in rows)
    return (
        f'<div class="wall-table-title">{html.escape(title)}</div>'
        f'<table class="wall-table"><thead><tr>{_cells(head, "th")}</tr></thead><tbody>{body}</tbody></table>'
    )


def draw(slide: Slide, deck: wall_deck.Deck) -> None:
    position = f"{deck.index + 1} / {len(deck.slides)}" + (" · пауза" if deck.paused else "")
    st.html(
        f'<div class="wall-head" data-slide="{html.escape(slide.code)}"><div class="wall-title">'
        f'{html.escape(slide.title)}</div><div class="wall-sub">{html.escape(slide.subtitle)}</div>'
        f'<div class="wall-count">{position}</div></div>'
    )
    if slide.empty:
        st.html(f'<div class="wall-empty">{html.escape(slide.empty)}</div>')
        return
    if slide.tiles:
        tiles = "".join(
            f'<div class="wall-tile{" hot" if t.hot else ""}"><div class="l">{html.escape(t.label)}</div>'
            f'<div class="v" title="{html.escape(t.value)}">{html.escape(t.value)}</div>'
            f'<div class="n">{html.escape(t.note)}</div></div>'
            for t in slide.tiles
        )
        st.html(f'<div class="wall-tiles">{tiles}</div>')
    table = _table(slide.table_title, slide.table_head, slide.table_rows)
    config = {"displayModeBar": False, "staticPlot": True}
    if slide.figure is not None and table:
        left, right = st.columns([3, 2], gap="large")
        left.plotly_chart(slide.figure, width="stretch", config=config, key=f"wall_fig_{slide.code}")
        right.html(table)
    elif slide.figure is not None:
        st.plotly_chart(slide.figure, width="stretch", config=config, key=f"wall_fig_{slide.code}")
    elif table:
        st.html(table)
    if slide.second_rows:
        st.html(_table(slide.second_title, slide.second_head, slide.second_rows))
    if slide.note:
        st.html(f'<div class="wall-note">{html.escape(slide.note)}</div>')


@st.fragment(run_every=deck.every)
def show() -> None:
    """Runs every `every` seconds on its own: turns the slide when it is due and reads fresh figures."""
    if session.session_user(present=True, touch=False) is None:
        st.rerun(scope="app")  # a personal account left idle in the show signs out; a screen account stays
    current = wall_deck.tick(st.session_state[DECK_KEY], time.time())
    st.session_state[DECK_KEY] = current
    try:
        draw(wall.slide(caches.source(), current.slide, filters, datetime.now(), date.today(), scale), current)
    except Exception as error:  # a wall screen must keep going: say what failed and try again on the next tick
        logging.getLogger(__name__).exception("slide %s failed", current.slide)
        st.html(
            f'<div class="wall-empty">Слайд «{html.escape(label("slide", current.slide))}» не удалось построить: '
            f"{html.escape(str(error))}. Следующая попытка — через {current.every} с.</div>"
        )
    remaining = max(1.0, current.every - (time.time() - current.switched_at))
    st.html(
        f'<div class="wall-clock{" paused" if current.paused else ""}" data-at="{current.switched_at:.0f}">'
        f'<div style="animation-duration:{remaining:.0f}s"></div></div>'
    )
    back, pause, forward, _, leave = st.columns([1, 1, 1, 4, 1])
    back.button(
        "Назад",
        icon=":material/arrow_back:",
        shortcut="Left",
        on_click=_move,
        args=(-1,),
        key="wall_back",
        width="stretch",
    )
    pause.button(
        "Продолжить" if current.paused else "Пауза",
        icon=":material/play_arrow:" if current.paused else ":material/pause:",
        shortcut="Space",
        on_click=_pause,
        key="wall_pause",
        width="stretch",
    )
    forward.button(
        "Далее",
        icon=":material/arrow_forward:",
        shortcut="Right",
        on_click=_move,
        args=(1,),
        key="wall_next",
        width="stretch",
    )
    if leave.button("Выйти", icon=":material/close:", shortcut="Esc", key="wall_exit", width="stretch"):
        st.session_state.pop(DECK_KEY, None)
        st.query_params.clear()
        st.switch_page("pages/overview.py")


show()
