"""Charts: Chinese text renders, markers sit where the numbers say, files are byte-stable and 16 cm wide."""

import base64
import io
import math
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from PIL import Image  # noqa: E402

from analysis import charts  # noqa: E402
from analysis.charts import fonts  # noqa: E402
from analysis.metadata.fields import GAP_COLUMNS, TIDY_COLUMNS  # noqa: E402
from analysis.metadata.statuses import status_label  # noqa: E402
from analysis.write import figures  # noqa: E402

NAN = math.nan
SOURCE = "资料来源：市市场监督管理局“十四五”规划实施中期评估报告"


def gap_row(**values):
    row = {c: NAN for c in GAP_COLUMNS}
    row.update(region="全市", year=2023, target_year=2025, comparator="")
    row.update(values)
    row["status_label"] = status_label(row.get("status")) if row.get("status") else ""
    return row


PHARMACISTS = gap_row(indicator_id="YJ01", area="药品安全", name="每万人口执业药师数", unit="人", actual=2.5,
                      target=3.5, comparator=">=", completion_pct=71.43, elapsed_pct=60, status="not_achieved")
PATENTS = gap_row(indicator_id="ZC01", area="知识产权", name="每万人口高价值发明专利拥有量", unit="件", actual=3.59,
                  target=4.0, comparator=">", baseline_year=2020, baseline=2.1, completion_pct=89.75,
                  achievement_pct=78.38, elapsed_pct=60, status="ahead")
ACCIDENTS = gap_row(indicator_id="SP01", area="食品安全", name="较大以上食品安全事故起数", unit="起", actual=2.0,
                    target=0.0, comparator="<=", baseline_year=2020, baseline=5.0, achievement_pct=60.0,
                    elapsed_pct=60, status="on_track")
ENTITIES = gap_row(indicator_id="ZT01", area="药品安全", name="市场主体总量", unit="万户", actual=128.0,
                   target=120.0, comparator=">=", completion_pct=106.67, elapsed_pct=60, status="achieved")
QUALITY = gap_row(indicator_id="ZL01", area="质量提升", name="制造业产品质量合格率", unit="%", actual=62.0,
                  target=80.0, comparator=">=", completion_pct=77.5, elapsed_pct=60, status="lagging")
NO_TARGET = gap_row(indicator_id="ZC02", area="知识产权", name="知识产权保护社会满意度", unit="分", actual=82.0,
                    status="no_target")


@pytest.fixture
def gap():
    return pd.DataFrame([PHARMACISTS, PATENTS, ACCIDENTS, ENTITIES, QUALITY, NO_TARGET], columns=GAP_COLUMNS)


def tidy_rows(indicator_id, name, unit, points):
    rows = []
    for year, kind, value, comparator in points:
        row = {c: "" for c in TIDY_COLUMNS}
        row.update(indicator_id=indicator_id, region="全市", area="知识产权", name=name, unit=unit, year=year,
                   kind=kind, value=value, comparator=comparator)
        rows.append(row)
    return rows


@pytest.fixture
def tidy():
    patents = tidy_rows("ZC01", "每万人口高价值发明专利拥有量", "件", [
        (2020, "baseline", 2.1, ""), (2021, "actual", 2.6, ""), (2022, "actual", 3.1, ""),
        (2023, "actual", 3.59, ""), (2025, "target", 4.0, ">"), (2023, "midterm_target", 3.2, ">=")])
    single = tidy_rows("YJ01", "每万人口执业药师数", "人", [(2023, "actual", 2.5, ""), (2025, "target", 3.5, ">=")])
    return pd.DataFrame(patents + single, columns=TIDY_COLUMNS)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def by_gid(ax, gid):
    """Artists (lines, patches, texts) the charts tagged with `gid`."""
    return [a for a in ax.get_children() if a.get_gid() == gid]


def bars(ax):
    """Overview bars by indicator id (their gid is "bar:<indicator_id>")."""
    return {a.get_gid()[4:]: a for a in ax.get_children() if str(a.get_gid()).startswith("bar:")}


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def render_strict(fig):
    """Render to PNG and SVG with any missing-glyph warning turned into an error."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*[Gg]lyph.*missing")
        for fmt in ("png", "svg"):
            fig.savefig(io.BytesIO(), format=fmt)


# ---------------------------------------------------------------- fonts


def test_use_chinese_font_is_idempotent_and_sets_print_defaults():
    minus = matplotlib.rcParams["axes.unicode_minus"]
    for _ in range(3):
        assert fonts.use_chinese_font() == "Noto Sans SC"
    path = str(fonts.font_path())
    assert sum(f.fname == path for f in font_manager.fontManager.ttflist) == 1
    sans = matplotlib.rcParams["font.sans-serif"]
    assert sans[0] == "Noto Sans SC" and sans.count("Noto Sans SC") == 1
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
    assert matplotlib.rcParams["svg.hashsalt"] == fonts.SVG_HASHSALT
    assert matplotlib.rcParams["savefig.dpi"] == 300
    assert matplotlib.rcParams["axes.unicode_minus"] == minus
    assert font_manager.findfont(font_manager.FontProperties(family=["sans-serif"])).endswith("NotoSansSC-Regular.otf")


def test_glyph_check_catches_a_font_without_chinese():
    # The strict render must fail when Chinese is drawn with DejaVu only, or the glyph tests prove nothing.
    fig, ax = plt.subplots()
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        ax.set_title("每万人口执业药师数")
        with pytest.raises(UserWarning, match="missing"):
            render_strict(fig)


# ---------------------------------------------------------------- no missing glyphs anywhere


def test_every_chart_renders_without_missing_glyphs(gap, tidy):
    figs = []
    for _, row in gap.iterrows():
        figs.append(charts.bullet(row).figure)
    figs.append(charts.overview(gap).figure)
    figs.append(charts.overview(gap, measure="achievement_pct").figure)
    figs.append(charts.trend(tidy, "ZC01").figure)
    for fig in figs:
        charts.add_source(fig, SOURCE)
        render_strict(fig)


# ---------------------------------------------------------------- bullet


def test_bullet_bar_is_the_actual_and_target_line_is_the_target():
    ax = charts.bullet(PHARMACISTS)
    (bar,) = by_gid(ax, "actual")
    assert bar.get_x() == 0 and bar.get_width() == pytest.approx(2.5)
    (target,) = by_gid(ax, "target")
    assert list(target.get_xdata()) == [3.5, 3.5]
    lo, hi = ax.get_xlim()
    assert lo == 0 and hi > 3.5 and not ax.xaxis_inverted()
    assert any(t.startswith("实际 2.5") for t in legend_texts(ax))
    assert any(t.startswith("目标 3.5") for t in legend_texts(ax))
    assert ax.get_title(loc="left") == "每万人口执业药师数"
    assert "人" in ax.get_xlabel()
    # No baseline: 序时进度 has nothing to start from, so no expected marker.
    assert by_gid(ax, "expected") == []


def test_bullet_strict_comparator_and_expected_marker():
    ax = charts.bullet(PATENTS)
    assert any(t.startswith("目标 >4") for t in legend_texts(ax))
    (target,) = by_gid(ax, "target")
    assert list(target.get_xdata()) == [4.0, 4.0]
    (expected,) = by_gid(ax, "expected")
    assert expected.get_xdata()[0] == pytest.approx(2.1 + 0.6 * (4.0 - 2.1))
    assert expected.get_marker() != target.get_marker()


@pytest.mark.parametrize("actual, target", [(2.5, 3.5), (3.59, 4.0), (62.0, 80.0), (9.75, 11.0)])
def test_bullet_scale_holds_bar_and_target(actual, target):
    ax = charts.bullet(gap_row(name="指标", unit="%", actual=actual, target=target, comparator=">="))
    (bar,) = by_gid(ax, "actual")
    assert bar.get_width() == pytest.approx(actual)
    lo, hi = ax.get_xlim()
    assert lo <= 0 and hi > max(actual, target) * 1.02  # target line not glued to the edge
    bands = [a for a in ax.get_children() if str(a.get_gid()).startswith("band-")]
    assert len(bands) == 3
    # One hue: every band is a grey (r == g == b), the darkest furthest from the target.
    greys = [to_rgb(b.get_facecolor()) for b in bands]
    assert all(r == g == b for r, g, b in greys)
    assert [g[0] for g in greys] == sorted(g[0] for g in greys)


def test_bullet_lower_is_better_reverses_the_scale():
    ax = charts.bullet(ACCIDENTS)
    assert ax.xaxis_inverted()
    (target,) = by_gid(ax, "target")
    assert list(target.get_xdata()) == [0.0, 0.0]
    lo, hi = sorted(ax.get_xlim())
    assert lo < 0 < hi and 5 < hi  # target 0 visible inside, baseline 5 on the scale
    # The bar grows from the worst end (left) and stops at the actual value.
    (bar,) = by_gid(ax, "actual")
    ends = sorted([bar.get_x(), bar.get_x() + bar.get_width()])
    assert ends[0] == pytest.approx(2.0) and ends[1] == pytest.approx(max(ax.get_xlim()))
    (expected,) = by_gid(ax, "expected")
    assert expected.get_xdata()[0] == pytest.approx(5 + 0.6 * (0 - 5))
    assert any(t.startswith("目标 ≤0") for t in legend_texts(ax))
    assert "越低越好" in ax.get_xlabel()
    assert all(t >= 0 for t in ax.get_xticks())  # no negative tick labels for a count


def test_bullet_direction_argument_overrides_comparator():
    assert charts.bullet(PHARMACISTS, direction="lower").xaxis_inverted()
    assert not charts.bullet(ACCIDENTS, direction="higher").xaxis_inverted()


def test_bullet_draws_on_a_passed_ax_and_returns_it():
    fig, axes = plt.subplots(2, 1)
    before = plt.get_fignums()
    assert charts.bullet(PHARMACISTS, ax=axes[1]) is axes[1]
    assert plt.get_fignums() == before
    assert by_gid(axes[1], "target") and not by_gid(axes[0], "target")


# ---------------------------------------------------------------- overview


def test_overview_one_bar_per_indicator_with_a_target(gap):
    ax = charts.overview(gap)
    drawn = bars(ax)
    with_value = gap[gap["comparator"].ne("") & gap["completion_pct"].notna()]
    assert sorted(drawn) == sorted(with_value["indicator_id"])
    for indicator_id, bar in drawn.items():
        expected = with_value.set_index("indicator_id").loc[indicator_id, "completion_pct"]
        assert bar.get_width() == pytest.approx(expected)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "知识产权保护社会满意度" not in labels  # no target: skipped
    assert "较大以上食品安全事故起数" in labels  # target 0: row shown, measure undefined
    assert len(labels) == (gap["comparator"] != "").sum()
    assert "71.4%" in [t.get_text() for t in by_gid(ax, "value")]
    assert [t.get_text() for t in by_gid(ax, "no-value")] == [" 无法计算"]


def test_overview_groups_by_area_and_draws_reference_lines(gap):
    ax = charts.overview(gap)
    areas = [t.get_text() for t in by_gid(ax, "area")]
    assert areas == ["药品安全", "知识产权", "食品安全", "质量提升"]
    # Same-area rows are adjacent even when the table interleaves them.
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels.index("市场主体总量") == labels.index("每万人口执业药师数") + 1
    (ref,) = by_gid(ax, "reference-100")
    assert list(ref.get_xdata()) == [100, 100]
    # 完成度 (A/T) is not judged against time: no 序时进度 line beside it.
    assert by_gid(ax, "elapsed") == []
    # 目标进度 is: the 序时进度 line (60 %) is drawn with it.
    ax = charts.overview(gap, measure="achievement_pct")
    (elapsed,) = by_gid(ax, "elapsed")
    assert list(elapsed.get_xdata()) == [60, 60]


def test_overview_measure_follows_the_baselines(gap):
    # Two of the five indicators with a target and a value have a 目标进度 (ZC01, SP01): fewer than half → 完成度.
    assert charts.overview_measure(gap) == "completion_pct"
    # A third one (YJ01 given a 目标进度) makes three of five: most → 目标进度.
    gap.loc[gap["indicator_id"] == "YJ01", "achievement_pct"] = 40.0
    assert charts.overview_measure(gap) == "achievement_pct"


def test_overview_status_colours_and_chinese_legend(gap):
    ax = charts.overview(gap)
    colours = {i: b.get_facecolor() for i, b in bars(ax).items()}
    assert len({tuple(c) for c in colours.values()}) == len(colours)  # four statuses, four looks
    texts = legend_texts(ax)
    for status in ("achieved", "ahead", "lagging", "not_achieved"):
        assert status_label(status) in texts
    assert status_label("no_target") not in texts
    # Bad statuses are hatched so a grayscale print still tells them apart.
    hatched = {i: bool(b.get_hatch()) for i, b in bars(ax).items()}
    assert hatched == {"YJ01": True, "ZC01": False, "ZT01": False, "ZL01": True}


def test_overview_achievement_measure_and_passed_ax(gap):
    fig, ax = plt.subplots()
    assert charts.overview(gap, ax=ax, measure="achievement_pct") is ax
    widths = {i: b.get_width() for i, b in bars(ax).items()}
    assert widths == pytest.approx({"ZC01": 78.38, "SP01": 60.0})


# ---------------------------------------------------------------- trend


def test_has_trend(tidy):
    assert charts.has_trend(tidy, "ZC01")
    assert charts.has_trend(tidy, "ZC01", region="全市")
    assert not charts.has_trend(tidy, "YJ01")
    assert not charts.has_trend(tidy, "ZC01", region="高新区")
    with pytest.raises(ValueError):
        charts.trend(tidy, "YJ01")


def test_trend_line_target_and_projection(tidy):
    ax = charts.trend(tidy, "ZC01")
    (line,) = by_gid(ax, "actual")
    assert list(line.get_xdata()) == [2020, 2021, 2022, 2023]
    assert list(line.get_ydata()) == pytest.approx([2.1, 2.6, 3.1, 3.59])
    (target,) = by_gid(ax, "target")
    assert (target.get_xdata()[0], target.get_ydata()[0]) == (2025, 4.0)
    (proj,) = by_gid(ax, "projection")
    # A count (件): compound growth, as the gap table's `projected`. 2.1 (2020) → 3.59 (2023) is a factor
    # 3.59/2.1 = 1.70952 in 3 years; 2 more years: 3.59 × 1.70952^(2/3) = 3.59 × 1.42972 = 5.1327.
    assert list(proj.get_xdata()) == [2023, 2025]
    assert list(proj.get_ydata()) == pytest.approx([3.59, 5.1327], abs=1e-4)
    assert by_gid(ax, "baseline")[0].get_xdata()[0] == 2020
    assert any(t.startswith("目标 >4") for t in legend_texts(ax))
    assert ax.get_title(loc="left") == "每万人口高价值发明专利拥有量（全市）"  # the trend names its region


def test_trend_draws_on_a_passed_ax(tidy):
    fig, ax = plt.subplots()
    assert charts.trend(tidy, "ZC01", ax=ax) is ax
    assert len(fig.axes) == 1


# ---------------------------------------------------------------- figure, footnote, save


@pytest.mark.parametrize("kind", ["bullet", "overview", "trend"])
def test_figure_is_16_cm_wide(kind):
    fig = charts.figure(kind)
    assert fig.get_size_inches()[0] * 2.54 == pytest.approx(16.0)


def test_default_figures_are_16_cm_and_grow_with_rows(gap):
    small = charts.overview(gap.iloc[:2]).figure
    large = charts.overview(gap).figure
    assert small.get_size_inches()[0] * 2.54 == pytest.approx(16.0)
    assert large.get_size_inches()[1] > small.get_size_inches()[1]
    with pytest.raises(ValueError):
        charts.figure("pie")


def test_add_source_bottom_left_grey_and_not_stacked():
    ax = charts.bullet(PHARMACISTS)
    charts.add_source(ax, "资料来源：旧")
    note = charts.add_source(ax.figure, SOURCE)
    notes = [t for t in ax.figure.texts if t.get_gid() == "source"]
    assert notes == [note] and note.get_text() == SOURCE
    x, y = note.get_position()
    assert x < 0.05 and y < 0.1 and note.get_fontsize() <= 8
    r, g, b = to_rgb(note.get_color())
    assert r == g == b and 0.2 < r < 0.8
    # The footnote must not overlap the axes (legend included) once laid out.
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert note.get_window_extent(renderer).y1 <= ax.get_tightbbox(renderer).y0 + 1


def test_save_is_byte_identical_16_cm_and_300_dpi(tmp_path):
    ax = charts.bullet(PATENTS)
    charts.add_source(ax, SOURCE)
    assert [p.name for p in figures.save(ax.figure, tmp_path / "png" / "bullet")] == ["bullet.png"]  # PNG by default
    first = figures.save(ax.figure, tmp_path / "a" / "bullet", svg=True)
    blobs = [p.read_bytes() for p in first]
    second = figures.save(ax.figure, tmp_path / "a" / "bullet", svg=True)
    assert [p.name for p in first] == ["bullet.png", "bullet.svg"] and first == second
    assert [p.read_bytes() for p in second] == blobs
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["bullet.png", "bullet.svg"]  # no temp files
    with Image.open(first[0]) as png:
        assert png.info["dpi"][0] == pytest.approx(300, abs=0.01)
        assert png.width / 300 * 2.54 == pytest.approx(16.0, abs=0.01)
        assert "Software" not in png.info
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and 'width="453.' in svg


SUBPROCESS = """
import sys, matplotlib
matplotlib.use("Agg")
from analysis import charts
from analysis.write import figures
row = dict(name="每万人口高价值发明专利拥有量", unit="件", year=2023, target_year=2025, actual=3.59, target=4.0,
           comparator=">", baseline=2.1, elapsed_pct=60)
ax = charts.bullet(row)
charts.add_source(ax, "资料来源：测试")
figures.save(ax.figure, sys.argv[1], svg=True)
"""


def test_save_is_byte_identical_across_processes(tmp_path):
    # Separate interpreters get different hash seeds and object ids: nothing of that may leak into the files.
    for name in ("one", "two"):
        subprocess.run([sys.executable, "-c", SUBPROCESS, str(tmp_path / name)], check=True)
    for ext in ("png", "svg"):
        assert (tmp_path / f"one.{ext}").read_bytes() == (tmp_path / f"two.{ext}").read_bytes()


def test_save_crash_leaves_previous_file_intact(tmp_path):
    ax = charts.bullet(PHARMACISTS)
    png, svg = figures.save(ax.figure, tmp_path / "chart", svg=True)
    old = png.read_bytes()

    def crash(path, **kwargs):
        with open(path, "wb") as fh:
            fh.write(b"half a PNG")
        raise RuntimeError("disk full")

    ax.figure.savefig = crash
    with pytest.raises(RuntimeError):
        figures.save(ax.figure, tmp_path / "chart", svg=True)
    assert png.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.png", "chart.svg"]


def test_number_formatting():
    assert [charts.fmt(v) for v in (2.5, 3.59, 62.0, 0.0, -0.0, 9.75, 12345.6)] == [
        "2.5", "3.59", "62", "0", "0", "9.75", "12,345.6"]
    assert charts.fmt(-1.5) == "\u22121.5"
    assert charts.target_text(4, ">") == ">4" and charts.target_text(3.5, ">=") == "3.5"
    assert charts.target_text(0, "<=") == "≤0"
    assert np.isnan(charts.expected_value({"baseline": NAN, "target": 3.5, "elapsed_pct": 60}))


def test_inline_figures_shown_as_saved():
    """Outside IPython nothing changes; in a Jupyter kernel figures display uncropped (one draw, as in the pack)."""
    import nbformat
    from nbclient import NotebookClient

    assert charts.show_inline_as_saved() is False  # plain pytest: no IPython shell
    probe = ("import analysis as an\nan.charts\nfrom matplotlib.figure import Figure\n"
             "f = get_ipython().display_formatter.formatters['image/png'].lookup_by_type(Figure)\n"
             "print(f.keywords.get('bbox_inches', 'tight'))")
    draw = ("an.charts.bullet({'name': '每万人口执业药师数', 'unit': '人', 'actual': 2.5, 'target': 3.5, "
            "'comparator': '>='});")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe), nbformat.v4.new_code_cell(draw)])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    assert nb.cells[0].outputs[0]["text"].strip() == "None"
    # At the notebook's width, not matplotlib's 100 dpi (629 px): 16 cm at 220 dpi = 16 / 2.54 × 220 = 1385.8 px,
    # cut to 1385 whole pixels;
    # JupyterLab scales an image down to the output area (max-width: 100 %), never up.
    (shown,) = [o for o in nb.cells[1].outputs if "image/png" in o.get("data", {})]
    with Image.open(io.BytesIO(base64.b64decode(shown["data"]["image/png"]))) as png:
        assert png.width == 1385
