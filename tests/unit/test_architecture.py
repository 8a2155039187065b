"""The shape that keeps figures right: pages only lay out, views are pure, caches only cache, geo stands apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "pages").glob("*.py"))
STREAMLIT_MODULES = {"mcu_data/app/caches.py", "mcu_data/app/session.py", "mcu_data/app/layout.py"}
SQL_WORDS = ("select ", "insert into", "update ", "delete from", " from appeal", "group by")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_pages_hold_no_sql_no_groupby_and_no_arithmetic(page: Path):
    tree = _tree(page)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.lower()
            assert not any(word in text for word in SQL_WORDS), (page.name, node.value[:60])
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("groupby", "pivot_table", "agg"), (page.name, node.attr)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in ("query", "scalar", "rows", "execute"), (page.name, ast.unparse(node)[:60])
        if isinstance(node, ast.BinOp):
            assert not isinstance(node.op, ast.Div | ast.Mult), (page.name, ast.unparse(node))
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if isinstance(side, ast.Attribute) and side.attr == "role":
                    pytest.fail(f"{page.name}: a role is compared on the page: {ast.unparse(node)}")
    assert "mcu_data.store" not in _imports(tree) or page.stem == "references", page.name


def test_only_the_app_layer_imports_streamlit():
    for path in (ROOT / "mcu_data").rglob("*.py"):
        rel = str(path.relative_to(ROOT))
        uses = any(name == "streamlit" or name.startswith("streamlit.") for name in _imports(_tree(path)))
        assert uses == (rel in STREAMLIT_MODULES), rel


def test_views_are_pure():
    for path in (ROOT / "mcu_data" / "app" / "views").glob("*.py"):
        names = _imports(_tree(path))
        assert not any(n.startswith(("streamlit", "mcu_data.app.caches", "mcu_data.app.session")) for n in names), path


def test_geo_does_not_import_mcu_data():
    for path in (ROOT / "geo").glob("*.py"):
        assert not any(n.startswith("mcu_data") for n in _imports(_tree(path))), path.name


def test_the_caches_module_only_caches():
    """Every module-level function is a cache (or hands out the cached reads); no SQL of its own."""
    tree = _tree(ROOT / "mcu_data" / "app" / "caches.py")
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name not in ("_src", "source"):
            decorators = {ast.unparse(d).split("(")[0] for d in node.decorator_list}
            assert decorators & {"st.cache_data", "st.cache_resource"}, node.name
    text = (ROOT / "mcu_data" / "app" / "caches.py").read_text(encoding="utf-8").lower()
    assert not any(word in text for word in ("select ", "insert into", "st.session_state", "st.stop"))


def test_one_store_module_executes_sql():
    """Only the store module opens connections and cursors."""
    for path in (ROOT / "mcu_data").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "db.py":
            assert "duckdb.connect" not in text and ".cursor()" not in text, path
