"""Issue 19: the pack's shape follows the number of regions (pack/plan.py, docs/scale.md), checked on a 100- and a
1,000-region workbook written by scale_workbook (few indicators, so the tests stay quick); not its timing."""

import csv

import pytest

from analysis.assess.gap import assess
from analysis.charts import distribution
from analysis.pack import plan as scale_plan
from analysis.pack.briefing import plan_figures, shown_in_notebook, write_pack
from analysis.read.loader import load_indicators
from a4 import assert_within_a4
from scale_workbook import region_name, scale_workbook



def loaded(tmp_path_factory, regions, indicators):
    tmp = tmp_path_factory.mktemp(f"scale{regions}")
    frame = load_indicators(scale_workbook(tmp / "各县.xlsx", regions, indicators))
    return tmp, frame, assess(frame)


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """100 regions × 3 indicators (制造业产品质量合格率, 食品抽检合格率, 品牌建设数量), default pack and one with
    per-region pages."""
    tmp, frame, table = loaded(tmp_path_factory, 100, 3)
    write_pack(frame, table, tmp / "pack", source="资料来源：测试")
    return tmp / "pack", frame, table


def pngs(folder):
    return sorted(folder.rglob("*.png"))


def test_thresholds_twelve_regions_are_few_thirteen_many():
    assert scale_plan.FEW_REGIONS == 12
    few = scale_plan.Scale(12, per_region=True)
    many = scale_plan.Scale(13, per_region=False)
    assert not few.many and many.many


def test_province_pack_has_distributions_rankings_and_grid_pages_but_no_region_pages(province):
    pack, _, _ = province
    names = {p.stem for p in pngs(pack / "figures")}
    for name in ("制造业产品质量合格率", "食品抽检合格率", "品牌建设数量"):
        assert f"distribution_{name}_各地区" in names and f"ranking_{name}_各地区" in names
    # 3 indicators fit one page of rows; 100 regions in pages of 20 columns: 5 grid pages, and the counts.
    assert {f"status_grid_{k:02d}" for k in range(1, 6)} | {"status_counts"} <= names
    assert len(names) == 3 * 2 + 5 + 1
    assert not [n for n in names if n.startswith(("overview", "bullet", "trend"))]
    assert not (pack / "regions").exists()  # no per-region page unless asked
    assert not list(pack.rglob("*.svg"))  # SVG only on request
    assert_within_a4(pngs(pack))


def test_province_rankings_table_holds_every_region_best_first(province):
    pack, _, _ = province
    with open(pack / "tables" / "rankings.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3 * 100 and list(rows[0]) == ["name", "rank", "region", "actual", "status_label"]
    brand = [r for r in rows if r["name"] == "品牌建设数量"]
    # 2024 value of region k: 10 + 4·s + 8·(1 + 0.4·s) = 18 + 7.2·s, s = 2k/99 − 1: the last county 25.2, the first 10.8.
    assert (brand[0]["rank"], brand[0]["region"], float(brand[0]["actual"])) == ("1", region_name(99), 25.2)
    assert (brand[-1]["rank"], brand[-1]["region"], float(brand[-1]["actual"])) == ("100", region_name(0), 10.8)


def test_province_summary_has_no_sentence_per_region(province):
    pack, _, _ = province
    text = (pack / "summary.md").read_text(encoding="utf-8")
    # 18 + 7.2·s ≥ 25 needs s ≥ 0.9722, k ≥ 97.6: counties 98 and 99 (第0099县, 第0100县) have met ≥25.
    assert "品牌建设数量：100个地区中2个已达到2025年目标" in text
    assert "## 第0001县" not in text and "tables/rankings.csv" in text
    assert len(text.splitlines()) < 40


def test_distribution_says_the_share_that_has_met_the_target(province):
    _, _, table = province
    brand = table.loc[table["name"] == "品牌建设数量", "indicator_id"].iloc[0]
    ax = distribution.distribution(table, brand)
    note = [t.get_text() for t in ax.texts if t.get_gid() == "met_share"]
    assert note == ["100个地区中2个已达到目标（2.0%）"]
    assert [line.get_xdata()[0] for line in ax.lines if line.get_gid() == "target"] == [25.0]
    ax = distribution.top_bottom(table, brand, n=10)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "1. 第0100县" and labels[10] == "……（中间80个地区略）" and labels[-1] == "100. 第0001县"


def test_notebook_shows_the_counts_only(province):
    _, frame, table = province
    shown = shown_in_notebook(plan_figures(frame, table), table)
    assert [f.stem for f in shown] == ["status_counts"]


def test_per_region_pages_when_asked(tmp_path_factory):
    tmp, frame, table = loaded(tmp_path_factory, 20, 2)
    write_pack(frame, table, tmp / "pack", source="资料来源：测试", per_region=True)
    folders = sorted(p.name for p in (tmp / "pack" / "regions").iterdir())
    assert folders == [region_name(k) for k in range(20)]
    for name in folders:
        assert sorted(p.name for p in (tmp / "pack" / "regions" / name).iterdir()) == ["overview.png", "summary.md"]
    assert_within_a4(pngs(tmp / "pack" / "regions"))


def test_a_few_regions_drop_their_overview_pages_only_when_told(tmp_path_factory):
    _, frame, table = loaded(tmp_path_factory, 5, 2)
    kinds = [f.kind for f in plan_figures(frame, table)]
    assert kinds.count("overview") == 5  # a page per county while they are few
    assert "overview" not in [f.kind for f in plan_figures(frame, table, per_region=False)]


@pytest.mark.slow
def test_national_scale_pack_is_counts_distributions_and_rankings(tmp_path_factory):
    tmp, frame, table = loaded(tmp_path_factory, 1000, 2)
    write_pack(frame, table, tmp / "pack", source="资料来源：测试")
    names = {p.stem for p in pngs(tmp / "pack" / "figures")}
    # 1,000 regions need 50 grid pages (> 6): the counts by area × status stand for the grid.
    assert names == {"status_counts", "distribution_制造业产品质量合格率_各地区", "ranking_制造业产品质量合格率_各地区",
                     "distribution_食品抽检合格率_各地区", "ranking_食品抽检合格率_各地区"}
    assert not (tmp / "pack" / "regions").exists()
    assert_within_a4(pngs(tmp / "pack"))
    ax = distribution.status_counts(table)
    widths = sum(p.get_width() for p in ax.patches if str(p.get_gid()).startswith("count:"))
    assert widths == 2000  # every region-indicator counted once


def test_regions_with_their_own_targets_are_said_in_the_legend(province):
    # Each region its own target (as a national table of county targets has): no single line to draw, so the
    # legend says that the targets differ and over which range: 25 for region 0 … 25 + 99·0.1 = 34.9 for the last.
    _, _, table = province
    table = table.copy()
    brand = table.loc[table["name"] == "品牌建设数量", "indicator_id"].iloc[0]
    rows = table.index[table["indicator_id"] == brand]
    table.loc[rows, "target"] = [25 + 0.1 * k for k in range(len(rows))]
    for draw in (distribution.distribution, distribution.top_bottom):
        ax = draw(table, brand)
        assert [line for line in ax.lines if line.get_gid() == "target"] == []
        texts = [t.get_text() for t in ax.get_legend().get_texts()]
        assert "各地区目标不同（25～34.9），按各自目标判断" in texts
