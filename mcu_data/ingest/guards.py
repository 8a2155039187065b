"""Guards for archives from users: an xlsx book and a zipped shapefile are zip files, and a zip can be a bomb."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

MAX_ENTRIES = 10_000
MAX_RATIO = 100  # a sheet of real data packs 5–20 times; a thousandfold is a bomb
MAX_UNPACKED = 1_073_741_824  # 1 GB unpacked in all, whatever the file's own size
RATIO_FLOOR = 1_048_576  # small members may pack as tightly as they like


class ArchiveError(ValueError):
    """The archive is refused before anything is unpacked; the message is in Russian."""


def check_zip(data: bytes, file_name: str) -> None:
    """Look at the archive's directory only: too many members, too much unpacked, or a suspicious ratio."""
    _check(io.BytesIO(data), file_name)


def check_zip_path(path: Path, file_name: str) -> None:
    """The same checks for an archive on disk, read from its directory without loading the file."""
    _check(path, file_name)


def _check(source, file_name: str) -> None:
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return  # not a readable archive at all: the reader that follows says so in its own words
    if len(members) > MAX_ENTRIES:
        raise ArchiveError(f"В файле «{file_name}» слишком много частей ({len(members)}): он не похож на выгрузку.")
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(1, m.compress_size):
            raise ArchiveError(
                f"Файл «{file_name}» распаковывается в {m.file_size // 1_048_576} МБ из "
                f"{max(1, m.compress_size // 1024)} КБ — так выглядит «архивная бомба». Файл не загружен."
            )
        if m.filename.startswith(("/", "\\")) or ".." in m.filename.replace("\\", "/").split("/"):
            raise ArchiveError(f"В архиве «{file_name}» есть путь за пределы архива ({m.filename}). Файл не загружен.")
    if total > MAX_UNPACKED:
        raise ArchiveError(
            f"Файл «{file_name}» распаковывается больше чем в {MAX_UNPACKED // 1_073_741_824} ГБ. "
            "Разбейте выгрузку на периоды покороче."
        )
