"""The report on the bundled data against its floor, and the report's cost as the regions grow, in one run.

Second case (issue 10): the report on a 5-region × 15-indicator workbook (36 figures in the pack, against 5
for the bundled data) against the bundled report, both measured in this run. Goal: at most 2.5×. The pack's
figures are rendered by this process and one helper process at once (pack/render.py), so the case gains
only where a second core is free: on a shared machine compare the ratio of back-to-back runs, never seconds.

Floor: executing the same number of notebooks that only import pandas and matplotlib, with the same
kernel machinery — the cost of starting kernels, which no report can avoid. Goal: the report takes
at most 2× the floor.

Scale (issue 19): the report on 100 regions × 12 indicators against the report on 5 regions × the same 12
(tests/scale_workbook.py), goal ≤ 2×; and once the national county set, 2,800 regions × 30 indicators (the
workbook of bench_load.py, built here), goal under 10 minutes, under 4 GB peak resident memory (the largest
process: the report or one of its kernels, which run one at a time) and a pack under 50 MB.

    python benchmarks/bench_report.py [--repeat 2] [--skip-national] [--only-scale] [--only-national]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import signal
import subprocess
import tempfile
import sys
import time
from pathlib import Path

import nbformat

from analysis.pack.report import build_report, execute, report_notebooks

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))
from regions_workbook import regions_workbook  # noqa: E402  (5 regions × 15 indicators × 2020–2024)
from scale_workbook import scale_workbook  # noqa: E402  (n regions × the first k of those indicators)
from bench_load import COUNTIES, INDICATORS, build_workbook  # noqa: E402  (2,800 × 30, government layout)


def floor_run(count: int, folder: Path) -> None:
    for i in range(count):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas\nimport matplotlib.pyplot")])
        path = folder / f"floor_{i}.ipynb"
        nbformat.write(nb, path)
        execute(path)


def quiet_report(data: Path, out: Path) -> float:
    t = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        assert build_report(data=[data], out=out) == 0
    return time.perf_counter() - t


def scale_runs(folder: Path, repeat: int) -> tuple[float, float]:
    """Best-of-`repeat` seconds of the report on 5 and on 100 regions × 12 indicators, alternated."""
    small = scale_workbook(folder / "5县.xlsx", 5, 12)
    large = scale_workbook(folder / "100县.xlsx", 100, 12)
    five, hundred = [], []
    for _ in range(repeat):
        five.append(quiet_report(small, folder / "pack5"))
        hundred.append(quiet_report(large, folder / "pack100"))
    return min(five), min(hundred)


def national_run(folder: Path, limit: float = 1800) -> dict:
    """One report on 2,800 × 30 in a child process: seconds, peak resident MiB of the largest process, pack MB."""
    data = folder / "national.xlsx"
    build_workbook(data)
    out = folder / "national_pack"
    t = time.perf_counter()
    # Its own process group, so that a run past `limit` is stopped with its kernels and helper processes.
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "report", "--data", str(data), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        err = f"stopped after {limit} s"
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6 if out.exists() else 0.0
    return {"ok": proc.returncode == 0, "seconds": seconds, "peak_mib": peak, "pack_mb": size,
            "error": (err.strip().splitlines() or [""])[-1] if proc.returncode else ""}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--skip-national", action="store_true", help="leave out the 2,800 × 30 report (minutes)")
    parser.add_argument("--only-scale", action="store_true", help="only the 5- vs 100-region and national cases")
    parser.add_argument("--only-national", action="store_true", help="only the 2,800 × 30 report")
    args = parser.parse_args()
    count = len(report_notebooks())  # the floor runs as many notebooks as the report does
    with tempfile.TemporaryDirectory() as tmp:
        if not (args.only_scale or args.only_national):
            base_cases(count, Path(tmp), args.repeat)
        if not args.only_national:
            five, hundred = scale_runs(Path(tmp), args.repeat)
            print(f"report (5 regions × 12 indicators):       {five:6.1f} s")
            print(f"report (100 regions × 12 indicators):     {hundred:6.1f} s")
            print(f"100-region report / 5-region report: {hundred / five:.2f}× (goal ≤ 2×)")
        if not args.skip_national:
            r = national_run(Path(tmp))
            state = "finished" if r["ok"] else f"FAILED: {r['error']}"
            print(f"report ({COUNTIES:,} regions × {INDICATORS} indicators): {state}; {r['seconds']:.0f} s (goal < 600 s), "
                  f"peak {r['peak_mib']:.0f} MiB (goal < 4096), pack {r['pack_mb']:.1f} MB (goal < 50)")


def base_cases(count: int, folder: Path, repeat: int) -> None:
    floor, report, regions = [], [], []
    for _ in range(repeat):
        t = time.perf_counter()
        floor_run(count, folder)
        floor.append(time.perf_counter() - t)
        t = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            assert build_report(out=folder / "pack") == 0
        report.append(time.perf_counter() - t)
        regions.append(quiet_report(regions_workbook(folder / "regions.xlsx"), folder / "regions_pack"))
    print(f"notebooks: {count}")
    print(f"floor  (import pandas + matplotlib only): {min(floor):6.1f} s")
    print(f"report (bundled data, full pack):         {min(report):6.1f} s")
    print(f"report (5 regions × 15 indicators):       {min(regions):6.1f} s")
    print(f"report / floor: {min(report) / min(floor):.2f}× (goal ≤ 2×)")
    print(f"5-region report / bundled report: {min(regions) / min(report):.2f}× (goal ≤ 2.5×)")


if __name__ == "__main__":
    main()
