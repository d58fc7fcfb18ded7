"""Assessment speed on the national county benchmark (benchmarks/bench_load.py's workbook: 84,000 indicator rows).

Measured in one process, best of --repeat, as ratios to baselines timed in the same run:
- groupby: a plain pandas groupby over the same tidy frame (latest actual, first target and baseline per
  indicator and region) — the floor for anything that must look at every group
- load:    analysis.load_indicators of the workbook — goal: load → assess → gap table < 2 × load, i.e. assess < load

    python benchmarks/bench_assess.py [--repeat 3] [--keep PATH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import COUNTIES, INDICATORS, build_workbook  # noqa: E402


def best(run, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def plain_groupby(frame):
    keys = ["indicator_id", "region"]
    values = frame[frame["value"].notna()]
    latest = values[values["kind"] == "actual"].sort_values("year").groupby(keys, sort=False).last()
    target = values[values["kind"] == "target"].groupby(keys, sort=False)["value"].first()
    base = values[values["kind"] == "baseline"].groupby(keys, sort=False)["value"].first()
    return latest.join(target.rename("target")).join(base.rename("baseline"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the workbook here (reused if it exists)")
    args = parser.parse_args()

    from analysis.assess.gap import assess
    from analysis.read.loader import load_indicators

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "national.xlsx"
        if not path.exists():
            build_workbook(path)
        load_s, frame = best(lambda: load_indicators(path), 1 if args.repeat < 3 else 2)
    group_s, _ = best(lambda: plain_groupby(frame), args.repeat)
    assess_s, table = best(lambda: assess(frame), args.repeat)

    print(f"{COUNTIES * INDICATORS:,} indicator rows, {len(frame):,} tidy rows, {len(table):,} gap-table rows")
    print(f"{'':22}{'seconds':>9}")
    for label, s in (("load_indicators", load_s), ("plain pandas groupby", group_s), ("assess", assess_s)):
        print(f"{label:22}{s:9.3f}")
    print(f"assess vs plain groupby:       {assess_s / group_s:.2f}× the groupby")
    print(f"assess / load:                 {assess_s / load_s:.2f} (goal < 1: load → assess < 2 × load)")
    print(f"load → assess vs load alone:   {(load_s + assess_s) / load_s:.2f}× (goal < 2×)")


if __name__ == "__main__":
    main()
