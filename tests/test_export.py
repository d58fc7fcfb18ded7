"""Exports of the gap table: CSV, Excel, Markdown, briefing sentences, and the safe-write helpers.

Every expected string and number below was worked out by hand from the rows built in this file.
"""

import math
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from analysis.metadata.fields import GAP_COLUMNS, GAP_HEADERS_ZH
from analysis.metadata.statuses import STATUS, status_label
from analysis.words.indicator import sentence
from analysis.words.overview import area_sentence
from analysis.write import csvfile, safeio
from analysis.write.csvfile import write_csv
from analysis.write.markdown import write_markdown, write_summary
from analysis.write.safeio import (
    atomic_write,
    atomic_write_bytes,
    atomic_write_text,
    inert_text,
    replace_dir,
    staged_dir,
)
from analysis.write.tables import write_gap_table
from analysis.write.xlsx import write_xlsx

NAN = math.nan
BOM = b"\xef\xbb\xbf"
EVIL_NAMES = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-2+3", "=1+1", "\t=1", "#N/A"]


def gap_row(**values):
    """A gap-table row: NaN everywhere not given; status_label follows status unless given."""
    row = dict.fromkeys(GAP_COLUMNS, NAN)
    row.update(values)
    if "status" in values and "status_label" not in values:
        row["status_label"] = status_label(values["status"])
    return row


def gap_table(rows):
    """A gap table with assess()'s dtypes: nullable integer years, float values."""
    table = pd.DataFrame(rows, columns=GAP_COLUMNS)
    for column in ("year", "target_year", "baseline_year"):
        table[column] = table[column].astype("Int64")
    return table


COMMON = dict(region="本市", year=2023, target_year=2025, baseline_year=2020, elapsed_pct=60.0)

# (3.5/2.5)^(1/2) − 1 = 18.32 %; 2.5/3.5 = 71.43 %; (2.5−1.8)/(3.5−1.8) = 41.18 %.
PHARMACISTS = gap_row(
    indicator_id="Y01", area="药品安全", name="每万人口执业药师数", unit="人", actual=2.5, target=3.5,
    comparator=">=", baseline=1.8, gap=1.0, completion_pct=71.42857142857143, achievement_pct=41.18,
    required_growth_pct=18.32, actual_growth_pct=11.57, status="lagging", **COMMON,
)
# 3.59/4 = 89.75 %; (4/3.59)^(1/2) − 1 = 5.56 %; (3.59−2.1)/(4−2.1) = 78.42 % ≥ 60 + 5 → ahead.
PATENTS = gap_row(
    indicator_id="Z01", area="知识产权保护运用", name="每万人口高价值发明专利拥有量", unit="件", actual=3.59,
    target=4.0, comparator=">", baseline=2.1, gap=0.41000000000000014, completion_pct=89.75,
    achievement_pct=78.42, required_growth_pct=5.56, status="ahead", **COMMON,
)
TRADEMARKS = gap_row(
    indicator_id="Z02", area="知识产权保护运用", name="地理标志商标数", unit="项", actual=86.0, target=80.0,
    comparator=">=", baseline=62.0, gap=0.0, completion_pct=107.5, achievement_pct=133.33,
    required_growth_pct=0.0, status="achieved", **COMMON,
)
# Lower is better: (12.6−11.2)/(10−11.2) = −116.67 % → regressing; (10/12.6)^(1/2) − 1 = −10.91 %.
COMPLAINTS = gap_row(
    indicator_id="S01", area="食品安全", name="每万人口消费者投诉举报量", unit="件", actual=12.6, target=10.0,
    comparator="<=", baseline=11.2, gap=2.6, completion_pct=79.37, achievement_pct=-116.67,
    required_growth_pct=-10.91, status="regressing", **COMMON,
)
ACCIDENTS = gap_row(
    indicator_id="S02", area="食品安全", name="较大食品安全事故", unit="起", actual=0.0, target=0.0,
    comparator="<=", gap=0.0, completion_pct=100.0, required_growth_pct=0.0, status="achieved",
    region="本市", year=2023, target_year=2025,
)
# A rate: the gap and the pace are in percentage points. 97.4/98 = 99.39 %; (98 − 97.4)/2 = 0.3 points a year.
PASS_RATE = gap_row(
    indicator_id="S03", area="食品安全", name="食品安全抽检合格率", unit="%", actual=97.4, target=98.0,
    comparator=">=", baseline=96.8, gap=0.6, completion_pct=99.39, achievement_pct=50.0,
    required_growth_pct=0.3, status="lagging", **COMMON,
)
NEGATIVE = gap_row(
    indicator_id="Z03", area="知识产权保护运用", name="专利|商标 质押融资额增速", unit="%", actual=-2.5,
    region="本市", year=2023, status="no_target",
)
NAME_ONLY = gap_row(name="只有名称")
ALL_ROWS = [PHARMACISTS, PATENTS, TRADEMARKS, NEGATIVE, COMPLAINTS, ACCIDENTS, PASS_RATE, NAME_ONLY]


@pytest.fixture
def table():
    return gap_table(ALL_ROWS)


# ---------------------------------------------------------------- sentences


def test_sentence_pharmacists_matches_the_briefing_example():
    row = dict(PHARMACISTS, status=NAN, status_label=NAN)
    assert sentence(row) == "每万人口执业药师数2.5人，为2025年目标3.5人的71.4%，尚差1.0人，需年均增长约18.3%。"


def test_sentence_adds_the_progress_judgement():
    assert (
        sentence(PHARMACISTS)
        == "每万人口执业药师数2.5人，为2025年目标3.5人的71.4%，尚差1.0人，需年均增长约18.3%，进度滞后于序时进度。"
    )


def test_sentence_strict_target_says_exceed_and_keeps_each_precision():
    assert (
        sentence(PATENTS)
        == "每万人口高价值发明专利拥有量3.59件，为2025年目标（超过4件）的89.8%，尚差0.41件，需年均增长约5.6%，进度快于序时进度。"
    )


def test_sentence_achieved():
    assert sentence(TRADEMARKS) == "地理标志商标数86项，已达到2025年目标（不低于80项）。"


def test_sentence_lower_is_better():
    assert (
        sentence(COMPLAINTS)
        == "每万人口消费者投诉举报量12.6件，2025年目标为不高于10件，尚需降低2.6件，需年均下降约10.9%，较基期逆向变化。"
    )
    assert sentence(ACCIDENTS) == "较大食品安全事故0起，已达到2025年目标（不高于0起）。"


def test_sentence_strict_lower_target_without_growth():
    row = gap_row(name="食品抽检不合格率", unit="%", actual=2.6, target=2.0, comparator="<", gap=0.6,
                  year=2023, target_year=2025, status="not_achieved")
    assert sentence(row) == "食品抽检不合格率2.6%，2025年目标为低于2%，尚需降低0.6个百分点。"


def test_sentence_rate_gap_is_in_percentage_points():
    assert (
        sentence(PASS_RATE)
        == "食品安全抽检合格率97.4%，为2025年目标98%的99.4%，尚差0.6个百分点，需年均提高约0.3个百分点，进度滞后于序时进度。"
    )


def test_sentence_gap_takes_the_finer_precision_and_drops_float_noise():
    # 11 − 9.75 = 1.25; 9.75/11 = 88.64 %; (11/9.75)^(1/2) − 1 = 6.22 %.
    row = gap_row(name="每万户市场主体商标拥有量", unit="件", actual=9.75, target=11.0, comparator=">=",
                  gap=1.25, completion_pct=88.64, required_growth_pct=6.22, year=2023, target_year=2025)
    assert sentence(row) == "每万户市场主体商标拥有量9.75件，为2025年目标11件的88.6%，尚差1.25件，需年均增长约6.2%。"
    noisy = dict(row, actual=0.1 + 0.2, target=0.5, gap=0.5 - (0.1 + 0.2), completion_pct=60.0, required_growth_pct=NAN)
    assert sentence(noisy) == "每万户市场主体商标拥有量0.3件，为2025年目标0.5件的60.0%，尚差0.2件。"


def test_sentence_unit_as_given_and_other_method_labels():
    row = dict(PHARMACISTS, unit="人/万人", status="lagging", status_label="进展不足")
    assert sentence(row) == (
        "每万人口执业药师数2.5人/万人，为2025年目标3.5人/万人的71.4%，尚差1.0人/万人，需年均增长约18.3%，进展不足。"
    )


def test_sentence_without_target_or_actual():
    assert sentence(NAME_ONLY) == "只有名称未设定量化目标。"
    row = gap_row(name="知识产权质押融资登记金额", unit="亿元", target=50.0, comparator=">=", target_year=2025,
                  status="no_data")
    assert sentence(row) == "知识产权质押融资登记金额暂无实际值，2025年目标为不低于50亿元。"


def test_sentence_accepts_a_series(table):
    assert sentence(table.iloc[1]) == sentence(PATENTS)


def test_area_sentence_counts_statuses():
    area = dict(area="知识产权保护运用", region="本市")
    rows = [
        dict(PATENTS),
        gap_row(name="有效发明专利量", unit="件", actual=9000.0, target=10000.0, comparator=">=", target_year=2025,
                status="on_track", **area),
        gap_row(name="商标注册量", actual=10.0, status="no_target", **area),
        gap_row(name="专利代理机构数", actual=3.0, status="no_target", **area),
    ]
    # Neither target met: "已达到0项" reads "均未达到" (issue 10).
    assert area_sentence(gap_table(rows)) == "知识产权保护运用：4项指标中，2项设有2025年目标，均未达到。"


def test_area_sentence_names_the_ones_that_lag():
    rows = [COMPLAINTS, ACCIDENTS, PASS_RATE, gap_row(name="抽检批次", area="食品安全", target=8.0,
                                                      target_year=2025, comparator=">=", status="no_data")]
    assert area_sentence(gap_table(rows)) == (
        "食品安全：4项指标均设有2025年目标，其中已达到1项、尚未达到2项、暂无数据1项；"
        "滞后于序时进度的有食品安全抽检合格率；逆向变化的有每万人口消费者投诉举报量。"
    )
    assert area_sentence(gap_table([NAME_ONLY])) == "其他：1项指标未设定量化目标。"  # as the charts say (NO_AREA_ZH)


def test_summary(tmp_path, table):
    path = write_summary(table, tmp_path / "summary.md", title="市场监管“十四五”规划指标中期评估")
    text = path.read_text(encoding="utf-8")
    # The city-level paragraph first: 8 indicators, 6 with a 2025 target, 2 of them met (2/6 = 33.3 %);
    # two lag (食品安全抽检合格率 and one more), one regresses (投诉举报量).
    assert text.startswith("# 市场监管“十四五”规划指标中期评估\n\n## 总体情况\n\n截至2023年，本市共监测8项指标；6项设有2025年目标，"
                           "其中已达到2项、尚未达到4项，达标率33.3%；滞后于序时进度2项，逆向变化1项。\n\n## 分领域概况\n\n")
    assert "\n知识产权保护运用：3项指标中，2项设有2025年目标，其中已达到1项、尚未达到1项。\n" in text
    assert "\n### 药品安全\n\n" + sentence(PHARMACISTS) + "\n" in text
    # Every indicator with a target gets its sentence, under its area, in table order; the others none.
    positions = [text.index(sentence(r)) for r in (PHARMACISTS, PATENTS, TRADEMARKS, COMPLAINTS, ACCIDENTS, PASS_RATE)]
    assert positions == sorted(positions) and text.index("## 分指标情况") < positions[0]
    assert "只有名称未设定" not in text and "质押融资额增速未设定" not in text
    assert write_summary(table, tmp_path / "again.md", title="市场监管“十四五”规划指标中期评估").read_bytes() == path.read_bytes()


def test_summary_groups_by_region_when_there_are_several(tmp_path):
    table = gap_table([PHARMACISTS, dict(PHARMACISTS, region="甲区", actual=3.6, status="achieved")])
    text = write_summary(table, tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "\n## 本市\n" in text and "\n## 甲区\n" in text
    assert "每万人口执业药师数3.6人，已达到2025年目标（不低于3.5人）。" in text
    # Comparison across the two regions: 甲区 3.6 met, 本市 2.5 not: one of two met; highest 3.6, lowest 2.5.
    assert "\n## 各地区比较\n\n每万人口执业药师数：2个地区中1个已达到2025年目标，最高的是甲区（3.6人），最低的是本市（2.5人）。\n" in text
    assert "截至2023年，2个地区共监测1项指标（2个地区指标）；2个地区指标设有2025年目标，其中已达到1个、尚未达到1个，达标率50.0%" in text


# ---------------------------------------------------------------- CSV


def test_csv_contract(tmp_path, table):
    data = write_csv(table, tmp_path / "gap.csv").read_bytes()
    assert data.startswith(BOM)
    assert b"\r" not in data
    lines = data[len(BOM):].decode("utf-8").split("\n")
    assert lines[0].split(",") == GAP_COLUMNS
    assert lines[1] == (
        "Y01,本市,药品安全,每万人口执业药师数,人,2023,2.5,2025,3.5,>=,2020,1.8,1,"
        "71.43,41.18,60,18.32,11.57,lagging,滞后于序时进度" + "," * (len(GAP_COLUMNS) - GAP_COLUMNS.index("status_label") - 1)  # appended columns empty here
    )
    assert lines[2].split(",")[12] == "0.41"  # gap without float noise
    assert lines[4].split(",")[6] == "-2.5"  # a negative number is data, not a formula
    assert lines[8] == ",,,只有名称" + "," * (len(GAP_COLUMNS) - 4)
    assert lines[9] == "" and len(lines) == 10


def test_csv_rounds_pct_and_makes_text_inert(tmp_path):
    rows = [dict(PHARMACISTS, name=name, completion_pct=71.43000000001) for name in ("=1+1", "@SUM(A1)", "-2+3", "正常")]
    data = write_csv(gap_table(rows), tmp_path / "gap.csv").read_bytes().decode("utf-8-sig")
    names = [line.split(",")[3] for line in data.splitlines()[1:]]
    assert names == ["'=1+1", "'@SUM(A1)", "'-2+3", "正常"]
    assert all(line.split(",")[13] == "71.43" for line in data.splitlines()[1:])


def test_csv_and_markdown_are_byte_identical_on_rerun(tmp_path, table):
    for writer in (write_csv, write_markdown):
        first = writer(table, tmp_path / "a").read_bytes()
        assert writer(table, tmp_path / "b").read_bytes() == first


def test_csv_failing_halfway_keeps_the_previous_file(tmp_path, table, monkeypatch):
    path = write_csv(table, tmp_path / "gap.csv")
    before = path.read_bytes()
    calls = []

    def fail_on_second_row(column, value):
        calls.append(column)
        if len(calls) > len(GAP_COLUMNS):
            raise RuntimeError("disk full")
        return "x"

    monkeypatch.setattr(csvfile, "_csv_cell", fail_on_second_row)
    with pytest.raises(RuntimeError):
        write_csv(table, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["gap.csv"]


def test_wrong_columns_are_refused(tmp_path, table):
    with pytest.raises(ValueError, match="completion_pct"):
        write_csv(table.drop(columns="completion_pct"), tmp_path / "gap.csv")


# ---------------------------------------------------------------- Markdown


def test_markdown_table(tmp_path, table):
    lines = write_markdown(table, tmp_path / "gap.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "| " + " | ".join(GAP_HEADERS_ZH[c] for c in GAP_COLUMNS) + " |"
    assert lines[2] == (
        "| Y01 | 本市 | 药品安全 | 每万人口执业药师数 | 人 | 2023 | 2.5 | 2025 | 3.5 | >= | 2020 | 1.8 | 1.0 "
        "| 71.4% | 41.2% | 60.0% | 18.3% | 11.6% | lagging | 滞后于序时进度 |" + " — |" * (len(GAP_COLUMNS) - GAP_COLUMNS.index("status_label") - 1)
    )
    assert "| 专利\\|商标 质押融资额增速 |" in lines[5]
    assert all(line.count(" | ") == len(GAP_COLUMNS) - 1 for line in lines)  # escaped pipes keep the columns


# ---------------------------------------------------------------- Excel


def _wcag_luminance(hex_rgb):
    channels = [int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_xlsx_layout(tmp_path, table):
    path = write_xlsx(table, tmp_path / "gap.xlsx", sources=["资料来源：市市场监督管理局中期评估报告"])
    wb = load_workbook(path)
    assert wb.sheetnames == ["目标差距表", "打印表", "说明"]  # one region: no 地区×指标 sheet
    ws = wb["目标差距表"]
    assert [c.value for c in ws[1]] == [GAP_HEADERS_ZH[c] for c in GAP_COLUMNS]
    assert all(c.font.b for c in ws[1]) and ws["A1"].fill.fgColor.rgb.endswith("D9E1F2")
    assert ws.freeze_panes == "E2"  # header row and the columns up to 指标名称
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(GAP_COLUMNS))}9"
    assert ws.column_dimensions["D"].width >= 2 * len("每万人口高价值发明专利拥有量")
    assert ws.column_dimensions["D"].width > ws.column_dimensions["E"].width
    notes = [c.value for row in wb["说明"].iter_rows() for c in row if c.value]
    assert "资料来源：市市场监督管理局中期评估报告" in notes and "一、字段说明" in notes
    assert GAP_HEADERS_ZH["elapsed_pct"] in notes and any("序时进度：" in str(v) for v in notes)


def test_xlsx_numbers_and_formats(tmp_path, table):
    ws = load_workbook(write_xlsx(table, tmp_path / "gap.xlsx"))["目标差距表"]
    col = {c: i + 1 for i, c in enumerate(GAP_COLUMNS)}
    pharm, patents, negative = 2, 3, 5
    assert ws.cell(pharm, col["year"]).value == 2023 and ws.cell(pharm, col["year"]).number_format == "0"
    assert ws.cell(pharm, col["actual"]).number_format == "#,##0.0"
    assert ws.cell(patents, col["target"]).number_format == "#,##0.00"
    assert ws.cell(patents, col["gap"]).value == 0.41  # stored without float noise
    assert ws.cell(pharm, col["completion_pct"]).number_format == "0.0"
    assert ws.cell(pharm, col["completion_pct"]).value == pytest.approx(71.42857142857)
    cell = ws.cell(negative, col["actual"])
    assert (cell.value, cell.data_type) == (-2.5, "n")
    assert ws.cell(9, col["actual"]).value is None  # NaN → empty cell


def test_xlsx_status_colours(tmp_path, table):
    ws = load_workbook(write_xlsx(table, tmp_path / "gap.xlsx"))["目标差距表"]
    label_col = GAP_COLUMNS.index("status_label") + 1
    seen = {}
    for r in range(2, ws.max_row + 1):
        status = ws.cell(r, label_col - 1).value
        if status:
            seen[status] = ws.cell(r, label_col).fill.fgColor.rgb[-6:]
    assert seen == {s: STATUS[s].style.fill_hex for s in ("lagging", "ahead", "achieved", "no_target", "regressing")}


def test_status_palette_is_distinct_legible_and_ordered_in_grayscale():
    styles = {code: (s.style.fill_hex, s.style.text_hex) for code, s in STATUS.items()}
    assert len({fill for fill, _ in styles.values()}) == len(styles)
    for fill, font in styles.values():
        light, dark = sorted([_wcag_luminance(fill), _wcag_luminance(font)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5  # WCAG AA for normal text
    # Printed in grayscale, darker still means worse.
    severity = ["achieved", "ahead", "on_track", "lagging", "not_achieved", "regressing"]
    lum = [_wcag_luminance(styles[s][0]) for s in severity]
    assert lum == sorted(lum, reverse=True) and len(set(lum)) == len(lum)


def test_xlsx_never_writes_formulas(tmp_path):
    rows = [dict(PHARMACISTS, name=name, unit=name) for name in EVIL_NAMES] + [NEGATIVE]
    path = write_xlsx(gap_table(rows), tmp_path / "gap.xlsx", sources=["=cmd|' /C calc'!A0"], method_text="+1+1\n说明")
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (ws.title, cell.coordinate, cell.value)
    ws = wb["目标差距表"]
    names = [ws.cell(r, GAP_COLUMNS.index("name") + 1).value for r in range(2, 2 + len(EVIL_NAMES))]
    assert names == EVIL_NAMES  # text kept exactly, no quote prefix needed in a string cell
    notes = [c.value for row in wb["说明"].iter_rows() for c in row]
    assert "=cmd|' /C calc'!A0" in notes and "+1+1" in notes
    with zipfile.ZipFile(path) as z:
        assert all("<f>" not in z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_xlsx_is_deterministic(tmp_path, table):
    first = write_xlsx(table, tmp_path / "a.xlsx", sources=["来源"]).read_bytes()
    assert write_xlsx(table, tmp_path / "b.xlsx", sources=["来源"]).read_bytes() == first
    props = load_workbook(tmp_path / "a.xlsx").properties
    assert props.created == props.modified == safeio.FIXED_TIMESTAMP
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:  # no entry carries the time it was written
        assert {info.date_time for info in z.infolist()} == {safeio.ZIP_TIMESTAMP}


def test_exports_are_identical_across_processes(tmp_path):
    """Set iteration order changes with the hash seed; nothing written may depend on it."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_export as t; "
        "from analysis.write.tables import write_gap_table; from analysis.write.markdown import write_summary; "
        "write_gap_table(t.gap_table(t.ALL_ROWS), sys.argv[2], sources=['来源']); "
        "write_summary(t.gap_table(t.ALL_ROWS), sys.argv[2] + '/summary.md')"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent), str(out)], check=True, env=env)
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert len(outputs[0]) == 4 and outputs[0] == outputs[1]


def test_write_gap_table(tmp_path, table):
    paths = write_gap_table(table, tmp_path / "out", sources=["来源"])
    names = {k: p.name for k, p in paths.items()}
    assert names == {"csv": "gap_table.csv", "xlsx": "gap_table.xlsx", "md": "gap_table.md"}
    assert sorted(os.listdir(tmp_path / "out")) == ["gap_table.csv", "gap_table.md", "gap_table.xlsx"]


# ---------------------------------------------------------------- safeio


@pytest.mark.parametrize(
    "value, expected",
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("正常", "正常"), ("", ""), ("a=1", "a=1"), (-2.5, -2.5), (-3, -3), (None, None)],
)
def test_inert_text(value, expected):
    assert inert_text(value) == expected


def test_atomic_write_keeps_previous_file_on_error(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("old complete report", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(path) as fh:
            fh.write("new half-")
            raise RuntimeError("crash mid-write")
    assert path.read_text(encoding="utf-8") == "old complete report"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_atomic_write_replaces_and_keeps_permissions(tmp_path):
    path = tmp_path / "report.txt"
    atomic_write_text(path, "第一行\n第二行\n")
    assert path.read_bytes() == "第一行\n第二行\n".encode("utf-8")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["report.txt"]


def _make_dir(path, files):
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def test_replace_dir_swaps_the_whole_directory(tmp_path):
    final = _make_dir(tmp_path / "report", {"old.csv": "old", "shared.md": "old"})
    staging = _make_dir(tmp_path / "staging", {"shared.md": "new"})
    replace_dir(staging, final)
    assert sorted(os.listdir(final)) == [safeio.MARKER, "shared.md"] and (final / "shared.md").read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["report"]


def test_replace_dir_keeps_the_old_directory_on_failure(tmp_path, monkeypatch):
    final = _make_dir(tmp_path / "report", {"a.csv": "old"})
    staging = _make_dir(tmp_path / "staging", {"a.csv": "new"})
    real_replace = os.replace

    def refuse_staging(src, dst):
        if os.fspath(src) == os.fspath(staging):
            raise OSError("rename failed")
        real_replace(src, dst)

    monkeypatch.setattr(safeio.os, "replace", refuse_staging)
    with pytest.raises(OSError):
        replace_dir(staging, final)
    assert (final / "a.csv").read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(tmp_path)) == ["report", "staging"]  # nothing renamed aside is left


def test_staged_dir_failure_leaves_the_previous_report(tmp_path):
    final = _make_dir(tmp_path / "report", {"a.csv": "old"})
    safeio.write_marker(final, "report", "complete", ["a.csv"])  # a pack the tool wrote (the output-folder rule)
    with pytest.raises(RuntimeError):
        with staged_dir(final) as staging:
            (staging / "a.csv").write_text("new", encoding="utf-8")
            raise RuntimeError("chart failed")
    assert sorted(os.listdir(final)) == [safeio.MARKER, "a.csv"] and (final / "a.csv").read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["report"]
    with staged_dir(final) as staging:
        (staging / "b.csv").write_text("new", encoding="utf-8")
    assert sorted(os.listdir(final)) == [safeio.MARKER, "b.csv"] and os.listdir(tmp_path) == ["report"]
