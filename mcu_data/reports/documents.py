"""The weekly note as files: CSV that Russian Excel opens, and an official A4 DOCX with tables and charts drawn offline."""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from PIL import Image, ImageDraw, ImageFont

from mcu_data.core.locale import NUMBER_TEXT, fmt_date_long, fmt_float, fmt_int, fmt_period
from mcu_data.reports import note_edits as note_text
from mcu_data.reports.exports import neutralize
from mcu_data.reports.note_edits import NoteText
from mcu_data.reports.weekly_note import Note, Section, title

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
)

FONT = "Times New Roman"  # LibreOffice prints it as Liberation Serif, which has the same metrics
BODY_PT = 14
TABLE_PT = 12
TEXT_MM = 165  # A4 less the left 30 mm and right 15 mm margins
CHART_MM = 160
CHART_PX = 1890  # 16 cm at 300 dpi
CHART_COLOURS = ("#a8322a", "#b4b4b4")  # dark and light: the two weeks stay apart on a black-and-white printer
INK = "#111111"
LINK_COLOUR = "0563C1"
FIRST_LINE = Cm(1.25)
ADDRESSEE_INDENT = Mm(95)
SERIF_CANDIDATES = (  # Times New Roman or a font with its metrics, to measure table text as it will print
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
)
CHAR_MM = 2.5  # a wide Times New Roman letter at 12 pt, for when no such font is installed
PAD_MM = 5.0  # a cell's left and right margins (1.9 mm each), its borders and a little to spare
KEEP_ROWS = 15  # a table this short is not split between pages
# a number as fmt_int, fmt_float, fmt_pct and fmt_signed_pct write it, or the dash for none; «3119960» is an id
ADDRESSEE = "Главе муниципального района Борский"
NAME_LINE = "__________________"  # the Head's name: not kept in the store
SIGNER_LINES = "Руководитель аппарата администрации\nмуниципального района Борский\n(куратор МЦУ)"
SIGNATURE = "_____________ / ______________"
NO_PERSONAL_DATA = "Персональные данные заявителей в записке не приводятся."
FONT_TABLE = (
    f'<w:fonts {nsdecls("w")}><w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/>'
    '<w:charset w:val="CC"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
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


def _font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    for path in FONT_CANDIDATES:
        if bold:
            path = path.replace("Sans.ttf", "Sans-Bold.ttf").replace("-Regular.ttf", "-Bold.ttf")
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _wrap(text: str, font: ImageFont.ImageFont, width: int, lines: int = 2) -> list[str]:
    """A label broken into at most `lines` lines that fit `width` px; what does not fit ends in «…»."""
    out: list[str] = []
    for word in text.split():
        if out and font.getlength(f"{out[-1]} {word}") <= width:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    if not out:
        return [""]
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    while font.getlength(out[-1]) > width and len(out[-1]) > 1:
        out[-1] = out[-1][:-2].rstrip() + "…"
    return out


def bar_chart(labels: list[str], series: list[tuple[str, list[float | None]]], digits: int = 0) -> bytes:
    """Horizontal bars as PNG, drawn with Pillow (no browser, no network): a group per label, a bar per series.

    Drawn for print at 16 cm: CHART_PX across is 300 dpi there, so the 44 px letters print at about 10.5 pt. Two
    series get a legend; every bar carries its value in Russian format.
    """
    cyrillic = any(Path(p).exists() for p in FONT_CANDIDATES)
    font, bold = _font(44), _font(44, bold=True)
    names = labels if cyrillic else [str(i + 1) for i in range(len(labels))]
    bar, gap, pad, line = 48, 8, 34, 52
    label_width = int(CHART_PX * 0.36)
    wrapped = [_wrap(name, font, label_width - 40) for name in names]
    legend = 110 if len(series) > 1 and cyrillic else 30
    bars = len(series) * bar + (len(series) - 1) * gap
    blocks = [max(bars, len(lines) * line) for lines in wrapped]
    height = legend + sum(blocks) + pad * len(blocks) + 10
    image = Image.new("RGB", (CHART_PX, height), "white")
    draw = ImageDraw.Draw(image)
    values = [v for _, vs in series for v in vs if v is not None and not math.isnan(v)]
    top = max(values, default=0) or 1
    room = CHART_PX - label_width - 240  # the longest bar leaves room for its value
    rise = font.getbbox("Ая")[1]  # the empty band above the letters, so text sits centred on its bar
    if legend > 30:
        x = label_width
        for (name, _), colour in zip(series, CHART_COLOURS, strict=False):
            draw.rectangle([x, 30, x + 44, 74], fill=colour, outline=INK, width=2)
            draw.text((x + 60, 52 - (44 + rise) // 2), name, fill=INK, font=font)
            x += 60 + int(font.getlength(name)) + 80
    y = legend
    for i, (lines, block) in enumerate(zip(wrapped, blocks, strict=True)):
        top_line = y + (block - len(lines) * line) // 2
        for k, text in enumerate(lines):
            draw.text((20, top_line + k * line + (line - 44 - rise) // 2), text, fill=INK, font=font)
        by = y + (block - bars) // 2
        for (_, vs), colour in zip(series, CHART_COLOURS, strict=False):
            value = vs[i]
            missing = value is None or math.isnan(value)
            length = 0 if missing else round(room * value / top)
            if length:
                draw.rectangle([label_width, by, label_width + length, by + bar], fill=colour, outline=INK, width=2)
            shown = "—" if missing else (fmt_int(value) if digits == 0 else fmt_float(value, digits))
            draw.text((label_width + length + 16, by + (bar - 44 - rise) // 2), shown, fill=INK, font=bold)
            by += bar + gap
        y += block + pad
    draw.line([(label_width, legend - 10), (label_width, y - pad + 10)], fill=INK, width=3)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def to_docx(note: Note, text: NoteText | None = None, app_url: str = "") -> bytes:
    """The note as an official document for the Head of the district: A4, Times New Roman 14 pt, addressee and
    number, the summary and the proposals, every section a table, two charts, the signature block at the end."""
    text = text or note_text.generated(note)
    doc = Document()
    _page(doc)
    _one_font(doc)
    props = doc.core_properties
    props.title, props.author, props.language = title(note), text.author or "МЦУ", "ru-RU"

    for i, line in enumerate((ADDRESSEE, NAME_LINE)):
        _para(doc, line, left=ADDRESSEE_INDENT, before=12 if i else 0, after=24 if i else 0)
    heading = doc.add_heading(level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(heading, "Аналитическая записка")
    subtitle = f"о работе с обращениями граждан за неделю {fmt_period(note.week.monday, note.week.sunday)}"
    _para(doc, subtitle, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    number = (text.number or "").strip() or "____"
    _para(doc, f"№ {number} от {fmt_date_long(note.generated.date())}", align=WD_ALIGN_PARAGRAPH.CENTER, before=12)

    _heading(doc, "Краткое содержание")
    for line in text.summary:
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=FIRST_LINE)
    _heading(doc, "Предложения")
    numbered = _numbering(doc)
    for line in text.proposals:
        paragraph = _para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val, num_pr.get_or_add_numId().val = 0, numbered
    if not text.proposals:
        _para(doc, "Предложений нет.", align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=FIRST_LINE)

    figure = 0
    for k, part in enumerate(note.sections, start=1):
        last = k == len(note.sections)  # the signature never stands alone on a page: the last section goes with it
        _heading(doc, part.title)
        if part.table.empty:
            _para(doc, "Нет.", first_line=FIRST_LINE).paragraph_format.keep_with_next = last
        else:
            _table(doc, part.table, with_next=last or bool(part.more))
        if part.more:
            paragraph = _para(doc, more_text(part.more, part.page), before=3)
            paragraph.paragraph_format.keep_with_next = last
            if app_url:
                _run(paragraph, " Приложение МЦУ: ")
                _link(paragraph, app_url)
        chart = _chart(part, note)
        if chart is not None:
            figure += 1
            png, caption = chart
            doc.add_picture(io.BytesIO(png), width=Mm(CHART_MM))
            picture = doc.paragraphs[-1]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.space_before = Pt(12)
            picture.paragraph_format.keep_with_next = True
            _fonts(picture.runs[-1].element.get_or_add_rPr())
            _para(doc, f"Рисунок {figure}. {caption}", size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)

    _signature(doc, text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _chart(part: Section, note: Note) -> tuple[bytes, str] | None:
    """The picture a section gets, from its raw numbers, with its caption; None for a section without one."""
    data = part.data
    if data is None or data.empty:
        return None
    period = fmt_period(note.week.monday, note.week.sunday)
    if part.title == "Главные темы":
        png = bar_chart(
            [str(v) for v in data["Тема"]],
            [("эта неделя", list(data["Обращений"])), ("неделей раньше", list(data["Неделей раньше"]))],
        )
        return png, f"Главные темы: обращений за неделю {period} и неделей раньше"
    if part.title.startswith("Поселения с наибольшим"):
        rated = data[data["На 1 000 жителей"].notna()]
        if rated.empty:
            return None
        png = bar_chart(
            [str(v) for v in rated["Поселение"]], [("на 1 000 жителей", list(rated["На 1 000 жителей"]))], 1
        )
        return png, f"Обращений на 1 000 жителей за неделю {period}"
    return None


def _page(doc: Document) -> None:
    """A4 portrait with the margins of Russian office work, and the page number centred in the footer."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.tab_stops.clear_all()
    footer._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r>{_rpr(TABLE_PT)}<w:t>1</w:t></w:r></w:fldSimple>')
    )


def _one_font(doc: Document) -> None:
    """Times New Roman in every style, for every script, and nowhere any other font to fall back on.

    The template's styles take their fonts from the theme (Calibri, Cambria) and colour headings blue; the theme,
    the font table and the Word 2010 copy of the styles are rewritten or dropped, so neither Word nor LibreOffice
    meets another family.
    """
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = defaults.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        defaults.append(rpr)
    _fonts(rpr)
    rpr.get_or_add_sz().val = Pt(BODY_PT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "ru-RU")  # Russian spelling and hyphenation in Word
    spacing = styles.find(qn("w:docDefaults")).find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:  # the template's 10 pt after every paragraph and 1.15 lines
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:type")) == "numbering":
            continue
        rpr = style.get_or_add_rPr()
        _fonts(rpr)
        for colour in rpr.findall(qn("w:color")):
            rpr.remove(colour)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True
    for name in ("Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.size, style.font.bold, style.font.italic = Pt(BODY_PT), True, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(12), Pt(6)
        style.paragraph_format.keep_with_next = True
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(0)
    doc.styles["Footer"].font.size = Pt(TABLE_PT)
    math_font = doc.settings.element.find(qn("m:mathPr"))  # Cambria Math, and the note has no formulas
    if math_font is not None:
        doc.settings.element.remove(math_font)

    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.is_external:
            continue
        if rel.reltype == RT.THEME:
            # the theme's Latin fonts become ours; its per-script fallbacks (Arial and others) go
            blob = re.sub(rb'<a:font script="[^"]*" typeface="[^"]*"/>', b"", rel.target_part.blob)
            blob = re.sub(rb'<a:latin typeface="[^"]*"', f'<a:latin typeface="{FONT}"'.encode(), blob)
        elif rel.reltype == RT.FONT_TABLE:
            blob = FONT_TABLE.encode()
        elif rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)
            continue
        else:
            continue
        old = rel.target_part
        part.drop_rel(rid)
        part.relate_to(Part(old.partname, old.content_type, blob, old.package), rel.reltype)
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's picture of an empty page
            del package.rels[rid]


def _fonts(rpr) -> None:
    """Times New Roman for Latin, Cyrillic, East-Asian and complex scripts; theme fonts removed."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _rpr(size: int) -> str:
    fonts = " ".join(f'w:{a}="{FONT}"' for a in ("ascii", "hAnsi", "eastAsia", "cs"))
    return f'<w:rPr><w:rFonts {fonts}/><w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/></w:rPr>'


def _run(paragraph, words: str, size: int = BODY_PT, bold: bool = False):
    run = paragraph.add_run(words)
    run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    _fonts(run.element.get_or_add_rPr())
    return run


def _para(
    container,
    words: str,
    size: int = BODY_PT,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first_line: Length | None = None,
    left: Length | None = None,
    before: float = 0,
    after: float = 0,
):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if first_line is not None:
        fmt.first_line_indent = first_line
    if left is not None:
        fmt.left_indent = left
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    _run(paragraph, words, size, bold)
    return paragraph


def _heading(doc: Document, words: str) -> None:
    _run(doc.add_heading(level=2), words)


def _numbering(doc: Document) -> int:
    """A numbering «1.», «2.» … whose number stands at the paragraph indent, as typed; returns its numId."""
    numbering = doc.part.numbering_part.element
    abstracts = numbering.findall(qn("w:abstractNum"))
    abstract_id = max((int(a.get(qn("w:abstractNumId"))) for a in abstracts), default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="space"/>'
        f'<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="{FIRST_LINE.twips}"/>'
        f"</w:pPr>{_rpr(BODY_PT)}</w:lvl></w:abstractNum>"
    )
    if abstracts:
        abstracts[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    return numbering.add_num(abstract_id).numId


def _table(doc: Document, frame: pd.DataFrame, with_next: bool = False) -> None:
    """Borders, the header row bold and repeated on every page, numbers right and words left, 12 pt.

    Widths follow the content, measured in the document's font. A table of a few rows is kept on one page, and
    with what follows it when `with_next`.
    """
    columns = [str(c) for c in frame.columns]
    rows = [
        ["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in r]
        for r in frame.itertuples(index=False)
    ]
    widths = _widths(columns, rows)
    table = doc.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    keep = len(rows) <= KEEP_ROWS
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if i == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        values = columns if i == 0 else rows[i - 1]
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            if i == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif NUMBER_TEXT.fullmatch(value):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            # the header goes with the first row, the last rows with what follows when asked, a short table whole
            if i == 0 or (keep and i < len(rows)) or (with_next and i >= len(rows) - 1):
                paragraph.paragraph_format.keep_with_next = True
            _run(paragraph, value, TABLE_PT, bold=i == 0)


def _widths(columns: list[str], rows: list[list[str]], total: float = TEXT_MM) -> list[float]:
    """Column widths in mm that add up to `total`: none narrower than its longest word, the rest by content."""
    natural, least = [], []
    for j, name in enumerate(columns):
        values = [r[j] for r in rows]
        words = [_text_mm(w, True) for w in name.split(" ") if w] + [
            _text_mm(w) for v in values for w in v.split(" ") if w
        ]
        least.append(max(words, default=0) + PAD_MM)
        natural.append(max([least[-1]] + [_text_mm(v) + PAD_MM for v in values]))
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    slack = [n - m for n, m in zip(natural, least, strict=True)]
    over = sum(natural) - total
    if sum(slack) >= over:
        return [n - s * over / sum(slack) for n, s in zip(natural, slack, strict=True)]
    return [m * total / sum(least) for m in least]


@functools.cache
def _serif(bold: bool) -> ImageFont.FreeTypeFont | None:
    for path in SERIF_CANDIDATES:
        path = path.replace("-Regular.ttf", "-Bold.ttf").replace("Roman.ttf", "Roman_Bold.ttf") if bold else path
        if Path(path).exists():
            return ImageFont.truetype(path, 100)
    return None


def _text_mm(words: str, bold: bool = False) -> float:
    """How wide `words` print at TABLE_PT in Times New Roman, in mm (no-break spaces hold a number together)."""
    font = _serif(bold)
    if font is None:
        return len(words) * CHAR_MM
    return font.getlength(words) / 100 * TABLE_PT * 25.4 / 72


def _link(paragraph, url: str) -> None:
    """The address as a real hyperlink, underlined, in the document's font."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    fonts = " ".join(f'w:{a}="{FONT}"' for a in ("ascii", "hAnsi", "eastAsia", "cs"))
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}" w:history="1"><w:r><w:rPr><w:rFonts {fonts}/>'
            f'<w:color w:val="{LINK_COLOUR}"/><w:sz w:val="{BODY_PT * 2}"/><w:szCs w:val="{BODY_PT * 2}"/>'
            f'<w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{escape(url)}</w:t></w:r></w:hyperlink>'
        )
    )


def _signature(doc: Document, text: NoteText) -> None:
    """Who signs on the left, the place for the signature on the right of the last line, then the executor.

    One paragraph with a right tab stop rather than a table: LibreOffice keeps paragraphs together across a page
    break, not a table with the paragraph after it, and the signature must not be parted from the executor.
    """
    paragraph = _para(doc, "", before=30)
    fmt = paragraph.paragraph_format
    fmt.keep_together = fmt.keep_with_next = True
    fmt.tab_stops.add_tab_stop(Mm(TEXT_MM), WD_TAB_ALIGNMENT.RIGHT)
    _run(paragraph, SIGNER_LINES + "\t" + SIGNATURE)
    _para(doc, f"Исполнитель: {text.author or 'МЦУ'}", size=TABLE_PT, before=24).paragraph_format.keep_with_next = True
    _para(doc, NO_PERSONAL_DATA, size=TABLE_PT)


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
