"""What the suite reads from two published plan indicator boxes (tests/published_tables.py).

Expectations are written by hand from the boxes as printed: the bare 2025年 column holds the targets,
2020年 the base, 〔〕 a five-year cumulative value, the unit sits in brackets after the name.
"""

import math

from analysis.loader import read_indicators
from published_tables import ip_plan_box, outline_box


def cell(frame, name, kind):
    rows = frame[(frame["name"] == name) & (frame["kind"] == kind)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_fourteenth_plan_outline_box(tmp_path):
    result = read_indicators(outline_box(tmp_path / "纲要专栏1.xlsx"))
    assert result.ok, [str(p) for p in result.errors]
    frame = result.frame
    assert frame["name"].nunique() == 12  # the 注 and 来源 rows are no indicators
    assert set(frame["plan"]) == {"十四五"}
    # Names as printed (numbering removed, full-width brackets and Ⅲ kept), units from the brackets.
    doctors = cell(frame, "每千人口拥有执业（助理）医师数", "target")
    assert (doctors["unit"], doctors["value"], doctors["year"]) == ("人", 3.2, 2025)
    assert cell(frame, "地表水达到或好于Ⅲ类水体比例", "baseline")["value"] == 83.4
    assert cell(frame, "国内生产总值（GDP）增长", "baseline")["unit"] == "%"
    # Categories merged down their rows are the areas.
    assert cell(frame, "城镇调查失业率", "target")["area"] == "民生福祉"
    # 2020年 is the base, "60.6*" is 60.6 with its mark noted (the mark says: 2019 data).
    urban = cell(frame, "常住人口城镇化率", "baseline")
    assert (urban["year"], urban["value"]) == (2020, 60.6) and "“*”" in urban["note"]
    # Targets of every form in the box.
    gdp = cell(frame, "国内生产总值（GDP）增长", "target")
    assert (gdp["target_type"], math.isnan(gdp["value"]), gdp["target_text"]) == ("qualitative", True, "保持在合理区间、各年度视情提出")
    assert cell(frame, "全员劳动生产率增长", "target")["target_type"] == "qualitative"  # 高于GDP增长
    rd = cell(frame, "全社会研发经费投入增长", "target")  # ">7、力争…" in the 年均/累计 column
    assert (rd["target_type"], rd["value"], rd["comparator"]) == ("annual_rate", 7.0, ">")
    assert math.isnan(cell(frame, "全社会研发经费投入增长", "baseline")["value"])  # "—"
    energy = cell(frame, "单位GDP能源消耗降低", "target")
    assert (energy["target_type"], energy["value"], energy["target_text"]) == ("cumulative", 13.5, "〔13.5〕")
    life = cell(frame, "人均预期寿命", "target")
    assert (life["target_type"], life["value"]) == ("cumulative", 1.0)  # 〔1〕: one more year over five
    jobless = cell(frame, "城镇调查失业率", "target")
    assert (jobless["value"], jobless["comparator"], jobless["direction"]) == (5.5, "<", "lower")
    grain = cell(frame, "粮食综合生产能力", "target")
    assert (grain["value"], grain["comparator"], grain["unit"]) == (6.5, ">", "亿吨")
    # 10 numeric targets + 2 qualitative ones = the 12 rows.
    targets = frame[frame["kind"] == "target"]
    assert targets["value"].notna().sum() == 10 and (targets["target_type"] == "qualitative").sum() == 2


def test_ip_protection_plan_box(tmp_path):
    result = read_indicators(ip_plan_box(tmp_path / "知识产权规划.xlsx"))
    assert result.ok, [str(p) for p in result.errors]
    frame = result.frame
    assert frame["name"].nunique() == 8 and set(frame["plan"]) == {"十四五"}
    assert sorted(frame.loc[frame["kind"] == "target", "value"]) == [7.5, 9, 12, 13, 82, 85, 3200, 3500]
    assert set(frame["indicator_type"]) == {"预期性"}
    # 11.6① is 11.6 (NFKC would have made it 11.61), with the mark noted at its cell.
    dense = cell(frame, "专利密集型产业增加值占GDP比重", "baseline")
    assert (dense["value"], dense["unit"], dense["cell"]) == (11.6, "%", "B7")
    assert any(p.cell == "B7" and "①" in p.found for p in result.problems)
    assert cell(frame, "版权产业增加值占GDP比重", "baseline")["value"] == 7.39
    assert cell(frame, "知识产权使用费年进出口总额", "baseline")["value"] == 3194.4
    assert cell(frame, "海外发明专利授权量", "target")["unit"] == "万件"
