"""The small public API: `import analysis as an` offers the names a notebook cell types, each with a docstring,
and the notebooks use nothing else."""

import ast
import inspect

import nbformat
import pytest

import analysis as an
from analysis.pack.notebook import marks_sentence
from analysis.pack.report import notebooks
from scale_workbook import scale_workbook


def test_about_fifteen_names_each_with_a_one_line_docstring():
    assert 12 <= len(an.__all__) <= 20
    for name in an.__all__:
        doc = inspect.getdoc(getattr(an, name)) or ""
        assert doc and doc.splitlines()[0].strip(), f"an.{name} has no docstring"


def test_the_package_imports_its_names_explicitly():
    tree = ast.parse(inspect.getsource(an))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "__getattr__"]
    imported = {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    assert set(an.__all__) <= imported


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebooks_use_only_the_public_names(path):
    nb = nbformat.read(path, as_version=4)
    tree = ast.parse("\n".join(c.source for c in nb.cells if c.cell_type == "code"))
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [ast.unparse(n) for n in imports] == ["import analysis as an"]
    used = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "an"]
    assert used and not [n.attr for n in used if n.attr not in an.__all__]
    chained = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Attribute)
               and isinstance(n.value.value, ast.Name) and n.value.value.id == "an"]
    assert not chained, chained  # an.briefing.show(…): a subpackage reached through the API


@pytest.mark.parametrize("path", notebooks()[:5], ids=lambda p: p.name)
def test_analysis_notebooks_take_a_region(path):
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "REGION = None" in cell.source and "相对路径从本笔记本所在的文件夹 notebooks/ 算起" in cell.source


def test_collection_notebook_takes_the_plan_as_a_parameter():
    nb = nbformat.read(notebooks()[5], as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "十四五" not in code and "plan=PLAN" in code
    assert "tempfile" not in code and len([l for l in code.splitlines() if l.strip() and not l.lstrip().startswith("#")]) <= 20


def test_charts_introduction_explains_no_mark_the_data_does_not_draw():
    nb = nbformat.read(notebooks()[2], as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "三角" not in prose
    _, table = an.load()
    # The bundled workbook has no baseline values: 0 of 4 targeted indicators have a 序时进度 position.
    assert marks_sentence(table).endswith("黑色短竖线为目标；数据没有基期值，子弹图不画序时进度。")
    assert "总览显示完成度（实际值÷目标值）" in marks_sentence(table)


def test_region_names_the_place_of_the_tables():
    # REGION goes to the loader (its region=): the bundled tables, titled 景德镇市, read as 乐平市's.
    _, table = an.load(region="乐平市")
    assert set(table["region"]) == {"乐平市"} and len(table) == 23
    assert set(an.load()[1]["region"]) == {"景德镇市"}
    assert set(an.validate(None, region="乐平市").frame["region"]) == {"乐平市"}


def _regions_table(tmp_path, regions):
    return an.assess(an.load_indicators(scale_workbook(tmp_path / "各县.xlsx", regions, 2)))


def test_gap_table_of_many_regions_shows_the_first_rows_and_says_where_the_rest_are(tmp_path):
    # 13 regions (one past pack.plan.FEW_REGIONS = 12) × 2 indicators with targets = 26 rows; a screenful is 20.
    shown = an.gap_table(_regions_table(tmp_path, 13), targeted=True)
    assert shown.parts[0] == ("共26行（13个地区），这里只显示前20行；全部行见简报材料包的 tables/gap_table.xlsx"
                              "（及 gap_table.csv，由 05 简报导出写出）。")
    assert len(shown.parts[1].data) == 20
    assert len(shown.frame) == 26
    counts = an.status_counts(_regions_table(tmp_path, 13))
    assert counts.parts[1].startswith("数据有13个地区，分地区的统计不在这里逐行列出")


def test_gap_table_of_a_city_s_regions_is_the_whole_table(tmp_path):
    # 12 regions × 2 indicators = 24 rows: every row, no sentence, and the counts by region (12 rows).
    table = _regions_table(tmp_path, 12)
    assert len(an.gap_table(table, targeted=True).data) == 24
    assert len(an.status_counts(table).parts[1].data) == 12
