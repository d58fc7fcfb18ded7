"""A county-scale workbook for tests: 5 regions × 15 indicators × 2020–2024, targets for 2025, no 指标代码 column."""

from __future__ import annotations

from sheets import write_workbook

REGIONS = ("昌江区", "珠山区", "浮梁县", "乐平市", "高新区")

# (area, name, unit, 2020 value, yearly step, 2025 target text); each region shifts the level by its index.
INDICATORS = [
    ("质量提升", "制造业产品质量合格率", "%", 97.0, 0.3, "≥99"),
    ("质量提升", "食品抽检合格率", "%", 98.2, 0.2, "≥99.5"),
    ("质量提升", "品牌建设数量", "个", 10, 2, "≥25"),
    ("知识产权", "每万人口有效发明专利拥有量", "件", 4.0, 0.5, "≥8"),
    ("知识产权", "每万人口高价值发明专利拥有量", "件", 1.5, 0.3, ">4"),
    ("知识产权", "商标有效注册量", "件", 8000, 900, "≥12000"),
    ("市场主体", "市场主体数量", "万户", 5.0, 0.4, "≥7"),
    ("市场主体", "企业开办时间", "个工作日", 3.0, -0.5, "≤1"),
    ("市场主体", "新登记企业数", "户", 1200, 80, "≥1600"),
    ("安全监管", "食品安全事故", "起", 3, -0.5, "≤0"),
    ("安全监管", "药品抽检合格率", "%", 98.5, 0.25, "≥99"),
    ("安全监管", "特种设备万台事故率", "起/万台", 0.3, -0.05, "≤0.2"),
    ("药品安全", "每万人口执业药师数", "人", 2.0, 0.25, "≥3.5"),
    ("计量标准", "主导制定标准数", "项", 5, 1, "≥12"),
    ("计量标准", "消费者满意度", "分", 78.0, 1.0, "≥85"),
]
YEARS = (2020, 2021, 2022, 2023, 2024)


def regions_rows():
    header = ["地区", "领域", "指标名称", "单位", "属性"] + [f"{y}年" for y in YEARS] + ["2025年目标"]
    rows = [["景德镇市各县（市、区）“十四五”规划指标监测表"], header]
    for k, region in enumerate(REGIONS):
        for area, name, unit, start, step, target in INDICATORS:
            shift = (k - 2) * abs(step) * 0.8
            values = []
            for j, _ in enumerate(YEARS):
                v = start + shift + step * j * (1 + 0.3 * (k - 2))
                if unit == "%":
                    v = min(v, 99.9)
                values.append(round(max(v, 0), 2))
            rows.append([region, area, name, unit, "预期性"] + values + [target])
    return rows


def regions_workbook(path):
    return write_workbook(path, {"县区指标": regions_rows()}, {"县区指标": ["A1:K1"]})
