"""A report that fails halfway leaves the previous pack complete and no half-built folder behind."""

import hashlib

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from analysis.pack import report

from analysis.write import safeio


def digest(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_failure_in_the_third_notebook_keeps_the_previous_pack(tmp_path, monkeypatch, capsys):
    out = tmp_path / "reports"
    (out / "tables").mkdir(parents=True)
    (out / "tables" / "gap_table.csv").write_text("previous pack\n", encoding="utf-8")
    (out / "index.md").write_text("# previous\n", encoding="utf-8")
    safeio.write_marker(out, "reports", "complete", ["tables/gap_table.csv", "index.md"])
    before = digest(out)
    calls = []

    def fake_execute(path, params=None):
        calls.append(path.name)
        # Each notebook writes into the staging folder it is given, as notebook 05 does.
        (report.Path(params["OUT"]) / f"{path.stem}.txt").write_text("half-built", encoding="utf-8")
        if len(calls) == 3:
            raise CellExecutionError("traceback", "ValueError", "模拟的失败")
        return nbformat.v4.new_notebook()

    monkeypatch.setattr(report, "execute", fake_execute)
    with pytest.raises(RuntimeError, match="原有报告保持不变"):
        report.build_report(out=out)
    assert len(calls) == 3
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]  # no staging folder left behind


def test_success_replaces_the_pack_whole(tmp_path, monkeypatch):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "stale.png").write_bytes(b"old figure")
    safeio.write_marker(out, "reports", "complete", ["stale.png"])  # a pack the tool wrote before

    def fake_execute(path, params=None):
        (report.Path(params["OUT"]) / f"{path.stem}.txt").write_text("made", encoding="utf-8")
        return nbformat.v4.new_notebook()

    monkeypatch.setattr(report, "execute", fake_execute)
    assert report.build_report(out=out) == 0
    names = sorted(p.name for p in out.rglob("*") if p.is_file())
    assert "stale.png" not in names and "index.md" in names
    assert len([n for n in names if n.endswith(".ipynb")]) == len(report.report_notebooks())


def test_processed_data_is_derived_and_rebuilt(tmp_path):
    import analysis as an
    from analysis.config import BUNDLED_WORKBOOK, DATA_PROCESSED
    from analysis.pack.briefing import pack_dir

    assert pack_dir(None) == DATA_PROCESSED / "briefing"  # notebook 05's default: regenerated output
    frame = an.load_indicators(BUNDLED_WORKBOOK)
    target = tmp_path / "processed" / "briefing"  # as after deleting data/processed
    files = an.write_pack(frame, an.assess(frame), target)
    assert {f.as_posix() for f in files} >= {"summary.md", "tables/gap_table.csv", "figures/overview.png"}
    assert all((target / f).is_file() for f in files)
