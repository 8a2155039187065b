"""Streamlit caching around the store: the only module of mcu_data that imports streamlit."""

from __future__ import annotations

import time as clock
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.access import audit, auth
from mcu_data.analytics import compliance, growth, heatmap, overview, rating
from mcu_data.app import wall_slides
from mcu_data.core import metrics
from mcu_data.core.config import load_settings
from mcu_data.core.filters import NO_SETTLEMENT, FilterError, Filters, validate
from mcu_data.core.locale import fmt_date, fmt_datetime, fmt_period
from mcu_data.ingest import review, rules
from mcu_data.ingest.loader import saved_profiles
from mcu_data.reports import indicators
from mcu_data.reports import weekly_note as weekly_note_mod
from mcu_data.roadmaps import effect
from mcu_data.roadmaps import measures as roadmap_measures
from mcu_data.store import Store, bootstrap

FILTERS_KEY = "mcu_filters"
USER_KEY = "mcu_user"
SEEN_KEY = "mcu_seen"
NOTICE_KEY = "mcu_notice"
KEY_TRIED_KEY = "mcu_key_tried"  # a screen key that failed in this session: not tried again on every rerun
SCREEN_KEY = "mcu_screen_key"  # the key this screen signed in with: it must stay the account's current key


@st.cache_resource(show_spinner="Подготовка хранилища…")
def get_store() -> Store:
    """One connection per process, shared by all sessions; never mutated by callers.

    The first start migrates the store and imports the sample exports through the same
    path a user's file takes.
    """
    settings = load_settings()
    store = Store(settings.db_path)
    bootstrap.prepare(store, settings.sample_dir)
    return store


def data_version() -> int:
    """Changes whenever an import lands, is undone, or a correction is saved; part of every data cache key."""
    return int(
        get_store().scalar(
            "select hash((select max(batch_id) from import_batch), "
            "(select count(*) from import_batch where status = 'done'), "
            "(select count(*) from correction), (select count(*) from import_profile), "
            "(select count(*) from rubric_map), (select max(updated_at) from measure), (select count(*) from measure))"
        )
    )


@st.cache_data(ttl=600, max_entries=8)
def references(version: int) -> dict[str, pd.DataFrame]:
    """Reference lists for the filters. References change rarely; ten minutes, and any import, refresh them."""
    store = get_store()
    return {
        "themes": store.query("select code, name_ru from theme order by sort_order"),
        "settlements": store.query(
            "select oktmo, name_ru, population_2021, lat, lon, coord_verified from settlement order by name_ru"
        ),
        "sources": store.query("select code from ref_source order by sort_order"),
        "recipients": store.query("select code, name_ru, recipient_kind from recipient order by recipient_kind, name_ru"),
    }


@st.cache_data(ttl=300, max_entries=4)
def data_span(version: int) -> tuple[date, date] | None:
    """First and last day with appeals; changes only with an import, which changes the version."""
    return overview.data_span(get_store())


@st.cache_data(ttl=120, max_entries=64)
def overview_figures(filters: Filters, as_of: datetime, version: int) -> overview.Overview:
    """Overview figures; two minutes keeps the wall screen fresh while sparing the store on reruns."""
    return overview.compute(get_store(), filters, as_of)


@st.cache_data(ttl=120, max_entries=4)
def last_loads(version: int) -> pd.DataFrame:
    """The latest import per source: cheap, but read on every page."""
    return overview.last_loads(get_store())


@st.cache_data(ttl=120, max_entries=8)
def import_batches(version: int) -> pd.DataFrame:
    """All imports, newest first; a new import changes the version and so the key."""
    return get_store().query("select * from import_batch order by batch_id desc")


def rejected_rows(version: int, batch_id: int) -> pd.DataFrame:
    """Rejected rows of one import, with their reasons (masked raw values): checked before the cache answers."""
    access.require(access.VIEW_APPEALS)
    return _rejected_rows(version, batch_id)


@st.cache_data(ttl=120, max_entries=8)
def _rejected_rows(version: int, batch_id: int) -> pd.DataFrame:
    return get_store().query(
        "select row_number, reason_ru, raw_json from rejected_row where batch_id = ? order by row_number",
        [batch_id],
    )


@st.cache_data(ttl=120, max_entries=32)
def heat_cells(filters: Filters, axis: str, as_of: datetime, version: int) -> pd.DataFrame:
    """Cells of the matrix; two minutes, like the overview, so a wall screen stays current."""
    return heatmap.cells(get_store(), filters, axis, as_of)


def cell_appeals(filters: Filters, axis: str, theme: str, key: str, version: int) -> pd.DataFrame:
    """The appeals behind one cell; the right to see them is checked before the cache answers."""
    access.require_appeals(filters)
    return _cell_appeals(filters, axis, theme, key, version)


@st.cache_data(ttl=120, max_entries=32)
def _cell_appeals(filters: Filters, axis: str, theme: str, key: str, version: int) -> pd.DataFrame:
    return heatmap.cell_appeals(get_store(), filters, axis, theme, key)


@st.cache_data(ttl=300, max_entries=16)
def growth_points(filters: Filters, version: int) -> pd.DataFrame:
    """Growth points of the week ending on the period's end; they change only with new data."""
    counts = growth.weekly_counts(get_store(), filters, filters.end)
    return growth.detect(counts)


@st.cache_data(ttl=300, max_entries=64)
def growth_drivers(filters: Filters, theme: str, oktmo: str, version: int) -> dict:
    """What drives one growth point."""
    return growth.drivers(get_store(), filters, filters.end, theme, oktmo)


@st.cache_data(ttl=120, max_entries=32)
def recipient_compliance(filters: Filters, as_of: datetime, version: int) -> pd.DataFrame:
    """Per-recipient deadline figures; two minutes, so «overdue now» keeps up with the clock."""
    return compliance.per_recipient(get_store(), filters, as_of)


@st.cache_data(ttl=120, max_entries=16)
def on_time_trend(filters: Filters, version: int) -> pd.DataFrame:
    return compliance.weekly_trend(get_store(), filters)


def compliance_listing(filters: Filters, as_of: datetime, kind: str, recipient: str | None, version: int) -> pd.DataFrame:
    """The appeals behind a deadline figure; the right to see them is checked before the cache answers."""
    access.require_appeals(filters)
    return _compliance_listing(filters, as_of, kind, recipient, version)


@st.cache_data(ttl=120, max_entries=64)
def _compliance_listing(filters: Filters, as_of: datetime, kind: str, recipient: str | None, version: int) -> pd.DataFrame:
    return compliance.listing(get_store(), filters, as_of, kind, recipient)


@st.cache_data(ttl=300, max_entries=16)
def accelerated(filters: Filters, by: str, version: int) -> pd.DataFrame:
    return compliance.accelerated(get_store(), filters, by)


def weights_version() -> int:
    """Changes when rating weights or deadline rules are edited: part of the rating's cache key."""
    return int(get_store().scalar(
        "select hash((select list(weight || '/' || target order by component) from rating_weight), "
        "(select count(*) from deadline_rule))"
    ))


@st.cache_data(ttl=120, max_entries=16)
def recipient_rating(filters: Filters, as_of: datetime, version: int, weights_key: int) -> pd.DataFrame:
    """The rating for the period against the previous period of the same length."""
    store = get_store()
    current = compliance.per_recipient(store, filters, as_of)
    previous = compliance.per_recipient(store, filters.previous(), as_of)
    return rating.rate(current, previous, compliance.rating_weights(store))


@st.cache_data(ttl=600, max_entries=4)
def current_rules(weights_key: int) -> pd.DataFrame:
    return rules.current(get_store())


@st.cache_data(ttl=600, max_entries=4)
def rating_weights(weights_key: int) -> pd.DataFrame:
    return compliance.rating_weights(get_store())


@st.cache_data(ttl=120, max_entries=8)
def measures(version: int, today: date) -> pd.DataFrame:
    """All measures with their derived state; any edit changes the version."""
    return roadmap_measures.all_measures(get_store(), today)


@st.cache_data(ttl=300, max_entries=64)
def measure_effect(themes: tuple[str, ...], settlements: tuple[str, ...], done: date, today: date,
                   version: int) -> effect.Effect:
    """The effect verdict of a completed measure; it changes only with new data."""
    counts = effect.counts(get_store(), list(themes), list(settlements), done, today)
    return effect.estimate(**counts)


@st.cache_data(ttl=300, max_entries=64)
def measure_series(themes: tuple[str, ...], settlements: tuple[str, ...], done: date, version: int) -> pd.DataFrame:
    """Weekly appeals on the measure's themes around completion; drawn on the page."""
    return effect.series(get_store(), list(themes), list(settlements), done)


@st.cache_data(ttl=300, max_entries=8)
def weekly_note(filters: Filters, start: date, today: date, version: int) -> weekly_note_mod.Note:
    """The note for one week; it changes only with new data, so five minutes is plenty."""
    window = metrics.Window(start, start + pd.Timedelta(days=6).to_pytimedelta())
    return weekly_note_mod.build(get_store(), window, today, filters)


def indicator_values(period: indicators.Period, today: date) -> pd.DataFrame:
    """Not cached: hand-entered values must show at once, and the queries are light."""
    return indicators.compute(get_store(), period, today)


@st.cache_resource(show_spinner=False)
def map_layer(version: int):
    """The boundary layer the map draws: a user's real one if loaded, else the schematic. Never mutated."""
    from geo import boundaries

    return boundaries.current_layer(get_store(), load_settings())


@st.cache_data(ttl=600, max_entries=4)
def saved_import_profiles(version: int) -> pd.DataFrame:
    """Saved column mappings; a new one changes the version."""
    return saved_profiles(get_store())


def review_queue(version: int, limit: int = 200) -> pd.DataFrame:
    """The least sure rows first; the right to see them is checked before the cache answers."""
    user = access.require(access.VIEW_APPEALS)
    access.require(access.CORRECT, themes=user.themes)
    return _review_queue(version, limit)


@st.cache_data(ttl=120, max_entries=4)
def _review_queue(version: int, limit: int = 200) -> pd.DataFrame:
    return review.queue(get_store(), limit)


@st.cache_data(ttl=120, max_entries=4)
def review_queue_size(version: int) -> int:
    return review.queue_size(get_store())


@st.cache_data(ttl=600, max_entries=4)
def reference_tables(version: int) -> dict[str, pd.DataFrame]:
    """The reference tables as the «Справочники» tab shows them."""
    store = get_store()
    return {
        "themes": store.query(
            "select t.code, t.name_ru, b.name_ru as block, l.short_ru as leader from theme t "
            "left join sector_block b on b.code = t.block_code left join sector_leader l on l.code = b.leader_code "
            "order by t.sort_order"
        ),
        "settlements": store.query("select * from settlement order by name_ru"),
        "gazetteer": store.query("select * from gazetteer order by settlement_oktmo, place_ru"),
        "recipients": store.query(
            "select r.code, r.name_ru, r.recipient_kind, b.name_ru as block, r.aliases from recipient r "
            "left join sector_block b on b.code = r.block_code order by r.recipient_kind, r.name_ru"
        ),
        "rules": store.query("select * from deadline_rule order by source_code, rule_id"),
        "rubrics": store.query("select * from rubric_map order by source_code, rubric"),
    }


@dataclass(frozen=True)
class Names:
    """Russian names of the data-driven codes, for labels, axes and lists."""

    themes: dict[str, str]
    settlements: dict[str, str]
    recipients: dict[str, str]  # includes "none": not determined


def names(version: int) -> Names:
    refs = references(version)
    return Names(
        themes=dict(zip(refs["themes"]["code"], refs["themes"]["name_ru"], strict=True)),
        settlements=dict(zip(refs["settlements"]["oktmo"], refs["settlements"]["name_ru"], strict=True)),
        recipients={**dict(zip(refs["recipients"]["code"], refs["recipients"]["name_ru"], strict=True)),
                    "none": "Получатель не определён"},
    )


def allowed_codes(version: int) -> dict[str, set[str]]:
    refs = references(version)
    return {
        "themes": set(refs["themes"]["code"]),
        "settlements": set(refs["settlements"]["oktmo"]) | {NO_SETTLEMENT},
        "sources": set(refs["sources"]["code"]),
        "recipients": set(refs["recipients"]["code"]),
    }


def default_filters(version: int) -> Filters:
    start, end = overview.default_period(data_span(version), date.today())
    return Filters(start=start, end=end)


def current_filters() -> Filters:
    """The filters the sidebar set, or the defaults when a page runs on its own."""
    version = data_version()
    filters = st.session_state.get(FILTERS_KEY) or default_filters(version)
    user = st.session_state.get(USER_KEY)
    try:
        checked = validate(filters, allowed_codes(version))
    except FilterError as exc:  # only known codes reach a query: anything else is dropped with a word why
        st.warning(f"{exc} Фильтры сброшены.", icon=":material/filter_alt_off:")
        st.session_state.pop(FILTERS_KEY, None)
        checked = default_filters(version)
    # a settlement's head sees their settlement only, whatever the sidebar or the session asks
    return access.scope_filters(user, checked)


def as_of(filters: Filters) -> datetime:
    """'Now' for a period: the end of its last day, but never later than the present moment."""
    # whole minutes: the pages print minutes, and reruns within a minute reuse the cached figures
    now = datetime.now().replace(second=0, microsecond=0)
    return min(now, datetime.combine(filters.end, time(23, 59, 59)))


def wall_slide(code: str, filters: Filters, scale: float = 1.0) -> wall_slides.Slide:
    """One slide of the presentation mode, from the same cached figures the pages use, sized for the screen."""
    version = data_version()
    moment = as_of(filters)
    period = f"{fmt_period(filters.start, filters.end)} · данные на {fmt_datetime(moment)}"
    all_names = names(version)
    if code == "overview":
        return wall_slides.overview_slide(overview_figures(filters, moment, version), period, scale)
    if code in ("map", "matrix"):
        cells = heat_cells(filters, "settlement", moment, version)
        if code == "matrix":
            return wall_slides.matrix_slide(cells, all_names.themes, all_names.settlements, period, scale)
        population = references(version)["settlements"].set_index("oktmo")["population_2021"]
        layer = map_layer(version)
        summary = heatmap.settlement_summary(cells, None, population)
        return wall_slides.map_slide(summary, population, layer.frame, layer.schematic, all_names.settlements, period,
                                     scale)
    if code == "deadlines":
        return wall_slides.deadlines_slide(recipient_compliance(filters, moment, version), all_names.recipients,
                                           period, scale)
    if code == "rating":
        table = recipient_rating(filters, moment, version, weights_version())
        return wall_slides.rating_slide(table, all_names.recipients, period, scale)
    if code == "roadmaps":
        today = moment.date()
        items = measures(version, today)
        done = items[items["status"] == "done"].sort_values("done_date", ascending=False).head(4) if len(items) else items
        effects = []
        for m in done.itertuples():
            done_on = pd.Timestamp(m.done_date).date()
            result = measure_effect(tuple(m.theme_codes), tuple(m.settlement_oktmos), done_on, today, version)
            effects.append((m.title, fmt_date(done_on), f"{result.before} → {result.after}",
                            effect.VERDICTS[result.verdict]))
        return wall_slides.roadmaps_slide(items, today, effects=tuple(effects))
    raise ValueError(f"Неизвестный слайд: {code}")



# -- who is signed in -------------------------------------------------------------------------------
def session_user(present: bool = False, touch: bool = True) -> access.User | None:
    """The signed-in user of this session, or None; an idle session signs out (not a screen in the show).

    `touch=False` asks without counting as activity: the show's own timer is not a person at the keyboard.
    """
    user = st.session_state.get(USER_KEY)
    if user is None:
        return None
    now = clock.time()
    minutes = load_settings().session_idle_minutes
    if not (present and user.is_screen) and now - st.session_state.get(SEEN_KEY, now) > minutes * 60:
        sign_out(f"Сеанс завершён: {minutes} мин без действий. Войдите снова.")
        return None
    # a screen signed in by key: checked on every step, the show's timer ticks too
    if user.by_key and not auth.key_still_valid(get_store(), user.login, st.session_state.get(SCREEN_KEY, "")):
        sign_out("Ключ показа отозван или заменён куратором. Откройте новый адрес показа.")
        return None
    if touch:  # a step by a person: the account must still be active, and the idle clock starts again
        if not get_store().scalar("select count(*) from app_user where login = ? and active", [user.login]):
            sign_out("Учётная запись отключена куратором. Обратитесь в МЦУ.")
            return None
        st.session_state[SEEN_KEY] = now
    access.set_actor(user)
    return user


def touch() -> None:
    """A person did something: the idle clock starts again."""
    st.session_state[SEEN_KEY] = clock.time()


def sign_in(login: str, password: str) -> access.User:
    """Check the password (throttled in the store) and keep the user in this session."""
    return _keep(auth.sign_in(get_store(), login, password))


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
        user = auth.sign_in_with_key(get_store(), key)
    except auth.AuthError as exc:
        st.session_state[NOTICE_KEY] = str(exc)
        return None
    st.session_state.pop(KEY_TRIED_KEY, None)
    st.session_state[SCREEN_KEY] = key
    return _keep(user)


def change_password(old: str, new: str) -> access.User:
    user = auth.change_password(get_store(), st.session_state[USER_KEY].login, old, new)
    st.session_state[USER_KEY] = user
    return user


def sign_out(notice: str | None = None) -> None:
    user = st.session_state.pop(USER_KEY, None)
    st.session_state.pop(SEEN_KEY, None)
    st.session_state.pop(SCREEN_KEY, None)
    if user is not None:
        audit.record(get_store(), "sign_out", user.login, notice, login=user.login)
    if notice:
        st.session_state[NOTICE_KEY] = notice
    access.set_actor(None)


def signed_in(page: str) -> access.User:
    """At the top of every page: the user, who must be signed in and allowed this page; otherwise the page stops."""
    user = st.session_state.get(USER_KEY)
    if user is None:
        st.info("Войдите в систему: откройте главную страницу приложения.", icon=":material/login:")
        st.stop()
    access.set_actor(user)
    if not access.page_allowed(user, page):
        st.error(f"Эта страница недоступна роли «{access.ROLES.get(user.role, user.role)}».", icon=":material/block:")
        st.stop()
    return user


def record_export(file_name: str) -> None:
    """on_click of every download button: the export goes into the audit log."""
    with access.acting(st.session_state.get(USER_KEY)):  # nobody signed in: the check refuses
        access.require(access.EXPORT)
        audit.record(get_store(), "export", file_name)
