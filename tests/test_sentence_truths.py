"""Issue 18, "Sentences that contradict themselves or the data": each case worked out by hand."""

import pathlib

import pytest
from regions_workbook import regions_workbook
from test_assess_rules import frame, one

import analysis as an
from analysis.assess.gap import assess
from analysis.assess.rows import projection_of
from analysis.rules.numbers import fmt_short_of
from analysis.rules.units import bounded_by_100
from analysis.words.data import data_sentence
from analysis.words.indicator import sentence
from analysis.words.overview import as_of_text, overall_sentence
from analysis.write.markdown import summary_markdown


def test_on_pace_but_the_projection_misses_reads_basically_on_pace_and_warns():
    # 市场主体 100 (2020) → 161.3 (2024), target 200 (2025): progress 61.3 / 100 = 61.3 % against 序时 4/5 = 80 %
    # → 进度比 0.766 ≥ 0.75 → on track. Projection 161.3 × 1.613^(1/4) = 161.3 × 1.12696 = 181.78 < 200.
    # Completion 161.3 / 200 = 80.65 % → 80.7 %; one year left: 200/161.3 − 1 = 24.0 %.
    values = {("baseline", 2020): 100, ("actual", 2024): 161.3, ("target", 2025): 200}
    row = one(frame(values, unit="万户", name="市场主体"))
    assert row["status"] == "on_track" and row["pace_ratio"] == pytest.approx(0.76625, abs=1e-9)
    assert row["projected"] == pytest.approx(181.78, abs=5e-3) and not row["projected_met"]
    assert sentence(row) == (
        "市场主体161.3万户，为2025年目标200万户的80.7%，尚差38.7万户，2025年需增长24.0%，"
        "进度基本符合序时进度，但按目前增速预计2025年可达181.8万户，难以完成目标，需加快。"
    )
    assert "符合序时进度；" not in sentence(row)


def test_an_unmet_target_never_reads_100_percent():
    # 99.77 of a 99.8 % target: 99.77 / 99.8 = 99.96994 % — half up would print 100.0 %; it prints 99.9 %.
    # Gap 0.03 points; (99.8 − 99.77) / 2 = 0.015 → 0.02 points a year.
    row = one(frame({("actual", 2023): 99.77, ("target", 2025): 99.8}, unit="%", name="某合格率"))
    assert row["status"] == "not_achieved" and row["completion_pct"] == pytest.approx(99.96994, abs=1e-5)
    assert sentence(row) == "某合格率99.77%，为2025年目标99.8%的99.9%，尚差0.03个百分点，需年均提高约0.02个百分点。"
    assert fmt_short_of(99.96994, 1, 100) == "99.9" and fmt_short_of(99.94, 1, 100) == "99.9"
    assert fmt_short_of(98.47, 1, 100) == "98.5" and fmt_short_of(100.0, 1, 100) == "100.0"


def test_a_share_in_percent_is_never_projected_past_100():
    # 合格率 98.5 (2020) → 99.82 (2023): linear 99.82 + (1.32 / 3) × 2 = 100.70 → capped at 100 (≥ 99.9: met).
    values = {("baseline", 2020): 98.5, ("actual", 2023): 99.82, ("target", 2025): 99.9}
    row = one(frame(values, unit="%", name="食品监督抽查合格率"))
    assert row["projected"] == 100.0 and row["projected_met"]
    assert "预计2025年可达100.00%（可以完成目标）" in sentence(row)
    # A growth rate in % is not a share: the same numbers project to 100.70.
    growth = one(frame(values, unit="%", name="研发经费投入增长率"))
    assert growth["projected"] == pytest.approx(100.70, abs=1e-9)
    assert bounded_by_100("%", "森林覆盖率") and not bounded_by_100("个百分点", "合格率") and not bounded_by_100("件", "率")


def test_every_indicator_with_data_gets_its_sentence_grouped_by_area():
    table = assess(an.load_indicators(an.BUNDLED_WORKBOOK))
    text = summary_markdown(table)
    named = [n for n in table["name"] if n in text.split("## 分指标情况")[1]]
    assert len(table) == 23 and len(named) == 23
    # As the bureau's own report words them (seed: "在市场安全监管方面，…食品监督抽查为合格率为97.4%").
    assert "在市场安全监管方面，食品抽验量为4.95批次/千人/年，食品监督抽查合格率为97.4%，" in text
    assert "举报按时核查率为97.6%（以上8项未设定量化目标）。" in text
    assert "在优化营商环境方面，市场主体数量为15.2万户，企业开办“一日办结”率为99%，" in text


def test_one_reading_of_the_as_of_date():
    # --as-of 2025 on data ending in 2024: the text says both, once, the same way everywhere it is asked.
    values = {("baseline", 2020): 50, ("actual", 2024): 60, ("target", 2025): 70}
    later = assess(frame(values, name="某指标"), as_of=2025)
    assert as_of_text(later) == "2025年（最新数据为2024年）"
    assert overall_sentence(later).startswith("截至2025年（最新数据为2024年），景德镇市共监测1项指标")
    same = assess(frame(values, name="某指标"), as_of=2024)
    assert as_of_text(same) == "2024年" and overall_sentence(same).startswith("截至2024年，")
    assert as_of_text(assess(frame(values, name="某指标"))) == "2024年"


def test_the_data_sentence_counts_baselines_as_assess_reads_them(tmp_path: pathlib.Path):
    # 5 regions × 15 indicators, 2020–2024, no baseline rows: assess takes the 2020 actual (the 十四五 base year)
    # as every row's baseline (75 of 75 rows have a 目标进度), so notebook 01 must not say "0项有基期值".
    frame = an.load_indicators(regions_workbook(tmp_path / "r.xlsx"))
    assert assess(frame)["achievement_pct"].notna().sum() == 75
    assert data_sentence(frame) == "共15项指标、5个地区；实际值年份：2020–2024年；15项有基期值（均取规划基期年份的实际值），15项有目标值。"
    # The bundled report has one year (2023) and no base-year value: nothing to measure progress from.
    bundled = data_sentence(an.load_indicators(an.BUNDLED_WORKBOOK))
    assert "0项有基期值，4项有目标值。没有基期值的23项无法计算目标进度" in bundled


def test_the_projection_the_chart_reads_is_the_one_the_sentence_prints():
    # 100 (2020) → 121 (2022), ≥ 150 by 2025: 121 × 1.1³ = 161.051, printed with the data's 0 decimals: 161.
    table = assess(frame({("baseline", 2020): 100, ("actual", 2022): 121, ("target", 2025): 150}, name="某数量"))
    year, value, places = projection_of(table, "某数量")
    assert (year, places) == (2025, 0) and value == pytest.approx(161.051, abs=1e-9)
    assert "预计2025年可达161件" in sentence(table.iloc[0])
    assert projection_of(table, "没有这个指标") is None
