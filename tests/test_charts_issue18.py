"""Charts a director pastes as they are (issue 18) and that read in a notebook (issue 20): each panel its own
target, targets above the grid, value labels clear of targets, the final evaluation's language, no bullet
without data, the projection the sentences print, note lines with air between them."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from sheets import write_workbook  # noqa: E402

from analysis import charts  # noqa: E402
from analysis.assess.gap import assess  # noqa: E402
from analysis.metadata.fields import GAP_COLUMNS, TIDY_COLUMNS  # noqa: E402
from analysis.metadata.statuses import status_label  # noqa: E402
from analysis.pack import briefing  # noqa: E402
from analysis.read.loader import load_indicators  # noqa: E402

NAN = math.nan


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def gap_row(**values):
    row = {c: NAN for c in GAP_COLUMNS}
    row.update(region="全市", year=2023, target_year=2025, comparator=">=")
    row.update(values)
    row["status_label"] = status_label(row.get("status"), row.get("phase") or "midterm") if row.get("status") else ""
    return row


def tidy(points):
    """points: (region, year, kind, value, comparator) for one indicator, 制造业产品质量合格率 (%)."""
    rows = []
    for region, year, kind, value, comparator in points:
        row = {c: "" for c in TIDY_COLUMNS}
        row.update(indicator_id="ZL01", region=region, area="质量提升", name="制造业产品质量合格率", unit="%",
                   year=year, kind=kind, value=value, comparator=comparator)
        rows.append(row)
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


def by_gid(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def drawn(fig):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


# ---------------------------------------------------------------- small multiples: each panel its own target


def test_each_panel_names_its_own_target():
    frame = tidy([("甲区", 2020, "actual", 97.0, ""), ("甲区", 2024, "actual", 98.0, ""), ("甲区", 2025, "target", 99.0, ">="),
                  ("乙区", 2020, "actual", 96.0, ""), ("乙区", 2024, "actual", 97.0, ""), ("乙区", 2025, "target", 98.5, ">=")])
    fig = charts.small_multiples(frame, "ZL01")
    first, second = fig.axes[:2]
    assert (first.get_title(loc="left"), first.get_title(loc="right")) == ("甲区", "目标 99（2025年）")
    assert (second.get_title(loc="left"), second.get_title(loc="right")) == ("乙区", "目标 98.5（2025年）")
    assert [list(by_gid(ax, "target")[0].get_ydata()) for ax in (first, second)] == [[99.0], [98.5]]
    # The legend no longer names one region's target for all of them (it said "目标 98.5" from the last region).
    legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert "目标（数值见各图右上）" in legend and not any(t.startswith("目标 ") for t in legend)


# ---------------------------------------------------------------- targets above the grid, labels clear of them


def test_target_rule_draws_above_the_grid_in_its_own_style():
    frame = tidy([("全市", 2020, "actual", 97.0, ""), ("全市", 2024, "actual", 98.8, ""), ("全市", 2025, "target", 99.0, ">=")])
    ax = charts.trend(frame, "ZL01")
    (rule,) = by_gid(ax, "target-rule")
    grid = ax.yaxis.get_gridlines()[0]
    # Gridlines are drawn with the axis (zorder 1.5 below lines): the rule must be above, black and dotted.
    assert rule.get_zorder() > ax.yaxis.get_zorder() == 1.5
    assert matplotlib.colors.to_hex(rule.get_color()) == "#000000" != matplotlib.colors.to_hex(grid.get_color())
    assert grid.get_linestyle() == "-" != rule.get_linestyle()  # solid grid, broken rule


def test_trend_label_moves_below_a_target_just_above_the_point():
    # 98.8 (2024) sits 0.2 below the target 99: a label above the point would be struck through by the rule.
    frame = tidy([("全市", 2020, "actual", 97.0, ""), ("全市", 2024, "actual", 98.8, ""), ("全市", 2025, "target", 99.0, ">=")])
    ax = charts.trend(frame, "ZL01")
    renderer = drawn(ax.figure)
    labels = {t.get_text(): t for t in by_gid(ax, "point-label")}
    assert labels["98.8"].xyann[1] < 0 and labels["97"].xyann[1] > 0  # below its point; 97 keeps its place above
    rule_y = ax.transData.transform((2024, 99.0))[1]
    for text in labels.values():
        box = text.get_window_extent(renderer)
        assert not box.y0 - 1 <= rule_y <= box.y1 + 1, text.get_text()


def test_ranking_labels_are_not_struck_by_the_target():
    table = pd.DataFrame([gap_row(indicator_id="ZL01", name="制造业产品质量合格率", unit="%", region=r, actual=v, target=99.0,
                                  status=s, year=2024)
                          for r, v, s in (("高新区", 99.4, "achieved"), ("乐平市", 98.8, "on_track"),
                                          ("浮梁县", 98.2, "on_track"), ("昌江区", 97.0, "lagging"))],
                         columns=GAP_COLUMNS)
    ax = charts.ranking(table, "ZL01")
    renderer = drawn(ax.figure)
    (target,) = by_gid(ax, "target")
    assert list(target.get_xdata()) == [99.0, 99.0]
    target_x = ax.transData.transform((99.0, 0))[0]
    values = {t.get_text(): t for t in by_gid(ax, "value")}
    assert sorted(values) == ["97", "98.2", "98.8", "99.4"]
    for text in values.values():
        box = text.get_window_extent(renderer)
        assert not box.x0 - 1 <= target_x <= box.x1 + 1, text.get_text()
    # 98.8 would have run into the line at 99: it starts past it.
    assert values["98.8"].get_window_extent(renderer).x0 > target_x


# ---------------------------------------------------------------- the final evaluation


FINAL_ROWS = [
    ["乐平市“十四五”市场监管主要指标完成情况"],
    ["指标名称", "单位", "2020年", "2023年", "2025年", "2025年目标值", "领域"],
    ["每万人口执业药师数", "人", 2.0, 2.5, 3.6, 3.5, "市场安全监管"],  # 3.6 ≥ 3.5: 完成
    ["食品抽检合格率", "%", 97.0, 97.5, 97.6, "≥98", "市场安全监管"],  # 97.6/98 = 99.6 %: 基本完成 (band 95)
    ["社会公用计量标准", "项", 50, 62, 70, 80, "质量强省基础"],  # 70/80 = 87.5 %: 未完成
    ["一日办结率", "%", None, None, None, 95, "质量强省基础"],  # no value at all
]


@pytest.fixture(scope="module")
def final(tmp_path_factory):
    path = write_workbook(tmp_path_factory.mktemp("final") / "乐平市.xlsx", {"指标": FINAL_ROWS})
    frame = load_indicators(path)
    return frame, assess(frame, basically_band=95)


def test_final_overview_shows_completion_without_elapsed_line(final):
    frame, table = final
    assert charts.overview_measure(table) == "completion_pct"  # every row has a baseline, yet: the plan ended
    ax = charts.overview(table, measure=charts.overview_measure(table))
    names = dict(zip(table["indicator_id"], table["name"]))
    widths = {names[a.get_gid()[4:]]: a.get_width() for a in ax.get_children() if str(a.get_gid()).startswith("bar:")}
    # 3.6 / 3.5 = 720/7 = 102.857 %, 97.6 / 98 = 4880/49 = 99.592 %, 70 / 80 = 87.5 %: none negative, none −100 %.
    # (assess stores the unrounded ratio; rounding happens only where a number is shown)
    assert widths == pytest.approx({"每万人口执业药师数": 720 / 7, "食品抽检合格率": 4880 / 49, "社会公用计量标准": 87.5})
    assert by_gid(ax, "elapsed") == []
    assert not any("序时进度" in t for t in legend_texts(ax))
    assert {"完成", "基本完成", "未完成"} <= set(legend_texts(ax))
    # Asked for 目标进度 anyway, a final row still gets no 序时进度 line (it would sit at 100 %).
    assert by_gid(charts.overview(table, measure="achievement_pct"), "elapsed") == []


def test_final_bullet_says_how_far_from_the_target_and_has_no_pace_marker(final):
    _, table = final
    row = table[table["name"] == "食品抽检合格率"].iloc[0]
    ax = charts.bullet(row)
    assert by_gid(ax, "expected") == []  # baseline 97 and 序时进度 100 %: no triangle at the plan's end
    # 98 − 97.6 = 0.4 percentage points.
    assert "实际 97.6（2025年）：基本完成，距目标差0.4个百分点" in legend_texts(ax)
    assert not any("序时进度" in t for t in legend_texts(ax))
    met = charts.bullet(table[table["name"] == "每万人口执业药师数"].iloc[0])
    assert "实际 3.6（2025年）：完成" in legend_texts(met)


def test_no_bullet_for_an_indicator_without_data(final):
    frame, table = final
    empty = table[table["name"] == "一日办结率"].iloc[0]
    assert not charts.has_bullet(empty)
    with pytest.raises(ValueError):
        charts.bullet(empty)
    stems = [f.stem for f in briefing.plan_figures(frame, table) if f.kind == "bullet"]
    assert stems == ["bullet_每万人口执业药师数_乐平市", "bullet_食品抽检合格率_乐平市", "bullet_社会公用计量标准_乐平市"]


def test_final_trend_draws_no_projection(final):
    frame, table = final
    ind = table.loc[table["name"] == "社会公用计量标准", "indicator_id"].iloc[0]
    ax = charts.trend(frame, ind, table=table)
    assert by_gid(ax, "projection") == []
    assert list(by_gid(ax, "actual")[0].get_ydata()) == [50, 62, 70]


# ---------------------------------------------------------------- the projection the sentences print


def test_trend_draws_the_gap_tables_projection():
    frame = tidy([("全市", 2020, "baseline", 2.1, ""), ("全市", 2023, "actual", 3.59, ""), ("全市", 2025, "target", 4.0, ">")])
    frame["unit"] = "件"
    table = pd.DataFrame([gap_row(indicator_id="ZL01", actual=3.59, target=4.0, projected=12.0)], columns=GAP_COLUMNS)
    ax = charts.trend(frame, "ZL01", table=table)
    (line,) = by_gid(ax, "projection")
    assert list(line.get_xdata()) == [2023, 2025] and list(line.get_ydata()) == [3.59, 12.0]
    assert "按年均增速外推 12（2025年）" in legend_texts(ax)
    # Printed with the row's own decimals, as the sentence prints it: 1.2504 beside 1.4 (actual) and 2.2 (baseline)
    # is 1.3 ("预计2025年可达1.3个工作日"), not the chart's usual two decimals (1.25).
    days = tidy([("全市", 2020, "baseline", 2.2, ""), ("全市", 2024, "actual", 1.4, ""), ("全市", 2025, "target", 1.0, "<=")])
    days["unit"] = "个工作日"
    row = gap_row(indicator_id="ZL01", year=2024, actual=1.4, target=1.0, comparator="<=", baseline=2.2,
                  baseline_year=2020, projected=1.2504155745)
    ax = charts.trend(days, "ZL01", table=pd.DataFrame([row], columns=GAP_COLUMNS))
    assert "按年均增速外推 1.3（2025年）" in legend_texts(ax)
    assert list(by_gid(ax, "projection")[0].get_ydata()) == [1.4, 1.2504155745]
    # The table has no projection for it (e.g. the rate is bounded): the chart draws none either.
    table["projected"] = NAN
    assert by_gid(charts.trend(frame, "ZL01", table=table), "projection") == []


# ---------------------------------------------------------------- the bullet's notes (issue 20)


def test_bullet_unit_line_and_band_note_do_not_touch():
    ax = charts.bullet(gap_row(name="每万人口执业药师数", unit="人", actual=2.5, target=3.5, status="not_achieved"))
    renderer = drawn(ax.figure)
    label = ax.xaxis.label
    assert label.get_text() == "单位：人\n底纹由深到浅：不足目标的60%、60%–100%、达到目标以上"
    # Two 7.5 pt lines touch at matplotlib's 1.2 spacing (7.5 + 1.2 × 7.5 = 16.5 pt tall); with air between them
    # the label is at least 7.5 + 1.6 × 7.5 = 19.5 pt tall.
    height_pt = label.get_window_extent(renderer).height * 72 / ax.figure.dpi
    assert height_pt >= 19.5
    # The legend starts below the note, with air (at least 2 pt).
    legend = ax.get_legend().get_window_extent(renderer)
    assert (label.get_window_extent(renderer).y0 - legend.y1) * 72 / ax.figure.dpi >= 2


def test_bullet_without_target_starts_at_zero_and_says_so_once():
    # 82 分 and nothing to compare it with: no zoomed scale (it started at 80.16 before), one 无量化目标.
    ax = charts.bullet(gap_row(name="知识产权保护社会满意度", unit="分", actual=82.0, comparator="", status="no_target"))
    assert ax.get_xlim()[0] == 0 and "不从0开始" not in ax.xaxis.label.get_text()
    assert legend_texts(ax) == ["实际 82（2023年）：无量化目标"]
