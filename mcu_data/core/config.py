"""Paths and settings of the app: the one place that reads the environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE_ROOT.parent
REFERENCE_DIR = PACKAGE_ROOT / "store" / "reference"
MIGRATIONS_DIR = PACKAGE_ROOT / "store" / "migrations"


SMTP_SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class Mail:
    """How the server reaches its SMTP server: from MCU_SMTP_* variables or the [smtp] table of a secrets file."""

    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls, ssl or none
    user: str = ""
    password: str = field(default="", repr=False)
    sender: str = ""
    timeout: float = 20.0
    source: str = ""  # where the values came from, for the page that shows the state: never the password itself
    error: str = ""  # why the settings cannot be used; the app still runs, the mailer waits

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender) and not self.error


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
    # an import of more appeals than this is grouped into incidents by the server's background job, a week at a
    # time, instead of inside the import (a year's history would hold the import for many minutes)
    group_inline_rows: int = 50_000
    mail: Mail = field(default_factory=Mail)
    mail_on: bool = True  # the server's mailer thread; MCU_MAIL=off switches it off
    mail_poll_seconds: float = 60.0
    app_url: str = ""  # the address the letters link to, e.g. http://mcu.borskoe.local:8501

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
        group_inline_rows=int(os.environ.get("MCU_GROUP_INLINE_ROWS", "50000")),
        mail=load_mail(_path("MCU_MAIL_SECRETS", ".streamlit/secrets.toml")),
        mail_on=os.environ.get("MCU_MAIL", "") != "off",
        mail_poll_seconds=float(os.environ.get("MCU_MAIL_POLL", "60")),
        app_url=os.environ.get("MCU_APP_URL", "").rstrip("/"),
    )


MAIL_VARIABLES = {
    "host": "MCU_SMTP_HOST",
    "port": "MCU_SMTP_PORT",
    "security": "MCU_SMTP_SECURITY",
    "user": "MCU_SMTP_USER",
    "password": "MCU_SMTP_PASSWORD",
    "sender": "MCU_MAIL_FROM",
}


def load_mail(secrets: Path) -> Mail:
    """The [smtp] table of the secrets file (keys host, port, security, user, password, from), then the variables.

    A variable overrides the file, so a test or a one-off run can point the server elsewhere without editing it.
    A value that cannot be used leaves the mail off with the reason in `error`: the dashboard itself still runs.
    """
    values: dict[str, str] = {}
    sources = []
    if secrets.is_file():
        try:
            table = tomllib.loads(secrets.read_text(encoding="utf-8")).get("smtp", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            return Mail(error=f"Файл {secrets} не читается как TOML: {exc}")
        for key, value in table.items():
            values["sender" if key == "from" else key] = str(value)
        if table:
            sources.append(f"файл {secrets.name}")
    for key, name in MAIL_VARIABLES.items():
        if os.environ.get(name):
            values[key] = os.environ[name]
            sources.append(name)
    security = values.get("security", "starttls").lower()
    if security not in SMTP_SECURITY:
        return Mail(error=f"Защита SMTP «{security}» не поддерживается: укажите starttls, ssl или none.")
    try:
        port = int(values.get("port", "465" if security == "ssl" else "587"))
    except ValueError:
        return Mail(error=f"Порт SMTP «{values['port']}» не число.")
    return Mail(
        host=values.get("host", ""),
        port=port,
        security=security,
        user=values.get("user", ""),
        password=values.get("password", ""),
        sender=values.get("sender", ""),
        source=", ".join(sources),
    )
