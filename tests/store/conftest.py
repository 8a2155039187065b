"""Store tests share one read-only connection to the sample store; tests that write take a private copy."""

from __future__ import annotations

import pytest

from mcu_data.store import Store


@pytest.fixture(scope="session")
def store(sample_store_path):
    s = Store(sample_store_path, read_only=True)
    yield s
    s.close()
