"""The briefing as a Word draft (briefing.docx), laid out as a Chinese official document (GB/T 9704).

A4, text area 156 × 225 mm (top 37 mm, left 28 mm), title in 小标宋 2号 (22 pt), first-level headings
in 黑体, second-level in 楷体, body in 仿宋 3号 (16 pt). Word picks a Chinese face from the East-Asian
font attribute (`w:eastAsia`), not from `font.name`, so every style sets both.

Everything in the draft comes from the data it ran on: the title (place, plan, evaluation year), the
总体情况 counts, the bureau's claims checked, one section per area with its sentences (those that need
attention first), the figures with numbered captions, the gap table as a Word table, the regions and
the task ledger where given, and a closing 说明. The same input gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from analysis.assess.gap import check_claims
from analysis.assess.ledger import overdue_by_lead
from analysis.assess.rows import as_row, has_target, is_final, plan_of_table, records, row_places
from analysis.config import BUNDLED_SOURCE
from analysis.metadata.statuses import STATUSES, status_label
from analysis.rules.numbers import fmt
from analysis.rules.plans import PLANS, Plan, resolve_plan
from analysis.words.indicator import indicator_name, sentence
from analysis.words.method import method_text_zh
from analysis.words.overview import area_sentence, final_counts
from analysis.words.tasks import ledger_sentences
from analysis.words.titles import default_title as title_from_data
from analysis.write.display import display
from analysis.write.safeio import FIXED_TIMESTAMP, atomic_write_bytes, stable_zip

# GB/T 9704-2012: faces as government PCs have them, sizes in points (2号 22, 3号 16, 4号 14).
TITLE_FONT, HEADING1_FONT, HEADING2_FONT, BODY_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
TITLE_PT, BODY_PT, CAPTION_PT, TABLE_PT = 22, 16, 14, 10.5
LINE_PT = 28.95  # 225 mm ÷ 22 lines
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
FIGURE_WIDTH = Mm(155)
NUMERALS = "一二三四五六七八九十"
ATTENTION = ("lagging", "regressing", "not_achieved", "basically_achieved", "judge")
TABLE_COLUMNS = [("area", "领域"), ("name", "指标名称"), ("unit", "单位"), ("year", "年份"), ("actual", "实际值"),
                 ("target", "目标值"), ("gap", "尚差"), ("completion_pct", "完成度"), ("status_label", "评估结论")]
COLUMN_WIDTHS_MM = [18, 40, 14, 11, 15, 15, 12, 14, 17]  # 156 mm, the text width
NUMBER_COLUMNS = {"year", "actual", "target", "gap", "completion_pct"}


def _heading_number(i: int) -> str:
    return NUMERALS[i] if i < len(NUMERALS) else str(i + 1)


# ---------------------------------------------------------------- styles


def _set_fonts(style_or_run, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    """Latin and East-Asian faces (w:eastAsia), size, black; theme fonts removed so they cannot override."""
    font = style_or_run.font
    font.name = LATIN_FONT
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
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)


def _paragraph_style(doc, name: str, font: str, size: float, *, bold=False, align=None, indent=True, exact=True, before=0, after=0):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    if name not in ("Normal",):
        style.base_style = styles["Normal"]
    _set_fonts(style, font, size, bold)
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


def _setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], PAGE["right"]
    section.header_distance = section.footer_distance = Mm(15)
    _paragraph_style(doc, "Normal", BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph_style(doc, "Title", TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, exact=False, after=BODY_PT)
    # Title's default template style carries a bottom border and spacing: keep only ours.
    border = doc.styles["Title"].element.pPr.find(qn("w:pBdr"))
    if border is not None:
        doc.styles["Title"].element.pPr.remove(border)
    _paragraph_style(doc, "Heading 1", HEADING1_FONT, BODY_PT)
    _paragraph_style(doc, "Heading 2", HEADING2_FONT, BODY_PT)
    _paragraph_style(doc, "Caption", BODY_FONT, CAPTION_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, exact=False, after=6)
    _paragraph_style(doc, "图片", BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, exact=False, before=6)
    _paragraph_style(doc, "表格文字", BODY_FONT, TABLE_PT, indent=False, exact=False)
    _paragraph_style(doc, "资料来源", BODY_FONT, CAPTION_PT, indent=False, exact=False, after=6)


# ---------------------------------------------------------------- contents


def _plan_name(frame: pd.DataFrame, table: pd.DataFrame) -> Plan | None:
    """The plan: the one assess was told (table.attrs), else the frame's plan columns where the loader set
    them, else the one ending in the table's target year."""
    told = table.attrs.get("assess", {}).get("plan")
    if told:
        try:
            return resolve_plan(told)
        except ValueError:
            pass
    if "plan" in frame and frame["plan"].fillna("").ne("").any():
        first = frame[frame["plan"].fillna("").ne("")].iloc[0]
        if first["plan"] in PLANS:
            return PLANS[first["plan"]]
        base, end = first.get("plan_base_year"), first.get("plan_target_year")
        if pd.notna(base) and pd.notna(end) and int(end) > int(base):
            return Plan(str(first["plan"]), int(base), int(end))
    return plan_of_table(table)


def default_title(frame: pd.DataFrame, table: pd.DataFrame) -> str:
    """景德镇市“十四五”规划主要指标中期评估简报（2023年）, from the data: 总结评估 when the data year reaches the
    plan's target year, 中期评估 from 40 % of the period on, 年度监测 before (evaluation_kind)."""
    return title_from_data(table, _plan_name(frame, table), "简报")


def overall_sentences(frame: pd.DataFrame, table: pd.DataFrame) -> list[str]:
    """总体情况: how many indicators, how many with targets and in which status; the claims checked.

    Mid-term: "本次评估共4项指标，其中3项设有量化目标：已达到目标1项、滞后于序时进度2项；1项未设定量化目标。"
    Final: "本次评估共4项指标，其中3项设有目标；3个指标中完成2个、未完成1个，完成率66.7%；1项未设定量化目标。"
    """
    n = len(table)
    rows = records(table)
    targeted = [r for r in rows if has_target(r)]
    numeric = all(r["target"] is not None for r in targeted)
    regions = table["region"].nunique()
    # With several regions the counts are of region-indicators (昌江区的执业药师数 is one), said so.
    item = "个" if regions > 1 else "项"
    if regions > 1:
        text = (f"本次评估{regions}个地区共{table['indicator_id'].nunique()}项指标（{n}个地区指标），"
                f"其中{len(targeted)}个设有{'量化' if numeric else ''}目标")
    else:
        text = f"本次评估共{n}项指标，其中{len(targeted)}项设有{'量化' if numeric else ''}目标"
    final = [r for r in targeted if is_final(r) and r["actual"] is not None]
    midterm = [r for r in targeted if not is_final(r) and r["actual"] is not None]
    no_data = [r for r in targeted if r["actual"] is None]
    (final if final and not midterm else midterm).extend(no_data)
    if final:
        text += "；" + final_counts(final)
    if midterm:
        counts: dict[str, int] = {}
        for r in midterm:
            label = r["status_label"] or status_label(r["status"])
            counts[label] = counts.get(label, 0) + 1
        order = [status_label(s) for s in STATUSES]
        labels = [label for label in order if label in counts] + [label for label in counts if label not in order]
        text += ("；其余" if final else "：") + "、".join(f"{label}{counts[label]}{item}" for label in labels)
    untargeted = n - len(targeted)
    text += f"；{untargeted}{item}未设定量化目标。" if untargeted else "。"
    lines = [text]
    disputed = [r for r in rows if r.get("status_agrees") is False and r.get("reported_status")]
    if disputed:
        several = table["region"].nunique() > 1
        names = "、".join(indicator_name(r, several) for r in disputed)
        lines.append(f"部门自评与按数据测算的结论不一致的指标{len(disputed)}项：{names}，逐项说明见分领域情况，请核对。")
    claims = check_claims(frame, table)
    if len(claims):
        # 无目标值，仅作记录 and 仅作记录 are both records only.
        verdicts = claims["verdict"].str.extract(r"^(数据支持|数据不支持|无法核实)", expand=False).fillna("仅作记录")
        count = verdicts.value_counts()
        parts = [f"{k}{count[k]}项" for k in ("数据支持", "数据不支持", "无法核实", "仅作记录") if k in count]
        lines.append(f"报告中的{len(claims)}项定性表述经与数据核对：{'、'.join(parts)}。")
        for r, verdict in zip(claims.itertuples(), verdicts):
            if verdict in ("数据不支持", "无法核实"):
                lines.append(f"{r.name}：报告称“{r.claim}”，{r.verdict}。")
    return lines


def notes_paragraphs(table: pd.DataFrame, method: str = "cn") -> list[str]:
    """说明: the method the table was actually assessed with (table.attrs, as the xlsx 说明 sheet), the final
    verdicts, percentage points, the projection and the bureau's verdicts."""
    settings = dict(table.attrs.get("assess", {})) or {"method": method}
    lines = [line.strip("　 ") for line in method_text_zh(**settings).splitlines() if line.strip()]
    # The status line and its continuation lines read as one paragraph.
    merged: list[str] = []
    for line in lines:
        if merged and merged[-1].endswith("；"):
            merged[-1] += line
        else:
            merged.append(line)
    merged.append("“尚差”单位同指标单位，单位为%的指标以百分点计；期末评估中“距目标差”为期末实际值与目标值之差。"
                  "未设定量化目标或缺少实际值的指标不作判断，仅列出。")
    if table["projected"].notna().any() if "projected" in table else False:
        merged.append("“按目前增速，预计……”为按基期以来的速度延续到目标年份的预计值（数量类按复合增速，%和指数类按线性），"
                      "仅用于中期评估，供判断能否如期完成参考。")
    if "reported_status" in table and table["reported_status"].fillna("").ne("").any():
        merged.append("报送材料中的完成情况（部门自评）与按数据测算的结论逐项比对，不一致的在句末注明“请核对”。")
    return merged


def _ordered(part: pd.DataFrame) -> pd.DataFrame:
    """Rows needing attention first (in their table order), then the rest."""
    attention = part["status"].isin(ATTENTION)
    return pd.concat([part[attention], part[~attention]])


def _figures_of(figures: list[tuple], kind: str, indicator_id: str | None = None, region: str | None = None) -> list[Path]:
    """The PNGs of `kind` (for one indicator and region when given), in the pack's order."""
    return [
        Path(path)
        for k, ind, reg, path in figures
        if k == kind and (indicator_id is None or ind == indicator_id) and (region is None or reg == region)
    ]


class _Draft:
    def __init__(self, source: str):
        self.doc = Document()
        _setup(self.doc)
        self.source = source
        self.figure_no = 0
        self._style_ids: dict[str, str | None] = {}

    def style_id(self, name: str) -> str | None:
        """The paragraph style's id (None for the default style), looked up once per name: python-docx's own
        style setter searches every style for the default one on each call, which was most of the draft's time."""
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        return self._style_ids[name]

    def para(self, text: str = "", style: str = "Normal"):
        paragraph = self.doc.add_paragraph(text)
        paragraph._p.style = self.style_id(style)
        return paragraph

    def figure(self, path: Path, caption: str) -> None:
        self.figure_no += 1
        picture = self.para(style="图片")
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(str(path), width=FIGURE_WIDTH)
        self.para(f"图{self.figure_no}  {caption}", "Caption")

    def table(self, table: pd.DataFrame) -> None:
        rows = records(table)
        grid = self.doc.add_table(rows=1, cols=len(TABLE_COLUMNS))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        header = grid.rows[0]
        _repeat_header(header)
        style_id = self.style_id("表格文字")
        widths = [Mm(width) for width in COLUMN_WIDTHS_MM]
        for cell, (_, label), width in zip(header.cells, TABLE_COLUMNS, widths):
            self._cell(cell, label, WD_ALIGN_PARAGRAPH.CENTER, style_id, width, bold=True)
        for r in rows:
            places = row_places(r)
            added = grid.add_row()
            cells = added.cells
            for cell, (column, _), width in zip(cells, TABLE_COLUMNS, widths):
                value = r.get(column)
                if column == "completion_pct" and value is not None:
                    text = fmt(value, 1) + "%"
                elif column == "target" and value is not None:
                    text = _target_text(r, places)
                else:
                    text = display(column, value, places) if column in NUMBER_COLUMNS else (value or "")
                align = WD_ALIGN_PARAGRAPH.RIGHT if column in NUMBER_COLUMNS else WD_ALIGN_PARAGRAPH.LEFT
                self._cell(cell, str(text), align, style_id, width)
        for column, width in zip(grid.columns, widths):
            column.width = width  # w:gridCol, which LibreOffice follows (each cell's own width, for Word)

    @staticmethod
    def _cell(cell, text: str, align, style_id: str, width, bold: bool = False) -> None:
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.alignment = align
        run = paragraph.add_run(text)
        if bold:
            run.bold = True

    def save(self, path: Path) -> None:
        props = self.doc.core_properties
        props.author = props.last_modified_by = "indicator-gap"
        props.created = props.modified = props.last_printed = FIXED_TIMESTAMP
        props.revision = 1
        buffer = io.BytesIO()
        self.doc.save(buffer)
        atomic_write_bytes(path, stable_zip(buffer.getvalue()))


def _target_text(r: dict, places: int) -> str:
    """A target as the plan wrote it (target_text, where the loader keeps it), else >4, ≤0, 3.5.

    "≥" is the default reading of a bare target for a higher-is-better indicator, so it is not shown.
    """
    written = r.get("target_text")
    if isinstance(written, str) and written.strip():
        return written.strip()
    symbol = {">": ">", "<=": "≤", "<": "<"}.get(r.get("comparator") or "", "")
    return symbol + display("target", r["target"], places)


def _repeat_header(row) -> None:
    """Mark a table row as the header repeated at the top of every page (w:tblHeader).

    Rows are not also marked w:cantSplit: LibreOffice 7.4 then drops every row after the first when the
    table starts near a page's foot (seen on the bundled data); a row of this table is one or two lines."""
    trpr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


# ---------------------------------------------------------------- the draft


def write_briefing_docx(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    path,
    *,
    title: str | None = None,
    source: str = BUNDLED_SOURCE,
    figures=None,
    tasks: pd.DataFrame | None = None,
    regions_paragraph: str | None = None,
    method: str = "cn",
) -> Path:
    """Write the Word draft of the briefing to `path` (atomically; the same input gives the same bytes).

    `figures`: (kind, indicator_id, region, PNG path) of each figure the pack saved (briefing.plan_figures):
    the overview pages, each indicator's bullet graph and, with several regions, the rankings are embedded;
    `tasks`: a ledger from load_tasks; `regions_paragraph`: the text comparing regions.
    """
    path = Path(path)
    figures = list(figures or [])
    draft = _Draft(source)
    plan = _plan_name(frame, table)
    draft.para(title or default_title(frame, table), "Title")

    section = 0
    draft.para(f"{_heading_number(section)}、总体情况", "Heading 1")
    for line in overall_sentences(frame, table):
        draft.para(line)
    for _, _, region, overview in [f for f in figures if f[0] == "overview"]:
        draft.figure(Path(overview), f"{region}各指标目标完成情况总览")  # a page per region when several

    several = table["region"].nunique() > 1
    section += 1
    draft.para(f"{_heading_number(section)}、分领域情况", "Heading 1")
    for k, (_, part) in enumerate(table.groupby("area", sort=False, dropna=False)):
        area = part["area"].iloc[0] if isinstance(part["area"].iloc[0], str) and part["area"].iloc[0] else "未分类"
        draft.para(f"（{_heading_number(k)}）{area}", "Heading 2")
        draft.para(area_sentence(part, plan))
        for _, row in _ordered(part).iterrows():
            if not has_target(as_row(row)):
                continue
            text = sentence(row, plan)
            draft.para(f"{row['region']}：{text}" if several else text)
            for picture in _figures_of(figures, "bullet", row["indicator_id"], row["region"]):
                name = f"{row['name']}（{row['region']}）" if several else row["name"]
                draft.figure(picture, f"{name}目标完成情况")

    ranking = _figures_of(figures, "ranking")
    if several or regions_paragraph or ranking:
        section += 1
        draft.para(f"{_heading_number(section)}、地区比较", "Heading 1")
        if regions_paragraph:
            draft.para(regions_paragraph)
        for picture in ranking:
            draft.figure(picture, "各地区目标完成情况排名")

    if tasks is not None and len(tasks):

        section += 1
        draft.para(f"{_heading_number(section)}、重点任务推进情况", "Heading 1")
        for line in ledger_sentences(tasks):
            draft.para(line)
        late = overdue_by_lead(tasks)
        if len(late):
            draft.para("逾期任务按牵头单位：", "Heading 2")
            for r in late.itertuples():
                draft.para(f"{r.牵头单位}（{r.逾期任务数}项）：{r.逾期任务}。")

    section += 1
    draft.para(f"{_heading_number(section)}、目标差距表", "Heading 1")
    draft.para(f"表1  目标差距表（{len(table)}项指标）", "Caption")
    draft.table(table)
    draft.para(source, "资料来源")

    section += 1
    draft.para(f"{_heading_number(section)}、说明", "Heading 1")
    for line in notes_paragraphs(table, method):
        draft.para(line)
    if draft.figure_no:
        draft.para(f"图1至图{draft.figure_no}的资料来源均标注于图下方。" if draft.figure_no > 1 else "图1的资料来源标注于图下方。")
    draft.para(f"{source.rstrip('。')}。本稿由数据自动生成，引用前请核对原始数据。")
    draft.save(path)
    return path
