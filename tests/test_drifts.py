"""Issue 15's three drifts, each with the numbers worked out by hand.

(a) assess rounds nothing: 71.449 % stays 71.449 and prints "71.4%" (it used to be stored as 71.45 and print 71.5);
(b) an index moves by points for its pace and its projection alike (rules.units.moves_by_points);
(c) lower-is-better comes from the row's `direction` where there is no comparator, in every sentence.
"""

import math

import pandas as pd
import pytest
from test_assess_rules import frame, one

from analysis.assess.gap import assess
from analysis.metadata.fields import GAP_COLUMNS
from analysis.rules.numbers import decimals, fmt, places_for, plain
from analysis.rules.units import is_percent_unit
from analysis.words.indicator import sentence
from analysis.words.overview import region_comparison


def test_completion_is_kept_unrounded_and_shown_half_up_once():
    # 71.449 / 100 × 100 = 71.449 % → shown "71.4%" (half up on the second decimal would have made 71.45 → 71.5).
    # Needed each year: (100 / 71.449)^(1/2) − 1 = 1.39960^(0.5) − 1 = 0.18305 → 约18.3%.
    row = one(frame({("actual", 2023): 71.449, ("target", 2025): 100}, name="某指标"))
    assert row["completion_pct"] == pytest.approx(71.449, abs=1e-9)
    assert row["required_growth_pct"] == pytest.approx(18.305, abs=5e-3)
    assert sentence(row) == "某指标71.449件，为2025年目标100件的71.4%，尚差28.551件，需年均增长约18.3%。"


def test_an_index_moves_by_points_for_pace_and_projection():
    # 制造业质量竞争力指数 84 (2020) → 86 (2023), target 95 (2025), no unit.
    # Pace needed: (95 − 86) / 2 = 4.5 points a year (not (95/86)^(1/2) − 1 = 5.1 %).
    # Growth so far: (86 − 84) / 3 = 0.667 points a year; projection 86 + 2/3 × 2 = 87.33 < 95 → 难以完成.
    # Progress (86 − 84)/(95 − 84) = 18.18 % against 序时 3/5 = 60 % → 0.303 → 滞后; completion 86/95 = 90.53 %.
    values = {("baseline", 2020): 84, ("actual", 2023): 86, ("target", 2025): 95}
    row = one(frame(values, unit="", name="制造业质量竞争力指数"))
    assert row["required_growth_pct"] == pytest.approx(4.5, abs=1e-9)
    assert row["actual_growth_pct"] == pytest.approx(0.6667, abs=5e-5)
    assert row["projected"] == pytest.approx(87.3333, abs=5e-5) and not row["projected_met"]
    assert row["status"] == "lagging"
    assert sentence(row) == (
        "制造业质量竞争力指数86，为2025年目标95的90.5%，尚差9，需年均提高约4.5点，进度滞后于序时进度；"
        "按目前增速，预计2025年可达87（难以完成目标）。"
    )
    # A count with the same numbers grows by a rate: (95/86)^(1/2) − 1 = 1.10465^(0.5) − 1 = 5.10 %.
    count = one(frame(values, unit="件", name="某数量"))
    assert count["required_growth_pct"] == pytest.approx(5.10, abs=5e-3)


def _lower_without_comparator(region, actual):
    return {"indicator_id": "A1", "region": region, "area": "安全", "name": "特种设备死亡事故", "unit": "起",
            "year": 2023, "actual": actual, "target_year": None, "target": math.nan, "comparator": "",
            "direction": "lower", "status": "no_target", "status_label": "无量化目标", "phase": "midterm"}


def test_direction_lower_without_a_comparator_reads_lower_is_better():
    # No target, so no comparator: only `direction` says lower is better. The best region is the lowest (0起).
    rows = [_lower_without_comparator("甲县", 0.0), _lower_without_comparator("乙县", 2.0)]
    table = pd.DataFrame(rows)
    table = table.reindex(columns=GAP_COLUMNS)
    assert region_comparison(table) == "特种设备死亡事故：2个地区均未设定量化目标，最低的是甲县（0起），最高的是乙县（2起）。"


def test_direction_lower_without_a_comparator_in_the_indicator_sentence():
    # A ceiling given only by direction (comparator empty): 0.2 against 0.15 still needs lowering by 0.05.
    row = {"indicator_id": "B1", "region": "", "area": "", "name": "某比率", "unit": "", "year": 2023, "actual": 0.2,
           "target_year": 2025, "target": 0.15, "comparator": "", "direction": "lower", "gap": 0.05,
           "completion_pct": 75.0, "status": "not_achieved", "status_label": "尚未达到目标", "phase": "midterm"}
    text = sentence(row)
    assert "尚需降低0.05" in text and "尚差" not in text
    # assess fills the comparator from direction: ≤ 0.15; the sentence says 不高于.
    table = assess(frame({("actual", 2023): 0.2, ("target", 2025): ("", 0.15)}, direction="lower", name="某比率"))
    assert table.iloc[0]["comparator"] == "<=" and "不高于0.15件" in sentence(table.iloc[0])


def test_the_one_formatter_rounds_half_up_on_the_digits_as_written():
    # 2.675 and 0.125 are exact in decimal: half up gives 2.68 and 0.13 (float round() gives 2.67 and 0.12).
    assert fmt(2.675, 2) == "2.68" and fmt(0.125, 2) == "0.13" and fmt(71.449, 1) == "71.4"
    assert fmt(-0.0001, 2) == "0.00" and fmt(math.nan) == "—"
    assert decimals(9.75) == 2 and decimals(80.0) == 0 and decimals(2.675) == 3 and places_for(2.5, 3.59, 4) == 2
    assert plain(71.4300) == "71.43"
    assert is_percent_unit("百分点") and is_percent_unit("％") and not is_percent_unit("件")
