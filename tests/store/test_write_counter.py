"""Every write bumps one counter, and the app's caches are keyed by it: no write can leave a page stale."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pytest
from shapely.geometry import box

from mcu_data.access import audit, retention
from mcu_data.analytics import rating
from mcu_data.ingest import batches, review
from mcu_data.ingest.loader import import_bytes
from mcu_data.roadmaps import measures
from mcu_data.store import Store, boundaries
from tests.files import FZ59_HEADER, csv_bytes, fz59_row


def _import(store: Store) -> int:
    rows = [FZ59_HEADER, fz59_row("СЧ-1/26", received="20.11.2026")]
    return import_bytes(store, csv_bytes(rows, "cp1251", ";"), "счётчик.csv").batch_id


WRITES = {
    "import": _import,
    "undo": lambda s: batches.undo(s, _import(s)),
    "correction": lambda s: review.correct(s, int(s.scalar("select min(appeal_id) from appeal")), theme_code="roads"),
    "measure": lambda s: measures.create(
        s, measures.Measure("Тест", ["roads"], [], "тест", date(2026, 11, 1), date(2026, 12, 1)), by="тест"
    ),
    "weights": lambda s: rating.save_weights(s, rating.weights(s), 4),
    "audit": lambda s: audit.record(s, "export", "файл"),
    "retention": lambda s: retention.set_years(s, 2),
    "purge": lambda s: retention.purge(s, date(2026, 12, 1)),
    # the points of a real layer move appeals between settlements: the cached map must follow
    "boundaries": lambda s: boundaries.apply_to_store(
        s,
        gpd.GeoDataFrame(
            {"oktmo": ["36612408"], "name_ru": ["Борское"]}, geometry=[box(40, 40, 60, 60)], crs="EPSG:4326"
        ),
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_bumps_the_counter(sample_store: Store, write: str):
    before = sample_store.write_count()
    WRITES[write](sample_store)
    assert sample_store.write_count() > before


def test_a_read_or_a_refused_write_does_not(sample_store: Store):
    before = sample_store.write_count()
    sample_store.query("select count(*) from appeal")
    with pytest.raises(ValueError), sample_store.transaction() as tx:
        tx.execute("insert into app_setting values ('x', 'y')")
        raise ValueError("refused half-way")
    assert sample_store.write_count() == before
    assert sample_store.scalar("select count(*) from app_setting where key = 'x'") == 0
