"""Leaflet's script and styles over HTTP from the installed XStatic-Leaflet package, never from a CDN.

    GET /assets/leaflet/leaflet.js    GET /assets/leaflet/leaflet.css    GET /assets/leaflet/images/…

Served this way, the browser keeps Leaflet in its cache and compiles it once, so each visit to the heat map
no longer sends 0,2 MB of script inside the map's arguments. A process that has not built these routes (an
AppTest, `streamlit run app.py`) gets `urls()` None and the map embeds Leaflet as data: URIs instead.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse
from starlette.routing import Route

PREFIX = "/assets/leaflet/"
# the package's version is in each address, so a year-long cache can never serve an old Leaflet
CACHE = "public, max-age=31536000, immutable"
_served = False


def _base() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR).resolve()


def _version() -> str:
    import xstatic.pkg.leaflet as leaflet

    return str(leaflet.VERSION)


async def leaflet_file(request: Request):
    base = _base()
    wanted = (base / request.path_params["name"]).resolve()
    allowed = wanted.suffix in {".js", ".css", ".png", ".svg"} and wanted.is_relative_to(base) and wanted.is_file()
    if not allowed:
        return PlainTextResponse("Файл не найден.", status_code=404)
    return FileResponse(wanted, headers={"Cache-Control": CACHE})


def routes() -> list[Route]:
    global _served
    _served = True
    return [Route(PREFIX + "{name:path}", leaflet_file, methods=["GET"])]


def urls() -> tuple[str, str] | None:
    """(script, styles) addresses when this process serves them, else None."""
    if not _served:
        return None
    version = _version()
    return f"{PREFIX}leaflet.js?v={version}", f"{PREFIX}leaflet.css?v={version}"
