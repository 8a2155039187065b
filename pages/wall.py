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
from mcu_data.app.wall_sizes import wall_sizes
from mcu_data.core.locale import label

user = session.signed_in("wall")

DECK_KEY = "wall_deck"

# Chrome off, type up. Every size is a multiple of the screen's reading size (--t, see wall_sizes): the
# heights here are the ones WallSizes.body counts on to fit the chart below them.
CSS = """
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
.stMainBlockContainer { max-width: none; padding: calc(var(--t) * .3) 2.2rem calc(var(--t) * .2) 2.2rem; }
.stApp { background: #ffffff; color: #111111; }
.wall-head { border-bottom: 4px solid #111111; padding-bottom: calc(var(--t) * .2); }
.wall-top { display: flex; align-items: baseline; justify-content: space-between; gap: 1.5rem; }
.wall-title { font-size: var(--title); font-weight: 700; line-height: 1.15; white-space: nowrap; }
.wall-count { font-size: var(--t); line-height: 1.2; white-space: nowrap; }
.wall-sub { font-size: var(--t); line-height: 1.2; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.wall-tiles { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(0, auto); gap: calc(var(--t) * .3); }
.wall-tile { border: 3px solid #111111; border-radius: 10px; padding: .2em .4em; font-size: var(--t); min-width: 0; }
.wall-tile.hot { border-color: #b3261e; }
.wall-tile .l, .wall-tile .n { line-height: 1.2; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.wall-tile .v { font-size: var(--value); font-weight: 700; line-height: 1.15; white-space: nowrap; overflow: hidden;
                text-overflow: ellipsis; }
.wall-tile.hot .v { color: #b3261e; }
.wall-table-title { font-size: var(--t); font-weight: 700; line-height: 1.2; margin-bottom: .1em; }
table.wall-table { width: 100%; border-collapse: collapse; font-size: var(--t); line-height: 1.2; color: #111111; }
table.wall-table th { text-align: left; border-bottom: 3px solid #111111; padding: .15em .3em; font-weight: 700; }
table.wall-table td { border-bottom: 1px solid #767676; padding: .15em .3em; vertical-align: top; }
table.wall-table td.num, table.wall-table th { white-space: nowrap; }
table.wall-table td.num { text-align: right; }
/* a name's lines are counted in wall_sizes: the first column takes the room left, its name cut short beyond them */
table.wall-table td:first-child { max-width: 0; width: 100%; }
table.wall-table td .line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.wall-table td .lines { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
.wall-more, .wall-note { font-size: var(--t); line-height: 1.2; color: #111111; }
.wall-empty { font-size: var(--title); padding: 3rem 0; }
.wall-clock { height: 10px; background: #e6e6e6; border-radius: 4px; overflow: hidden; }
.wall-clock > div { height: 100%; background: #2f6db5; width: 0; animation-name: wall-fill;
                    animation-timing-function: linear; animation-fill-mode: forwards; }
.wall-clock.paused > div { animation: none; width: 100%; background: #767676; }
@keyframes wall-fill { from { width: 0; } to { width: 100%; } }
/* the controls float over the slide's foot and fade out while the mouse rests (see IDLE_JS) */
.st-key-wall_controls { position: fixed; left: 2.2rem; right: 2.2rem; bottom: calc(var(--t) * .5); z-index: 1000;
                        background: rgba(255, 255, 255, .94); transition: opacity .3s; }
body.wall-idle .st-key-wall_controls { opacity: 0; }  /* still clickable: a click wakes them too */
body.wall-idle .stApp { cursor: none; }
.stButton button { font-size: calc(var(--t) * .5); min-height: var(--t); padding: 4px 16px; }
.stButton button * { font-size: calc(var(--t) * .5) !important; }
"""

# Hides the controls 3 s after the mouse last moved and brings them back on a move; installed once per tab.
IDLE_JS = """
<script>
(() => {
  if (window.mcuWallIdle) return;
  window.mcuWallIdle = true;
  let timer = null;
  const wake = () => {
    document.body.classList.remove("wall-idle");
    clearTimeout(timer);
    timer = setTimeout(() => document.body.classList.add("wall-idle"), 3000);
  };
  for (const name of ["mousemove", "mousedown", "touchstart"]) {
    document.addEventListener(name, wake, { passive: true });
  }
  wake();
})();
</script>
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
width, height = probe.get("size") or (None, None)  # None until the browser has reported once
sizes = wall_sizes(height)
st.html(f"<style>:root {{ --t: {sizes.text}px; --title: {sizes.title}px; --value: {sizes.value}px; }}{CSS}</style>")
st.html(IDLE_JS, unsafe_allow_javascript=True)

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


def _cells(values: tuple[str, ...], tag: str, lines: int = 1) -> str:
    """Numbers (they start with a digit, a sign or a dash) line up on the right; text is cut after `lines` lines."""

    def cell(v: str) -> str:
        if tag == "td" and v[:1] in "0123456789+−-↑↓":
            return f'<td class="num">{html.escape(v)}</td>'
        if tag == "td" and lines > 1:
            return f'<td><div class="lines" style="-webkit-line-clamp:{lines}">{html.escape(v)}</div></td>'
        if tag == "td":
            return f'<td><div class="line">{html.escape(v)}</div></td>'
        return f"<{tag}>{html.escape(v)}</{tag}>"

    return "".join(cell(v) for v in values)


def _table(title: str, head: tuple[str, ...], rows: tuple[tuple[str, ...], ...], more: str = "", lines: int = 1) -> str:
    """A titled table in big type, every cell escaped, with its «и ещё N» line; empty when there are no rows.

    A text cell holds one line, or up to two when `lines` is 2, cut short beyond that; the first column takes the
    width the others leave.
    """
    if not rows:
        return ""
    body = "".join(f"<tr>{_cells(row, 'td', lines)}</tr>" for row in rows)
    tail = f'<div class="wall-more">{html.escape(more)}</div>' if more else ""
    return (
        f'<div class="wall-table-title">{html.escape(title)}</div>'
        f'<table class="wall-table"><thead><tr>{_cells(head, "th")}</tr></thead><tbody>{body}</tbody></table>{tail}'
    )


def draw(slide: Slide, deck: wall_deck.Deck) -> None:
    position = f"{deck.index + 1} / {len(deck.slides)}" + (" · пауза" if deck.paused else "")
    st.html(
        f'<div class="wall-head" data-slide="{html.escape(slide.code)}"><div class="wall-top"><div class="wall-title">'
        f'{html.escape(slide.title)}</div><div class="wall-count">{position}</div></div>'
        f'<div class="wall-sub">{html.escape(slide.subtitle)}</div></div>'
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
    table = _table(slide.table_title, slide.table_head, slide.table_rows, slide.table_more, slide.table_lines)
    config = {"displayModeBar": False, "staticPlot": True}
    if slide.figure is not None and table:
        left, right = st.columns([slide.chart_share, 1 - slide.chart_share], gap="large")
        left.plotly_chart(slide.figure, width="stretch", config=config, key=f"wall_fig_{slide.code}")
        right.html(table)
    elif slide.figure is not None:
        st.plotly_chart(slide.figure, width="stretch", config=config, key=f"wall_fig_{slide.code}")
    elif table:
        st.html(table)
    if slide.second_rows:
        st.html(_table(slide.second_title, slide.second_head, slide.second_rows, slide.second_more))
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
        draw(wall.slide(caches.source(), current.slide, filters, datetime.now(), date.today(), sizes), current)
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
    back, pause, forward, _, leave = st.container(key="wall_controls").columns([1, 1, 1, 4, 1])
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
