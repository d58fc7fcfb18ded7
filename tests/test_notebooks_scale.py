"""Notebooks 02, 03 and 04 on a 1,000-region workbook show a screenful, not a row or a figure per region
(issue 19, "Interactive use at scale"): the shape of their outputs, not their timing."""

import re

import pytest

from analysis.pack.report import execute, notebooks, run_parameters
from scale_workbook import scale_workbook

pytestmark = pytest.mark.slow

REGIONS, INDICATORS = 1000, 4  # 4,000 gap-table rows, all four indicators with a target, two areas
BY_NAME = {p.name[:2]: p for p in notebooks()}


@pytest.fixture(scope="module")
def params(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nbscale")
    data = scale_workbook(tmp / "各县.xlsx", REGIONS, INDICATORS)
    return run_parameters([data], out=tmp / "pack")


def outputs(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def images(nb) -> int:
    return sum("image/png" in o.get("data", {}) for o in outputs(nb))


def tables_rows(nb) -> list[int]:
    """Rows (<tr>, the header included) of every HTML table in the notebook's outputs."""
    rows = []
    for o in outputs(nb):
        html = o.get("data", {}).get("text/html", "")
        rows += [part.count("<tr") for part in html.split("<table")[1:]]
    return rows


def text_of(nb) -> str:
    parts = []
    for o in outputs(nb):
        parts.append(o.get("text", ""))
        parts.append(o.get("data", {}).get("text/html", ""))
    return "".join(parts)


def test_02_shows_the_first_rows_and_the_counts_by_area(params):
    nb = execute(BY_NAME["02"], params)
    assert not [o for o in outputs(nb) if o["output_type"] == "error"]
    assert images(nb) == 0
    # The two gap tables: a header and 20 rows each; the counts: a header and the two areas; claims: none.
    rows = tables_rows(nb)
    assert rows.count(21) == 2, rows
    assert max(rows) == 21, rows
    text = text_of(nb)
    assert "共4000行（1000个地区），这里只显示前20行；全部行见简报材料包的 tables/gap_table.xlsx" in text
    assert "数据有1000个地区，分地区的统计不在这里逐行列出" in text
    assert "第1000县" not in text  # the last region is in the files, not on the screen


def test_03_draws_the_counts_not_a_figure_per_region(params):
    nb = execute(BY_NAME["03"], params)
    assert not [o for o in outputs(nb) if o["output_type"] == "error"]
    assert images(nb) == 1  # the counts by area × status; distributions and rankings go to the pack
    assert max(tables_rows(nb), default=0) <= 21


def test_04_draws_the_distribution_and_the_top_and_bottom_regions(params):
    nb = execute(BY_NAME["04"], dict(params, INDICATOR="每万人口有效发明专利拥有量"))
    assert not [o for o in outputs(nb) if o["output_type"] == "error"]
    assert images(nb) == 2  # the distribution and the top / bottom 10: not a bar per region
    assert re.search(r"排名前10位和后10位的地区；全部地区的排名见简报材料包的 tables/rankings\.csv", text_of(nb))
