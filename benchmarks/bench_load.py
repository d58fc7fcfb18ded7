"""Loader speed on a national county-scale workbook, as ratios to two baselines measured in the same run.

The workbook is in government layout: a title row, a one-row header with a 地区 column, 2,800
counties × 30 indicators = 84,000 rows, actual values 2020–2024 and a 2025 target; the % indicators
are stored as percentage-formatted cells (0.974 shown as 97.4 %), so the percentage rule is exercised.

Measured, each in a fresh process (best of --repeat), with the peak resident memory of that process:
- loader:   analysis.load_indicators (tidy frame, percentage rule, validation) — what we ship
- openpyxl: pandas.read_excel(engine="openpyxl") of the same sheet — the path we must beat by ≥ 5×
- floor:    python-calamine reading the sheet's cell values — nothing can be much faster (goal ≤ 1.3×)

    python benchmarks/bench_load.py [--repeat 3] [--keep PATH] [--skip-openpyxl]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNTIES, INDICATORS = 2800, 30
YEARS = [2020, 2021, 2022, 2023, 2024]


def build_workbook(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    rng = random.Random(14)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("各县指标")
    ws.append(["全国县级市场监管“十四五”规划指标监测表"])
    ws.append(["地区", "指标名称", "单位", *[f"{y}年" for y in YEARS], "2025年目标值"])
    indicators = [(f"监测指标{i:02d}", "%" if i % 3 == 0 else "件") for i in range(INDICATORS)]
    for county in range(COUNTIES):
        region = f"第{county:04d}县"
        for name, unit in indicators:
            start = rng.uniform(0.5, 0.9) if unit == "%" else rng.uniform(10, 100)
            row = [region, name, unit]
            for k in range(len(YEARS)):
                value = start * (1 + 0.02 * k)
                if unit == "%":
                    cell = WriteOnlyCell(ws, value=round(value, 4))
                    cell.number_format = "0.0%"
                    row.append(cell)
                else:
                    row.append(round(value, 2))
            row.append(f"≥{round(start * 1.2 * (100 if unit == '%' else 1), 1)}")
            ws.append(row)
    wb.save(path)


def measure(kind: str, path: str) -> dict:
    """Run one measurement in this process (called in a child process)."""
    if kind == "loader":
        from analysis.read.loader import load_indicators

        run = lambda: load_indicators(path)  # noqa: E731
    elif kind == "openpyxl":
        import pandas as pd

        run = lambda: pd.read_excel(path, engine="openpyxl", header=1)  # noqa: E731
    else:
        from python_calamine import CalamineWorkbook

        run = lambda: CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()  # noqa: E731
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    rows = len(result)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "rows": rows, "peak_mib": peak_mib}


def best_of(kind: str, path: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(path)], check=True, capture_output=True, text=True
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the workbook here (reused if it exists)")
    parser.add_argument("--skip-openpyxl", action="store_true", help="only the floor and the loader (openpyxl takes ~30 s a run)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "national.xlsx"
        if not path.exists():
            t = time.perf_counter()
            build_workbook(path)
            print(f"built {path.name}: {COUNTIES * INDICATORS:,} indicator rows in {time.perf_counter() - t:.1f} s")
        kinds = ("floor", "loader") if args.skip_openpyxl else ("floor", "loader", "openpyxl")
        results = {kind: best_of(kind, path, args.repeat) for kind in kinds}

    floor, loader = results["floor"]["seconds"], results["loader"]["seconds"]
    print(f"{'':10}{'seconds':>9}{'rows':>10}{'peak MiB':>10}")
    for kind, r in results.items():
        print(f"{kind:10}{r['seconds']:9.2f}{r['rows']:10,}{r['peak_mib']:10.0f}")
    if "openpyxl" in results:
        print(f"loader vs openpyxl read_excel: {results['openpyxl']['seconds'] / loader:.1f}× faster (goal ≥ 5×)")
    print(f"loader vs calamine floor:      {loader / floor:.2f}× the floor (goal ≤ 1.3×)")


if __name__ == "__main__":
    main()
