"""What a person reads on the screen: the visible text of a page, and any English left in it."""

from __future__ import annotations

import re

# Latin words a Russian user may see: names of products, formats and standards, and what the data hold
ALLOWED_LATIN = {
    "csv", "xlsx", "xls", "docx", "pdf", "json", "api", "url", "http", "https", "www", "duckdb", "excel",
    "okabe", "ito", "colorbrewer", "openstreetmap", "leaflet", "smtp", "id", "tf", "idf", "sha", "utf",
    "tester", "screen", "officer", "leader", "head", "observer", "admin", "present", "every", "key", "localhost",
    "post", "get", "geojson", "geopackage", "shapefile", "zip", "ru", "mcu", "gov", "gosuslugi", "pos", "wal", "md", "ok", "vk", "max", "nan", "telegram",
}  # fmt: skip

# the visible text of the page and its sidebar, without icon ligatures («dashboard» is drawn as an icon); text
# drawn by CSS (`::after`, see locale.uploader_css) is not in the DOM and is read by people only
TEXT_JS = """() => { const out = [];
  for (const root of document.querySelectorAll("[data-testid='stMain'], [data-testid='stSidebar']")) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("[data-testid='stIconMaterial'], [translate='no'], style, script")) continue;
      if (el.checkVisibility && !el.checkVisibility()) continue;
      if (getComputedStyle(el).fontSize === '0px') continue;  // English hidden under a Russian ::after
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;  // a screen reader's label, clipped to a pixel
      out.push(n.textContent);
    } }
  return out.join("\\n"); }"""


def english_words(text: str) -> list[str]:
    """Latin-letter words on screen that are not names on the allow-list: code left-overs and English UI."""
    # addresses, paths, commands and e-mails are shown as they are typed
    text = re.sub(r"\S+@\S+|\S*/\S*|\?\S+=\S+|python -m [\w.]+(?: [a-z]+)*", " ", text)
    # a word joined to digits by a hyphen is a number from the data («IM-2026-00123»), not a word
    words = re.findall(r"(?<![\w.-])[A-Za-z][A-Za-z]+(?![\w-])", text)
    return sorted({w for w in words if w.lower() not in ALLOWED_LATIN})
