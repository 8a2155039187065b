"""What the views read, straight from the store. The app's caches subclass it; tests use it as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from geo.maps import build_map
from mcu_data import access
from mcu_data.access import audit, auth, retention, tokens
from mcu_data.analytics import compliance, growth, heatmap, official_pages, overview, rating, satisfaction
from mcu_data.core import colours
from mcu_data.core.config import load_settings
from mcu_data.core.filters import NO_SETTLEMENT, Filters
from mcu_data.core.periods import Week
from mcu_data.ingest import answer_review, review, rules, values
from mcu_data.ingest.loader import saved_profiles
from mcu_data.reports import indicators, weekly_note
from mcu_data.roadmaps import effect, measures
from mcu_data.server import assets
from mcu_data.signals import conflicts, incident_store
from mcu_data.store import Store, boundaries


@dataclass(frozen=True)
class Names:
    """Russian names of the data-driven codes, for labels, axes and lists."""

    themes: dict[str, str]
    settlements: dict[str, str]
    recipients: dict[str, str]  # includes "none": not determined


class Source:
    """Every read a view makes. Methods that return single appeals check the acting user's right first."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- what the data are -----------------------------------------------------------------------------------------
    def version(self) -> int:
        """The store's write counter: it changes with every committed write."""
        return self.store.write_count()

    def references(self) -> dict[str, pd.DataFrame]:
        s = self.store
        return {
            "themes": s.query("select code, name_ru, block_code, is_social from theme order by sort_order"),
            "settlements": s.query(
                "select oktmo, name_ru, population_2021, lat, lon, coord_verified from settlement order by name_ru"
            ),
            "sources": s.query("select code from ref_source order by sort_order"),
            "recipients": s.query(
                "select code, name_ru, recipient_kind, settlement_oktmo from recipient order by recipient_kind, name_ru"
            ),
        }

    def names(self) -> Names:
        refs = self.references()
        return Names(
            themes=dict(zip(refs["themes"]["code"], refs["themes"]["name_ru"], strict=True)),
            settlements=dict(zip(refs["settlements"]["oktmo"], refs["settlements"]["name_ru"], strict=True)),
            recipients={
                **dict(zip(refs["recipients"]["code"], refs["recipients"]["name_ru"], strict=True)),
                compliance.NO_RECIPIENT: "Получатель не определён",
            },
        )

    def population(self) -> pd.Series:
        refs = self.references()
        return refs["settlements"].set_index("oktmo")["population_2021"]

    def allowed_codes(self) -> dict[str, set[str]]:
        refs = self.references()
        return {
            "themes": set(refs["themes"]["code"]),
            "settlements": set(refs["settlements"]["oktmo"]) | {NO_SETTLEMENT},
            "sources": set(refs["sources"]["code"]),
            "recipients": set(refs["recipients"]["code"]),
        }

    def data_span(self) -> tuple[date, date] | None:
        return overview.data_span(self.store)

    def last_loads(self) -> pd.DataFrame:
        return overview.last_loads(self.store)

    def reference_tables(self) -> dict[str, pd.DataFrame]:
        """The reference tables as «Справочники» shows them."""
        s = self.store
        return {
            "themes": s.query(
                "select t.code, t.name_ru, b.name_ru as block, l.short_ru as leader from theme t "
                "left join sector_block b on b.code = t.block_code left join sector_leader l on l.code = b.leader_code "
                "order by t.sort_order"
            ),
            "settlements": s.query("select * from settlement order by name_ru"),
            "gazetteer": s.query("select * from gazetteer order by settlement_oktmo, place_ru"),
            "recipients": s.query(
                "select r.code, r.name_ru, r.recipient_kind, b.name_ru as block, r.aliases from recipient r "
                "left join sector_block b on b.code = r.block_code order by r.recipient_kind, r.name_ru"
            ),
            "rules": s.query("select * from deadline_rule order by source_code, rule_id"),
            "rubrics": s.query("select * from rubric_map order by source_code, rubric"),
            "leaders": s.query(
                "select code, short_ru from sector_leader where code <> 'settlement_heads' order by short_ru"
            ),
        }

    def layer(self) -> boundaries.Layer:
        return boundaries.current_layer(self.store, load_settings())

    def settlement_map(self, fills: tuple[tuple[str, str], ...], tooltips: tuple[tuple[str, str], ...]):
        """The folium map of the layer with these fills and tooltips (pairs, so that they can be a cache key)."""
        layer = self.layer()
        fill = dict(fills)
        # each square's name in the ink that reads on its own fill: white on the darkest ones
        inks = {oktmo: colours.ink_and_halo(fill.get(oktmo, colours.NO_DATA)) for oktmo in layer.frame["oktmo"]}
        return build_map(
            layer.frame,
            fill,
            dict(tooltips),
            colours.NO_DATA,
            tiles_url=layer.tiles_url,
            leaflet=assets.urls(),
            label_inks=inks,
        )

    # -- figures -----------------------------------------------------------------------------------------------------
    def overview(self, filters: Filters, as_of: datetime, top_n: int = 3) -> overview.Overview:
        return overview.compute(self.store, filters, as_of, top_n, compliance.risk_horizon(as_of))

    def heat_cells(self, filters: Filters, axis: str, as_of: datetime, unit: str = "message") -> pd.DataFrame:
        return heatmap.cells(self.store, filters, axis, as_of, unit)

    def cell_appeals(self, filters: Filters, axis: str, theme: str, key: str, as_of: datetime) -> pd.DataFrame:
        return heatmap.cell_appeals(self.store, filters, axis, theme, key, as_of)

    def incidents(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return incident_store.incidents(self.store, filters, as_of)

    def incident_messages(self, filters: Filters, incident_id: int, as_of: datetime) -> pd.DataFrame:
        return incident_store.messages(self.store, filters, incident_id, as_of)

    def growth_points(self, filters: Filters, unit: str = "message") -> pd.DataFrame:
        return growth.points(self.store, filters, unit)

    def growth_drivers(self, filters: Filters, theme: str, oktmo: str) -> dict:
        return growth.drivers(self.store, filters, filters.end, theme, oktmo)

    def compliance(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return compliance.per_recipient(self.store, filters, as_of)

    def compliance_listing(
        self, filters: Filters, as_of: datetime, kind: str, recipient: str | None, limit: int | None = None
    ) -> pd.DataFrame:
        return compliance.listing(self.store, filters, as_of, kind, recipient, limit)

    def on_time_trend(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return compliance.weekly_trend(self.store, filters, as_of)

    def accelerated(self, filters: Filters, by: str, as_of: datetime) -> pd.DataFrame:
        return compliance.accelerated(self.store, filters, by, as_of)

    def rating(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        """The rating for the period against the previous period of the same length."""
        current = rating.with_pages(self.store, compliance.per_recipient(self.store, filters, as_of), filters)
        previous = compliance.per_recipient(self.store, filters.previous(), as_of)
        previous = rating.with_pages(self.store, previous, filters.previous())
        return rating.rate(current, previous, self.rating_weights(), self.rating_min_appeals())

    def rating_weights(self) -> pd.DataFrame:
        return rating.weights(self.store)

    def rating_min_appeals(self) -> int:
        return rating.min_appeals(self.store)

    def rules(self) -> pd.DataFrame:
        return rules.current(self.store)

    def satisfaction_targets(self) -> satisfaction.Targets:
        return satisfaction.targets(self.store)

    def pos_satisfaction(self, filters: Filters, as_of: datetime, answer_days: float, by: str) -> pd.DataFrame:
        return satisfaction.pos_figures(self.store, filters, as_of, answer_days, (by,))

    def weekly_satisfied(self, filters: Filters, as_of: datetime) -> pd.DataFrame:
        return satisfaction.weekly_satisfied(self.store, filters, as_of)

    def survey_answers(self, filters: Filters) -> pd.DataFrame:
        return satisfaction.survey_answers(self.store, filters)

    def survey_groups(self, filters: Filters) -> pd.DataFrame:
        return satisfaction.survey_groups(self.store, filters)

    def survey_span(self) -> tuple | None:
        return satisfaction.survey_span(self.store)

    # official pages («госпаблики»)
    def pages_silent_days(self) -> int:
        return official_pages.silent_days(self.store)

    def pages_span(self) -> tuple | None:
        return official_pages.span(self.store)

    def pages_per_page(self, filters: Filters, threshold: int) -> pd.DataFrame:
        return official_pages.per_page(self.store, filters, threshold)

    def pages_per_owner(self, filters: Filters, threshold: int) -> pd.DataFrame:
        return official_pages.per_owner(self.store, filters, threshold)

    def pages_followers(self, filters: Filters) -> pd.DataFrame:
        return official_pages.weekly_followers(self.store, filters)

    def measures(self, today: date) -> pd.DataFrame:
        return measures.all_measures(self.store, today)

    def measure_history(self, measure_id: int) -> pd.DataFrame:
        return measures.history(self.store, measure_id)

    def measure_effect(
        self, themes: tuple[str, ...], settlements: tuple[str, ...], done: date, today: date
    ) -> effect.Effect:
        return effect.estimate(**effect.counts(self.store, list(themes), list(settlements), done, today))

    def measure_series(self, themes: tuple[str, ...], settlements: tuple[str, ...], done: date) -> pd.DataFrame:
        return effect.series(self.store, list(themes), list(settlements), done)

    def conflicts(self, filters: Filters, as_of: datetime) -> tuple[pd.DataFrame, dict]:
        return conflicts.find(self.store, filters, as_of)

    def conflict_appeals(self, filters: Filters, ids: tuple[int, ...]) -> pd.DataFrame:
        return conflicts.appeals(self.store, filters, ids)

    def weekly_note(self, filters: Filters, week: Week, today: date) -> weekly_note.Note:
        return weekly_note.build(self.store, week, today, filters)

    def indicators(self, period: indicators.Period, today: date) -> pd.DataFrame:
        return indicators.compute(self.store, period, today)

    # -- data management -----------------------------------------------------------------------------------------------
    def import_profiles(self) -> pd.DataFrame:
        return saved_profiles(self.store)

    def import_batches(self) -> pd.DataFrame:
        return self.store.query("select * exclude (details_json) from import_batch order by batch_id desc")

    def rejected_rows(self, batch_id: int) -> pd.DataFrame:
        access.require(access.VIEW_APPEALS)
        return self.store.query(
            "select row_number, reason_ru, raw_json from rejected_row where batch_id = ? order by row_number",
            [batch_id],
        )

    def review_queue(self, limit: int = 200) -> pd.DataFrame:
        return review.queue(self.store, limit)

    def review_queue_size(self) -> int:
        return review.queue_size(self.store)

    def answer_queue(self, limit: int = 100) -> pd.DataFrame:
        return answer_review.queue(self.store, limit)

    def answer_queue_size(self) -> int:
        return answer_review.queue_size(self.store)

    def answer_decisions(self, limit: int = 50) -> pd.DataFrame:
        return answer_review.decisions(self.store, limit)

    def unknown_values(self) -> pd.DataFrame:
        return values.unknown_values(self.store)

    def value_codes(self) -> dict[str, list[str]]:
        return {field: values.allowed_codes(self.store, field) for field in values.CODES}

    def flagged_dates(self, limit: int = 200) -> pd.DataFrame:
        access.require(access.VIEW_APPEALS)
        return values.flagged_dates(self.store, limit)

    def flagged_count(self) -> int:
        return values.flagged_count(self.store)

    def value_maps(self) -> pd.DataFrame:
        return values.value_maps(self.store)

    def accounts(self) -> pd.DataFrame:
        access.require(access.MANAGE_USERS)
        return auth.accounts(self.store)

    def api_tokens(self) -> pd.DataFrame:
        return tokens.listing(self.store)

    def audit_entries(self, since: datetime, login: str | None) -> pd.DataFrame:
        return audit.entries(self.store, since=since, login=login)

    def retention_years(self) -> int:
        return retention.years(self.store)

    def retention_preview(self, today: date) -> pd.DataFrame:
        return retention.preview(self.store, today)
