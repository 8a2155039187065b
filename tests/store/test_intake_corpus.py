"""The hostile intake corpus (tests/data/intake): every row of every file is accounted for.

The expectations are the hand-written manifest (tests/data/intake/manifest.json, written before the importer
was changed): for each row whether it is kept, rejected with which reason, skipped as not data, or replaced by
a later row of the same id; for each kept row its receipt time, flag and raw status, result and channel; for
each refused file that nothing changed. Nothing here is computed by the code under test.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from mcu_data.core.config import PROJECT_ROOT
from mcu_data.ingest.loader import import_path
from mcu_data.ingest.profiles import PROFILES, custom_profile, header_key
from mcu_data.ingest.readers import ImportFileError, open_table
from mcu_data.store import Store, bootstrap

CORPUS = PROJECT_ROOT / "tests" / "data" / "intake"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
NOW = datetime(2026, 12, 1, 12, 0)  # the manifest's flags are relative to 2026-12-01
COMMITTED = [f for f in MANIFEST["files"] if not f.get("generated")]
IMPORTED = [f for f in COMMITTED if f["expect"] == "imported"]
REFUSED = [f for f in COMMITTED if f["expect"] == "refused"]
# the corpus calls a settlement column «address»; the importer keeps a named place apart from a street address
SAME_FIELD = {"place_raw": "address"}
LATIN_ALLOWED = {"xlsx", "xls", "csv", "Excel", "CSV", "map"}


def _corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("intake") / "base.duckdb"
    store = Store(path)
    bootstrap.prepare(store, None)
    store.close()
    return path


@pytest.fixture
def store(base_store: Path, tmp_path: Path):
    copy = tmp_path / "store.duckdb"
    shutil.copy(base_store, copy)
    s = Store(copy)
    yield s
    s.close()


def _import(store: Store, entry: dict, path: Path | None = None):
    mapping = (entry["mapping_source"], entry["mapping"]) if entry["mapping"] else None
    return import_path(store, path or CORPUS / entry["file"], mapping=mapping, now=NOW)


def _fold(text: str) -> str:
    return " ".join(str(text).split())


def _value(v):
    """A store value as the manifest writes it: None for SQL null."""
    return None if pd.isna(v) else v


def _state(store: Store) -> tuple:
    return (
        store.scalar("select count(*) from appeal"),
        store.scalar("select count(*) from import_batch"),
        store.scalar("select count(*) from rejected_row"),
        store.write_count(),
    )


@pytest.mark.parametrize("entry", IMPORTED, ids=lambda e: e["file"])
def test_every_row_of_an_imported_file_is_accounted_for(store: Store, entry: dict):
    report = _import(store, entry)
    rows = entry["rows"]
    by_outcome = Counter(r["outcome"] for r in rows)
    assert report.adds_up
    assert report.rows_read == len(rows)
    assert report.rows_new + report.rows_updated + report.rows_unchanged == by_outcome["kept"]
    assert report.rows_rejected == by_outcome["rejected"]
    assert report.rows_skipped == by_outcome["skipped_footer"]
    assert report.rows_replaced == by_outcome["replaced_duplicate"]
    assert report.header_row == entry["header_row"]

    rejected = dict(store.rows("select row_number, reason_code from rejected_row"))
    assert rejected == {r["row"]: r["reason"] for r in rows if r["outcome"] == "rejected"}
    assert dict(report.skipped_kinds) == dict(Counter(r["skip_kind"] for r in rows if r["outcome"] == "skipped_footer"))
    assert set(report.replaced) == {(r["row"], r["replaced_by"]) for r in rows if r["outcome"] == "replaced_duplicate"}

    appeals = store.query(
        "select source_id, strftime(received_at, '%Y-%m-%d %H:%M:%S') received, date_flag, status_code, status_raw, "
        "outcome_code, outcome_raw, channel_code, channel_raw from appeal"
    ).set_index("source_id")
    kept = [r for r in rows if r["outcome"] == "kept"]
    assert sorted(appeals.index) == sorted(r["id"].strip() for r in kept)
    for r in kept:
        a = appeals.loc[r["id"].strip()]
        assert a["received"] == r["received_at"], r
        assert _value(a["date_flag"]) == r["flag"], r
        for field, raw_key, known_key in (
            ("status", "status", "status_known"),
            ("outcome", "result", "result_known"),
            ("channel", "channel", "channel_known"),
        ):
            if raw_key not in r:
                continue
            if r[raw_key] is None:
                assert _value(a[f"{field}_raw"]) is None, (field, r)
                continue
            assert a[f"{field}_raw"] == r[raw_key], (field, r)
            assert (a[f"{field}_code"] == "unknown") is (not r[known_key]), (field, r)
    assert report.rows_flagged == sum(1 for r in kept if r["flag"])


@pytest.mark.parametrize("entry", IMPORTED, ids=lambda e: e["file"])
def test_columns_are_recognised_and_the_rest_reported_unused(entry: dict):
    stream = open_table(CORPUS / entry["file"], entry["file"], 50 * 1_048_576)
    if entry["mapping"]:
        profile = custom_profile("t", entry["mapping_source"], entry["mapping"])
    else:
        from mcu_data.ingest.profiles import detect

        profile, _ = detect(stream.header)
        assert profile is PROFILES[entry["source"]]
    found = {SAME_FIELD.get(k, k): _fold(v) for k, v in profile.match(stream.header).items()}
    assert found == {k: _fold(v) for k, v in entry["columns"].items()}
    used = {header_key(v) for v in profile.match(stream.header).values()}
    unused = {_fold(h) for h in stream.header if header_key(h) not in used}
    assert unused == {_fold(c) for c in entry["unused_columns"]}


def _russian_only(message: str, file_name: str) -> None:
    text = message.replace(file_name, "")
    assert re.search(r"[а-яё]{4}", text), message
    latin = set(re.findall(r"[A-Za-z]{3,}", text)) - LATIN_ALLOWED
    assert not latin, message


@pytest.mark.parametrize("entry", REFUSED, ids=lambda e: e["file"])
def test_a_refused_file_changes_nothing_and_says_why_in_russian(store: Store, entry: dict):
    before = _state(store)
    with pytest.raises(ImportFileError) as caught:
        _import(store, entry)
    _russian_only(str(caught.value), entry["file"])
    assert _state(store) == before


@pytest.mark.parametrize("pair", MANIFEST["cross_file"], ids=lambda p: p["first"])
def test_the_second_week_counts_new_updated_unchanged(store: Store, pair: dict):
    entries = {e["file"]: e for e in COMMITTED}
    _import(store, entries[pair["first"]])
    second = _import(store, entries[pair["second"]])
    expect = pair["expect_second"]
    assert (second.rows_new, second.rows_updated, second.rows_unchanged) == (
        expect["new"],
        expect["updated"],
        expect["unchanged"],
    )


def test_importing_the_same_file_again_changes_nothing(store: Store):
    entry = next(e for e in COMMITTED if e["file"] == "pos_duplicates.xlsx")
    first = _import(store, entry)
    again = _import(store, entry)
    assert (again.rows_new, again.rows_updated) == (0, 0)
    assert again.rows_unchanged == first.rows_new
    assert again.rows_replaced == first.rows_replaced == 4


def test_a_ten_megabyte_cell_rejects_only_its_row(store: Store, tmp_path: Path):
    entry = next(e for e in MANIFEST["files"] if e["file"] == "im_long_cell.csv")
    path = _corpus_module().build_im_long_cell(tmp_path / "im_long_cell.csv")
    report = _import(store, entry, path)
    assert (report.rows_new, report.rows_rejected) == (2, 1)
    reason, raw = store.rows("select reason_ru, raw_json from rejected_row")[0]
    assert "32" in reason and "767" in reason
    assert len(raw) < 20_000  # the stored row keeps the start of the cell, not ten megabytes


def test_a_file_over_the_size_limit_is_refused_before_reading(store: Store, tmp_path: Path):
    entry = next(e for e in MANIFEST["files"] if e["file"] == "im_too_big.csv")
    path = _corpus_module().build_im_too_big(tmp_path / "im_too_big.csv")
    before = _state(store)
    with pytest.raises(ImportFileError, match="больше допустимого размера"):
        _import(store, entry, path)
    assert _state(store) == before


def test_a_book_over_the_cell_budget_is_refused(store: Store, tmp_path: Path):
    entry = next(e for e in MANIFEST["files"] if e["file"] == "pos_over_cell_budget.xlsx")
    path = _corpus_module().build_pos_over_cell_budget(tmp_path / "pos_over_cell_budget.xlsx")
    before = _state(store)
    with pytest.raises(ImportFileError, match="заполненных ячеек"):
        _import(store, entry, path)
    assert _state(store) == before
