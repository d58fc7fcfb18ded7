"""The wording of the briefing sentences at every point of the plan cycle (mid-term, final) and for every
target type. Each expected sentence is written out in full; the arithmetic behind each number is in the
comment above it. The last tests run assess() on small tidy frames, so the wording reads assess's columns.
"""

import math

import pandas as pd
import pytest
from test_export import ACCIDENTS, COMMON, COMPLAINTS, PASS_RATE, PHARMACISTS, TRADEMARKS, gap_row, gap_table

from analysis.assess.gap import assess
from analysis.assess.rows import evaluation_kind
from analysis.metadata.fields import TIDY_COLUMNS
from analysis.words.indicator import sentence
from analysis.words.overview import area_sentence, overall_sentence, region_comparison
from analysis.words.titles import default_title
from analysis.write.markdown import summary_markdown

NAN = math.nan
FINAL = dict(region="本市", year=2025, target_year=2025, baseline_year=2020, elapsed_pct=100.0, phase="final")


def final_row(row, **values):
    """A row of the final evaluation: data year 2025 = target year; labels 完成 / 基本完成 / 未完成."""
    out = dict(row, **FINAL)
    out.update(values)
    labels = {"achieved": "完成", "basically_achieved": "基本完成", "not_achieved": "未完成"}
    out["status_label"] = labels[out["status"]]
    for column in ("required_growth_pct", "projected", "projected_met", "achievement_pct"):
        out.setdefault(column, NAN)
    out["required_growth_pct"] = NAN  # no time left: assess gives no required pace
    return out


# ---------------------------------------------------------------- mid-term


def test_midterm_with_projection_compound():
    # 2.5 × (2.5/1.8)^(2/3) = 2.5 × 1.2448 = 3.112 → 3.1人 < 3.5: 难以完成.
    row = dict(PHARMACISTS, projected=3.112, projected_met=False, phase="midterm")
    assert sentence(row) == (
        "每万人口执业药师数2.5人，为2025年目标3.5人的71.4%，尚差1.0人，需年均增长约18.3%，进度滞后于序时进度；"
        "按目前增速，预计2025年可达3.1人（难以完成目标）。"
    )


def test_midterm_projection_that_reaches_the_target():
    # 3.59 × (3.59/2.1)^(2/3) = 3.59 × 1.4290 = 5.130 → 5.13件 > 4: 可以完成.
    row = dict(PATENTS_ROW, projected=5.1302, projected_met=True, phase="midterm")
    assert sentence(row) == (
        "每万人口高价值发明专利拥有量3.59件，为2025年目标（超过4件）的89.8%，尚差0.41件，需年均增长约5.6%，"
        "进度快于序时进度；按目前增速，预计2025年可达5.13件（可以完成目标）。"
    )


PATENTS_ROW = gap_row(
    indicator_id="Z01", area="知识产权保护运用", name="每万人口高价值发明专利拥有量", unit="件", actual=3.59,
    target=4.0, comparator=">", baseline=2.1, gap=0.41, completion_pct=89.75, achievement_pct=78.42,
    required_growth_pct=5.56, status="ahead", **COMMON,
)


def test_percent_unit_gap_and_pace_in_points():
    # 98 − 96.5 = 1.5 points; 1.5 / 2 years = 0.75 → 约0.8个百分点 (half up); 96.5/98 = 98.47 %.
    # Linear projection: 96.5 + (96.5 − 95)/3 × 2 = 97.5 < 98.
    row = gap_row(name="食品安全抽检合格率", unit="%", actual=96.5, target=98.0, comparator=">=", baseline=95.0,
                  gap=1.5, completion_pct=98.47, achievement_pct=50.0, required_growth_pct=0.75, status="on_track",
                  projected=97.5, projected_met=False, phase="midterm", **COMMON)
    assert sentence(row) == (
        "食品安全抽检合格率96.5%，为2025年目标98%的98.5%，尚差1.5个百分点，需年均提高约0.8个百分点，"
        "进度基本符合序时进度，但按目前增速预计2025年可达97.5%，难以完成目标，需加快。"
    )
    assert "需年均增长" not in sentence(row)


def test_lower_is_better_percent_pace_says_lower():
    # 2.6 − 2 = 0.6 points; 0.6 / 2 = 0.3 a year, downwards.
    row = gap_row(name="食品抽检不合格率", unit="%", actual=2.6, target=2.0, comparator="<=", gap=0.6,
                  required_growth_pct=-0.3, status="not_achieved", year=2023, target_year=2025, phase="midterm")
    assert sentence(row) == "食品抽检不合格率2.6%，2025年目标为不高于2%，尚需降低0.6个百分点，需年均降低约0.3个百分点。"


def test_one_year_left():
    # 2024 data, 2025 target: one year left. Points: 98 − 97.4 = 0.6; compound: 3.5/3.2 − 1 = 9.375 % → 9.4%.
    rate = gap_row(name="食品安全抽检合格率", unit="%", actual=97.4, target=98.0, comparator=">=", gap=0.6,
                   completion_pct=99.39, required_growth_pct=0.6, year=2024, target_year=2025, phase="midterm")
    assert sentence(rate) == "食品安全抽检合格率97.4%，为2025年目标98%的99.4%，尚差0.6个百分点，2025年需提高0.6个百分点。"
    count = gap_row(name="每万人口执业药师数", unit="人", actual=3.2, target=3.5, comparator=">=", gap=0.3,
                    completion_pct=91.43, required_growth_pct=9.38, year=2024, target_year=2025, phase="midterm")
    assert sentence(count) == "每万人口执业药师数3.2人，为2025年目标3.5人的91.4%，尚差0.3人，2025年需增长9.4%。"


def test_equal_target_overshot_says_exceeded():
    # Target "== 100" (控制在100户), baseline 90, now 110: |110 − 100| = 10 over; (100/110)^(1/2) − 1 = −4.65 %.
    # Compound projection 110 × (110/90)^(2/3) = 125.7 → 126户, not 100.
    row = gap_row(name="某类经营主体数", unit="户", actual=110.0, target=100.0, comparator="==", baseline=90.0,
                  gap=10.0, completion_pct=90.0, required_growth_pct=-4.65, status="not_achieved",
                  projected=125.75, projected_met=False, phase="midterm", **COMMON)
    text = sentence(row)
    assert text == "某类经营主体数110户，2025年目标为100户，超出目标10户，需年均下降约4.7%；按目前增速，预计2025年为126户（难以完成目标）。"
    assert "尚差" not in text and "序时进度" not in text


# ---------------------------------------------------------------- final


def test_final_met():
    row = final_row(TRADEMARKS, status="achieved", actual=86.0)
    assert sentence(row) == "地理标志商标数86项，完成“十四五”期末目标（不低于80项）。"
    assert sentence(final_row(ACCIDENTS, status="achieved")) == "较大食品安全事故0起，完成“十四五”期末目标（不高于0起）。"


def test_final_basically_met():
    # 3.4 / 3.5 = 97.14 % ≥ the 95 % band → 基本完成; 3.5 − 3.4 = 0.1.
    row = final_row(PHARMACISTS, actual=3.4, gap=0.1, completion_pct=97.14, status="basically_achieved")
    assert sentence(row) == "每万人口执业药师数3.4人，为“十四五”期末目标3.5人的97.1%，距目标差0.1人，基本完成。"


def test_final_missed_never_speaks_of_pace():
    # 2.9 / 3.5 = 82.86 %; 3.5 − 2.9 = 0.6.
    row = final_row(PHARMACISTS, actual=2.9, gap=0.6, completion_pct=82.86, status="not_achieved")
    text = sentence(row)
    assert text == "每万人口执业药师数2.9人，为“十四五”期末目标3.5人的82.9%，距目标差0.6人，未完成。"
    assert "序时进度" not in text and "年均" not in text and "预计" not in text
    # Lower is better: 10.8 − 10 = 0.8 above the ceiling.
    lower = final_row(COMPLAINTS, actual=10.8, gap=0.8, completion_pct=92.59, status="not_achieved")
    assert sentence(lower) == "每万人口消费者投诉举报量10.8件，“十四五”期末目标为不高于10件，高于目标0.8件，未完成。"


def test_final_percent_unit():
    # 98 − 97.4 = 0.6 points.
    row = final_row(PASS_RATE, actual=97.4, status="not_achieved")
    assert sentence(row) == "食品安全抽检合格率97.4%，为“十四五”期末目标98%的99.4%，距目标差0.6个百分点，未完成。"


def test_final_plan_from_the_parameter_and_the_15th_plan():
    row = final_row(TRADEMARKS, status="achieved", year=2030, target_year=2030, baseline_year=2025)
    assert sentence(row) == "地理标志商标数86项，完成“十五五”期末目标（不低于80项）。"
    assert sentence(row, plan="十五五") == "地理标志商标数86项，完成“十五五”期末目标（不低于80项）。"
    # A plan period that is no five-year plan: the year names it.
    odd = final_row(TRADEMARKS, status="achieved", year=2027, target_year=2027)
    assert sentence(odd) == "地理标志商标数86项，完成2027年目标（不低于80项）。"


# ---------------------------------------------------------------- target types


def test_range_target():
    # Below the range 95～98: 95 − 93.5 = 1.5 points; 1.5 / 2 = 0.75 → 约0.8.
    below = gap_row(name="某合格率", unit="%", actual=93.5, target=95.0, target_high=98.0, comparator="",
                    target_type="range", target_text="95～98", gap=1.5, required_growth_pct=0.75,
                    status="not_achieved", phase="midterm", region="本市", year=2023, target_year=2025)
    assert sentence(below) == "某合格率93.5%，2025年目标为区间95～98%，低于目标区间下限1.5个百分点，需年均提高约0.8个百分点。"
    # Above it: 98.6 − 98 = 0.6 over the upper end; (98 − 98.6) / 2 = −0.3 a year.
    above = dict(below, actual=98.6, gap=0.6, required_growth_pct=-0.3)
    assert sentence(above) == "某合格率98.6%，2025年目标为区间95～98%，高于目标区间上限0.6个百分点，需年均降低约0.3个百分点。"
    inside = dict(below, actual=96.0, gap=0.0, required_growth_pct=0.0, status="achieved")
    assert sentence(inside) == "某合格率96%，已达到2025年目标（区间95～98%）。"


def test_cumulative_target():
    # 〔15〕 cumulative: change since 2020 = 58 − 50 = 8; 8/15 = 53.33 %; 15 − 8 = 7 still to go.
    # Projection of the cumulative change: 8 + 8/3 × 2 = 13.3 → 13万户 (the data's precision) < 15.
    row = gap_row(name="市场主体数", unit="万户", actual=58.0, target=15.0, comparator=">=", baseline=50.0,
                  target_type="cumulative", target_text="〔15〕", gap=7.0, completion_pct=53.33,
                  achievement_pct=53.33, status="on_track", projected=13.33, projected_met=False, phase="midterm",
                  **COMMON)
    assert sentence(row) == (
        "市场主体数58万户，较2020年累计增加8万户，为2025年累计目标15万户的53.3%，尚差7万户，进度基本符合序时进度，"
        "但按目前增速预计2025年累计可达13万户，难以完成目标，需加快。"
    )


def test_annual_rate_target():
    # 1000 → 1200 in 3 years: 1.2^(1/3) − 1 = 6.27 % a year against 7 %: 0.73 → 0.7 points short.
    # Needed level 1000 × 1.07^5 = 1402.55; (1402.55/1200)^(1/2) − 1 = 8.11 % a year from now.
    row = gap_row(name="地区生产总值", unit="亿元", actual=1200.0, target=7.0, comparator=">=", baseline=1000.0,
                  target_type="annual_rate", target_text="年均增长7%", gap=0.73, actual_growth_pct=6.27,
                  required_growth_pct=8.11, status="on_track", phase="midterm", **COMMON)
    assert sentence(row) == (
        "地区生产总值1200亿元，2020年以来年均增长6.3%，年均增长目标为不低于7%，尚差0.7个百分点，"
        "今后需年均增长约8.1%，进度符合序时进度。"
    )
    final = dict(row, year=2025, phase="final", actual_growth_pct=7.2, gap=0.0, status="achieved", status_label="完成")
    assert sentence(final) == "地区生产总值1200亿元，2020年以来年均增长7.2%，完成“十四五”年均增长目标（不低于7%）。"


def test_qualitative_target():
    # 97.5 − 96 = 1.5 points up since 2020, the target asks for a rise.
    row = gap_row(name="消费者满意度", unit="%", actual=97.5, target=NAN, comparator="", baseline=96.0,
                  target_type="qualitative", target_text="稳步提高", status="on_track", phase="midterm", **COMMON)
    assert sentence(row) == "消费者满意度97.5%，目标为“稳步提高”：较2020年（96%）提高1.5个百分点，按基期以来变化方向判断为符合目标要求。"
    down = dict(row, actual=95.2, status="regressing")  # 96 − 95.2 = 0.8 down
    assert sentence(down) == "消费者满意度95.2%，目标为“稳步提高”：较2020年（96%）下降0.8个百分点，按基期以来变化方向判断为逆向变化。"
    final = dict(row, year=2025, phase="final", status="achieved", status_label="完成")
    assert sentence(final) == (
        "消费者满意度97.5%，“十四五”期末目标为“稳步提高”：较2020年（96%）提高1.5个百分点，按基期以来变化方向判断为完成。"
    )
    judge = gap_row(name="质量竞争力排名", unit="位", actual=3.0, target=NAN, baseline=4.0, target_type="qualitative",
                    target_text="保持全省前列", status="judge", phase="midterm", **COMMON)
    assert sentence(judge) == "质量竞争力排名3位，目标为“保持全省前列”，无法按数据判断，需人工判断。"
    no_base = dict(judge, baseline=NAN, baseline_year=NAN)
    assert sentence(no_base) == "质量竞争力排名3位，目标为“保持全省前列”，无基期值可比较，需人工判断。"


def test_disagreement_with_the_bureau():
    row = dict(PHARMACISTS, reported_status="已完成", status_agrees=False, phase="midterm")
    assert sentence(row) == (
        "每万人口执业药师数2.5人，为2025年目标3.5人的71.4%，尚差1.0人，需年均增长约18.3%，进度滞后于序时进度。"
        "部门自评为“已完成”，按数据测算为“滞后于序时进度”，请核对。"
    )
    agreed = dict(row, reported_status="滞后", status_agrees=True)
    assert "部门自评" not in sentence(agreed)
    final = final_row(PHARMACISTS, actual=2.9, gap=0.6, completion_pct=82.86, status="not_achieved",
                      reported_status="已完成", status_agrees=False)
    assert sentence(final).endswith("未完成。部门自评为“已完成”，按数据测算为“未完成”，请核对。")


# ---------------------------------------------------------------- areas, the whole pack, regions


FINAL_AREA = [
    final_row(PHARMACISTS, indicator_id="Y01", actual=3.6, gap=0.0, completion_pct=102.86, status="achieved"),
    final_row(PHARMACISTS, indicator_id="Y02", name="每千人口药品检验批次", actual=3.4, gap=0.1,
              completion_pct=97.14, status="basically_achieved"),
    final_row(PHARMACISTS, indicator_id="Y03", name="药品抽检覆盖率", actual=2.9, gap=0.6, completion_pct=82.86,
              status="not_achieved"),
]


def test_area_sentence_final():
    assert area_sentence(gap_table(FINAL_AREA)) == (
        "药品安全：3项指标均设有“十四五”期末目标，其中完成1项、基本完成1项、未完成1项；"
        "未完成的有药品抽检覆盖率；基本完成的有每千人口药品检验批次。"
    )
    all_done = [dict(r, status="achieved", status_label="完成") for r in FINAL_AREA]
    assert area_sentence(gap_table(all_done)) == "药品安全：3项指标均设有“十四五”期末目标，均已完成。"


def test_overall_sentence_final_counts_like_a_final_evaluation():
    # 1 of 3 完成: 1/3 = 33.3 %.
    assert overall_sentence(gap_table(FINAL_AREA)) == (
        "截至2025年，本市共监测3项指标；设有“十四五”期末目标的3个指标中完成1个、基本完成1个、未完成1个，完成率33.3%。"
    )
    # FIELD-NOTES: "28个指标中完成25个，完成率89.3%": 25/28 = 89.29 %.
    rows = [final_row(TRADEMARKS, indicator_id=f"A{i:02d}", status="achieved") for i in range(25)]
    rows += [final_row(PHARMACISTS, indicator_id=f"B{i}", actual=2.9, gap=0.6, completion_pct=82.86,
                       status="not_achieved") for i in range(3)]
    assert overall_sentence(gap_table(rows)) == (
        "截至2025年，本市共监测28项指标；设有“十四五”期末目标的28个指标中完成25个、未完成3个，完成率89.3%。"
    )


def test_overall_sentence_final_with_no_data_and_judgement():
    rows = FINAL_AREA[:2] + [
        # As assess gives it: no data, so no data year and no phase.
        gap_row(indicator_id="Y04", name="抽检批次", target=8.0, comparator=">=", status="no_data",
                **dict(FINAL, year=NAN, phase="")),
        gap_row(indicator_id="Y05", name="质量竞争力", actual=3.0, baseline=4.0, target_type="qualitative",
                target_text="保持全省前列", status="judge", **FINAL),
    ]
    # Judged: 2 (完成 1, 基本完成 1): 1/2 = 50 %; the no-data and the qualitative one named after.
    assert overall_sentence(gap_table(rows)) == (
        "截至2025年，本市共监测4项指标；设有“十四五”期末目标的2个指标中完成1个、基本完成1个，完成率50.0%；"
        "另有需人工判断1个、暂无数据1个。"
    )


def test_region_comparison_final():
    rows = [final_row(PHARMACISTS, region="甲区", actual=3.6, gap=0.0, status="achieved"),
            final_row(PHARMACISTS, region="乙区", actual=2.9, gap=0.6, status="not_achieved")]
    assert region_comparison(gap_table(rows)) == (
        "每万人口执业药师数：2个地区中1个完成“十四五”期末目标，最高的是甲区（3.6人），最低的是乙区（2.9人）。"
    )


def test_evaluation_kind_and_title():
    midterm = gap_table([PHARMACISTS])  # 2023 of 2020–2025: 3/5 = 60 % passed
    assert evaluation_kind(midterm) == "中期评估"
    assert evaluation_kind(gap_table([dict(PHARMACISTS, year=2021)])) == "年度监测"  # 1/5 = 20 %
    assert evaluation_kind(gap_table(FINAL_AREA)) == "总结评估"
    fifteenth = gap_table([dict(PHARMACISTS, year=2026, target_year=2030, baseline_year=2025)])  # 1/5
    assert evaluation_kind(fifteenth) == "年度监测"
    assert default_title(gap_table(FINAL_AREA)) == "本市“十四五”规划主要指标总结评估报告（2025年）"
    assert default_title(fifteenth, kind="摘要") == "本市“十五五”规划主要指标年度监测摘要（2026年）"
    text = summary_markdown(gap_table(FINAL_AREA))
    assert text.startswith("# 本市“十四五”规划主要指标总结评估摘要（2025年）\n\n## 总体情况\n\n截至2025年，本市共监测3项指标；")
    assert "序时进度" not in text


# ---------------------------------------------------------------- from assess()


def tidy(rows):
    """A tidy frame: (kind, year, value, extra columns) per row for one indicator 每万人口执业药师数 (人)."""
    out = []
    for kind, year, value, extra in rows:
        r = dict.fromkeys(TIDY_COLUMNS, "")
        r.update(indicator_id="Y01", region="本市", area="药品安全", name="每万人口执业药师数", unit="人",
                 direction="higher", year=year, kind=kind, value=value, target_high=NAN,
                 plan_base_year=pd.NA, plan_target_year=pd.NA)
        r.update(extra)
        out.append(r)
    return pd.DataFrame(out, columns=TIDY_COLUMNS)


def test_sentences_from_assess_midterm_and_final():
    base = [("baseline", 2020, 1.8, {}), ("actual", 2023, 2.5, {}), ("target", 2025, 3.5, {"comparator": ">="})]
    (row,) = [r for _, r in assess(tidy(base)).iterrows()]
    # achievement (2.5 − 1.8)/(3.5 − 1.8) = 41.18 %; ÷ 60 % = 0.686 < 0.75 → lagging; projection 3.112 (above).
    assert sentence(row) == (
        "每万人口执业药师数2.5人，为2025年目标3.5人的71.4%，尚差1.0人，需年均增长约18.3%，进度滞后于序时进度；"
        "按目前增速，预计2025年可达3.1人（难以完成目标）。"
    )
    final = base + [("actual", 2025, 3.4, {})]
    (row,) = [r for _, r in assess(tidy(final), basically_band=95).iterrows()]
    assert sentence(row) == "每万人口执业药师数3.4人，为“十四五”期末目标3.5人的97.1%，距目标差0.1人，基本完成。"
    (row,) = [r for _, r in assess(tidy(final)).iterrows()]  # no band: 未完成
    assert sentence(row) == "每万人口执业药师数3.4人，为“十四五”期末目标3.5人的97.1%，距目标差0.1人，未完成。"


def test_plan_name_from_assess_attrs_reaches_the_summary():
    rows = [("baseline", 2025, 1.8, {}), ("actual", 2026, 2.0, {}), ("target", 2030, 3.5, {"comparator": ">="})]
    table = assess(tidy(rows), plan="十五五")
    text = summary_markdown(table)
    assert text.startswith("# 本市“十五五”规划主要指标年度监测摘要（2026年）")
    assert "设有2030年目标" in text


@pytest.mark.parametrize("row", [PHARMACISTS, TRADEMARKS, COMPLAINTS, ACCIDENTS, PASS_RATE])
def test_midterm_sentences_never_use_final_words(row):
    text = sentence(dict(row, phase="midterm"))
    assert "期末" not in text and "未完成" not in text
