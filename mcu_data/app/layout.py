"""Streamlit drawing that every page shares: tiles, notices, empty states, charts and files built on demand."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.access import audit
from mcu_data.app import caches, charts
from mcu_data.app.session import USER_KEY
from mcu_data.app.views.common import Download, Empty, Meter, Notice, Tile
from mcu_data.core import colours
from mcu_data.core.locale import NUMBER_TEXT, fmt_int, fmt_pct

ICONS = {
    "info": ":material/info:",
    "warning": ":material/warning:",
    "success": ":material/task_alt:",
    "error": ":material/error:",
}


def notices(items: list[Notice]) -> None:
    for item in items:
        getattr(st, item.kind)(item.text, icon=item.icon or ICONS[item.kind])


def empty(view: Empty) -> None:
    """Say what to do instead of drawing figures, and stop the page."""
    notices(view.notices)
    st.info(view.text, icon=view.icon)
    st.stop()


def tiles(items: list[Tile], per_row: int | None = None) -> None:
    """Big numbers in rows of `per_row`: a label or a line under the number is never cut short."""
    per_row = per_row or len(items)
    for first in range(0, len(items), per_row):
        columns = st.columns(per_row)
        for column, tile in zip(columns, items[first : first + per_row], strict=False):
            column.metric(
                tile.label,
                tile.value,
                delta=tile.delta or None,
                delta_color=tile.delta_color,
                delta_arrow="off" if tile.delta_color == "off" else "auto",
                border=True,
                help=tile.help or None,
            )


LOG = logging.getLogger("mcu.pages")


def run_page(page) -> None:
    """Run a page; any fault of it becomes a Russian message with a reference, and its details go to the log."""
    try:
        page.run()
    except Exception:  # noqa: BLE001 - Streamlit's own stop and rerun are not Exceptions and pass through
        reference = secrets.token_hex(4)
        LOG.exception("страница «%s», номер ошибки %s", page.title, reference)
        st.error(
            f"На этой странице произошла ошибка, и она не дорисована. Номер ошибки — {reference}: сообщите его "
            "администратору МЦУ, подробности записаны в журнал сервера. Другие страницы работают.",
            icon=":material/error:",
        )


TABLE_CSS = (
    "<style>.mcu-table{width:100%;border-collapse:collapse;font-size:0.9rem;margin-bottom:1rem}"
    ".mcu-table th{text-align:left;font-weight:600;border-bottom:2px solid #555;padding:4px 8px;vertical-align:bottom}"
    ".mcu-table td{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top}"
    ".mcu-table td.mcu-num{text-align:right;white-space:nowrap}</style>"
)


def table(frame, meters: tuple[Meter, ...] = (), number_texts: bool = False) -> None:
    """A small table drawn as plain HTML, which the browser lays out at once: st.dataframe draws a canvas grid
    after the page, and st.table renders every cell as Markdown (a 25 × 12 table took the browser 0,5 s).
    Whole numbers the Russian way; each meter's share as «92 %» over a bar coloured by what it means."""
    formats = {c: fmt_int for c in frame.columns if frame[c].dtype.kind in "iu"}
    styler = frame.style.hide(axis="index").set_table_attributes('class="mcu-table"')
    numeric = [c for c in frame.columns if frame[c].dtype.kind in "iuf"]
    for meter in meters:
        formats[meter.column] = lambda v: "—" if pd.isna(v) else fmt_pct(v, 0)
        styler = styler.map(lambda v, m=meter: _bar(v, m), subset=[meter.column])
    styler = styler.format(formats, na_rep="—")
    if numeric:
        styler = styler.set_td_classes(pd.DataFrame("mcu-num", index=frame.index, columns=numeric))
    elif number_texts:  # values already formatted: a cell that reads as a number goes right
        classes = frame.map(lambda v: "mcu-num" if isinstance(v, str) and NUMBER_TEXT.fullmatch(v) else "")
        styler = styler.set_td_classes(classes)
        numeric = [c for c in frame.columns if len(frame) and (classes[c] == "mcu-num").all()]
    # a column of numbers has its heading over them, on the right
    styler = styler.set_table_styles(
        {c: [{"selector": "th", "props": "text-align: right"}] for c in numeric}, overwrite=False
    )
    st.html(TABLE_CSS + styler.to_html())


def _bar(value, meter: Meter) -> str:
    if pd.isna(value):
        return ""
    color = colours.meaning(float(value), meter.good_from, meter.bad_below)
    filled = round(min(1.0, max(0.0, float(value))) * 100)
    return (
        f"background: linear-gradient(90deg, {color} {filled}%, #e6e6e6 {filled}%) left bottom / 100% 5px "
        "no-repeat; white-space: nowrap; min-width: 5em"
    )


def chart(figure, key: str | None = None, **kwargs):
    return st.plotly_chart(figure, width="stretch", config=charts.CONFIG, key=key, **kwargs)


def folium_map(fmap, key: str, height: int, returned_objects: list[str]) -> dict:
    """`st_folium` without rendering an unchanged map again on every rerun.

    `st_folium` turns the folium map into HTML and JavaScript three times per run (0,18 s on the heat map, the
    page's largest server cost). The maps come from a resource cache, so the same object returns while nothing
    changed: its rendered parts are kept on it and the component is called with them. The arguments and the
    key are the ones `st_folium` 0.27 passes (pinned in requirements.txt), so the browser side is unchanged.
    """
    import streamlit_folium as sf  # the component's module; private helpers, pinned version

    parts = getattr(fmap, "_mcu_parts", None)
    if parts is None:
        fmap.get_root().render()
        fmap.render()
        html, header = sf._get_html(fmap), sf._get_header(fmap)
        script = sf._get_map_string(fmap)
        css, js = [], []
        for element in _folium_elements(fmap):
            css.extend(href for _, href in getattr(element, "default_css", []))
            js.extend(src for _, src in getattr(element, "default_js", []))
        (south, west), (north, east) = fmap.get_bounds()
        parts = {
            "script": script,
            "header": header,
            "html": html,
            "id": sf.get_full_id(fmap),
            "css_links": list(dict.fromkeys(css)),
            "js_links": list(dict.fromkeys(js)),
            "bounds": {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}},
            "zoom": fmap.options.get("zoom"),
        }
        fmap._mcu_parts = parts
    hash_key = sf.generate_js_hash(parts["script"], key, False)
    defaults = {name: None for name in returned_objects}
    defaults.update({k: parts[k] for k in ("bounds", "zoom") if k in returned_objects})

    def remember() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return sf._component_func(
        script=parts["script"],
        header=parts["header"],
        html=parts["html"],
        id=parts["id"],
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default=defaults,
        zoom=None,
        center=None,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=parts["css_links"],
        js_links=parts["js_links"],
        on_change=remember,
        wrap_longitude=False,
    )


def _folium_elements(element):
    import folium

    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _folium_elements(child)


def _exported(user: access.User | None, item: Download) -> Callable[[], bytes]:
    """The file's bytes, made when the download is asked for, with the export written into the audit log.

    Streamlit runs this on a thread of its own, after the script, so the user is carried in, not read from it.
    """

    def build() -> bytes:
        with access.acting(user):  # nobody signed in: the check refuses
            access.require(access.EXPORT)
            data = item.build()
            audit.record(caches.get_store(), "export", item.file_name)
        return data

    return build


def download(item: Download, container=None, key: str | None = None) -> None:
    """A download button that builds its file only when clicked."""
    where = container if container is not None else st
    where.download_button(
        item.label,
        data=_exported(st.session_state.get(USER_KEY), item),
        file_name=item.file_name,
        mime=item.mime,
        icon=item.icon,
        key=key or item.key,
        on_click="ignore",
    )
