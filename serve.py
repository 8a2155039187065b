"""Start the app: `python serve.py [streamlit options]`, the same as `streamlit run app.py`, minus one trap.

Streamlit treats a folder named `pages/` beside the entry script as an old-style page list until
the entry script has called st.navigation once in the process. A fresh server whose first visitor
opens a page's own address (a bookmark, the wall screen after a restart) would then get that page
without the entry script: no shared filters, file names in the menu. Telling Streamlit up front
that this app navigates with st.navigation closes that gap.
"""

from __future__ import annotations

import faulthandler
import signal
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent / "app.py"

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    # `kill -USR1 <pid>` prints every thread's stack to stderr: how to see where a stuck server waits
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
