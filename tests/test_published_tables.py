"""What the suite reads from published plan targets (tests/published_tables.py), checked by hand.

Both sources state their 2025 targets in sentences; the builders keep the sources' words cell by
cell. Expectations below are written from those words, not from the loader:
"88%以上" is ≥ 88 in %, "1个工作日内" is ≤ 1 in 个工作日 (a lower-is-better indicator), "大于90%" is > 90 in %,
"约1000万张" is 1000 in 万张 with a note that the target is approximate. Neither source gives a base
value. The title of the county table names "十四五", so the plan is 十四五 (base 2020, target 2025).

These used to be strict xfails (every unit-in-cell target an error against the empty unit, "约1000万张"
"not a number", the public-service table's merged "来源：…" row read as a tenth indicator); the loader
now reads them all (README, Reading workbooks; tests/test_reading_rules.py for each rule on its own).
"""

import math

import pytest

from analysis.read.loader import read_indicators
from published_tables import county_market_regulation_targets, public_service_plan_targets

# (name as written, cell, value, comparator, unit) — from the source sentence, by hand.
COUNTY = [
    ("企业平均开办时间", "C3", 1.0, "<=", "个工作日"),  # 压缩到1个工作日内
    ("全县市场主体数", "C4", 1.96, ">=", "万户"),  # 达到1.96万户
    ("食品检验量", "C5", 5.0, ">=", "批次/千人"),  # 达5批次/千人以上
    ("全县社会公众食品安全满意度", "C6", 88.0, ">=", "%"),  # 达到88%以上
    ("药械化抽检合格率", "C7", 90.0, ">=", "%"),  # 达到90%以上
    ("公共服务质量满意度", "C8", 75.0, ">=", "%"),  # 达到75%以上
    ("消费者投诉举报按时办结率", "C9", 95.0, ">=", "%"),  # 达到95%
    ("每万人口发明专利拥有量", "C10", 1.0, ">=", "件"),  # 达到1件以上
    ("商标有效注册量", "C11", 1600.0, ">=", "件"),  # 达到1600件以上
]

PUBLIC = [
    ("学前教育毛入园率", "B3", 90.0, ">", "%"),  # 将大于90%
    ("高中阶段教育毛入学率", "B4", 92.0, ">", "%"),  # 大于92%
    ("每千人口拥有3岁以下婴幼儿托位数", "B5", 4.5, ">=", "个"),  # 4.5个
    ("人均预期寿命", "B6", 78.3, ">=", "岁"),  # 达78.3岁
    ("养老机构护理型床位占比", "B7", 55.0, ">=", "%"),  # 达55%
    ("新建城区、居住（小）区配套建设养老服务设施达标率", "B8", 100.0, ">=", "%"),  # 100%
    ("基本养老保险参保率", "B9", 95.0, ">=", "%"),  # 达95%
    ("养老服务床位总量", "B10", 1000.0, ">=", "万张"),  # 约1000万张 (approximate)
    ("人均体育场地面积", "B11", 2.6, ">=", "平方米"),  # 2.6平方米
]


def _row(frame, name):
    rows = frame[(frame["name"] == name) & (frame["kind"] == "target")]
    assert len(rows) == 1, (name, rows)
    return rows.iloc[0]


@pytest.fixture
def county(tmp_path):
    return read_indicators(county_market_regulation_targets(tmp_path / "维西县市场监管实施方案目标.xlsx"))


@pytest.fixture
def public(tmp_path):
    return read_indicators(public_service_plan_targets(tmp_path / "十四五公共服务规划目标.xlsx"))


# ---- county market-regulation targets (维政发〔2024〕60号) ----

def test_county_targets_rows_names_cells_and_plan(county):
    """Read right today: the nine rows, names as written, their cells, the plan from the title."""
    frame = county.frame
    assert list(frame["name"]) == [name for name, *_ in COUNTY]  # the 来源 row is no indicator
    assert list(frame["cell"]) == [cell for _, cell, *_ in COUNTY]
    assert set(frame["kind"]) == {"target"} and set(frame["year"]) == {2025}
    assert set(frame["plan"]) == {"十四五"}
    assert set(frame["plan_base_year"]) == {2020} and set(frame["plan_target_year"]) == {2025}


def test_county_targets_values_units_and_bounds(county):
    """No 单位 column: each target cell's own unit is the row's unit, noted at the cell."""
    assert county.ok, [f"{p.cell} {p.found}" for p in county.errors]
    for name, cell, value, comparator, unit in COUNTY:
        row = _row(county.frame, name)
        assert (row["cell"], row["value"], row["comparator"], row["unit"]) == (cell, value, comparator, unit), name
        assert row["target_type"] == "level", name
        assert row["note"] == f"单位取自目标单元格 {cell}", name


def test_county_business_startup_time_is_an_upper_bound(county):
    row = _row(county.frame, "企业平均开办时间")
    assert (row["value"], row["comparator"], row["direction"]) == (1.0, "<=", "lower")


# ---- national 十四五 public-service plan targets (Xinhua report) ----

def test_public_service_targets_names_as_written(public):
    """Read right today: names keep their full-width brackets and 、; the cells; the target year."""
    frame = public.frame
    named = frame[frame["name"].isin([name for name, *_ in PUBLIC])]
    assert list(named["name"]) == [name for name, *_ in PUBLIC]
    assert list(named["cell"]) == [cell for _, cell, *_ in PUBLIC]
    assert set(named["year"]) == {2025} and set(named["kind"]) == {"target"}


def test_public_service_source_row_is_not_an_indicator(public):
    assert public.frame["name"].nunique() == 9
    assert not public.frame["name"].str.startswith("来源").any()


def test_public_service_values_comparators_units(public):
    assert public.ok, [f"{p.cell} {p.found}" for p in public.errors]
    for name, cell, value, comparator, unit in PUBLIC:
        row = _row(public.frame, name)
        assert (row["value"], row["comparator"], row["unit"]) == (value, comparator, unit), name
    beds = _row(public.frame, "养老服务床位总量")
    assert beds["target_text"] == "约1000万张" and "约" in beds["note"]  # approximate: number kept, noted


def test_public_service_targets_are_never_silently_dropped(public):
    """Read right today: each of the nine target cells either gives a number or an error at its own cell."""
    errors = {p.cell for p in public.errors}
    for name, cell, *_ in PUBLIC:
        row = _row(public.frame, name)
        assert not math.isnan(row["value"]) or cell in errors, (name, cell)


def test_public_service_region_comes_from_the_file_name_and_says_so(tmp_path):
    """A national plan whose title names no place: the region is the file name, and validate says so."""
    from analysis.words.validation import summary

    path = public_service_plan_targets(tmp_path / "十四五公共服务规划目标.xlsx")
    read = read_indicators(path)
    assert set(read.frame["region"]) == {"十四五公共服务规划目标"}
    assert "地区：表中没有地区列，标题中也没有地名，地区取自文件名“十四五公共服务规划目标”" in summary(read)
    given = read_indicators(path, regions={str(path): "全国"})
    assert set(given.frame["region"]) == {"全国"} and "取自文件名" not in summary(given)
