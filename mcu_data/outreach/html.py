"""The letters' HTML and plain text from one description: a title, lead lines, blocks of lines or small tables.

Mail clients ignore style sheets and most layout, so every style is inline, the layout is one column no wider
than 600 px, and tables have at most three columns: legible on a phone 390 px wide without zooming.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

FONT = "Arial, Helvetica, sans-serif"
INK, MUTED, RULE, PAPER, ACCENT = "#1f2937", "#4b5563", "#e5e7eb", "#ffffff", "#1d4ed8"


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    right: tuple[int, ...] = ()  # columns of numbers, aligned right
    whole_words: tuple[int, ...] = ()  # columns broken only between words (numbers, dates); others anywhere if need be


@dataclass(frozen=True)
class Block:
    heading: str
    lines: list[str] = field(default_factory=list)
    table: Table | None = None
    after: list[str] = field(default_factory=list)  # lines under the table, e.g. «ещё 12 — на странице «Сроки»»


@dataclass(frozen=True)
class Body:
    title: str
    lead: list[str]
    blocks: list[Block]
    link: tuple[str, str] | None = None  # (words, address) of the button to the dashboard
    footer: str = ""


def _cell(text: str, head: bool, right: bool, whole_words: bool = False) -> str:
    tag = "th" if head else "td"
    weight = "bold" if head else "normal"
    align = "right" if right else "left"
    wrap = "overflow-wrap:normal;" if whole_words else "overflow-wrap:anywhere;"
    return (
        f'<{tag} style="padding:6px 8px;border-bottom:1px solid {RULE};text-align:{align};font-weight:{weight};'
        f'vertical-align:top;{wrap}">{escape(text).replace(chr(10), "<br>")}</{tag}>'
    )


def _table(t: Table) -> str:
    head = "".join(_cell(c, True, i in t.right, i in t.whole_words) for i, c in enumerate(t.columns))
    rows = "".join(
        "<tr>" + "".join(_cell(v, False, i in t.right, i in t.whole_words) for i, v in enumerate(row)) + "</tr>"
        for row in t.rows
    )
    return (
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        f'style="border-collapse:collapse;font-size:15px;line-height:1.35;color:{INK};margin:4px 0 8px 0;">'
        f"<tr>{head}</tr>{rows}</table>"
    )


def _para(text: str, colour: str = INK, size: int = 16) -> str:
    return f'<p style="margin:0 0 10px 0;font-size:{size}px;line-height:1.45;color:{colour};">{escape(text)}</p>'


def to_html(body: Body) -> str:
    parts = [
        f'<h1 style="margin:0 0 12px 0;font-size:21px;line-height:1.3;color:{INK};">{escape(body.title)}</h1>',
        *(_para(line) for line in body.lead),
    ]
    for block in body.blocks:
        parts.append(
            f'<h2 style="margin:18px 0 8px 0;font-size:18px;line-height:1.3;color:{INK};">{escape(block.heading)}</h2>'
        )
        parts.extend(_para(line) for line in block.lines)
        if block.table is not None:
            parts.append(_table(block.table))
        parts.extend(_para(line, MUTED, 14) for line in block.after)
    if body.link:
        words, url = body.link
        parts.append(
            f'<p style="margin:18px 0;"><a href="{escape(url, quote=True)}" style="display:inline-block;'
            f"background:{ACCENT};color:#ffffff;text-decoration:none;font-size:16px;padding:10px 16px;"
            f'border-radius:6px;">{escape(words)}</a></p>'
        )
    if body.footer:
        parts.append(_para(body.footer, MUTED, 13))
    inner = "".join(parts)
    return (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(body.title)}</title></head>"
        f'<body style="margin:0;padding:0;background:#f3f4f6;font-family:{FONT};">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" '
        'style="padding:12px 8px;">'
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;'
        f'background:{PAPER};border-radius:8px;"><tr><td style="padding:18px 16px;font-family:{FONT};">'
        f"{inner}</td></tr></table></td></tr></table></body></html>"
    )


def to_text(body: Body) -> str:
    lines = [body.title, "", *body.lead]
    for block in body.blocks:
        lines += ["", block.heading.upper(), *block.lines]
        if block.table is not None:
            lines.append(" | ".join(block.table.columns))
            lines += [" | ".join(v.replace("\n", ", ") for v in row) for row in block.table.rows]
        lines += block.after
    if body.link:
        lines += ["", f"{body.link[0]}: {body.link[1]}"]
    if body.footer:
        lines += ["", body.footer]
    return "\n".join(lines) + "\n"
