"""Who is signed in, what the shared filters are, and the few Streamlit steps every page shares.

The session keeps the user, the idle clock and the filters the sidebar set. Pages start with `page(...)`,
which signs the visitor in or stops the page with a word why.
"""

from __future__ import annotations

import json
import time as clock
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode, urlsplit

import streamlit as st

from mcu_data import access
from mcu_data.access import audit, auth, web_sessions
from mcu_data.app import caches
from mcu_data.app.source import Source
from mcu_data.core.config import load_settings
from mcu_data.core.filters import FilterError, Filters, validate
from mcu_data.core.locale import label

FILTERS_KEY = "mcu_filters"
USER_KEY = "mcu_user"
SEEN_KEY = "mcu_seen"
NOTICE_KEY = "mcu_notice"
KEY_TRIED_KEY = "mcu_key_tried"  # a screen key that failed in this session: not tried again on every rerun
SCREEN_KEY = "mcu_screen_key"  # the key this screen signed in with: it must stay the account's current key
COOKIE_KEY = "mcu_cookie_key"  # the key of this browser's session cookie, once it has one
GO_KEY = "mcu_go"  # an address the browser is sent to on this run: setting or clearing the cookie


@dataclass(frozen=True)
class Page:
    """What a page starts from: who, the reads at the store's current version, the shared filters, the clock."""

    user: access.User
    src: Source
    filters: Filters
    now: datetime
    today: date


def page(key: str) -> Page:
    """At the top of every page: the signed-in user, allowed this page, and the shared filters; or the page stops."""
    user = signed_in(key)
    src = caches.source()
    return Page(user, src, current_filters(src), datetime.now(), date.today())


# -- who is signed in -------------------------------------------------------------------------------------------------
def session_user(present: bool = False, touch: bool = True) -> access.User | None:
    """The signed-in user of this session, or None; an idle session signs out (not a screen in the show).

    `touch=False` asks without counting as activity: the show's own timer is not a person at the keyboard.
    """
    user = st.session_state.get(USER_KEY)
    store = caches.get_store()
    minutes = load_settings().session_idle_minutes
    if user is None:
        return _from_cookie(store, minutes)
    now = clock.time()
    if not (present and user.is_screen) and now - st.session_state.get(SEEN_KEY, now) > minutes * 60:
        sign_out(f"Сеанс завершён: {minutes} мин без действий. Войдите снова.")
        return None
    # a screen signed in by key: checked on every step, the show's timer ticks too
    if user.by_key and not auth.key_still_valid(store, user.login, st.session_state.get(SCREEN_KEY, "")):
        sign_out("Ключ показа отозван или заменён куратором. Откройте новый адрес показа.")
        return None
    if touch:  # a step by a person: the account must still be active, and the idle clock starts again
        if not auth.is_active(store, user.login):
            sign_out("Учётная запись отключена куратором. Обратитесь в МЦУ.")
            return None
        cookie = st.session_state.get(COOKIE_KEY)
        if cookie and web_sessions.user_for(store, cookie, timedelta(minutes=minutes)) is None:
            sign_out("Сеанс завершён: вы вышли в другой вкладке или сеанс истёк. Войдите снова.")
            return None
        st.session_state[SEEN_KEY] = now
    access.set_actor(user)
    return user


def _from_cookie(store, minutes: int) -> access.User | None:
    """A reload, a bookmark or a new tab: the browser's session cookie signs the visitor back in."""
    key = st.context.cookies.get(web_sessions.COOKIE)
    user = web_sessions.user_for(store, key, timedelta(minutes=minutes)) if isinstance(key, str) else None
    if user is None:
        return None
    st.session_state[COOKIE_KEY] = key
    _keep(user)
    return user


def follow() -> None:
    """Send the browser where this run asked it to go (the cookie hop), once; a page cannot set a cookie itself."""
    target = st.session_state.pop(GO_KEY, None)
    if target:
        st.html(f"<script>window.location.replace({json.dumps(target)});</script>", unsafe_allow_javascript=True)


def _here() -> str:
    """This page's path and query, to come back to after the cookie hop."""
    path = urlsplit(st.context.url or "/").path or "/"
    query = urlencode(st.query_params.to_dict())  # st.context.url has no query: the filters are in st.query_params
    return path + (f"?{query}" if query else "")


def touch() -> None:
    """A person did something: the idle clock starts again."""
    st.session_state[SEEN_KEY] = clock.time()


def sign_in(login: str, password: str) -> access.User:
    """Check the password (throttled in the store), keep the user in this session, and give the browser a cookie
    (through /session/start) so that a reload keeps the session too."""
    store = caches.get_store()
    user = _keep(auth.sign_in(store, login, password))
    ticket = web_sessions.begin(store, user)
    st.session_state[GO_KEY] = "/session/start?" + urlencode({"ticket": ticket, "next": _here()})
    return user


def _keep(user: access.User) -> access.User:
    """The user just signed in stays in this session; the idle clock starts now."""
    st.session_state[USER_KEY] = user
    st.session_state[SEEN_KEY] = clock.time()
    access.set_actor(user)
    return user


def sign_in_by_key(key: str) -> access.User | None:
    """The wall screen signs in by the key in the show's address; a key that failed is not tried again here."""
    if st.session_state.get(KEY_TRIED_KEY) == key:
        return None
    st.session_state[KEY_TRIED_KEY] = key
    try:
        user = auth.sign_in_with_key(caches.get_store(), key)
    except auth.AuthError as exc:
        st.session_state[NOTICE_KEY] = str(exc)
        return None
    st.session_state.pop(KEY_TRIED_KEY, None)
    st.session_state[SCREEN_KEY] = key
    return _keep(user)


def change_password(old: str, new: str) -> access.User:
    user = auth.change_password(caches.get_store(), st.session_state[USER_KEY].login, old, new)
    st.session_state[USER_KEY] = user
    return user


def sign_out(notice: str | None = None) -> None:
    user = st.session_state.pop(USER_KEY, None)
    st.session_state.pop(SEEN_KEY, None)
    st.session_state.pop(SCREEN_KEY, None)
    cookie = st.session_state.pop(COOKIE_KEY, None)
    if user is not None:
        audit.record(caches.get_store(), "sign_out", user.login, notice, login=user.login)
        if cookie:  # the server ends the session at once: the cookie left in the browser opens nothing
            web_sessions.end(caches.get_store(), cookie, notice or "выход")
            if notice is None:  # a sign-out by the person: the browser drops the cookie on its way back
                st.session_state[GO_KEY] = "/session/end?" + urlencode({"next": "/"})
    if notice:
        st.session_state[NOTICE_KEY] = notice
    access.set_actor(None)


def notice() -> str | None:
    """A message left for the sign-in form (why the session ended), shown once."""
    return st.session_state.pop(NOTICE_KEY, None)


def signed_in(key: str) -> access.User:
    """The user, who must be signed in and allowed the page; otherwise the page stops with a word why."""
    user = st.session_state.get(USER_KEY)
    if user is None:
        st.info("Войдите в систему: откройте главную страницу приложения.", icon=":material/login:")
        st.stop()
    access.set_actor(user)
    if not access.page_allowed(user, key):
        st.error(f"Эта страница недоступна роли «{label('role', user.role)}».", icon=":material/block:")
        st.stop()
    return user


# -- the shared filters -----------------------------------------------------------------------------------------------
def default_filters(src: Source) -> Filters:
    from mcu_data.analytics import overview

    start, end = overview.default_period(src.data_span(), date.today())
    return Filters(start=start, end=end)


def keep_filters(filters: Filters) -> None:
    st.session_state[FILTERS_KEY] = filters


def current_filters(src: Source) -> Filters:
    """The filters the sidebar set, or the defaults when a page runs on its own; checked and scoped to the role."""
    filters = st.session_state.get(FILTERS_KEY) or default_filters(src)
    try:
        checked = validate(filters, src.allowed_codes())
    except FilterError as exc:  # only known codes reach a query: anything else is dropped with a word why
        st.warning(f"{exc} Фильтры сброшены.", icon=":material/filter_alt_off:")
        st.session_state.pop(FILTERS_KEY, None)
        checked = default_filters(src)
    # a settlement's head sees their settlement only, whatever the sidebar or the session asks
    return access.scope_filters(st.session_state.get(USER_KEY), checked)
