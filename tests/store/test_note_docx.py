"""The weekly note's DOCX as an official note to the Head of the district, parsed back and printed by LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from PIL import Image

from mcu_data.core import periods
from mcu_data.reports import documents, note_edits, weekly_note
from mcu_data.roadmaps import measures
from mcu_data.store import Store

TODAY = date(2026, 11, 26)
WEEK = periods.last_complete_week(TODAY)  # 16.11–22.11.2026
GENERATED = datetime(2026, 12, 1, 9, 30)
URL = "http://localhost:8501"
TIMES = "Times New Roman"
# a number, a percent, a signed percent or a dash, as the note writes them (no-break spaces inside)
NUMBER = re.compile(r"[+−±-]?\d{1,3}(\u00a0\d{3})*(,\d+)?(\u00a0%)?|—")
ADDED_MEASURES = 12  # due this week: with the sample's own, «Дорожные карты» has more than the 10 rows a table shows


@pytest.fixture
def noted(sample_store: Store) -> tuple[weekly_note.Note, int]:
    """The note of a week with more measures due than a table shows, and how many rows its «и ещё» must name."""
    before = next(s for s in weekly_note.build(sample_store, WEEK, TODAY).sections if s.title == "Дорожные карты")
    assert before.more == 0
    for i in range(ADDED_MEASURES):
        measures.create(
            sample_store,
            measures.Measure(
                title=f"Проверка освещения, участок {i + 1}",
                theme_codes=["roads"],
                settlement_oktmos=[],
                official="тест",
                start_date=WEEK.monday - timedelta(days=30),
                deadline=WEEK.sunday,
            ),
            by="тест",
        )
    note = replace(weekly_note.build(sample_store, WEEK, TODAY), generated=GENERATED)
    # each added measure is listed twice: its deadline falls in the week, and by TODAY it has passed undone
    return note, len(before.table) + 2 * ADDED_MEASURES - weekly_note.TABLE_ROWS


@pytest.fixture
def note(noted) -> weekly_note.Note:
    return noted[0]


def _docx(note: weekly_note.Note, text: note_edits.NoteText | None = None, app_url: str = URL):
    return Document(io.BytesIO(documents.to_docx(note, text, app_url=app_url)))


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _after(doc, heading: str) -> list:
    """The paragraphs between a heading and the next heading."""
    out, inside = [], False
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            if inside:
                break
            inside = p.text == heading
        elif inside:
            out.append(p)
    return out


def test_page_is_a4_portrait_with_office_margins(note):
    section = _docx(note).sections[0]
    assert (section.page_width.mm, section.page_height.mm) == (pytest.approx(210, abs=0.1), pytest.approx(297, abs=0.1))
    assert section.page_width < section.page_height
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert [round(m.mm, 1) for m in margins] == [30.0, 15.0, 20.0, 20.0]


def test_one_font_family_everywhere(note):
    data = documents.to_docx(note, app_url=URL)
    doc = Document(io.BytesIO(data))
    parts = [doc.element.body, *(s.footer._element for s in doc.sections)]
    runs = [r for part in parts for r in part.iter(qn("w:r"))]
    assert len(runs) > 100
    for r in runs:
        fonts = r.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert {a: fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == dict.fromkeys(
            ("ascii", "hAnsi", "eastAsia", "cs"), TIMES
        ), "".join(r.itertext())
    for style in doc.styles.element.iter(qn("w:style")):
        if style.get(qn("w:type")) == "numbering":
            continue
        fonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:cs")) == TIMES
        assert not any("Theme" in a or "theme" in a for a in fonts.attrib), style.get(qn("w:styleId"))
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:hAnsi")) == TIMES
    for name in ("Heading 1", "Heading 2"):
        style = doc.styles[name]
        assert style.font.bold and style.font.color.rgb in (None, (0, 0, 0)) and style.font.color.theme_color is None
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels")))
    assert b"Calibri" not in xml and b"Cambria" not in xml and b"Arial" not in xml


def test_body_text_is_14_pt_and_tables_12_pt(note):
    doc = _docx(note)
    small = ("Рисунок", "Исполнитель:", "Персональные данные")
    body = [p for p in doc.paragraphs if p.text.strip() and not p.text.startswith(small)]
    assert len(body) > 20
    for p in body:
        assert {r.font.size.pt for r in p.runs if r.text} == {14.0}, p.text
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert {r.font.size.pt for p in cells for r in p.runs if r.text} == {12.0}


def test_addressee_title_and_number(note, sample_store: Store):
    doc = _docx(note)
    addressee, name = doc.paragraphs[0], doc.paragraphs[1]
    assert (addressee.text, name.text) == ("Главе муниципального района Борский", "__________________")
    assert addressee.paragraph_format.left_indent.mm > 80  # the block at the top right
    texts = [p.text for p in doc.paragraphs]
    i = texts.index("Аналитическая записка")
    assert texts[i + 1] == "о работе с обращениями граждан за неделю 16.11–22.11.2026"
    assert texts[i + 2] == "№ ____ от 1 декабря 2026 г."
    assert all(doc.paragraphs[k].alignment == WD_ALIGN_PARAGRAPH.CENTER for k in (i, i + 1, i + 2))
    assert not any(".." in t for t in texts)
    numbered = replace(note_edits.generated(note), number="МЦУ-47")
    assert "№ МЦУ-47 от 1 декабря 2026 г." in [p.text for p in _docx(note, numbered).paragraphs]
    assert doc.core_properties.title == weekly_note.title(note)


def test_summary_and_proposals_are_the_texts_words(note):
    generated = note_edits.generated(note)
    assert generated.proposals  # the sample week has proposals to number
    doc = _docx(note)
    summary = _after(doc, "Краткое содержание")
    assert [p.text for p in summary] == generated.summary == [s.text for s in note.summary]
    for p in summary:
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert p.paragraph_format.first_line_indent.mm == pytest.approx(12.5, abs=0.1)
    proposals = _after(doc, "Предложения")
    assert [p.text for p in proposals] == generated.proposals
    numbering = doc.part.numbering_part.element
    for p in proposals:
        num_id = p._p.pPr.numPr.numId.val
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(
            a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id
        )
        level = abstract.find(qn("w:lvl"))
        assert level.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
        assert level.find(qn("w:lvlText")).get(qn("w:val")) == "%1."
    assert len({p._p.pPr.numPr.numId.val for p in proposals}) == 1  # one list: 1, 2, 3 …

    edited = note_edits.NoteText(
        summary=["Неделя спокойная.", "Сроки соблюдены."], proposals=[], author="Иванова И. И."
    )
    doc = _docx(note, edited)
    assert [p.text for p in _after(doc, "Краткое содержание")] == ["Неделя спокойная.", "Сроки соблюдены."]
    assert [p.text for p in _after(doc, "Предложения")] == ["Предложений нет."]
    assert "Исполнитель: Иванова И. И." in [p.text for p in doc.paragraphs]


def test_tables_right_align_numbers_and_repeat_their_header(note):
    doc = _docx(note)
    assert len(doc.tables) == len(note.sections)
    for table, section in zip(doc.tables, note.sections, strict=True):
        assert [c.text for c in table.rows[0].cells] == list(section.table.columns)
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r.font.bold for c in header.cells for p in c.paragraphs for r in p.runs if r.text)
        for row in table.rows[1:]:
            for c in row.cells:
                want = WD_ALIGN_PARAGRAPH.RIGHT if NUMBER.fullmatch(c.text) else WD_ALIGN_PARAGRAPH.LEFT
                assert c.paragraphs[0].alignment == want, c.text
    totals = {r.cells[0].text: r.cells[1] for r in doc.tables[0].rows[1:]}
    assert totals["Обращений за неделю"].text == str(note.figures["total"])
    assert totals["Обращений за неделю"].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    deadlines = {r.cells[0].text: r.cells[1] for r in doc.tables[5].rows[1:]}
    judged = note.figures["on_time"] + note.figures["late"] + note.figures["open_past_due"]
    assert deadlines["Ответы в срок"].text.endswith(f"из {judged}")
    assert deadlines["Ответы в срок"].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT  # words, not a number
    themes = next(s for s in note.sections if s.title == "Главные темы").data
    assert [int(r.cells[1].text) for r in doc.tables[2].rows[1:]] == list(themes["Обращений"])
    assert [int(r.cells[2].text) for r in doc.tables[2].rows[1:]] == list(themes["Неделей раньше"])
    for table in doc.tables:
        widths = [c.width.mm for c in table.rows[0].cells]
        assert sum(widths) == pytest.approx(165, abs=0.5)  # the text width: nothing runs into the margin


def test_footer_numbers_every_page(note):
    doc = _docx(note)
    section = doc.sections[0]
    assert not section.different_first_page_header_footer
    footer = section.footer.paragraphs[0]
    assert footer.alignment == WD_ALIGN_PARAGRAPH.CENTER
    simple = [f.get(qn("w:instr")) for f in footer._p.iter(qn("w:fldSimple"))]
    codes = [t.text for t in footer._p.iter(qn("w:instrText"))]
    assert any(code.split()[0] == "PAGE" for code in simple + codes if code.strip())


def test_two_charts_with_captions(note):
    doc = _docx(note)
    assert len(doc.inline_shapes) == 2
    for shape in doc.inline_shapes:
        assert shape.width.mm == pytest.approx(160, abs=0.5)
    captions = [p.text for p in doc.paragraphs if p.text.startswith("Рисунок")]
    assert captions == [
        "Рисунок 1. Главные темы: обращений за неделю 16.11–22.11.2026 и неделей раньше",
        "Рисунок 2. Обращений на 1 000 жителей за неделю 16.11–22.11.2026",
    ]
    pictures = [p for p in doc.paragraphs if p._p.findall(".//" + qn("w:drawing"))]
    for picture in pictures:
        following = picture._p.getnext()
        assert "".join(following.itertext()).startswith("Рисунок")
        assert picture.paragraph_format.keep_with_next
    images = [r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/image")]
    assert [i.content_type for i in images] == ["image/png", "image/png"]
    for image in images:
        png = Image.open(io.BytesIO(image.blob))
        assert png.width >= 1800  # 16 cm at 300 dpi: sharp on paper
        dark = sum(1 for px in png.convert("L").getdata() if px < 60)
        assert dark > 2000  # the labels and numbers are dark ink, not pale grey


def test_capped_section_says_how_many_more_and_links_the_app(noted):
    note, more = noted
    capped = next(s for s in note.sections if s.title == "Дорожные карты")
    assert (capped.more, len(capped.table)) == (more, 10)
    doc = _docx(note)
    table = doc.tables[[s.title for s in note.sections].index("Дорожные карты")]
    assert len(table.rows) == 1 + 10
    line = table._tbl.getnext()
    paragraph = next(p for p in doc.paragraphs if p._p is line)
    assert paragraph.text == (
        f"…и ещё {capped.more}: весь список — на странице «Дорожные карты». Приложение МЦУ: {URL}"
    )
    assert [h.address for h in paragraph.hyperlinks] == [URL]
    rel = next(r for r in doc.part.rels.values() if r.is_external and r.target_ref == URL)
    assert rel.reltype.endswith("/hyperlink")

    offline = _docx(note, app_url="")
    lines = [p for p in offline.paragraphs if p.text.startswith("…и ещё")]
    assert [p.text for p in lines] == [f"…и ещё {capped.more}: весь список — на странице «Дорожные карты»."]
    assert not lines[0].hyperlinks


def test_signature_and_executor_close_the_note(note):
    doc = _docx(note)
    texts = [_flat(p.text) for p in doc.paragraphs if p.text.strip()]
    assert texts[-3:] == [
        "Руководитель аппарата администрации муниципального района Борский (куратор МЦУ) "
        "_____________ / ______________",
        "Исполнитель: МЦУ",
        "Персональные данные заявителей в записке не приводятся.",
    ]
    signer = next(p for p in doc.paragraphs if p.text.startswith("Руководитель аппарата"))
    assert signer.text.split("\t")[1] == "_____________ / ______________"  # on the right, at a tab stop
    stop = signer.paragraph_format.tab_stops[0]
    assert stop.alignment == WD_TAB_ALIGNMENT.RIGHT and stop.position.mm == pytest.approx(165, abs=0.5)
    assert signer.paragraph_format.keep_together and signer.paragraph_format.keep_with_next


def test_libreoffice_prints_it_on_a4(note, tmp_path):
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if not (soffice and pdfinfo):
        pytest.fail(
            "Нет soffice или pdfinfo: установите libreoffice-writer-nogui и poppler-utils (make test делает это сам)"
        )
    path = tmp_path / "note.docx"
    path.write_bytes(documents.to_docx(note, app_url=URL))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",  # its own profile: no lock shared with other runs
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "note.pdf"
    info = subprocess.run([pdfinfo, pdf], check=True, capture_output=True, text=True, timeout=60).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 2 <= pages <= 12
    sizes = subprocess.run(
        [pdfinfo, "-f", "1", "-l", str(pages), pdf], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    found = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", sizes, re.M)
    assert len(found) == pages
    assert all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in found)
    text = _flat(subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout)
    assert _flat(note.summary[0].text) in text
    assert "Исполнитель: МЦУ" in text and "Аналитическая записка" in text
    fonts = subprocess.run(["pdffonts", pdf], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert names and all(n.startswith(("TimesNewRoman", "LiberationSerif")) for n in names), names
