"""Paths and settings of the app: the one place that reads the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE_ROOT.parent
REFERENCE_DIR = PACKAGE_ROOT / "store" / "reference"
MIGRATIONS_DIR = PACKAGE_ROOT / "store" / "migrations"


@dataclass(frozen=True)
class Settings:
    """Settings read once from the environment; every field has a working default."""

    db_path: Path
    sample_dir: Path
    max_upload_mb: int
    stale_after_days: int
    boundary_path: Path
    map_tiles_url: str | None
    session_idle_minutes: int = 30
    log_timings: bool = False
    inbox_dir: Path | None = None  # a folder the server imports files from; None when switched off
    inbox_poll_seconds: float = 5.0

    @property
    def server_file(self) -> Path:
        return server_file_for(self.db_path)

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1_048_576


def server_file_for(db_path: Path) -> Path:
    """Where a running server says its address and the local key: beside the store it owns."""
    return db_path.with_name(db_path.name + ".server.json")


def load_settings() -> Settings:
    """Read MCU_* variables; a relative path is taken from the project root."""

    def _path(name: str, default: str) -> Path:
        value = Path(os.environ.get(name, default))
        return value if value.is_absolute() else PROJECT_ROOT / value

    return Settings(
        db_path=_path("MCU_DB_PATH", "data/mcu.duckdb"),
        sample_dir=_path("MCU_SAMPLE_DIR", "sample_data"),
        max_upload_mb=int(os.environ.get("MCU_MAX_UPLOAD_MB", "50")),
        stale_after_days=int(os.environ.get("MCU_STALE_AFTER_DAYS", "8")),
        boundary_path=_path("MCU_BOUNDARY_PATH", "data/boundaries.geojson"),
        # off by default: with no internet a tile server would leave grey squares
        map_tiles_url=os.environ.get("MCU_MAP_TILES") or None,
        # a session left alone this long signs out (a screen account in presentation mode never does)
        session_idle_minutes=int(os.environ.get("MCU_SESSION_IDLE_MIN", "30")),
        # the server logs how long each page run took (the page benchmark reads it)
        log_timings=os.environ.get("MCU_LOG_TIMINGS", "") == "1",
        # a nightly export job drops files here; «off» switches the watcher off
        inbox_dir=None if os.environ.get("MCU_INBOX_DIR", "") == "off" else _path("MCU_INBOX_DIR", "data/inbox"),
        inbox_poll_seconds=float(os.environ.get("MCU_INBOX_POLL", "5")),
    )
