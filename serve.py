"""Start the server: `python serve.py [streamlit options]`, e.g. `python serve.py --server.port 8501`.

One process serves the pages, the HTTP API (mcu_data/server/api.py) and the inbox watcher, on one port, and
owns the store for its whole life. `streamlit run serve.py` does the same: Streamlit finds `app` below.

Streamlit treats a folder named `pages/` beside the entry script as an old-style page list until the entry
script has called st.navigation once in the process. A fresh server whose first visitor opens a page's own
address (a bookmark, the wall screen after a restart) would then get that page without the entry script:
no shared filters, file names in the menu. Telling Streamlit up front that this app navigates with
st.navigation closes that gap.
"""

from __future__ import annotations

import faulthandler
import signal
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.concurrency import run_in_threadpool
from streamlit import config as streamlit_config
from streamlit.runtime.pages_manager import PagesManager

from mcu_data.core.config import load_settings
from mcu_data.server import api, assets, process, web
from mcu_data.server.grouper import Grouper
from mcu_data.server.inbox import Inbox
from mcu_data.server.linker import Linker
from mcu_data.server.mailer import Mailer
from mcu_data.store import StoreBusy

HERE = Path(__file__).resolve().parent
PagesManager.uses_pages_directory = False


@asynccontextmanager
async def lifespan(app):
    """Open the store before the first visitor, say where the server is, watch the inbox, send the mail, group and
    link in the background; undo it all on stop."""
    settings = load_settings()
    try:
        await run_in_threadpool(process.store)
    except StoreBusy as exc:  # a command-line import holds the file: pages and the API wait for it themselves
        print(f"ВНИМАНИЕ. {exc} Панель откроет хранилище, когда оно освободится.", file=sys.stderr, flush=True)
    port = streamlit_config.get_option("server.port")
    process.announce(f"http://127.0.0.1:{port}")
    inbox = None
    if settings.inbox_dir is not None:
        inbox = Inbox(settings.inbox_dir, settings.inbox_poll_seconds, settings.max_upload_bytes).start()
    grouper = Grouper(settings.inbox_poll_seconds).start()  # what a large import left ungrouped
    linker = Linker(settings.inbox_poll_seconds).start()  # the repeats of «Конфликтные ситуации», counted ahead
    mailer = None
    if settings.mail_on:
        mailer = Mailer(settings.mail, settings.mail_poll_seconds, settings.app_url).start()
    try:
        yield {}
    finally:
        if mailer is not None:
            await run_in_threadpool(mailer.stop)
        if inbox is not None:
            await run_in_threadpool(inbox.stop)
        await run_in_threadpool(grouper.stop)
        await run_in_threadpool(linker.stop)
        process.withdraw()


app = st.App(HERE / "app.py", routes=[*api.routes(), *web.routes(), *assets.routes()], lifespan=lifespan)

if __name__ == "__main__":
    # `kill -USR1 <pid>` prints every thread's stack to stderr: how to see where a stuck server waits
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(Path(__file__).resolve()), *sys.argv[1:]]
    sys.exit(cli.main())
