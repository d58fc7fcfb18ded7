"""The README's API example runs as written, on a copy of the bundled workbook named as the example names it."""

import re
import shutil
from pathlib import Path

import matplotlib
import pytest

from analysis import config

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_api_example_runs(tmp_path, monkeypatch, capsys):
    matplotlib.use("Agg")
    block = re.search(r"```python\n(import analysis as an\n.*?)```", README.read_text("utf-8"), re.S).group(1)
    shutil.copy(config.BUNDLED_WORKBOOK, tmp_path / "指标.xlsx")
    monkeypatch.chdir(tmp_path)
    try:
        exec(compile(block, "README.md", "exec"), {})
    finally:
        import analysis

        analysis.debug(False)
    out = capsys.readouterr().out
    assert "项指标" in out  # the summary and the 总体情况 were printed
    assert (tmp_path / "材料包" / "summary.md").is_file() and (tmp_path / "材料包" / "briefing.docx").is_file()


def test_readme_is_short_enough_for_its_readers():
    assert len(README.read_bytes()) < 12_500, "the README is for analysts: developer notes go to docs/"


@pytest.mark.parametrize("doc", ["design.md", "reading.md", "pack.md", "methodology.md", "scale.md", "benchmarks.md"])
def test_linked_docs_exist(doc):
    assert (README.parent / "docs" / doc).is_file()
