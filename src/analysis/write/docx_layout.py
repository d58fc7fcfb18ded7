"""Layout of the Word draft (GB/T 9704-2012): page, styles, the title's lines, page numbers, tables sized from
their contents.

A4, text area 156 × 225 mm (top 37 mm, left 28 mm), title in 小标宋 2号 (22 pt), first-level headings in 黑体,
second-level in 楷体, body in 仿宋 3号 (16 pt), page numbers in 4号 宋体 "— 1 —" (odd pages right, even pages
left, one character in from the edge). Word picks a Chinese face from the East-Asian font attribute
(`w:eastAsia`), not from `font.name`, so every style sets both.
"""

from __future__ import annotations

import itertools
import unicodedata

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

# GB/T 9704-2012: faces as government PCs have them, sizes in points (2号 22, 3号 16, 4号 14, 五号 10.5).
TITLE_FONT, HEADING1_FONT, HEADING2_FONT, BODY_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
TITLE_PT, BODY_PT, CAPTION_PT, PAGE_NUMBER_PT = 22, 16, 14, 14
TABLE_SIZES_PT = (10.5, 9.0, 7.5)  # 五号, 小五, 六号: the largest at which the table's text columns stay readable
LINE_PT = 28.95  # 225 mm ÷ 22 lines
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH_MM = 156
FIGURE_WIDTH = Mm(155)
CELL_MARGIN_TWIPS = 57  # 1 mm each side (Word's default is 1.9 mm)
MM_PER_PT = 25.4 / 72
# Widths in em of the narrow characters a table holds (Times New Roman); everything else is taken as 1 em.
NARROW_EM = {**dict.fromkeys("0123456789", 0.5), ".": 0.25, ",": 0.25, ":": 0.28, ";": 0.28, " ": 0.25,
             "%": 0.833, "-": 0.333, "+": 0.564, "/": 0.278, "(": 0.333, ")": 0.333, "<": 0.564, ">": 0.564,
             "=": 0.564, "*": 0.5}
SAFETY = 1.08  # renderers differ by a few per cent; a column a little wider never wraps


# ---------------------------------------------------------------- measuring


def text_em(text: str) -> float:
    """Width of one line of text in em: CJK and full-width characters 1, digits ½, Latin letters about ½."""
    total = 0.0
    for ch in str(text):
        if ch in NARROW_EM:
            total += NARROW_EM[ch]
        elif ch.isascii():
            total += 0.72 if ch.isupper() else 0.5
        else:
            total += 0.5 if unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0
    return total


def text_mm(text: str, size_pt: float) -> float:
    return text_em(text) * size_pt * MM_PER_PT * SAFETY


def title_lines(phrases: list[str], size_pt: float = TITLE_PT, width_mm: float = TEXT_WIDTH_MM) -> list[str]:
    """The title broken only between phrases (GB/T 9704 标题回行: words stay whole, lines balanced): the fewest
    lines that fit, and of those the split whose longest line is shortest."""
    if not phrases:
        return []
    best = None
    for cuts in itertools.product((False, True), repeat=len(phrases) - 1):
        lines, current = [], phrases[0]
        for cut, phrase in zip(cuts, phrases[1:]):
            if cut:
                lines.append(current)
                current = phrase
            else:
                current += phrase
        lines.append(current)
        longest = max(text_mm(line, size_pt) for line in lines)
        fits = longest <= width_mm
        key = (not fits, len(lines), longest)
        if best is None or key < best[0]:
            best = (key, lines)
    return best[1]


# ---------------------------------------------------------------- styles


def set_fonts(style_or_run, east_asian: str, size: float | None = None, bold: bool | None = None,
              latin: str = LATIN_FONT) -> None:
    """Latin and East-Asian faces (w:eastAsia), size, black; theme fonts removed so they cannot override."""
    font = style_or_run.font
    font.name = latin
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def paragraph_style(doc, name: str, font: str, size: float, *, bold=False, align=None, indent=True, exact=True,
                    before=0, after=0):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    if name != "Normal":
        style.base_style = styles["Normal"]
    set_fonts(style, font, size, bold)
    fmt = style.paragraph_format
    fmt.first_line_indent = Pt(size * 2) if indent else Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        fmt.alignment = align
    return style


def setup(doc) -> None:
    """Page, margins, the styles the draft uses, and the page numbers."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], PAGE["right"]
    section.header_distance = section.footer_distance = Mm(15)
    paragraph_style(doc, "Normal", BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style(doc, "Title", TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, exact=False,
                    after=BODY_PT)
    # Title's default template style carries a bottom border and spacing: keep only ours.
    border = doc.styles["Title"].element.pPr.find(qn("w:pBdr"))
    if border is not None:
        doc.styles["Title"].element.pPr.remove(border)
    paragraph_style(doc, "Heading 1", HEADING1_FONT, BODY_PT)
    paragraph_style(doc, "Heading 2", HEADING2_FONT, BODY_PT)
    paragraph_style(doc, "Caption", BODY_FONT, CAPTION_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, exact=False,
                    after=6)
    paragraph_style(doc, "图片", BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, exact=False, before=6)
    paragraph_style(doc, "表格文字", BODY_FONT, TABLE_SIZES_PT[0], indent=False, exact=False)
    paragraph_style(doc, "资料来源", BODY_FONT, CAPTION_PT, indent=False, exact=False, after=6)
    paragraph_style(doc, "主送", BODY_FONT, BODY_PT, indent=False)
    paragraph_style(doc, "落款", BODY_FONT, BODY_PT, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "附件标记", HEADING1_FONT, BODY_PT, indent=False)
    for name in ("Heading 1", "Heading 2", "Caption"):
        doc.styles[name].paragraph_format.keep_with_next = True
    page_numbers(doc, section)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (w:fldChar begin / instrText / separate / result / end), which Word and LibreOffice update."""
    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_numbers(doc, section) -> None:
    """"— 1 —" in 4号 宋体: odd pages at the right, even pages at the left, one character in (GB/T 9704 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            fmt.left_indent = Pt(PAGE_NUMBER_PT)
        paragraph.add_run("— ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" —")
        for run in paragraph.runs:
            set_fonts(run, PAGE_NUMBER_FONT, PAGE_NUMBER_PT, latin=PAGE_NUMBER_FONT)


# ---------------------------------------------------------------- tables


def column_widths_mm(header: list[str], rows: list[list[str]], wrap: set[int], size_pt: float,
                     width_mm: float = TEXT_WIDTH_MM) -> list[float] | None:
    """Widths that hold every cell of a column on one line, except the `wrap` columns (names), which share what
    is left in proportion to their longest cell; None when the names would get fewer than 5 characters."""
    margin = 2 * CELL_MARGIN_TWIPS / 56.7
    need = [max([text_mm(h, size_pt)] + [text_mm(r[j], size_pt) for r in rows if j < len(r)]) + margin
            for j, h in enumerate(header)]
    fixed = sum(w for j, w in enumerate(need) if j not in wrap)
    left = width_mm - fixed
    if not wrap:
        return need if left >= 0 else None
    floor = text_mm("字" * 5, size_pt) + margin
    wanted = sum(need[j] for j in wrap)
    widths = list(need)
    for j in wrap:
        widths[j] = min(need[j], left * need[j] / wanted) if wanted > left else need[j]
    if any(widths[j] < min(floor, need[j]) for j in wrap):
        return None
    spare = width_mm - sum(widths)
    if spare > 0:  # the table spans the text width: the spare goes to the name columns
        for j in wrap:
            widths[j] += spare / len(wrap)
    return widths


def fit_table(header: list[str], rows: list[list[str]], wrap: set[int]) -> tuple[float, list[float]]:
    """The largest of 五号 / 小五 / 六号 at which the table fits the text width, and its column widths (mm)."""
    for size in TABLE_SIZES_PT:
        widths = column_widths_mm(header, rows, wrap, size)
        if widths is not None:
            return size, widths
    size = TABLE_SIZES_PT[-1]
    need = [max([text_mm(h, size)] + [text_mm(r[j], size) for r in rows]) for j, h in enumerate(header)]
    scale = TEXT_WIDTH_MM / sum(need)
    return size, [w * scale for w in need]


def _cell_margins(table) -> None:
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblpr.append(margins)


def _row_flag(row, name: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def add_table(doc, header: list[str], body: list[tuple[str, list[str]]], *, numbers: set[int], wrap: set[int],
              style_id: str | None) -> object:
    """A Word table: `body` holds ("row", cells) and ("group", [label]) rows (a label across the whole width).

    Columns sized from their contents (fit_table), numbers right-aligned, the header row repeated on every page,
    rows kept whole (w:cantSplit on body rows; see keep_rows_whole)."""
    cells = [c for kind, c in body if kind == "row"]
    size, widths = fit_table(header, cells, wrap)
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _cell_margins(grid)
    lengths = [Mm(w) for w in widths]
    _row_flag(grid.rows[0], "tblHeader")
    for cell, label, width in zip(grid.rows[0].cells, header, lengths):
        _cell(cell, label, WD_ALIGN_PARAGRAPH.CENTER, style_id, width, size, bold=True)
    for kind, values in body:
        row = grid.add_row()
        _row_flag(row, "cantSplit")
        if kind == "group":
            merged = row.cells[0].merge(row.cells[-1])
            _cell(merged, values[0], WD_ALIGN_PARAGRAPH.LEFT, style_id, Mm(sum(widths)), size, bold=True)
            continue
        for j, (cell, value, width) in enumerate(zip(row.cells, values, lengths)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if j in numbers else WD_ALIGN_PARAGRAPH.LEFT
            _cell(cell, value, align, style_id, width, size)
    for column, width in zip(grid.columns, lengths):
        column.width = width  # w:gridCol, which LibreOffice follows (each cell's own width, for Word)
    return grid


def _cell(cell, text: str, align, style_id: str | None, width, size: float, bold: bool = False) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    if bold:
        run.bold = True
