"""Issue 21: the default 进度比 band (1.3 / 0.75) at both of its edges, and the NDRC calibration rows it rests on.

Every ratio is worked out by hand in the comment beside it. The calibration rows use only the values quoted, with
their sources, in docs/methodology.md ("Calibrating the relative band").
"""

import math

import pandas as pd
import pytest

from analysis.assess.gap import DEFAULT_THRESHOLDS, assess
from analysis.words.method import method_text_zh
from analysis.metadata.fields import TIDY_COLUMNS


def indicator(points, *, unit="件", target_type="level", comparator=">="):
    """points: [(kind, year, value)] of one indicator in one region; the target gets `comparator` and `target_type`."""
    rows = []
    for kind, year, value in points:
        target = kind == "target"
        rows.append({
            "indicator_id": "i", "region": "全国", "area": "", "name": "i", "name_en": "", "unit": unit,
            "direction": "", "indicator_type": "", "year": year, "kind": kind, "value": float(value),
            "comparator": comparator if target else "", "claim": "", "source": "", "note": "", "file": "t.xlsx",
            "sheet": "s", "cell": "A1", "target_type": target_type if target else "", "target_high": math.nan,
            "target_text": "", "reported_status": "", "plan": "", "plan_base_year": pd.NA, "plan_target_year": pd.NA,
        })
    frame = pd.DataFrame(rows, columns=TIDY_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def judged(points, thresholds=None, **shape):
    table = assess(indicator(points, **shape), thresholds=thresholds)
    assert len(table) == 1
    return table.iloc[0]


def straight(actual, year=2022):
    """0 (2020) → actual (year) towards ≥ 100 (2025): achievement = actual %, 序时 (year − 2020) / 5."""
    return judged([("baseline", 2020, 0), ("actual", year, actual), ("target", 2025, 100)])


def test_the_default_band_is_1_3_and_0_75():
    assert DEFAULT_THRESHOLDS == {"ahead": 1.3, "on_track": 0.75}


# ---------------------------------------------------------------- the lower edge, 0.75

@pytest.mark.parametrize("actual, ratio, status", [
    (30.1, 0.7525, "on_track"),  # 30.1 / 40 = 0.7525 ≥ 0.75
    (30, 0.75, "on_track"),      # 30 / 40 = 0.75: the edge itself is 符合
    (29.9, 0.7475, "lagging"),   # 29.9 / 40 = 0.7475 < 0.75
    (28, 0.7, "lagging"),        # 28 / 40 = 0.7: 符合 under the former band, 滞后 now
])
def test_lower_edge_at_40_percent_elapsed(actual, ratio, status):
    row = straight(actual)
    assert (row["elapsed_pct"], row["achievement_pct"]) == (40.0, actual)
    assert (row["pace_ratio"], row["status"]) == (ratio, status)


@pytest.mark.parametrize("actual, ratio, status", [
    (45, 0.75, "on_track"),      # 2023: 序时 3/5 = 60 %; 45 / 60 = 0.75
    (44.9, 0.7483, "lagging"),   # 44.9 / 60 = 0.74833 < 0.75
])
def test_lower_edge_at_60_percent_elapsed(actual, ratio, status):
    row = straight(actual, 2023)
    assert (row["elapsed_pct"], row["status"]) == (60.0, status) and row["pace_ratio"] == pytest.approx(ratio, abs=5e-5)


def test_lower_edge_lower_is_better():
    # 10 (2020) → 7 (2022) towards ≤ 0: achievement (10 − 7) / (10 − 0) = 30 %; 30 / 40 = 0.75 → 符合.
    row = judged([("baseline", 2020, 10), ("actual", 2022, 7), ("target", 2025, 0)], comparator="<=")
    assert (row["achievement_pct"], row["pace_ratio"], row["status"]) == (30.0, 0.75, "on_track")
    # 10 → 7.1: (10 − 7.1) / 10 = 29 %; 29 / 40 = 0.725 → 滞后.
    row = judged([("baseline", 2020, 10), ("actual", 2022, 7.1), ("target", 2025, 0)], comparator="<=")
    assert (row["achievement_pct"], row["pace_ratio"], row["status"]) == (29.0, 0.725, "lagging")


# ---------------------------------------------------------------- the upper edge, 1.3

@pytest.mark.parametrize("actual, ratio, status", [
    (52.1, 1.3025, "ahead"),     # 52.1 / 40 = 1.3025 ≥ 1.3
    (52, 1.3, "ahead"),          # 52 / 40 = 1.3: the edge itself is 快于
    (51.9, 1.2975, "on_track"),  # 51.9 / 40 = 1.2975 < 1.3
])
def test_upper_edge(actual, ratio, status):
    row = straight(actual)
    assert (row["pace_ratio"], row["status"]) == (ratio, status)


def test_edges_stay_parameters():
    # 29.9 / 40 = 0.7475: 符合 with the former lower edge 0.7; 52 / 40 = 1.3: 符合 when 快于 needs 1.5.
    assert judged([("baseline", 2020, 0), ("actual", 2022, 29.9), ("target", 2025, 100)],
                  thresholds={"on_track": 0.7})["status"] == "on_track"
    assert judged([("baseline", 2020, 0), ("actual", 2022, 52), ("target", 2025, 100)],
                  thresholds={"ahead": 1.5})["status"] == "on_track"


def test_method_text_states_the_default_and_a_given_band():
    assert "≥1.3为“快于序时进度”，0.75–1.3为“符合序时进度”，低于0.75为“滞后于序时进度”" in method_text_zh()
    assert "≥1.5为“快于序时进度”，0.6–1.5为“符合序时进度”，低于0.6为“滞后于序时进度”" in method_text_zh(
        thresholds={"ahead": 1.5, "on_track": 0.6})


# ---------------------------------------------------------------- the NDRC rows (2022, 序时 40 %)

GROUP = {"快于预期": "ahead", "基本符合预期": "on_track", "滞后预期": "lagging"}


@pytest.mark.parametrize("name, base, actual, target, unit, ratio, group", [
    # (3.15 − 2.90) / (3.2 − 2.90) = 0.25 / 0.30 = 83.33 %; ÷ 40 = 2.0833
    ("执业(助理)医师", 2.90, 3.15, 3.2, "人", 2.0833, "快于预期"),
    # (9.4 − 6.3) / (12 − 6.3) = 3.1 / 5.7 = 54.39 %; ÷ 40 = 1.3596
    ("高价值发明专利", 6.3, 9.4, 12, "件", 1.3596, "快于预期"),
    # (24.02 − 23.04) / (24.1 − 23.04) = 0.98 / 1.06 = 92.45 %; ÷ 40 = 2.3113
    ("森林覆盖率", 23.04, 24.02, 24.1, "%", 2.3113, "快于预期"),
    # NBS series: 2020 = 10.93 − 0.18 = 10.75; 0.18 / 0.55 = 32.73 %; ÷ 40 = 0.8182
    ("受教育年限", 10.75, 10.93, 11.3, "年", 0.8182, "基本符合预期"),
    # (2.57 − 1.8) / (4.5 − 1.8) = 0.77 / 2.7 = 28.52 %; ÷ 40 = 0.713
    ("托位数", 1.8, 2.57, 4.5, "个", 0.713, "滞后预期"),
    # 约2.5: 0.7 / 2.7 = 25.93 %; ÷ 40 = 0.6481
    ("托位数（约2.5）", 1.8, 2.5, 4.5, "个", 0.6481, "滞后预期"),
])
def test_ndrc_level_rows(name, base, actual, target, unit, ratio, group):
    row = judged([("baseline", 2020, base), ("actual", 2022, actual), ("target", 2025, target)], unit=unit)
    assert (row["elapsed_pct"], row["status"]) == (40.0, GROUP[group]), name
    assert row["pace_ratio"] == pytest.approx(ratio, abs=5e-5), name


@pytest.mark.parametrize("name, cumulative, target, ratio", [
    # 1 − 0.973 × 0.999 = 2.80 %; 2.8 / 13.5 = 20.74 %; ÷ 40 = 0.5185
    ("能耗降低〔13.5〕", 2.8, 13.5, 0.5185),
    # 1 − 0.962 × 0.992 = 4.57 %; 4.57 / 18 = 25.39 %; ÷ 40 = 0.6347
    ("二氧化碳排放降低〔18〕", 4.57, 18, 0.6347),
])
def test_ndrc_cumulative_rows(name, cumulative, target, ratio):
    row = judged([("actual", 2022, cumulative), ("target", 2025, target)], unit="%", target_type="cumulative")
    assert (row["elapsed_pct"], row["status"]) == (40.0, "lagging"), name
    assert row["pace_ratio"] == pytest.approx(ratio, abs=5e-5), name


def test_ndrc_row_a_year_earlier():
    # 托位数 end of 2021: (2.03 − 1.8) / 2.7 = 8.52 %; 序时 1/5 = 20 %; 8.52 / 20 = 0.4259 → 滞后.
    row = judged([("baseline", 2020, 1.8), ("actual", 2021, 2.03), ("target", 2025, 4.5)], unit="个")
    assert (row["elapsed_pct"], row["status"]) == (20.0, "lagging") and row["pace_ratio"] == pytest.approx(0.4259, abs=5e-5)


def test_education_on_the_published_base_is_the_one_row_the_band_does_not_reproduce():
    # The plan's base 10.8: (10.93 − 10.8) / (11.3 − 10.8) = 0.13 / 0.5 = 26 %; ÷ 40 = 0.65 < 0.75 → 滞后,
    # where the NDRC said 基本符合 (docs/methodology.md, "The base-year question").
    row = judged([("baseline", 2020, 10.8), ("actual", 2022, 10.93), ("target", 2025, 11.3)], unit="年")
    assert (row["pace_ratio"], row["status"]) == (0.65, "lagging")


@pytest.mark.parametrize("target", [87.1, 88, 90])
def test_air_quality_moved_away_whatever_its_target(target):
    # 87.0 (2020) → 86.5 (2022); the 2025 target was not read: against any target above 87.0 the 2022 value is
    # further away than the base (target − 86.5 > target − 87.0) → 逆向变化, which the NDRC's 滞后 agrees with.
    row = judged([("baseline", 2020, 87.0), ("actual", 2022, 86.5), ("target", 2025, target)], unit="%")
    assert row["status"] == "regressing"
