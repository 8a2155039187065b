"""Streamlit caches around the store's reads, and nothing else.

Every cached read is keyed by the store's write counter (`version`), which every committed write bumps:
no write can leave a page stale, whatever it changed. The time limits only bound memory and keep «now»
figures moving with the clock; each says why it is what it is.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.app.source import Names, Source
from mcu_data.core.filters import Filters
from mcu_data.core.periods import Week
from mcu_data.reports import indicators
from mcu_data.server import process
from mcu_data.store import Store

PAGE_ATTEMPTS = 2  # a page waits a couple of seconds for a busy store, then says so and looks again by itself


@st.cache_resource(show_spinner="Подготовка хранилища…")
def get_store() -> Store:
    """The server process's one store (mcu_data/server/process), shared by all sessions and the API.

    The first start migrates the store and imports the sample exports through the same path a user's file takes.
    """
    return process.store(PAGE_ATTEMPTS)


def _src() -> Source:
    return Source(get_store())


# -- references: they change only by a write, so the counter alone refreshes them -------------------------------------
@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _references(version: int) -> dict[str, pd.DataFrame]:
    """An hour bounds memory; a write changes the key anyway."""
    return _src().references()


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _reference_tables(version: int) -> dict[str, pd.DataFrame]:
    """As the references."""
    return _src().reference_tables()


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _data_span(version: int) -> tuple[date, date] | None:
    """Only an import changes it, and an import is a write."""
    return _src().data_span()


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _last_loads(version: int) -> pd.DataFrame:
    """Only an import changes it."""
    return _src().last_loads()


@st.cache_resource(show_spinner=False, max_entries=2)
def _layer(version: int):
    """The boundary layer: saving or removing one is audited, which is a write. Never mutated by callers."""
    return _src().layer()


@st.cache_resource(show_spinner=False, max_entries=16)
def _settlement_map(fills: tuple, tooltips: tuple, version: int):
    """One map object per colouring: folium names its parts at random when a map is built, so a map built anew on
    every rerun is new HTML to the browser, which reloads the whole frame. Never mutated by callers."""
    return _src().settlement_map(fills, tooltips)


# -- figures: keyed by filters and the moment; «now» is whole minutes, so reruns within a minute reuse them ----------
@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _overview(filters: Filters, as_of: datetime, top_n: int, version: int):
    """Ten minutes bounds memory; the moment in the key moves every minute for a period that ends today."""
    return _src().overview(filters, as_of, top_n)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _heat_cells(filters: Filters, axis: str, as_of: datetime, unit: str, version: int) -> pd.DataFrame:
    """As the overview."""
    return _src().heat_cells(filters, axis, as_of, unit)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _cell_appeals(filters: Filters, axis: str, theme: str, key: str, as_of: datetime, version: int) -> pd.DataFrame:
    """As the overview; the right to read single appeals is checked before this cache answers."""
    return _src().cell_appeals(filters, axis, theme, key, as_of)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _incidents(filters: Filters, as_of: datetime, version: int) -> pd.DataFrame:
    """As the overview; a merge or a split is a write, so the list follows it at once."""
    return _src().incidents(filters, as_of)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _incident_messages(filters: Filters, incident_id: int, as_of: datetime, version: int) -> pd.DataFrame:
    """As the overview."""
    return _src().incident_messages(filters, incident_id, as_of)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _growth_points(filters: Filters, unit: str, version: int) -> pd.DataFrame:
    """They change only with new data, and new data is a write."""
    return _src().growth_points(filters, unit)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _growth_drivers(filters: Filters, theme: str, oktmo: str, version: int) -> dict:
    """As the growth points."""
    return _src().growth_drivers(filters, theme, oktmo)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _compliance(filters: Filters, as_of: datetime, version: int) -> pd.DataFrame:
    """As the overview."""
    return _src().compliance(filters, as_of)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _compliance_listing(
    filters: Filters, as_of: datetime, kind: str, recipient: str | None, limit: int | None, version: int
) -> pd.DataFrame:
    """As the overview; the right to read single appeals is checked before this cache answers."""
    return _src().compliance_listing(filters, as_of, kind, recipient, limit)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _on_time_trend(filters: Filters, as_of: datetime, version: int) -> pd.DataFrame:
    """As the overview."""
    return _src().on_time_trend(filters, as_of)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _accelerated(filters: Filters, by: str, as_of: datetime, version: int) -> pd.DataFrame:
    """As the overview."""
    return _src().accelerated(filters, by, as_of)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _rating(filters: Filters, as_of: datetime, version: int) -> pd.DataFrame:
    """As the overview; editing weights is a write."""
    return _src().rating(filters, as_of)


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _rating_settings(version: int) -> tuple[pd.DataFrame, int]:
    """Weights, targets and the minimum change only by a write."""
    src = _src()
    return src.rating_weights(), src.rating_min_appeals()


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _satisfaction_targets(version: int):
    """The targets change only by a write on «Настройки»."""
    return _src().satisfaction_targets()


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _pos_satisfaction(filters: Filters, as_of: datetime, answer_days: float, by: str, version: int) -> pd.DataFrame:
    """As the overview."""
    return _src().pos_satisfaction(filters, as_of, answer_days, by)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _weekly_satisfied(filters: Filters, as_of: datetime, version: int) -> pd.DataFrame:
    """As the overview."""
    return _src().weekly_satisfied(filters, as_of)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _survey_answers(filters: Filters, version: int) -> pd.DataFrame:
    """Only a survey import or its undo changes them, and both are writes."""
    return _src().survey_answers(filters)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _survey_groups(filters: Filters, version: int) -> pd.DataFrame:
    """As the survey answers."""
    return _src().survey_groups(filters)


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _survey_span(version: int):
    """As the survey answers."""
    return _src().survey_span()


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _pages_silent_days(version: int) -> int:
    """A setting: its change is a write."""
    return _src().pages_silent_days()


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _pages_span(version: int):
    """Only a pages' import or its undo changes it, and both are writes."""
    return _src().pages_span()


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _pages_per_page(filters: Filters, threshold: int, version: int) -> pd.DataFrame:
    """As the span."""
    return _src().pages_per_page(filters, threshold)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _pages_per_owner(filters: Filters, threshold: int, version: int) -> pd.DataFrame:
    """As the span."""
    return _src().pages_per_owner(filters, threshold)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _pages_followers(filters: Filters, version: int) -> pd.DataFrame:
    """As the span."""
    return _src().pages_followers(filters)


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _rules(version: int) -> pd.DataFrame:
    """A rule change is a write."""
    return _src().rules()


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _measures(today: date, version: int) -> pd.DataFrame:
    """«Overdue» is derived from today, which is in the key."""
    return _src().measures(today)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _measure_effect(themes: tuple[str, ...], settlements: tuple[str, ...], done: date, today: date, version: int):
    """It changes only with new data."""
    return _src().measure_effect(themes, settlements, done, today)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _measure_series(themes: tuple[str, ...], settlements: tuple[str, ...], done: date, version: int) -> pd.DataFrame:
    """As the effect."""
    return _src().measure_series(themes, settlements, done)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _conflicts(filters: Filters, as_of: datetime, version: int) -> tuple[pd.DataFrame, dict]:
    """As the overview; the right to read single appeals is checked before this cache answers."""
    return _src().conflicts(filters, as_of)


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _weekly_note(filters: Filters, week: Week, today: date, version: int):
    """A past week changes only with new data."""
    return _src().weekly_note(filters, week, today)


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _import_profiles(version: int) -> pd.DataFrame:
    """A new profile is a write."""
    return _src().import_profiles()


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _import_batches(version: int) -> pd.DataFrame:
    """An import or an undo is a write."""
    return _src().import_batches()


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _rejected_rows(batch_id: int, version: int) -> pd.DataFrame:
    """Fixed once the import is done; the right to see them is checked before this cache answers."""
    return _src().rejected_rows(batch_id)


@st.cache_data(ttl=600, max_entries=4, show_spinner=False)
def _review_queue_size(version: int) -> int:
    """A correction is a write."""
    return _src().review_queue_size()


class CachedSource(Source):
    """The same reads as `Source`, answered from the caches above for the store's current write counter."""

    def __init__(self) -> None:
        super().__init__(get_store())
        self._version = self.store.write_count()

    def version(self) -> int:
        return self._version

    def references(self) -> dict[str, pd.DataFrame]:
        return _references(self._version)

    def names(self) -> Names:
        return _names(self._version)

    def reference_tables(self) -> dict[str, pd.DataFrame]:
        return _reference_tables(self._version)

    def data_span(self) -> tuple[date, date] | None:
        return _data_span(self._version)

    def last_loads(self) -> pd.DataFrame:
        return _last_loads(self._version)

    def layer(self):
        return _layer(self._version)

    def settlement_map(self, fills: tuple, tooltips: tuple):
        return _settlement_map(fills, tooltips, self._version)

    def overview(self, filters: Filters, as_of: datetime, top_n: int = 3):
        return _overview(filters, as_of, top_n, self._version)

    def heat_cells(self, filters: Filters, axis: str, as_of: datetime, unit: str = "message") -> pd.DataFrame:
        return _heat_cells(filters, axis, as_of, unit, self._version)

    def incidents(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return _incidents(filters, as_of, self._version)

    def incident_messages(self, filters: Filters, incident_id: int, as_of: datetime) -> pd.DataFrame:
        access.require_appeals(filters)
        return _incident_messages(filters, incident_id, as_of, self._version)

    def cell_appeals(self, filters: Filters, axis: str, theme: str, key: str, as_of: datetime) -> pd.DataFrame:
        access.require_appeals(filters)
        return _cell_appeals(filters, axis, theme, key, as_of, self._version)

    def growth_points(self, filters: Filters, unit: str = "message") -> pd.DataFrame:
        return _growth_points(filters, unit, self._version)

    def growth_drivers(self, filters: Filters, theme: str, oktmo: str) -> dict:
        return _growth_drivers(filters, theme, oktmo, self._version)

    def compliance(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return _compliance(filters, as_of, self._version)

    def compliance_listing(
        self, filters: Filters, as_of: datetime, kind: str, recipient: str | None, limit: int | None = None
    ) -> pd.DataFrame:
        access.require_appeals(filters)
        return _compliance_listing(filters, as_of, kind, recipient, limit, self._version)

    def on_time_trend(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return _on_time_trend(filters, as_of, self._version)

    def accelerated(self, filters: Filters, by: str, as_of: datetime) -> pd.DataFrame:
        return _accelerated(filters, by, as_of, self._version)

    def rating(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return _rating(filters, as_of, self._version)

    def rating_weights(self) -> pd.DataFrame:
        return _rating_settings(self._version)[0]

    def rating_min_appeals(self) -> int:
        return _rating_settings(self._version)[1]

    def rules(self) -> pd.DataFrame:
        return _rules(self._version)

    def satisfaction_targets(self):
        return _satisfaction_targets(self._version)

    def pos_satisfaction(self, filters: Filters, as_of: datetime, answer_days: float, by: str) -> pd.DataFrame:
        return _pos_satisfaction(filters, as_of, answer_days, by, self._version)

    def weekly_satisfied(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return _weekly_satisfied(filters, as_of, self._version)

    def survey_answers(self, filters: Filters) -> pd.DataFrame:
        return _survey_answers(filters, self._version)

    def survey_groups(self, filters: Filters) -> pd.DataFrame:
        return _survey_groups(filters, self._version)

    def survey_span(self):
        return _survey_span(self._version)

    def pages_silent_days(self) -> int:
        return _pages_silent_days(self._version)

    def pages_span(self):
        return _pages_span(self._version)

    def pages_per_page(self, filters: Filters, threshold: int) -> pd.DataFrame:
        return _pages_per_page(filters, threshold, self._version)

    def pages_per_owner(self, filters: Filters, threshold: int) -> pd.DataFrame:
        return _pages_per_owner(filters, threshold, self._version)

    def pages_followers(self, filters: Filters) -> pd.DataFrame:
        return _pages_followers(filters, self._version)

    def measures(self, today: date) -> pd.DataFrame:
        return _measures(today, self._version)

    def measure_effect(self, themes: tuple[str, ...], settlements: tuple[str, ...], done: date, today: date):
        return _measure_effect(themes, settlements, done, today, self._version)

    def measure_series(self, themes: tuple[str, ...], settlements: tuple[str, ...], done: date) -> pd.DataFrame:
        return _measure_series(themes, settlements, done, self._version)

    def conflicts(self, filters: Filters, as_of: datetime) -> tuple[pd.DataFrame, dict]:
        access.require_appeals(filters)
        return _conflicts(filters, as_of, self._version)

    def weekly_note(self, filters: Filters, week: Week, today: date):
        return _weekly_note(filters, week, today, self._version)

    def indicators(self, period: indicators.Period, today: date) -> pd.DataFrame:
        # not cached: a hand-entered value must show at once, and the queries are light
        return super().indicators(period, today)

    def import_profiles(self) -> pd.DataFrame:
        return _import_profiles(self._version)

    def import_batches(self) -> pd.DataFrame:
        return _import_batches(self._version)

    def rejected_rows(self, batch_id: int) -> pd.DataFrame:
        access.require(access.VIEW_APPEALS)
        return _rejected_rows(batch_id, self._version)

    def review_queue_size(self) -> int:
        return _review_queue_size(self._version)


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _names(version: int) -> Names:
    """As the references."""
    return Source(get_store()).names()


def source() -> CachedSource:
    """The reads of this script run, at the store's current write counter."""
    return CachedSource()
