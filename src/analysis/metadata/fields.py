"""The column contracts shared by the loader, the assessment, the charts and the exports.

Everything an analyst reads about a column (its Chinese header) or a status (its Chinese label)
is defined here once, so tables, charts and sentences always say the same thing.
"""

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

# The gap table returned by assess() and written by every export, in this order.
GAP_COLUMNS = [
    "indicator_id",
    "region",
    "area",
    "name",
    "unit",
    "year",
    "actual",
    "target_year",
    "target",
    "comparator",
    "baseline_year",
    "baseline",
    "gap",
    "completion_pct",
    "achievement_pct",
    "elapsed_pct",
    "required_growth_pct",
    "actual_growth_pct",
    "status",
    "status_label",
    # appended (issue 9): what the judgement rests on, the plan phase, the pace and the anticipated value
    "direction",  # "higher" / "lower" is better, as assessed
    "indicator_type",  # 约束性 / 预期性 / ""
    "target_type",  # level / cumulative / annual_rate / range / qualitative
    "target_high",  # upper bound of a range target (target holds the lower bound), NaN otherwise
    "target_text",  # the target cell as written
    "phase",  # "midterm" (data year before the target year) or "final" (at or after it)
    "pace_ratio",  # 进度比: achievement_pct ÷ elapsed_pct (annual_rate: actual ÷ target rate)
    "projected",  # value at the target year if the pace since the base year continues (midterm only)
    "projected_met",  # whether `projected` meets the target (boolean, NA when unknown)
    "reported_status",  # the bureau's own verdict, as written
    "status_agrees",  # our status vs reported_status (boolean, NA when there is none or it cannot be read)
]

# Chinese headers for the exported tables (the CSV keeps the English contract names).
GAP_HEADERS_ZH = {
    "indicator_id": "指标代码",
    "region": "地区",
    "area": "领域",
    "name": "指标名称",
    "unit": "单位",
    "year": "数据年份",
    "actual": "实际值",
    "target_year": "目标年份",
    "target": "目标值",
    "comparator": "目标比较符",
    "baseline_year": "基期年份",
    "baseline": "基期值",
    "gap": "尚差",
    "completion_pct": "完成度(%)",
    "achievement_pct": "目标进度(%)",
    "elapsed_pct": "序时进度(%)",
    "required_growth_pct": "所需年均增速(%)",
    "actual_growth_pct": "实际年均增速(%)",
    "status": "状态代码",
    "status_label": "评估结论",
    "direction": "指标方向",
    "indicator_type": "指标属性",
    "target_type": "目标类型",
    "target_high": "目标上限",
    "target_text": "目标原文",
    "phase": "评估阶段",
    "pace_ratio": "进度比",
    "projected": "期末预计值",
    "projected_met": "预计能否达标",
    "reported_status": "报送完成情况",
    "status_agrees": "与报送结论一致",
}

# Status codes, in the order they are shown (best first), with their Chinese labels.
STATUS_LABELS = {
    "achieved": "已达到目标",
    "basically_achieved": "基本完成",  # final phase only, within the `basically_band`
    "ahead": "快于序时进度",
    "on_track": "符合序时进度",
    "lagging": "滞后于序时进度",
    "regressing": "逆向变化",
    "not_achieved": "尚未达到目标",
    "judge": "需人工判断",  # qualitative target the direction rule cannot decide
    "no_target": "无量化目标",
    "no_data": "无数据",
}
STATUSES = tuple(STATUS_LABELS)

# Plan phases: before the target year (中期) and at or after it (期末 / 总结评估).
PHASES = ("midterm", "final")
PHASE_ZH = {"midterm": "中期", "final": "期末"}
# In the final phase a verdict is final: 完成 / 基本完成 / 未完成.
FINAL_STATUS_LABELS = {"achieved": "完成", "basically_achieved": "基本完成", "not_achieved": "未完成"}

TARGET_TYPES = ("level", "cumulative", "annual_rate", "range", "qualitative")
TARGET_TYPE_ZH = {"level": "水平值", "cumulative": "累计值", "annual_rate": "年均增速", "range": "区间", "qualitative": "定性"}


def status_label(status: str, phase: str = "midterm") -> str:
    """The Chinese label of a status in a phase: achieved is 已达到目标 mid-term, 完成 at the plan's end."""
    if phase == "final" and status in FINAL_STATUS_LABELS:
        return FINAL_STATUS_LABELS[status]
    return STATUS_LABELS[status]

# How a comparator reads in Chinese sentences and tables.
COMPARATOR_ZH = {">=": "不低于", ">": "超过", "<=": "不高于", "<": "低于", "==": "达到"}

DIRECTION_ZH = {"higher": "越高越好", "lower": "越低越好"}

