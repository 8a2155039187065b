"""One door for every file: the command line, the API and the inbox all call loader.import_path, which sends a
survey's results and the official pages' activity to their own imports — named by their code, or recognised by
their header. The files are the hand-written ones of the two imports' own tests, so the counts are theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcu_data.ingest import loader
from mcu_data.ingest.readers import ImportFileError
from mcu_data.store import Store
from tests.store import test_official_pages_import as pages_file
from tests.store import test_survey_import as survey_file

MB = 1_048_576


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {"survey": tmp_path / "опрос_ноябрь.csv", "pages": tmp_path / "госпаблики_ноябрь.csv"}
    out["survey"].write_bytes(survey_file._csv())
    out["pages"].write_bytes(pages_file._csv())
    return out


def test_a_survey_file_is_recognised_by_its_header(empty_store: Store, files):
    report = loader.import_path(empty_store, files["survey"], max_bytes=50 * MB, origin="cli")
    # as in test_survey_import: 12 lines read, 9 answers kept, 2 rejected, the «Итого» line skipped
    assert (report.source_code, report.rows_read, report.rows_new, report.rows_rejected) == ("survey", 12, 9, 2)
    assert empty_store.scalar("select count(*) from survey_answer") == 9
    assert empty_store.scalar("select count(*) from appeal") == 0
    batch = empty_store.rows("select source_code, origin, status from import_batch")
    assert batch == [("survey", "cli", "done")]


def test_the_pages_file_by_its_code_and_by_its_header(empty_store: Store, files):
    named = loader.import_path(empty_store, files["pages"], "official_pages", 50 * MB, origin="inbox")
    # as in test_official_pages_import: 11 lines read, 5 page-days kept, 5 rejected
    assert (named.source_code, named.rows_read, named.rows_new, named.rows_rejected) == ("official_pages", 11, 5, 5)
    again = loader.import_path(empty_store, files["pages"], max_bytes=50 * MB)
    assert (again.source_code, again.rows_new) == ("official_pages", 0)  # the same days again add nothing


def test_an_appeals_export_still_goes_to_the_appeals(empty_store: Store):
    sample = Path(__file__).resolve().parents[2] / "sample_data" / "fz59_registry.csv"
    assert loader.table_import(sample, None, 50 * MB) is None
    assert loader.table_import(sample, "fz59", 50 * MB) is None


def test_a_mapping_for_a_survey_is_refused_in_russian_and_writes_nothing(empty_store: Store, files):
    with pytest.raises(ImportFileError, match="только на странице «Загрузка данных»"):
        loader.import_path(empty_store, files["survey"], "survey", 50 * MB, mapping=("other", {"question": "Вопрос"}))
    assert empty_store.scalar("select count(*) from import_batch") == 0


def test_a_file_of_no_known_kind_names_every_kind_it_looked_for(empty_store: Store, tmp_path: Path):
    odd = tmp_path / "список.csv"
    odd.write_bytes("Фамилия;Телефон\r\nИванов;8 927 000-00-00\r\n".encode("cp1251"))
    with pytest.raises(ImportFileError) as refused:
        loader.import_path(empty_store, odd, max_bytes=50 * MB)
    said = str(refused.value)
    assert "ПОС" in said and "опроса" in said and "госпабликов" in said
    assert empty_store.scalar("select count(*) from import_batch") == 0
