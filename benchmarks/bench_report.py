"""The report on the bundled data against its floor, measured in one run.

Second case (issue 10): the report on a 5-region × 15-indicator workbook (36 figures in the pack, against 5
for the bundled data) against the bundled report, both measured in this run. Goal: at most 2.5×. The pack's
figures are rendered by this process and one helper process at once (briefing.Rendering), so the case gains
only where a second core is free: on a shared machine compare the ratio of back-to-back runs, never seconds.

Floor: executing the same number of notebooks that only import pandas and matplotlib, with the same
kernel machinery — the cost of starting kernels, which no report can avoid. Goal: the report takes
at most 2× the floor.

    python benchmarks/bench_report.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
import sys
import time
from pathlib import Path

import nbformat

from analysis.pack.report import build_report, execute, report_notebooks

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from regions_workbook import regions_workbook  # noqa: E402  (5 regions × 15 indicators × 2020–2024)


def floor_run(count: int, folder: Path) -> None:
    for i in range(count):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas\nimport matplotlib.pyplot")])
        path = folder / f"floor_{i}.ipynb"
        nbformat.write(nb, path)
        execute(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    count = len(report_notebooks())  # the floor runs as many notebooks as the report does
    floor, report, regions = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            t = time.perf_counter()
            floor_run(count, Path(tmp))
            floor.append(time.perf_counter() - t)
            t = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                assert build_report(out=Path(tmp) / "pack") == 0
            report.append(time.perf_counter() - t)
            data = regions_workbook(Path(tmp) / "regions.xlsx")
            t = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                assert build_report(data=[data], out=Path(tmp) / "regions_pack") == 0
            regions.append(time.perf_counter() - t)
    print(f"notebooks: {count}")
    print(f"floor  (import pandas + matplotlib only): {min(floor):6.1f} s")
    print(f"report (bundled data, full pack):         {min(report):6.1f} s")
    print(f"report (5 regions × 15 indicators):       {min(regions):6.1f} s")
    print(f"report / floor: {min(report) / min(floor):.2f}× (goal ≤ 2×)")
    print(f"5-region report / bundled report: {min(regions) / min(report):.2f}× (goal ≤ 2.5×)")


if __name__ == "__main__":
    main()
