"""Issue 10: a 5-region workbook (no 指标代码 column, 15 indicators × 2020–2024, targets for 2025) through `report`."""

import json
import re
import subprocess
import sys

import nbformat
import pytest

from a4 import assert_within_a4
from regions_workbook import INDICATORS, REGIONS, regions_workbook

# Sentences that are only true of the bundled mid-term data.
BUNDLED_ONLY = ["中期评估报告", "报告没有给出", "附带的中期评估数据", "163名", "406", "162.4万", "pharmacists_per_10k"]


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("regions")
    data = regions_workbook(tmp / "县区指标.xlsx")
    out = tmp / "pack"
    run = subprocess.run([sys.executable, "-m", "analysis", "report", "--data", str(data), "--out", str(out)],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    return out


def test_no_notebook_narrates_the_bundled_data(pack):
    for path in sorted((pack / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        texts = [o.get("text", "") + json.dumps(o.get("data", {}).get("text/plain", ""), ensure_ascii=False)
                 for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        for phrase in BUNDLED_ONLY:
            assert not [t for t in texts if phrase in t], f"{path.name} prints {phrase!r}"
        assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


def test_every_figure_fits_an_a4_page(pack):
    assert_within_a4(sorted((pack / "figures").glob("*.png")))


def test_ranking_grid_and_small_multiples_exist_with_shared_stems(pack):
    names = {p.stem for p in (pack / "figures").glob("*.png")}
    assert "status_grid" in names
    assert {f"overview_{k:02d}_{r}" for k, r in enumerate(REGIONS, 1)} <= names  # one overview page per region
    for _, name, *_ in INDICATORS:
        # ranking and small multiples of one indicator share the stem "<name>_各地区"
        assert f"ranking_{name}_各地区" in names and f"trend_{name}_各地区" in names
    # No hash-only ids (ind_2ced73c54c) and no running numbers that drift between chart types.
    assert not [n for n in names if re.search(r"ind_[0-9a-f]{6,}|_\d{3}$", n)]


def test_index_names_every_figure_in_words(pack):
    index = (pack / "index.md").read_text(encoding="utf-8")
    for png in (pack / "figures").glob("*.png"):
        line = next(line for line in index.splitlines() if f"({'figures/' + png.name})" in line)
        assert line.startswith("- ") and "：" in line
    assert "- 地区排名：每万人口执业药师数（昌江区、珠山区、浮梁县、乐平市、高新区）：" in index
    # Every indicator has its 2020 base: the overview shows 目标进度, judged against 序时进度.
    assert "- 总览：乐平市2024年主要指标目标进度：" in index


def test_summary_has_a_city_paragraph_and_a_comparison(pack):
    text = (pack / "summary.md").read_text(encoding="utf-8")
    # 5 regions × 15 indicators = 75 region-indicators, all with a 2025 target.
    assert "\n## 总体情况\n\n截至2024年，5个地区共监测15项指标（75个地区指标）；75个地区指标设有2025年目标，" in text
    # Drug-store pharmacists: 2020 value 2.0 shifted by (k − 2) × 0.25 × 0.8 and growing 0.25 × (1 + 0.3(k − 2)) a
    # year for 4 years: 昌江区 1.6 + 0.4 = 2.0, 高新区 2.4 + 1.6 = 4.0 (≥ 3.5 met), 乐平市 2.2 + 1.3 = 3.5 (met).
    assert "每万人口执业药师数：5个地区中2个已达到2025年目标，最高的是高新区（4人），最低的是昌江区（2人）。" in text


def test_word_draft_counts_region_indicators_and_names_each_overview(pack):
    from docx import Document

    doc = Document(pack / "briefing.docx")
    texts = [p.text for p in doc.paragraphs]
    # 5 regions × 15 indicators = 75 region-indicators, every one with a 2025 target.
    # The 总体情况 sentence of summary.md (words.overview.overall_sentence), in the draft too.
    assert "截至2024年，5个地区共监测15项指标（75个地区指标）；75个地区指标设有2025年目标，" in "\n".join(texts)
    captions = [t for t in texts if t.startswith("图") and "总览" in t]
    assert len(captions) == 5  # one overview page per region
    for region in REGIONS:
        assert any(f"{region}各指标目标完成情况总览" in c for c in captions)


def test_notebook_03_shows_the_overviews_and_grid_and_says_where_the_rest_are(pack):
    nb = nbformat.read(pack / "notebooks" / "03_差距图.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 5 + 1  # an overview page per region, and the status grid
    text = "".join(o.get("text", "") for o in outputs)
    # 15 indicators, each with a ranking and small multiples in the pack.
    assert "另有地区排名15幅、趋势图15幅只写入简报材料包" in text
