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
}

# Status codes, in the order they are shown (best first), with their Chinese labels.
STATUS_LABELS = {
    "achieved": "已达到目标",
    "ahead": "快于序时进度",
    "on_track": "符合序时进度",
    "lagging": "滞后于序时进度",
    "regressing": "逆向变化",
    "not_achieved": "尚未达到目标",
    "no_target": "无量化目标",
    "no_data": "无数据",
}
STATUSES = tuple(STATUS_LABELS)

# How a comparator reads in Chinese sentences and tables.
COMPARATOR_ZH = {">=": "不低于", ">": "超过", "<=": "不高于", "<": "低于", "==": "达到"}

DIRECTION_ZH = {"higher": "越高越好", "lower": "越低越好"}

PLAN_BASE_YEAR = 2020
PLAN_TARGET_YEAR = 2025
