"""Issue 10 units: parameters explained, deep dive with several regions, stems, packaged workbook."""

import pandas as pd
import pytest

from analysis import config

from analysis.pack import briefing

from analysis.assess import topics
from analysis.pack.params import ParameterError, check_as_of, check_method


def test_as_of_as_text_is_accepted_or_explained():
    assert check_as_of("2023") == 2023 and check_as_of("2023年") == 2023 and check_as_of(2023.0) == 2023
    assert check_as_of(None) is None
    with pytest.raises(ParameterError, match="AS_OF = 2024"):
        check_as_of("二〇二三")
    with pytest.raises(ParameterError, match="METHOD"):
        check_method("china")


def test_population_from_with_two_regions_does_not_raise():
    table = pd.DataFrame({"indicator_id": ["p", "p"], "region": ["甲区", "乙区"], "name": ["药师", "药师"],
                          "actual": [2.5, 4.0], "target": [3.5, 3.5], "year": [2023, 2023], "target_year": [2025, 2025]})
    figures = pd.DataFrame({"item": ["药师数"], "value": [406.0]})
    # 406 ÷ 2.5 × 10 000 = 1 624 000 for the first region; 406 ÷ 4 × 10 000 = 1 015 000 for 乙区.
    assert topics.population_from(figures, "药师数", table, "p") == pytest.approx(1_624_000)
    assert topics.population_from(figures, "药师数", table, "p", region="乙区") == pytest.approx(1_015_000)
    result = topics.in_absolute_numbers(table, "p", 1_624_000, "人", region="甲区")
    # needed 3.5 × 162.4 = 568.4 → 569; gap 569 − 406 = 163
    assert result.set_index("项目").loc["尚需增加", "数值"] == 163


def test_stems_are_readable_windows_safe_and_shared():
    assert briefing.safe_stem('a/b:c*d?"e<f>g|h 名称') == "a_b_c_d_e_f_g_h_名称"
    assert len(briefing.safe_stem("很" * 100)) == briefing.STEM_CHARS
    table = pd.DataFrame({"indicator_id": ["x1", "x2"], "name": ["合格率", "合格率"], "region": ["甲区", "甲区"]})
    stems = briefing.figure_stems(table)
    assert stems[("x1", "甲区")] == "合格率_甲区" and stems[("x2", "甲区")] == "合格率_甲区_2"


def test_packaged_workbook_is_the_bundled_one():
    packaged = config._PACKAGED_WORKBOOK
    assert packaged.read_bytes() == (config.PROJECT_ROOT / "data" / "raw" / "mid_term_indicators.xlsx").read_bytes()
