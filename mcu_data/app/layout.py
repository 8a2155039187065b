"""Streamlit drawing that every page shares: tiles, notices, empty states, charts and files built on demand."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import streamlit as st

from mcu_data import access
from mcu_data.access import audit
from mcu_data.app import caches, charts
from mcu_data.app.session import USER_KEY
from mcu_data.app.views.common import Download, Empty, Notice, Tile

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


def chart(figure, key: str | None = None, **kwargs):
    return st.plotly_chart(figure, width="stretch", config=charts.CONFIG, key=key, **kwargs)


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
