"""The pack's figures rendered in a helper process are the same files, byte for byte, as rendered one by one."""

import hashlib

import pytest

from analysis.pack import briefing, render
from analysis.assess.gap import assess
from analysis.read.loader import load_indicators
from regions_workbook import REGIONS, regions_workbook


@pytest.fixture(scope="module")
def plan_data(tmp_path_factory):
    # Two regions × three indicators: overview ×2, status grid, ranking ×3, small multiples ×3 = 9 figures,
    # every kind a several-region pack has.
    tmp = tmp_path_factory.mktemp("parallel")
    frame = load_indicators(regions_workbook(tmp / "县区.xlsx"))
    keep = list(dict.fromkeys(frame["indicator_id"]))[:3]
    frame = frame[frame["indicator_id"].isin(keep) & frame["region"].isin(REGIONS[:2])].reset_index(drop=True)
    return frame, assess(frame)


def digests(files):
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def counting(monkeypatch):
    """Count the figures this process renders itself (a helper process's are not counted)."""
    calls = []
    original = render.save_figure

    def save_figure(item, out, source, svg=False):
        calls.append(item.stem)
        return original(item, out, source, svg)

    monkeypatch.setattr(render, "save_figure", save_figure)
    return calls


def test_parallel_files_are_byte_identical_to_serial(plan_data, tmp_path, monkeypatch):
    frame, table = plan_data
    plan = briefing.plan_figures(frame, table)
    assert sorted({f.kind for f in plan}) == ["grid", "overview", "ranking", "trend"] and len(plan) == 9
    serial = briefing.save_figures(plan, tmp_path / "serial", "资料来源：测试", workers=1)
    here = counting(monkeypatch)
    parallel = briefing.save_figures(briefing.plan_figures(frame, table), tmp_path / "parallel", "资料来源：测试",
                                     workers=2)
    # Same files in the same (plan) order: the PNG of each figure (SVG only on request).
    assert [f.name for f in parallel] == [f.name for f in serial] == [f"{p.stem}.png" for p in plan]
    assert digests(parallel) == digests(serial)
    # The helper took figures from the back of the plan: the last two (queued at once) are never drawn here.
    assert 0 < len(here) <= len(plan) - 2
    assert plan[-1].stem not in here and plan[-2].stem not in here
    assert not [p.name for p in (tmp_path / "parallel").iterdir() if p.name.startswith(".")]  # no temporary files


def test_small_plans_and_one_worker_stay_in_this_process(plan_data, tmp_path, monkeypatch):
    frame, table = plan_data
    plan = briefing.plan_figures(frame, table)
    assert render._helper_count(plan, workers=1) == 0
    assert render._helper_count(plan[: render.PARALLEL_MIN - 1], workers=2) == 0  # too few to pay for a helper
    assert render._helper_count(plan, workers=2) == 1
    # Figures not made by one plan_figures call (no plan to send a helper) are rendered here.
    mixed = plan[:5] + briefing.plan_figures(frame, table)[5:]
    assert render._helper_count(mixed, workers=2) == 0


def test_a_helper_that_dies_leaves_its_figures_to_this_process(plan_data, tmp_path, monkeypatch):
    frame, table = plan_data
    plan = briefing.plan_figures(frame, table)
    serial = digests(briefing.save_figures(plan, tmp_path / "serial", "资料来源：测试", workers=1))
    monkeypatch.setattr(render, "HELPER_CODE", "import sys; sys.exit(3)  # {home}")
    here = counting(monkeypatch)
    files = briefing.save_figures(briefing.plan_figures(frame, table), tmp_path / "dead", "资料来源：测试", workers=2)
    assert digests(files) == serial
    assert sorted(here) == sorted(p.stem for p in plan)  # every figure, each once, drawn here


def test_no_processes_at_all_renders_serially(plan_data, tmp_path, monkeypatch):
    import subprocess

    frame, table = plan_data

    def refuse(*args, **kwargs):
        raise OSError("no processes allowed")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    here = counting(monkeypatch)
    files = briefing.save_figures(briefing.plan_figures(frame, table), tmp_path / "none", "资料来源：测试", workers=2)
    assert len(files) == 9 and len(here) == 9  # 9 figures, one PNG each, all drawn here


def test_svg_on_request_in_helpers_too(plan_data, tmp_path):
    frame, table = plan_data
    plan = briefing.plan_figures(frame, table)
    serial = briefing.save_figures(plan, tmp_path / "serial", "资料来源：测试", workers=1, svg=True)
    parallel = briefing.save_figures(briefing.plan_figures(frame, table), tmp_path / "parallel", "资料来源：测试",
                                     workers=2, svg=True)
    # 9 figures × (PNG, SVG), in plan order, the same bytes whichever process drew them.
    assert [f.name for f in parallel] == [f"{p.stem}.{e}" for p in plan for e in ("png", "svg")]
    assert digests(parallel) == digests(serial)
    png = briefing.save_figures(plan[:1], tmp_path / "png", "资料来源：测试", workers=1)
    assert digests(png) == {f"{plan[0].stem}.png": digests(serial)[f"{plan[0].stem}.png"]}  # the PNG does not change
