"""The weekly note as files: CSV that Russian Excel opens, and an A4 DOCX with tables and a chart drawn offline."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt
from PIL import Image, ImageDraw, ImageFont

from mcu_data.core.locale import fmt_date_long, fmt_int
from mcu_data.reports import note_edits as note_text
from mcu_data.reports.exports import neutralize
from mcu_data.reports.note_edits import NoteText
from mcu_data.reports.weekly_note import Note, title

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


def cell(value: object) -> object:
    """A CSV cell: a number as Russian Excel reads one (decimal comma, no separators), text made formula-safe."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return f"{float(value):.10g}".replace(".", ",")
    return neutralize(str(value))


def to_csv(note: Note, text: NoteText | None = None) -> bytes:
    """The summary, the proposals, then the sections one under another. UTF-8 with BOM, «;», numbers as numbers."""
    text = text or note_text.generated(note)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralize(title(note))])
    writer.writerow([])
    writer.writerow(["Кратко"])
    for line in text.summary:
        writer.writerow([neutralize(line)])
    writer.writerow([])
    writer.writerow(["Предложения"])
    for line in text.proposals or ["нет"]:
        writer.writerow([neutralize(line)])
    for section in note.sections:
        data = section.table if section.data is None else section.data
        writer.writerow([])
        writer.writerow([neutralize(section.title)])
        writer.writerow([neutralize(c) for c in data.columns])
        for row in data.itertuples(index=False):
            writer.writerow([cell(v) for v in row])
        if data.empty:
            writer.writerow(["нет"])
        if section.more:
            writer.writerow([more_text(section.more, section.page)])
    return buf.getvalue().encode("utf-8-sig")


def more_text(n: int, page: str = "Сроки") -> str:
    return f"…и ещё {fmt_int(n)}: весь список — на странице «{page or 'Сроки'}»."


def _font(size: int) -> ImageFont.ImageFont:
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def bar_chart(labels: list[str], values: list[int], width: int = 1600, bar_height: int = 56) -> bytes:
    """A horizontal bar chart as PNG, drawn with Pillow: no browser and no network needed."""
    font = _font(28)
    has_cyrillic_font = any(Path(p).exists() for p in FONT_CANDIDATES)
    shown = labels if has_cyrillic_font else [str(i + 1) for i in range(len(labels))]
    height = 40 + bar_height * len(values)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    label_width = 620 if has_cyrillic_font else 60
    top = max(values) if values else 1
    for i, (name, value) in enumerate(zip(shown, values, strict=True)):
        y = 20 + i * bar_height
        draw.text((10, y + 10), name, fill="#333333", font=font)
        length = int((width - label_width - 140) * value / top) if top else 0
        draw.rectangle([label_width, y + 6, label_width + length, y + bar_height - 10], fill="#c8372d")
        draw.text((label_width + length + 12, y + 10), str(value), fill="#111111", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def to_docx(note: Note) -> bytes:
    """A4, Russian, titled and dated, every section a table, the top themes also as a chart."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(title(note), level=1)
    doc.add_paragraph(
        f"Сформирована {fmt_date_long(note.generated.date())}. Для Главы муниципального района Борский "
        "и куратора МЦУ (Положение о МЦУ, п. 3.3 а). Персональные данные заявителей не приводятся."
    )
    for part in note.sections:
        doc.add_heading(part.title, level=2)
        if part.title == "Главные темы" and not part.table.empty:
            values = [int(str(v).replace("\u00a0", "").replace(" ", "")) for v in part.table["Обращений"]]
            doc.add_picture(io.BytesIO(bar_chart(list(part.table["Тема"]), values)), width=Mm(170))
        if part.table.empty:
            doc.add_paragraph("Нет.")
            continue
        table = doc.add_table(rows=1, cols=len(part.table.columns))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, part.table.columns, strict=True):
            cell.text = str(name)
        for row in part.table.itertuples(index=False):
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
        if part.more:
            doc.add_paragraph(more_text(part.more))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def indicators_table(frame, fmt_value) -> list[list[str]]:
    """Rows of the ЦУР report as the files show them."""
    rows = []
    for r in frame.itertuples():
        rows.append(
            [
                r.name_ru,
                fmt_value(r.value, r.unit),
                fmt_value(r.target, r.unit),
                {True: "да", False: "нет"}.get(r.met, "—"),
                r.note_ru or "",
            ]
        )
    return rows


REPORT_COLUMNS = ["Показатель", "Значение", "Цель", "Достигнута", "Примечание"]


def report_docx(title_ru: str, rows: list[list[str]], generated) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    doc.add_heading(title_ru, level=1)
    doc.add_paragraph(
        f"Сформирован {fmt_date_long(generated)}. Перечень показателей — стартовый и редактируемый: "
        "официальный перечень (приложение 1 к Правилам, постановление № 1844) не получен."
    )
    table = doc.add_table(rows=1, cols=len(REPORT_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, REPORT_COLUMNS, strict=True):
        cell.text = name
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
