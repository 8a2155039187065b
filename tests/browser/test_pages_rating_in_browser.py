"""The rating's optional official-pages component in Chromium: with a weight set by the curator, the rating page
shows the share of comments answered on each recipient's pages, from the sample export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import serving
from tests.browser.conftest import ARTIFACTS, _accounts, goto_signed_in, screenshot_whole, wait_rendered

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def weighted_server(sample_store_path: Path, tmp_path_factory: pytest.TempPathFactory):
    from mcu_data import access
    from mcu_data.analytics import rating
    from mcu_data.store import Store

    store_path = tmp_path_factory.mktemp("pages_rating") / "store.duckdb"
    shutil.copy(sample_store_path, store_path)
    store = Store(store_path)
    with access.acting(access.SYSTEM):
        weights = rating.weights(store)
        weights.loc[weights["component"] == "pages_answered", "weight"] = 0.2
        rating.save_weights(store, weights)
    store.close()
    _accounts(store_path)
    running = serving.start(store_path)
    yield running.url
    serving.stop(running)


def test_the_rating_shows_the_official_pages_component_once_it_has_a_weight(weighted_server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    goto_signed_in(page, weighted_server + "/rating")
    wait_rendered(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, ARTIFACTS / "rating_with_pages_full.png")
    body = page.inner_text("body")
    assert "Ответы в госпабликах" in body
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()
