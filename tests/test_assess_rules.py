"""Issue 9: statuses at every point of the plan cycle, target types, percent units, projection, the pace band.

Each expectation is worked out by hand in the comment beside it.
"""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.assess.gap import assess, reported_class
from analysis.metadata.fields import GAP_COLUMNS, TIDY_COLUMNS
from analysis.metadata.statuses import STATUS, STATUSES, status_label
from analysis.rules.targets import meets


def frame(values, *, unit="件", direction="", target_type="", target_high=math.nan, target_text="",
          reported="", name="x"):
    """values: {(kind, year): number or (comparator, number)}; one indicator, one region."""
    rows = []
    for (kind, year), v in values.items():
        comparator, number = v if isinstance(v, tuple) else ("" if kind != "target" else ">=", v)
        is_target = kind == "target"
        rows.append({
            "indicator_id": name, "region": "景德镇市", "area": "测试", "name": name, "name_en": "", "unit": unit,
            "direction": direction, "indicator_type": "约束性", "year": year, "kind": kind, "value": number,
            "comparator": comparator if is_target else "", "claim": "", "source": "", "note": "", "file": "t.xlsx",
            "sheet": "s", "cell": "A1",
            "target_type": (target_type or "level") if is_target else "",
            "target_high": target_high if is_target else math.nan,
            "target_text": target_text if is_target else "",
            "reported_status": reported,
        })
    out = pd.DataFrame(rows, columns=list(dict.fromkeys(TIDY_COLUMNS + ["target_type", "target_high", "target_text", "reported_status"])))
    out["year"] = out["year"].astype("Int64")
    out["value"] = out["value"].astype(float)
    return out


def one(f, **kw):
    table = assess(f, **kw)
    assert list(table.columns) == GAP_COLUMNS and len(table) == 1
    return table.iloc[0]


# ---------------------------------------------------------------- moving away from a target already passed


def test_worsening_from_past_the_target_higher_is_better():
    # 100 % (2020) → 80 % (2023) against ≥ 90: the old ratio (80−100)/(90−100) = 200 % said "ahead".
    # The baseline already met the target, so the ratio means nothing: it moved away → regressing; gap 10 points.
    row = one(frame({("baseline", 2020): 100, ("actual", 2023): 80, ("target", 2025): 90}, unit="%"))
    assert row["status"] == "regressing" and row["gap"] == 10.0
    assert math.isnan(row["achievement_pct"]) and math.isnan(row["pace_ratio"])


def test_worsening_from_past_the_target_lower_is_better():
    # 0.10 (2020) → 0.20 (2023) against ≤ 0.15: old ratio (0.2−0.1)/(0.15−0.1) = 200 %; now regressing, gap 0.05.
    row = one(frame({("baseline", 2020): 0.10, ("actual", 2023): 0.20, ("target", 2025): ("<=", 0.15)}, direction="lower"))
    assert row["status"] == "regressing" and row["gap"] == 0.05 and row["direction"] == "lower"


def test_keep_level_target_falling_below_is_regressing():
    # 受检率 99 (2020) → 98 (2023) against ≥ 99 (保持): fell below the level to keep → regressing;
    # gap 1 百分点; required (99 − 98) / (2025 − 2023) = 0.5 百分点 a year.
    row = one(frame({("baseline", 2020): 99, ("actual", 2023): 98, ("target", 2025): 99}, unit="%"))
    assert (row["status"], row["gap"], row["required_growth_pct"]) == ("regressing", 1.0, 0.5)
    # Kept: 99 → 99 is met.
    kept = one(frame({("baseline", 2020): 99, ("actual", 2023): 99, ("target", 2025): 99}, unit="%"))
    assert kept["status"] == "achieved" and kept["achievement_pct"] == 100.0


# ---------------------------------------------------------------- the plan's end


def test_final_year_met_and_just_missed():
    # 2025 actuals against 2025 targets: phase final, elapsed (2025−2020)/5 = 100 %.
    met = one(frame({("baseline", 2020): 60, ("actual", 2025): 80, ("target", 2025): 80}))
    assert (met["phase"], met["status"], met["status_label"], met["elapsed_pct"]) == ("final", "achieved", "完成", 100.0)
    # 79 against ≥ 80 was "on_track" before; at the end it is 未完成. Completion 79/80 = 98.75 %.
    missed = one(frame({("baseline", 2020): 60, ("actual", 2025): 79, ("target", 2025): 80}))
    assert (missed["status"], missed["status_label"], missed["completion_pct"]) == ("not_achieved", "未完成", 98.75)
    assert math.isnan(missed["required_growth_pct"]) and math.isnan(missed["projected"])
    assert pd.isna(missed["projected_met"])


def test_final_year_basically_achieved_band():
    # 基本完成 band of 95 %: 79/80 = 98.75 % ≥ 95 → 基本完成; 75/80 = 93.75 % < 95 → 未完成.
    close = one(frame({("baseline", 2020): 60, ("actual", 2025): 79, ("target", 2025): 80}), basically_band=95)
    assert (close["status"], close["status_label"]) == ("basically_achieved", "基本完成")
    far = one(frame({("baseline", 2020): 60, ("actual", 2025): 75, ("target", 2025): 80}), basically_band=95)
    assert far["status"] == "not_achieved"
    # Exactly at the band: 76/80 = 95.0 % → 基本完成.
    edge = one(frame({("baseline", 2020): 60, ("actual", 2025): 76, ("target", 2025): 80}), basically_band=95)
    assert edge["status"] == "basically_achieved"


def test_after_the_target_year_elapsed_stops_at_100():
    # 2026 actual against the 2025 target: (2026−2020)/(2025−2020) would be 120 %; it is capped at 100 %.
    row = one(frame({("baseline", 2020): 60, ("actual", 2026): 70, ("target", 2025): 80}))
    assert (row["phase"], row["elapsed_pct"], row["status"], row["status_label"]) == ("final", 100.0, "not_achieved", "未完成")
    assert row["target_year"] == 2025


def test_equal_target_overshot_is_not_met_and_not_ahead():
    # 70 (2020) → 90 (2023) against == 80: overshot by 10. Not met; gap = overshoot 10;
    # completion 100 − |90 − 80| / 80 × 100 = 87.5 %; distance to 80 is 10 both times → achievement 0 %.
    row = one(frame({("baseline", 2020): 70, ("actual", 2023): 90, ("target", 2025): ("==", 80)}))
    assert (row["status"], row["gap"], row["completion_pct"], row["achievement_pct"]) == ("not_achieved", 10.0, 87.5, 0.0)
    assert row["actual"] > row["target"]  # what the sentence writer needs to say 超出 instead of 尚差


# ---------------------------------------------------------------- percentage units


@pytest.mark.parametrize("unit", ["%", "百分点", "％"])
def test_percent_units_are_linear_in_points(unit):
    # 60 (2020) → 66 (2023) against ≥ 80 (2025): gap 14 points; required (80 − 66)/2 = 7 points a year
    # (not a compound (80/66)^(1/2) − 1 = 10.1 %); actual (66 − 60)/3 = 2 points a year;
    # projected linearly 66 + 2 × 2 = 70 → not met.
    row = one(frame({("baseline", 2020): 60, ("actual", 2023): 66, ("target", 2025): 80}, unit=unit))
    assert (row["gap"], row["required_growth_pct"], row["actual_growth_pct"]) == (14.0, 7.0, 2.0)
    assert row["projected"] == 70.0 and not row["projected_met"]


# ---------------------------------------------------------------- projection


def test_projection_compound_for_counts():
    # 100 (2020) → 121 (2022) towards ≥ 150 (2025): growth 10 % a year; 3 more years: 121 × 1.1³ = 161.051 → met.
    # Achievement 21/50 = 42 %, elapsed 40 %: 进度比 1.05 → on track.
    row = one(frame({("baseline", 2020): 100, ("actual", 2022): 121, ("target", 2025): 150}))
    assert row["projected"] == pytest.approx(161.051, abs=1e-9) and bool(row["projected_met"])
    assert (row["pace_ratio"], row["status"]) == (1.05, "on_track")


def test_projection_linear_for_indices():
    # An index 100 (2020) → 110 (2022): linear 5 a year, 110 + 5 × 3 = 125 against ≥ 130 → not met.
    row = one(frame({("baseline", 2020): 100, ("actual", 2022): 110, ("target", 2025): 130}, unit="指数"))
    assert row["projected"] == 125.0 and not row["projected_met"]


def test_projection_linear_for_an_index_named_so_without_unit():
    # 制造业质量竞争力指数 has no unit in the bundled report: the name makes it an index.
    # 80 (2020) → 84 (2022): 2 points a year; 84 + 2 × 3 = 90 ≥ 88 → met. (Compound would give 84 × 1.05^3 = 97.24.)
    row = one(frame({("baseline", 2020): 80, ("actual", 2022): 84, ("target", 2025): 88}, unit="", name="制造业质量竞争力指数"))
    assert row["projected"] == 90.0 and bool(row["projected_met"])


def test_the_trend_chart_projects_by_the_same_rule():
    from analysis.rules.units import projection

    # Count: 100 → 121 in 2 years, 3 more: 121 × 1.1³ = 161.051; linear: 121 + 10.5 × 3 = 152.5.
    assert projection(100, 2020, 121, 2022, 2025, by_points=False) == pytest.approx(161.051, abs=1e-9)
    assert projection(100, 2020, 121, 2022, 2025, by_points=True) == 152.5
    # A non-positive start cannot grow at a rate: linear. No time passed: undefined.
    assert projection(0, 2020, 4, 2022, 2025, by_points=False) == 10.0
    assert math.isnan(projection(5, 2022, 6, 2022, 2025, by_points=False))


# ---------------------------------------------------------------- the relative band


@pytest.mark.parametrize("actual, status", [(52, "ahead"), (51.9, "on_track"), (30, "on_track"), (29.9, "lagging")])
def test_relative_band_at_its_thresholds(actual, status):
    # 0 (2020) → actual (2022) towards 100 (2025): achievement = actual %, elapsed 40 %.
    # 52/40 = 1.3 → ahead (≥ 1.3); 51.9/40 = 1.2975 → on track; 30/40 = 0.75 → on track (≥ 0.75); 29.9/40 = 0.7475 → lagging.
    row = one(frame({("baseline", 2020): 0, ("actual", 2022): actual, ("target", 2025): 100}))
    assert row["status"] == status


def test_relative_band_thresholds_are_parameters():
    # 30/40 = 0.75 (on track by default): lagging when on_track needs 0.8; 52/40 = 1.3: on track when ahead needs 1.5.
    values = {("baseline", 2020): 0, ("actual", 2022): 30, ("target", 2025): 100}
    assert one(frame(values), thresholds={"on_track": 0.8})["status"] == "lagging"
    values[("actual", 2022)] = 52
    assert one(frame(values), thresholds={"ahead": 1.5})["status"] == "on_track"
    with pytest.raises(ValueError):
        assess(frame(values), band="wide")


# ---------------------------------------------------------------- other plans


def test_fifteenth_plan_table():
    # 十五五: target 2030, no baseline row: the 2025 actual (the plan's base year) is the baseline.
    # 50 (2025) → 56 (2027) towards ≥ 65 (2030): achievement 6/15 = 40 %, elapsed 2/5 = 40 % → 进度比 1.0, on track.
    row = one(frame({("actual", 2025): 50, ("actual", 2027): 56, ("target", 2030): 65}))
    assert (row["baseline"], row["baseline_year"], row["elapsed_pct"], row["achievement_pct"]) == (50, 2025, 40.0, 40.0)
    assert (row["phase"], row["status"]) == ("midterm", "on_track")


def test_plan_parameter_for_unknown_years():
    # Target year 2027 matches no known plan: without plan= there is no base year, so no pace.
    values = {("actual", 2024): 50, ("actual", 2025): 54, ("target", 2027): 60}
    assert math.isnan(one(frame(values))["elapsed_pct"])
    # plan="2024—2027年" style: a Plan(2024, 2027): baseline 50 (2024); elapsed 1/3 = 33.33 %; achievement 4/10 = 40 %.
    from analysis.rules.plans import plan_for_years

    row = one(frame(values), plan=plan_for_years(2024, 2027))
    assert (row["baseline"], row["achievement_pct"]) == (50, 40.0) and row["elapsed_pct"] == pytest.approx(33.33, abs=5e-3)


# ---------------------------------------------------------------- target types


def test_cumulative_target():
    # 能耗累计降低〔13.5〕%: 2.8 achieved by 2022 (cumulative, no baseline): achievement 2.8/13.5 = 20.74 %,
    # elapsed 40 % → 进度比 0.5185 → lagging; gap 10.7 points; projected 2.8 + 1.4 × 3 = 7.0 → not met.
    row = one(frame({("actual", 2022): 2.8, ("target", 2025): 13.5}, unit="%", target_type="cumulative", target_text="〔13.5〕"))
    assert (row["status"], row["gap"]) == ("lagging", 10.7)
    assert row["achievement_pct"] == pytest.approx(20.74, abs=5e-3) and row["pace_ratio"] == pytest.approx(0.5185, abs=5e-5)
    assert row["projected"] == 7.0 and row["target_text"] == "〔13.5〕"


def test_cumulative_target_with_a_baseline_level():
    # 新增市场主体 累计 ≥ 100 万户 from a level of 500 (2020): 560 in 2023 is +60 → 60 % vs elapsed 60 % → on track.
    row = one(frame({("baseline", 2020): 500, ("actual", 2023): 560, ("target", 2025): 100}, unit="万户", target_type="cumulative"))
    assert (row["achievement_pct"], row["status"], row["gap"]) == (60.0, "on_track", 40.0)


def test_range_target():
    # 3–5 %: 4 inside → achieved; 6 in 2025 → final, 未完成, gap 1 point (distance to 5).
    inside = one(frame({("actual", 2025): 4, ("target", 2025): ("", 3)}, unit="%", target_type="range", target_high=5))
    assert inside["status"] == "achieved" and inside["target_high"] == 5
    above = one(frame({("actual", 2025): 6, ("target", 2025): ("", 3)}, unit="%", target_type="range", target_high=5))
    assert (above["status"], above["gap"]) == ("not_achieved", 1.0)
    assert meets(4, "", 3, 5) and not meets(6, "", 3, 5)


def test_annual_rate_target():
    # GDP growth ≥ 5 % a year; rates 8.1 (2021), 3.0 (2022): average 5.55 → 进度比 5.55/5 = 1.11 → on track (mid-term);
    # still needed each of 2023–2025: (5 × 5 − 5.55 × 2) / 3 = 13.9 / 3 = 4.63.
    values = {("actual", 2021): 8.1, ("actual", 2022): 3.0, ("target", 2025): 5}
    row = one(frame(values, unit="%", target_type="annual_rate"))
    assert (row["actual_growth_pct"], row["pace_ratio"], row["status"]) == (5.55, 1.11, "on_track")
    assert row["required_growth_pct"] == pytest.approx(4.6333, abs=5e-5)  # 13.9 / 3
    # Final: 2023–2025 at 4, 4, 4 → average (8.1 + 3 + 12)/5 = 4.62 < 5 → 未完成; completion band 95 %: 92.4 % → still 未完成.
    values.update({("actual", 2023): 4, ("actual", 2024): 4, ("actual", 2025): 4})
    final = one(frame(values, unit="%", target_type="annual_rate"), basically_band=95)
    assert (final["actual_growth_pct"], final["status"]) == (4.62, "not_achieved")


def test_qualitative_targets():
    # 稳步提高 with 10 → 12: moved the right way → on track (mid-term), achieved at the end.
    up = {("baseline", 2020): 10, ("actual", 2023): 12, ("target", 2025): math.nan}
    row = one(frame(up, target_type="qualitative", target_text="稳步提高"))
    assert row["status"] == "on_track" and row["target_type"] == "qualitative"
    down = dict(up)
    down[("actual", 2023)] = 9
    assert one(frame(down, target_type="qualitative", target_text="稳步提高"))["status"] == "regressing"
    # No baseline, or words without a direction: 需人工判断.
    assert one(frame({("actual", 2023): 12, ("target", 2025): math.nan}, target_type="qualitative", target_text="稳步提高"))["status"] == "judge"
    row = one(frame(up, target_type="qualitative", target_text="健全监管体系"))
    assert (row["status"], row["status_label"]) == ("judge", "需人工判断")
    # A band or another quantity: the change since the base decides nothing, even with 保持 or 增长 in the words.
    for words in ("保持在合理区间、各年度视情提出", "高于GDP增长", "与经济增长基本同步"):
        assert one(frame(down, target_type="qualitative", target_text=words))["status"] == "judge", words


# ---------------------------------------------------------------- the bureau's own verdict


def test_status_agrees_with_reported_status():
    achieved = {("actual", 2025): 82, ("target", 2025): 80}
    assert one(frame(achieved, reported="已完成"))["status_agrees"] == True  # noqa: E712
    assert one(frame(achieved, reported="未完成"))["status_agrees"] == False  # noqa: E712
    assert pd.isna(one(frame(achieved))["status_agrees"])
    assert one(frame(achieved, reported="已完成"))["reported_status"] == "已完成"
    assert [reported_class(t) for t in ("完成", "基本完成", "滞后", "进展顺利", "见附件")] == ["met", "basically", "unmet", "on_pace", ""]


# ---------------------------------------------------------------- the property


@settings(max_examples=300, deadline=None)
@given(
    base=st.floats(0.01, 1000), move=st.floats(0.001, 0.9), target_share=st.floats(-2, 2),
    year=st.integers(2021, 2024), lower=st.booleans(), band=st.sampled_from(["relative", "absolute"]),
)
def test_moving_away_from_the_target_is_never_ahead_or_on_track(base, move, target_share, year, lower, band):
    # The actual is worse than the baseline (higher-is-better: lower; lower-is-better: higher), wherever the target is.
    actual = base * (1 + move) if lower else base * (1 - move)
    target = base * (1 + target_share)
    comparator = "<=" if lower else ">="
    row = one(frame({("baseline", 2020): base, ("actual", year): actual, ("target", 2025): (comparator, target)},
                    direction="lower" if lower else "higher"), band=band)
    assert row["status"] not in ("ahead", "on_track")


# ---------------------------------------------------------------- one owner for numbers and colours


def test_one_palette_for_charts_and_xlsx():
    from openpyxl import Workbook

    from analysis import charts
    from analysis.write import xlsx

    sheet = Workbook().active
    assert tuple(STATUS) == STATUSES
    for code, status in STATUS.items():
        assert charts.status_style(code) == (status.style.fill, status.style.hatch)
        cell = sheet.cell(1, 1)
        xlsx.style_status(cell, code)
        assert cell.fill.fgColor.rgb[-6:] == status.style.fill_hex


def test_final_labels():
    assert status_label("achieved", "final") == "完成" and status_label("not_achieved", "final") == "未完成"
    assert status_label("achieved", "midterm") == "已达到目标" and status_label("lagging", "final") == "滞后于序时进度"
