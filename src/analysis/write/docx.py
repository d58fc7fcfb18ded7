"""The report as a Word draft (briefing.docx), laid out as a Chinese official document (GB/T 9704; the page,
styles, title lines, page numbers and table sizing are in write/docx_layout.py).

Everything in the draft comes from the data it ran on: the title (place, plan, 中期评估 / 总结评估 / 年度监测
报告, year, broken between phrases), a 主送 line, 总体情况 (the same sentence as summary.md), then for one
region a section per area with every indicator's sentence (those that need attention first) and, for several
regions, 各地区比较 (the status grid, who leads and who lags, each indicator's ranking) and one section per
region with its own short table; the task ledger where given; 说明; the 落款 (unit and date for the analyst
to fill in); the gap table as an attachment. The same input gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from analysis.assess.gap import check_claims
from analysis.assess.rows import as_row, has_target, plan_of_table, records, row_places
from analysis.metadata.fields import NO_AREA_ZH
from analysis.rules.numbers import fmt
from analysis.rules.plans import PLANS, Plan, resolve_plan
from analysis.words.indicator import indicator_name, one_line, sentence
from analysis.words.method import method_text_zh
from analysis.words.overview import area_sentence, overall_sentence
from analysis.words.regions import (
    area_counts_sentence,
    leaders_sentence,
    ranking_sentences,
    region_sentence,
    spread_sentence,
    tables_pointer_sentence,
    warnings_sentence,
)
from analysis.words.tasks import ledger_sentences
from analysis.words.titles import title_phrases as words_title_phrases
from analysis.words.titles import source_note, workbook_titles
from analysis.write.display import display
from analysis.write.docx_layout import BODY_PT, FIGURE_WIDTH, add_table, setup, title_lines
from analysis.write.safeio import FIXED_TIMESTAMP, atomic_write_bytes, stable_zip

NUMERALS = "一二三四五六七八九十"
ATTENTION = ("lagging", "regressing", "not_achieved", "basically_achieved", "judge")
OTHER_AREA = NO_AREA_ZH  # the charts' word for indicators without an area
TABLE_COLUMNS = [("region", "地区"), ("name", "指标名称"), ("unit", "单位"), ("year", "年份"), ("actual", "实际值"),
                 ("target", "目标值"), ("gap", "尚差"), ("completion_pct", "完成度"), ("status_label", "评估结论")]
NUMBER_COLUMNS = {"year", "actual", "target", "gap", "completion_pct"}
WRAP_COLUMNS = {"name"}
ADDRESSEE = "主送：（请填写主送机关）"
SIGNATURE = ("（请填写发文单位）", "（请填写成文日期：××××年××月××日）")


def _heading_number(i: int) -> str:
    return NUMERALS[i] if i < len(NUMERALS) else str(i + 1)


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


def title_phrases(frame: pd.DataFrame, table: pd.DataFrame, place: str | None = None) -> list[str]:
    """景德镇市 / “十四五”规划 / 主要指标 / 中期评估报告 / （2023年）, from the data: 总结评估 when the data year
    reaches the plan's target year, 中期评估 from 40 % of the period on, 年度监测 before (evaluation_kind); the
    place a multi-region workbook's title names (景德镇市各县（市、区）)."""
    return words_title_phrases(table, _plan_name(frame, table), place=place, titles=workbook_titles(frame))


def default_title(frame: pd.DataFrame, table: pd.DataFrame, place: str | None = None) -> str:
    return "".join(title_phrases(frame, table, place))


def overall_sentences(frame: pd.DataFrame, table: pd.DataFrame) -> list[str]:
    """总体情况: the counts (words.overview.overall_sentence, as summary.md), the bureau's verdicts disputed by
    the data, and the claims checked."""
    rows = records(table)
    lines = [overall_sentence(table, _plan_name(frame, table))]
    disputed = [r for r in rows if r.get("status_agrees") is False and r.get("reported_status")]
    if disputed:
        several = table["region"].nunique() > 1
        names = "、".join(indicator_name(r, several) for r in disputed)
        lines.append(f"部门自评与按数据测算的结论不一致的指标{len(disputed)}项：{names}，逐项说明见下文，请核对。")
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


def _area(value) -> str:
    return value if isinstance(value, str) and value else OTHER_AREA


def _figures_of(figures: list[tuple], kind: str, indicator_id: str | None = None, region: str | None = None) -> list[Path]:
    """The PNGs of `kind` (for one indicator and region when given), in the pack's order."""
    return [
        Path(path)
        for k, ind, reg, path in figures
        if k == kind and (indicator_id is None or ind == indicator_id) and (region is None or reg == region)
    ]


def _cell_text(r: dict, column: str, places: int) -> str:
    value = r.get(column)
    if column == "completion_pct" and value is not None:
        return fmt(value, 1) + "%"
    if column == "target" and value is not None:
        return _target_text(r, places)
    if column in NUMBER_COLUMNS:
        return str(display(column, value, places))
    return one_line(str(value or ""))


def _target_text(r: dict, places: int) -> str:
    """A target as the plan wrote it (target_text, where the loader keeps it), else >4, ≤0, 3.5.

    "≥" is the default reading of a bare target for a higher-is-better indicator, so it is not shown.
    """
    written = r.get("target_text")
    if isinstance(written, str) and written.strip():
        return one_line(written.strip())
    symbol = {">": ">", "<=": "≤", "<": "<"}.get(r.get("comparator") or "", "")
    return symbol + display("target", r["target"], places)


class _Draft:
    def __init__(self, source: str):
        self.doc = Document()
        setup(self.doc)
        self.source = source
        self.figure_no = 0
        self.table_no = 0
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

    def title(self, lines: list[str]) -> None:
        """The title, its lines broken where title_lines chose (a line break, not a new paragraph)."""
        paragraph = self.para(style="Title")
        for k, line in enumerate(lines):
            run = paragraph.add_run(line)
            if k < len(lines) - 1:
                run.add_break()

    def figure(self, path: Path, caption: str) -> None:
        self.figure_no += 1
        picture = self.para(style="图片")
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(str(path), width=FIGURE_WIDTH)
        below = self.para(f"图{self.figure_no}  {caption}", "Caption")
        # The Caption style keeps with the next paragraph (a table's caption stands above it); a figure's stands
        # below, and chaining it to the next figure pushed runs of figures onto fresh pages, leaving half-empty ones.
        below.paragraph_format.keep_with_next = False

    def table(self, table: pd.DataFrame, caption: str, columns=TABLE_COLUMNS) -> None:
        """The gap table (or a region's part of it) as a Word table, a 领域 row above each area's indicators."""
        self.table_no += 1
        self.para(f"表{self.table_no}  {caption}", "Caption")
        body: list[tuple[str, list[str]]] = []
        for area, part in table.groupby(table["area"].map(_area), sort=False):
            if table["area"].map(_area).nunique() > 1 or area != OTHER_AREA:
                body.append(("group", [area]))
            for r in records(part):
                places = row_places(r)
                body.append(("row", [_cell_text(r, c, places) for c, _ in columns]))
        numbers = {j for j, (c, _) in enumerate(columns) if c in NUMBER_COLUMNS}
        wrap = {j for j, (c, _) in enumerate(columns) if c in WRAP_COLUMNS}
        add_table(self.doc, [label for _, label in columns], body, numbers=numbers, wrap=wrap,
                  style_id=self.style_id("表格文字"))

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def save(self, path: Path) -> None:
        props = self.doc.core_properties
        props.author = props.last_modified_by = "indicator-gap"
        props.created = props.modified = props.last_printed = FIXED_TIMESTAMP
        props.revision = 1
        buffer = io.BytesIO()
        self.doc.save(buffer)
        atomic_write_bytes(path, stable_zip(buffer.getvalue()))


# ---------------------------------------------------------------- the draft


def _gap_columns(several: bool) -> list[tuple[str, str]]:
    return TABLE_COLUMNS if several else [c for c in TABLE_COLUMNS if c[0] != "region"]


def _indicator_paragraphs(draft: _Draft, part: pd.DataFrame, plan, figures) -> None:
    """A sentence for every indicator with data or a target (those needing attention first), its bullet graph."""
    for _, row in _ordered(part).iterrows():
        r = as_row(row)
        if r["actual"] is None and not has_target(r):
            continue
        draft.para(sentence(row, plan))
        for picture in _figures_of(figures, "bullet", row["indicator_id"], row["region"]):
            draft.figure(picture, f"{row['name']}目标完成情况")


def _areas_section(draft: _Draft, number: str, table: pd.DataFrame, plan, figures) -> None:
    draft.para(f"{number}、分领域情况", "Heading 1")
    for k, (area, part) in enumerate(table.groupby(table["area"].map(_area), sort=False)):
        draft.para(f"（{_heading_number(k)}）{area}", "Heading 2")
        draft.para(area_sentence(part.assign(area=area), plan))  # 其他, the heading's and the charts' word
        _indicator_paragraphs(draft, part, plan, figures)


def _comparison_section(draft: _Draft, number: str, table: pd.DataFrame, plan, figures, extra: str | None) -> None:
    """各地区比较: the status grid, who leads and who lags, each indicator's ranking with its chart."""
    draft.para(f"{number}、各地区比较", "Heading 1")
    for line in (leaders_sentence(table), warnings_sentence(table), extra):
        if line:
            draft.para(line)
    grids = _figures_of(figures, "grid")
    for k, picture in enumerate(grids, 1):
        part = f"（{k}/{len(grids)}）" if len(grids) > 1 else ""
        draft.figure(picture, f"各地区各指标评估结论{part}")
    names = dict(zip(table["indicator_id"], table["name"].map(lambda v: one_line(str(v)))))
    for ind, text in ranking_sentences(table, plan):
        draft.para(text)
        for picture in _figures_of(figures, "ranking", ind):
            draft.figure(picture, f"各地区{names[ind]}目标完成情况排名")


def _regions_section(draft: _Draft, number: str, table: pd.DataFrame, plan, figures) -> None:
    """分地区情况: per region its counts, its overview page, a short table and the sentences needing attention."""
    draft.para(f"{number}、分地区情况", "Heading 1")
    short = [c for c in TABLE_COLUMNS if c[0] not in ("region", "year")]
    for k, (region, part) in enumerate(table.groupby("region", sort=False)):
        draft.para(f"（{_heading_number(k)}）{region}", "Heading 2")
        draft.para(region_sentence(part))
        for picture in _figures_of(figures, "overview", region=region):
            draft.figure(picture, f"{region}各指标目标完成情况总览")
        years = sorted({int(y) for y in part["year"].dropna()})
        when = f"（{years[-1]}年）" if len(years) == 1 else ""
        draft.table(part, f"{region}主要指标完成情况{when}", short)
        attention = part[part["status"].isin(ATTENTION)]
        for _, row in attention.iterrows():
            draft.para(sentence(row, plan))


def _areas_counts_section(draft: _Draft, number: str, table: pd.DataFrame) -> None:
    """Many regions: 分领域情况 as one paragraph of counts per area."""
    draft.para(f"{number}、分领域情况", "Heading 1")
    for area, part in table.groupby(table["area"].map(_area), sort=False):
        draft.para(area_counts_sentence(part.assign(area=area)))


def _comparison_many(draft: _Draft, number: str, table: pd.DataFrame, figures, extra: str | None) -> None:
    """Many regions: the counts by area × status (and the grid pages), then per indicator one sentence, its
    distribution and its top / bottom ranking; the per-region detail is left to the tables (one sentence)."""
    draft.para(f"{number}、各地区比较", "Heading 1")
    if extra:
        draft.para(extra)
    grids = _figures_of(figures, "grid")
    counts = [p for p in grids if p.stem.startswith("status_counts")]
    pages = [p for p in grids if p not in counts]
    for picture in counts:
        draft.figure(picture, "各领域评估结论统计" if picture.stem == "status_counts" else "各地区评估结论统计")
    for k, picture in enumerate(pages, 1):
        draft.figure(picture, "各地区各指标评估结论" + (f"（{k}/{len(pages)}）" if len(pages) > 1 else ""))
    for ind, part in table.groupby("indicator_id", sort=False):
        text = spread_sentence(part)
        if not text:
            continue
        draft.para(text).paragraph_format.keep_with_next = True  # with its distribution figure
        name = one_line(str(part["name"].iloc[0]))
        for picture in _figures_of(figures, "distribution", ind):
            draft.figure(picture, f"各地区{name}分布")
        for picture in _figures_of(figures, "ranking", ind):
            draft.figure(picture, f"{name}排名前后的地区")
    draft.para(tables_pointer_sentence(table["region"].nunique(), len(table)))


def _tasks_section(draft: _Draft, number: str, tasks: pd.DataFrame) -> None:
    draft.para(f"{number}、重点任务推进情况", "Heading 1")
    for line in ledger_sentences(tasks):
        draft.para(line)


def _closing(draft: _Draft, number: str, table: pd.DataFrame, method: str, signature, attach: bool = True) -> None:
    """说明, the attachment note, the 落款 (unit and date for the analyst to fill in), then the attachment
    (`attach` False with many regions: the full table is in tables/, said in 各地区比较)."""
    draft.para(f"{number}、说明", "Heading 1")
    for line in notes_paragraphs(table, method):
        draft.para(line)
    if draft.figure_no:
        draft.para(f"图1至图{draft.figure_no}的资料来源均标注于图下方。" if draft.figure_no > 1 else "图1的资料来源标注于图下方。")
    draft.para(f"{draft.source.rstrip('。')}。本稿由数据自动生成，引用前请核对原始数据。")
    draft.para()
    if attach:
        draft.para(f"附件：目标差距表（{len(table)}项指标）")
        draft.para()
    for line in signature:
        paragraph = draft.para(line, "落款")
        paragraph.paragraph_format.right_indent = Pt(BODY_PT * 4)
    if not attach:
        return
    draft.page_break()
    draft.para("附件", "附件标记")
    several = table["region"].nunique() > 1
    if several:  # each indicator's regions together, to be compared down the column
        order = {ind: k for k, ind in enumerate(dict.fromkeys(table["indicator_id"]))}
        table = table.sort_values("indicator_id", key=lambda ids: ids.map(order), kind="stable")
    draft.table(table, f"目标差距表（{len(table)}项指标）", _gap_columns(several))
    draft.para(draft.source, "资料来源")


def write_briefing_docx(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    path,
    *,
    title: str | None = None,
    source: str | None = None,
    figures=None,
    tasks: pd.DataFrame | None = None,
    regions_paragraph: str | None = None,
    method: str = "cn",
    place: str | None = None,
    addressee: str = ADDRESSEE,
    signature: tuple[str, ...] = SIGNATURE,
    many_regions: bool = False,
) -> Path:
    """Write the Word draft of the report to `path` (atomically; the same input gives the same bytes).

    `figures`: (kind, indicator_id, region, PNG path) of each figure the pack saved (briefing.plan_figures):
    the overview pages, each indicator's bullet graph and, with several regions, the status grid and the
    rankings are embedded; `tasks`: a ledger from load_tasks; `regions_paragraph`: more text comparing regions;
    `place`: the place the title names (by default the one region, or the place the workbook's title names);
    `addressee`, `signature`: the 主送 line and the 落款 lines (placeholders the analyst fills in by default);
    `many_regions` (a province or the nation, pack/plan.py's Scale.many): 总体情况, the areas as counts, one
    sentence per indicator with its distribution and top / bottom figures, a pointer to tables/ instead of the
    per-region sections and the attached gap table, so the draft's cost follows the indicators, not the regions.
    """
    path = Path(path)
    figures = list(figures or [])
    files = list(dict.fromkeys(frame["file"].dropna())) if "file" in frame else []
    draft = _Draft(source_note(files, source))
    plan = _plan_name(frame, table)
    draft.title([title] if title else title_lines(title_phrases(frame, table, place)))
    draft.para(addressee, "主送")
    numbers = iter(NUMERALS)
    several = table["region"].nunique() > 1
    draft.para(f"{next(numbers)}、总体情况", "Heading 1")
    for line in [overall_sentence(table, plan)] if many_regions else overall_sentences(frame, table):
        draft.para(line)
    if many_regions:
        _areas_counts_section(draft, next(numbers), table)
        _comparison_many(draft, next(numbers), table, figures, regions_paragraph)
    elif several:
        _comparison_section(draft, next(numbers), table, plan, figures, regions_paragraph)
        _regions_section(draft, next(numbers), table, plan, figures)
    else:
        for _, _, _, overview in [f for f in figures if f[0] == "overview"]:
            draft.figure(Path(overview), "各指标目标完成情况总览")
        _areas_section(draft, next(numbers), table, plan, figures)
        if regions_paragraph:
            draft.para(regions_paragraph)
    if tasks is not None and len(tasks):
        _tasks_section(draft, next(numbers), tasks)
    _closing(draft, next(numbers), table, method, signature, attach=not many_regions)
    draft.save(path)
    return path
