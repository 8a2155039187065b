"""The DuckDB store: the one module that runs SQL, its migrations and reference data."""

from mcu_data.store.db import Migration, Store, StoreBusy, StoreError, Tx, list_migrations

__all__ = ["Migration", "Store", "StoreBusy", "StoreError", "Tx", "list_migrations"]
