"""Prepare a store: migrate it, seed the references and, on first start, import the sample exports.

Run: python -m mcu_data.store.bootstrap [--db PATH] [--no-sample]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mcu_data import access
from mcu_data.access import auth
from mcu_data.core.config import load_settings
from mcu_data.ingest import official_pages, surveys
from mcu_data.ingest.loader import import_path
from mcu_data.ingest.report import ImportReport, summary
from mcu_data.roadmaps import measures
from mcu_data.signals import answer_stance, conflicts
from mcu_data.store import Store, seed

SAMPLE_FILES = ("pos_export.xlsx", "incident_export.csv", "fz59_registry.csv")
SAMPLE_MEASURES = "measures.csv"
CONFLICT_TABLE_MIGRATION = 14  # 014_conflict_signals.sql: appeal_text_signal
STANCE_MIGRATION = 18  # 018_answer_stance.sql: the answers' stances, the text rule of contradicting answers
SAMPLE_SURVEYS = ("survey_results.csv",)  # after the appeals: the appeal batches keep their numbers
SAMPLE_PAGES = ("official_pages.csv",)  # after the surveys, for the same reason


def prepare(store: Store, sample_dir: Path | None) -> list[ImportReport]:
    """Bring the schema and references up to date; load the samples only into a store never loaded.

    The first start also creates the administrator and prints a one-time password to the console.
    """
    applied = store.migrate()
    if STANCE_MIGRATION in applied:  # a store loaded before the answers' stances: read its answers once
        answer_stance.fill_store(store)
    if CONFLICT_TABLE_MIGRATION in applied or STANCE_MIGRATION in applied:  # read the texts once, by every rule
        conflicts.refresh_store(store)
    seed.seed(store)
    auth.ensure_admin(store)
    if sample_dir is None or store.scalar("select count(*) from import_batch"):
        return []
    with access.acting(access.SYSTEM):
        return _load_samples(store, sample_dir)


def _load_samples(store: Store, sample_dir: Path) -> list[ImportReport]:
    reports = [import_path(store, sample_dir / name) for name in SAMPLE_FILES if (sample_dir / name).exists()]
    reports += [
        surveys.import_path(store, sample_dir / name, load_settings().max_upload_bytes)
        for name in SAMPLE_SURVEYS
        if (sample_dir / name).exists()
    ]
    reports += [
        official_pages.import_path(store, sample_dir / name, load_settings().max_upload_bytes)
        for name in SAMPLE_PAGES
        if (sample_dir / name).exists()
    ]
    table = sample_dir / SAMPLE_MEASURES
    if table.exists() and not store.scalar("select count(*) from measure"):
        themes = dict(store.rows("select code, name_ru from theme"))
        settlements = dict(store.rows("select oktmo, name_ru from settlement"))
        measures.import_table(store, table.read_bytes(), table.name, "демонстрационные данные", themes, settlements)
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description="Подготовить хранилище МЦУ")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--no-sample", action="store_true")
    args = parser.parse_args()
    settings = load_settings()
    store = Store(args.db or settings.db_path)
    reports = prepare(store, None if args.no_sample else settings.sample_dir)
    for r in reports:
        print(summary(r))
    total = store.scalar("select count(*) from appeal")
    print(f"Хранилище {store.path}: версия схемы {store.schema_version()}, обращений {total}")
    store.close()


if __name__ == "__main__":
    main()
