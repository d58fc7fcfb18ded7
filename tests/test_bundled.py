"""The bundled workbook reproduces the mid-term report's numbers and claims."""

import re

import pytest

from analysis import config
from analysis.assess.gap import assess, check_claims
from analysis.read.loader import load_indicators, read_indicators

SEED = config.PROJECT_ROOT.parent / "shared" / "seed"


@pytest.fixture(scope="module")
def frame():
    return load_indicators(config.BUNDLED_WORKBOOK)


@pytest.fixture(scope="module")
def table(frame):
    return assess(frame).set_index("indicator_id")


def test_bundled_workbook_validates_without_errors():
    result = read_indicators(config.BUNDLED_WORKBOOK)
    assert result.ok, result.errors
    # 22 indicators of section 一(一) plus licensed pharmacists per 10k.
    assert result.frame["indicator_id"].nunique() == 23
    assert set(result.frame["area"]) == {"优化营商环境", "市场安全监管", "质量强省基础", "知识产权保护运用"}
    assert set(result.frame["region"]) == {"景德镇市"}


def test_report_numbers(table):
    pharmacists = table.loc["pharmacists_per_10k"]
    assert (pharmacists["actual"], pharmacists["target"], pharmacists["gap"]) == (2.5, 3.5, 1.0)
    assert round(pharmacists["completion_pct"], 1) == 71.4
    standards = table.loc["public_measurement_standards"]
    assert (standards["actual"], standards["target"], standards["completion_pct"]) == (62, 80, 77.5)
    patents = table.loc["invention_patents_per_10k"]
    assert round(patents["completion_pct"], 1) == 88.6 and patents["gap"] == 1.25
    high_value = table.loc["high_value_patents_per_10k"]
    assert (high_value["comparator"], high_value["target"], high_value["status"]) == (">", 4.0, "not_achieved")
    # Percentages as shown in the report, from percentage-formatted cells.
    assert table.loc["food_inspection_pass_rate", "actual"] == 97.4
    assert table.loc["drug_inspection_pass_rate", "actual"] == 99.64
    assert table.loc["public_service_quality_satisfaction", "actual"] == 82.16
    assert table.loc["online_approval_rate", "actual"] == 100
    assert table.loc["special_equipment_deaths", "actual"] == 0
    # Only the four targets the report states; none invented.
    assert sorted(table.index[table["target"].notna()]) == [
        "high_value_patents_per_10k", "invention_patents_per_10k", "pharmacists_per_10k", "public_measurement_standards"
    ]
    assert table["baseline"].isna().all()


def test_trademark_claims_are_recorded_not_turned_into_targets(frame, table):
    claims = check_claims(frame, assess(frame)).set_index("indicator_id")
    for trademark in ("valid_trademarks", "trademarks_per_10k_entities"):
        assert claims.loc[trademark, "claim"] == "已提前达到2025年规划值"
        assert claims.loc[trademark, "verdict"].startswith("无法核实")
        assert table.loc[trademark, "status"] == "no_target"
    assert claims.loc["pharmacists_per_10k", "verdict"] == "数据支持：尚差1.0人，完成度71.4%"


@pytest.mark.skipif(not SEED.exists(), reason="the seed report is in ../shared/seed/ beside the checkout")
def test_every_bundled_value_appears_in_the_report(frame):
    text = "".join(p.read_text("utf-8") for p in SEED.glob("*.txt"))
    present = frame[frame["value"].notna() & (frame["indicator_id"] != "special_equipment_deaths")]
    for row in present.itertuples():
        number = f"{row.value:g}"
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text), (row.name, number)
        assert row.source in text  # the quoted sentence is the report's own


def test_supporting_figures_are_the_reports():
    from analysis.read.loader import load_supporting_figures

    figures = load_supporting_figures().set_index("item")
    assert figures.loc["执业药师总数", "value"] == 410
    assert figures.loc["已注册执业药师数", "value"] == 406
    assert figures.loc["专利质押融资金额", ["value", "unit", "year"]].tolist() == [10.185, "亿元", 2022]
    assert figures.loc["“智慧监管”平台入驻率", "qualifier"] == "以上"
    if SEED.exists():
        text = "".join(p.read_text("utf-8") for p in SEED.glob("*.txt"))
        for sentence in figures["source"]:
            assert sentence in text


def test_units_are_as_written_and_none_is_invented(frame):
    # The report gives 制造业质量竞争力指数 no unit; its row has "—" in the base and target cells. A missing
    # marker is no unit: the unit stays empty (a sentinel "\0" once leaked through here as the unit).
    units = dict(zip(frame["name"].astype(str), frame["unit"].astype(str)))
    assert units["制造业质量竞争力指数"] == ""
    assert units["每万人口执业药师数"] == "人" and units["社会公用计量标准数量"] == "项"
    assert not [u for u in units.values() if any(ord(ch) < 32 for ch in u)]
