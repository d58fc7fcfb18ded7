"""Progress-to-target formulas, each checked against a number worked out by hand in the comment."""

import math

import pandas as pd
import pytest

from analysis.assess.gap import assess, check_claims, growth_ratio
from analysis.rules.targets import meets
from analysis.metadata.fields import GAP_COLUMNS, TIDY_COLUMNS


def tidy(*indicators):
    """indicators: dicts with name, direction, and values {(kind, year): value or (comparator, value)}."""
    rows = []
    for ind in indicators:
        for (kind, year), v in ind["values"].items():
            comparator, number = v if isinstance(v, tuple) else ("" if kind == "actual" else ">=", v)
            rows.append(
                {
                    "indicator_id": ind.get("id", ind["name"]),
                    "region": ind.get("region", "景德镇市"),
                    "area": ind.get("area", "测试"),
                    "name": ind["name"],
                    "name_en": "",
                    "unit": ind.get("unit", "人"),
                    "direction": ind.get("direction", "higher"),
                    "indicator_type": "",
                    "year": year,
                    "kind": kind,
                    "value": number,
                    "comparator": comparator if kind in ("target", "midterm_target") else "",
                    "claim": ind.get("claim", ""),
                    "source": "",
                    "note": "",
                    "file": "t.xlsx",
                    "sheet": "s",
                    "cell": "A1",
                }
            )
    frame = pd.DataFrame(rows, columns=TIDY_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    return frame


def one(frame, **kw):
    table = assess(frame, **kw)
    assert list(table.columns) == GAP_COLUMNS
    assert len(table) == 1
    return table.iloc[0]


def test_pharmacists_example_without_baseline():
    # 2.5 against ≥3.5 in 2025, seen in 2023: gap 1.0; completion 2.5/3.5 = 71.43 %;
    # 序时进度 (2023−2020)/(2025−2020) = 60 %; growth needed (3.5/2.5)^(1/2) − 1 = 18.32 %.
    row = one(tidy({"name": "执业药师", "values": {("actual", 2023): 2.5, ("target", 2025): 3.5}}))
    assert row["gap"] == 1.0
    assert row["completion_pct"] == pytest.approx(71.43, abs=5e-3)
    assert row["elapsed_pct"] == 60.0
    assert row["required_growth_pct"] == pytest.approx(18.32, abs=5e-3)
    assert math.isnan(row["achievement_pct"]) and math.isnan(row["actual_growth_pct"])
    assert (row["status"], row["status_label"]) == ("not_achieved", "尚未达到目标")
    assert (row["year"], row["target_year"], row["comparator"]) == (2023, 2025, ">=")


def test_with_baseline_lagging_behind_elapsed_time():
    # Baseline 2.0 (2020) → 2.5 (2023) towards 3.5 (2025): achievement (2.5−2)/(3.5−2) = 33.33 %
    # against 序时进度 60 % → lagging. Growth since 2020: (2.5/2)^(1/3) − 1 = 7.72 %.
    row = one(tidy({"name": "执业药师", "values": {("baseline", 2020): 2.0, ("actual", 2023): 2.5, ("target", 2025): 3.5}}))
    assert row["achievement_pct"] == pytest.approx(33.33, abs=5e-3)
    assert row["actual_growth_pct"] == pytest.approx(7.72, abs=5e-3)
    assert (row["baseline"], row["baseline_year"]) == (2.0, 2020)
    assert row["status"] == "lagging"


def test_ahead_and_on_track_use_the_tolerance_band():
    # 2020: 60 → 2023: 74 towards 80: achievement 14/20 = 70 %, elapsed 60 %: 10 points ahead (absolute band).
    values = {("baseline", 2020): 60, ("actual", 2023): 74, ("target", 2025): 80}
    assert one(tidy({"name": "x", "values": values}), band="absolute")["status"] == "ahead"
    # With a band of 15 points the same progress counts as on track.
    assert one(tidy({"name": "x", "values": values}), band="absolute", tolerance=15)["status"] == "on_track"
    # Relative band (default): 进度比 70/60 = 1.1667 < 1.3 → on track.
    row = one(tidy({"name": "x", "values": values}))
    assert row["status"] == "on_track" and row["pace_ratio"] == pytest.approx(1.1667, abs=5e-5)
    # 72: achievement 60 % = elapsed → on track.
    values[("actual", 2023)] = 72
    assert one(tidy({"name": "x", "values": values}), band="absolute")["status"] == "on_track"


def test_year_2020_actual_is_the_baseline_when_no_baseline_column():
    # Years 2020–2022 only, no baseline column: 2020's 10 is the baseline; (13−10)/(20−10) = 30 %,
    # elapsed (2022−2020)/5 = 40 % → absolute band: 30 < 40 − 5 → lagging;
    # relative band: 进度比 30/40 = 0.75 ≥ 0.75 (the lower edge itself) → on track (uneven progress is 基本符合).
    frame = tidy({"name": "x", "values": {("actual", 2020): 10, ("actual", 2021): 11, ("actual", 2022): 13, ("target", 2025): 20}})
    row = one(frame, band="absolute")
    assert (row["baseline"], row["baseline_year"], row["year"], row["actual"]) == (10, 2020, 2022, 13)
    assert row["achievement_pct"] == 30.0 and row["elapsed_pct"] == 40.0
    assert row["status"] == "lagging"
    assert one(frame)["status"] == "on_track" and one(frame)["pace_ratio"] == 0.75


def test_as_of_uses_only_values_up_to_that_year():
    row = one(tidy({"name": "x", "values": {("actual", 2020): 10, ("actual", 2022): 13, ("target", 2025): 20}}), as_of=2021)
    # Only 2020 is left: it is the latest actual, and cannot be its own baseline.
    assert (row["year"], row["actual"]) == (2020, 10)
    assert math.isnan(row["baseline"])
    assert row["elapsed_pct"] == 0.0


def test_strict_comparator_is_not_met_at_the_threshold():
    # "超4": 4.0 is not more than 4; 3.59 is 89.75 % of 4 and 0.41 short.
    at = one(tidy({"name": "p", "values": {("actual", 2023): 4.0, ("target", 2025): (">", 4.0)}}))
    assert at["status"] == "not_achieved" and at["gap"] == 0.0
    below = one(tidy({"name": "p", "values": {("actual", 2023): 3.59, ("target", 2025): (">", 4.0)}}))
    assert below["gap"] == 0.41 and below["completion_pct"] == 89.75
    above = one(tidy({"name": "p", "values": {("actual", 2023): 4.01, ("target", 2025): (">", 4.0)}}))
    assert above["status"] == "achieved" and above["gap"] == 0.0 and above["required_growth_pct"] == 0.0
    assert not meets(4.0, ">", 4.0) and meets(4.0, ">=", 4.0) and meets(3.9, "<", 4.0)


def test_met_target_is_achieved_with_completion_over_100():
    # 62 items against ≥ 50: completion 124 %, gap 0.
    row = one(tidy({"name": "计量标准", "unit": "项", "values": {("actual", 2023): 62, ("target", 2025): 50}}))
    assert (row["status"], row["gap"], row["completion_pct"]) == ("achieved", 0.0, 124.0)


def test_lower_is_better():
    # Death rate 0.2 (2020) → 0.18 (2023) towards ≤ 0.15: completion 0.15/0.18 = 83.33 %;
    # gap 0.03; achievement (0.18−0.2)/(0.15−0.2) = 40 %, elapsed 60 % → lagging;
    # growth needed (0.15/0.18)^(1/2) − 1 = −8.71 % a year.
    row = one(
        tidy({"name": "死亡率", "direction": "lower", "values": {("baseline", 2020): 0.2, ("actual", 2023): 0.18, ("target", 2025): ("<=", 0.15)}})
    )
    assert row["completion_pct"] == pytest.approx(83.33, abs=5e-3)
    assert row["gap"] == 0.03
    assert row["achievement_pct"] == 40.0
    assert row["required_growth_pct"] == pytest.approx(-8.71, abs=5e-3)
    assert row["status"] == "lagging"


def test_moving_away_from_the_target_is_regressing():
    # Lower is better, 0.2 → 0.25 against ≤ 0.15: achievement (0.25−0.2)/(0.15−0.2) = −100 %.
    row = one(
        tidy({"name": "死亡率", "direction": "lower", "values": {("baseline", 2020): 0.2, ("actual", 2023): 0.25, ("target", 2025): ("<=", 0.15)}})
    )
    assert row["achievement_pct"] == -100.0
    assert row["status"] == "regressing"


def test_zero_target():
    # Fatal accidents ≤ 0: 0 meets it (completion 100 %); 2 does not (completion 0/2 = 0 %, gap 2).
    met = one(tidy({"name": "事故", "direction": "lower", "values": {("actual", 2023): 0, ("target", 2025): ("<=", 0)}}))
    assert (met["status"], met["completion_pct"], met["gap"]) == ("achieved", 100.0, 0.0)
    missed = one(tidy({"name": "事故", "direction": "lower", "values": {("actual", 2023): 2, ("target", 2025): ("<=", 0)}}))
    assert (missed["status"], missed["completion_pct"], missed["gap"]) == ("not_achieved", 0.0, 2.0)
    assert math.isnan(missed["required_growth_pct"])  # no growth rate reaches 0
    # Higher is better with a zero target (growth ≥ 0 %): −1 is not met, completion 0.
    growth = one(tidy({"name": "增速", "values": {("actual", 2023): -1, ("target", 2025): 0}}))
    assert (growth["status"], growth["completion_pct"], growth["gap"]) == ("not_achieved", 0.0, 1.0)


def test_no_target_no_data_one_point():
    frame = tidy(
        {"name": "无目标", "values": {("actual", 2023): 15.2}},
        {"name": "无数据", "values": {("actual", 2023): float("nan"), ("target", 2025): 5}},
        {"name": "一个点", "values": {("actual", 2023): 5, ("target", 2025): 6}},
    )
    table = assess(frame).set_index("name")
    assert table.loc["无目标", "status"] == "no_target" and table.loc["无目标", "status_label"] == "无量化目标"
    assert table.loc["无数据", "status"] == "no_data" and table.loc["无数据", "target"] == 5
    assert table.loc["一个点", "status"] == "not_achieved"


def test_eurostat_method_classes():
    # 100 (2020) → 110 (2023) towards 150 (2025): actual CAGR (1.1)^(1/3) − 1 = 3.228 %;
    # required (1.5)^(1/5) − 1 = 8.447 %; ratio 0.382 → insufficient progress.
    values = {("baseline", 2020): 100, ("actual", 2023): 110, ("target", 2025): 150}
    row = one(tidy({"name": "x", "values": values}), method="eurostat")
    assert growth_ratio(100, 2020, 110, 2023, 150, 2025) == pytest.approx(0.3822, abs=1e-4)
    assert (row["status"], row["status_label"]) == ("lagging", "进展不足")
    # 100 → 125 (2023) towards 150: actual 7.722 %, ratio 0.914 → moderate.
    values[("actual", 2023)] = 125
    assert one(tidy({"name": "x", "values": values}), method="eurostat")["status_label"] == "进展适中"
    # 100 → 128: actual 8.577 %, ratio 1.015 → significant (on track).
    values[("actual", 2023)] = 128
    assert one(tidy({"name": "x", "values": values}), method="eurostat")["status"] == "on_track"
    # 100 → 90: moving away.
    values[("actual", 2023)] = 90
    assert one(tidy({"name": "x", "values": values}), method="eurostat")["status"] == "regressing"
    with pytest.raises(ValueError):
        assess(tidy({"name": "x", "values": values}), method="unknown")


def test_eurostat_falls_back_to_linear_rates_for_non_positive_values():
    # Lower is better from 2 (2020) to 1 (2023) towards 0: linear −1/3 a year against −2/5: ratio 0.8333.
    assert growth_ratio(2, 2020, 1, 2023, 0, 2025) == pytest.approx(0.8333, abs=1e-4)


def test_claims_beside_the_numbers():
    frame = tidy(
        {"name": "执业药师", "claim": "尚存在一定差距", "values": {("actual", 2023): 2.5, ("target", 2025): 3.5}},
        {"name": "商标", "claim": "已提前达到2025年规划值", "values": {("actual", 2023): 3.59}},
        {"name": "计量", "claim": "已提前达到2025年规划值", "values": {("actual", 2023): 62, ("target", 2025): 80}},
    )
    claims = check_claims(frame, assess(frame)).set_index("name")
    assert claims.loc["执业药师", "verdict"] == "数据支持：尚差1.0人，完成度71.4%"
    assert claims.loc["商标", "verdict"].startswith("无法核实")
    assert claims.loc["计量", "verdict"] == "数据不支持：尚未达到目标，尚差18人，完成度77.5%"
