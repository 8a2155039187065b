"""A real server for the tests that need one: `python serve.py` on a private store, on a free port.

The browser tests and the server tests (API, command line beside a running server, inbox) start it the same
way, through bench/serving.py, which the benchmarks use too.
"""

from __future__ import annotations

import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.serving import ROOT, free_port, start_server

__all__ = ["ROOT", "Running", "start", "stop"]


@dataclass
class Running:
    url: str
    proc: subprocess.Popen
    log_path: Path
    store_path: Path

    def log(self, size: int = 4000) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return text[-size:]


def start(store_path: Path, env_extra: dict[str, str] | None = None) -> Running:
    """Start serve.py on the store and wait until its API answers; AssertionError with its log if it does not."""
    port = free_port()
    # the server's output goes to a file: a pipe nobody reads fills up at 64 KB and then blocks
    # the server on its next log line, so every page would stop answering
    log_path = store_path.with_name(store_path.stem + ".server.log")
    try:
        proc = start_server(store_path, port, log_path, env_extra)
    except RuntimeError as exc:
        raise AssertionError(str(exc)) from None
    return Running(f"http://127.0.0.1:{port}", proc, log_path, store_path)


def stop(running: Running) -> None:
    """Stop the server as Ctrl+C does; AssertionError with every thread's stack if it hangs."""
    proc = running.proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGUSR1)  # serve.py prints every thread's stack to its log
        time.sleep(2)
        proc.kill()
        proc.wait(timeout=20)
        raise AssertionError("Сервер не остановился за 20 с:\n" + running.log(20_000)) from None
