"""The two routes that put the session cookie into the browser and take it out (mcu_data/access/web_sessions).

    GET /session/start?ticket=…&next=/page   claims the one-time ticket, sets the cookie, goes back to `next`
    GET /session/end?next=/                  ends the session the cookie names, clears it, goes back

`next` must be a path of this server; anything else goes to the start page.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from mcu_data.access import web_sessions
from mcu_data.server import process


def _next(request: Request) -> str:
    target = request.query_params.get("next") or "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


async def start(request: Request) -> RedirectResponse:
    claimed = await run_in_threadpool(web_sessions.claim, process.store(), request.query_params.get("ticket", ""))
    response = RedirectResponse(_next(request), status_code=303)
    if claimed is not None:
        key, expires = claimed
        response.set_cookie(
            web_sessions.COOKIE,
            key,
            max_age=max(60, int((expires - datetime.now()).total_seconds())),
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


async def end(request: Request) -> RedirectResponse:
    key = request.cookies.get(web_sessions.COOKIE)
    await run_in_threadpool(web_sessions.end, process.store(), key)
    response = RedirectResponse(_next(request), status_code=303)
    response.delete_cookie(web_sessions.COOKIE, path="/")
    return response


def routes() -> list[Route]:
    return [Route("/session/start", start, methods=["GET"]), Route("/session/end", end, methods=["GET"])]
