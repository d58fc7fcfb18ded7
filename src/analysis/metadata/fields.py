"""Every column an analyst reads, as data: its Chinese header, what it means, what kind of value it holds.

One edit here changes a column everywhere: the exported tables' headers, the xlsx 说明 sheet, the notebook
tables and the Word draft's table. Statuses (labels, symbols, colours) live beside this, in statuses.py.
"""

from __future__ import annotations

from dataclasses import dataclass

# The tidy frame returned by load_indicators(): one row per indicator, region, year and kind.
TIDY_COLUMNS = [
    "indicator_id",
    "region",
    "area",
    "name",
    "name_en",
    "unit",
    "direction",  # "higher" or "lower" is better
    "indicator_type",  # 约束性 / 预期性 / "" when unknown
    "year",
    "kind",  # one of KINDS
    "value",
    "comparator",  # for targets: ">=", ">", "<=", "<", "==" ("" for range and qualitative targets); also kept on
    # an actual written with a bound ("98%以上" → ">="), with a note; "" otherwise
    "claim",  # a claim the source makes without a number, e.g. 已提前达到2025年规划值
    "source",  # where the indicator comes from (a sentence of the report, a department)
    "note",
    "file",
    "sheet",
    "cell",
    "target_type",  # targets: "level", "cumulative", "annual_rate", "range" or "qualitative"; "" for other kinds
    "target_high",  # upper end of a "range" target (value holds the lower end); NaN otherwise
    "target_text",  # the target cell as written ("〔13.5〕", "稳步提高", "≥80"); "" for other kinds
    "reported_status",  # the source's own verdict (完成情况 / 评估结论 / 进展情况 column), "" if none
    "plan",  # the plan period the table was read with: "十四五", "十五五", … or "" when unknown
    "plan_base_year",  # Int64: its base year (from headers, the title or the plan= parameter)
    "plan_target_year",  # Int64: its target year
]

# Chinese headers for tidy-frame columns shown to analysts (notebook tables).
TIDY_HEADERS_ZH = {
    "indicator_id": "指标代码", "region": "地区", "area": "领域", "name": "指标名称", "unit": "单位",
    "year": "年份", "kind": "数值类别", "value": "数值", "comparator": "比较符", "note": "备注",
    "file": "文件", "sheet": "工作表", "cell": "单元格",
}

# Chinese headers for check_claims(): the source's own claims beside what the numbers say.
CLAIM_HEADERS_ZH = {"indicator_id": "指标代码", "region": "地区", "name": "指标名称", "claim": "报告表述",
                    "status_label": "评估结论", "verdict": "数据核对"}

KINDS = ("actual", "baseline", "target", "midterm_target")

KINDS = ("actual", "baseline", "target", "midterm_target")


@dataclass(frozen=True)
class Field:
    """One column of the gap table (schema of assess(), of every export)."""

    name: str  # the contract name (CSV header, frame column)
    header: str  # the Chinese header analysts read
    kind: str  # text, code (an English code for programs), value (in the indicator's unit, with its own
    #           decimals), percent (shown with `decimals` and "%"), ratio, year, flag (是/否)
    note: str  # what it means (the xlsx 说明 sheet)
    decimals: int | None = None  # fixed decimals when shown (None: the indicator's own, or none for text)


# The gap table returned by assess() and written by every export, in this order.
GAP_FIELDS = (
    Field('indicator_id', '指标代码', 'text', '指标的唯一编号。'),
    Field('region', '地区', 'text', '指标所属地区。'),
    Field('area', '领域', 'text', '指标所属的规划领域。'),
    Field('name', '指标名称', 'text', '规划文本中的指标名称。'),
    Field('unit', '单位', 'text', '指标的计量单位；单位为%的指标，“尚差”以百分点计。'),
    Field('year', '数据年份', 'year', '实际值所属年份（最新一年数据）。'),
    Field('actual', '实际值', 'value', '数据年份的实际值。'),
    Field('target_year', '目标年份', 'year', '规划目标所对应的年份。'),
    Field('target', '目标值', 'value', '规划目标值。'),
    Field('comparator', '目标比较符', 'text', '目标值的比较方式：>= 不低于，> 超过，<= 不高于，< 低于，== 达到。'),
    Field('baseline_year', '基期年份', 'year', '基期（规划起始）年份。'),
    Field('baseline', '基期值', 'value', '基期年份的实际值，用于计算目标进度和实际年均增速。'),
    Field('gap', '尚差', 'value', '实际值距目标值的差额，单位同指标单位。'),
    Field('completion_pct', '完成度(%)', 'percent', '实际值÷目标值×100%；越低越好的指标为目标值÷实际值×100%。', decimals=1),
    Field('achievement_pct', '目标进度(%)', 'percent', '从基期到目标已完成的进度：（实际值−基期值）÷（目标值−基期值）×100%。', decimals=1),
    Field('elapsed_pct', '序时进度(%)', 'percent', '规划期已经过去的时间比例：（数据年份−基期年份）÷（目标年份−基期年份）×100%。', decimals=1),
    Field('required_growth_pct', '所需年均增速(%)', 'percent', '从数据年份到目标年份，为达到目标每年需要的复合增速；%、百分点和指数类为每年需变化的点数（线性）；负数表示需要下降。', decimals=1),
    Field('actual_growth_pct', '实际年均增速(%)', 'percent', '从基期年份到数据年份的实际复合年均增速；%、百分点和指数类为年均变化的点数（线性）。', decimals=1),
    Field('status', '状态代码', 'code', '评估结论的英文代码，便于筛选和程序处理。'),
    Field('status_label', '评估结论', 'text', '评估结论，见下方图例。'),
    Field('direction', '指标方向', 'code', '越高越好（higher）或越低越好（lower）。'),
    Field('indicator_type', '指标属性', 'text', '约束性或预期性。'),
    Field('target_type', '目标类型', 'code', '目标类型：level 水平值、cumulative 累计值、annual_rate 年均增速、range 区间、qualitative 定性。'),
    Field('target_high', '目标上限', 'value', '区间目标的上限（目标值为下限）。'),
    Field('target_text', '目标原文', 'text', '规划表中目标的原文。'),
    Field('phase', '评估阶段', 'code', 'midterm 中期（数据年份早于目标年份）或 final 期末（达到或晚于目标年份）。'),
    Field('pace_ratio', '进度比', 'ratio', '进度比：目标进度÷序时进度（年均增速目标为实际年均增速÷目标增速）。', decimals=2),
    Field('projected', '期末预计值', 'value', '按基期以来的速度延续，目标年份的预计值（数量类按复合增速，%和指数类按线性）；仅中期评估。'),
    Field('projected_met', '预计能否达标', 'flag', '预计值能否达到目标。'),
    Field('reported_status', '报送完成情况', 'text', '报送材料中的完成情况原文。'),
    Field('status_agrees', '与报送结论一致', 'flag', '本表结论与报送完成情况是否一致（无报送结论时为空）。'),
)
GAP_FIELD = {f.name: f for f in GAP_FIELDS}
GAP_COLUMNS = [f.name for f in GAP_FIELDS]
GAP_HEADERS_ZH = {f.name: f.header for f in GAP_FIELDS}


def gap_columns(kind: str) -> tuple[str, ...]:
    """The gap-table columns of one kind, in table order: gap_columns("percent")."""
    return tuple(f.name for f in GAP_FIELDS if f.kind == kind)


TARGET_TYPES = ("level", "cumulative", "annual_rate", "range", "qualitative")
TARGET_TYPE_ZH = {"level": "水平值", "cumulative": "累计值", "annual_rate": "年均增速", "range": "区间", "qualitative": "定性"}
DIRECTION_ZH = {"higher": "越高越好", "lower": "越低越好"}
# The area of an indicator the workbook gives none: one word in sentences, pivots, charts and the Word draft.
NO_AREA_ZH = "其他"
