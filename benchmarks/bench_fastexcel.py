"""fastexcel (Arrow) against python-calamine on the national county sheet of bench_load.py (issue 19).

Measured, each in a fresh process, in rounds that alternate the kinds (floor, kind, floor, kind, …), best of
--repeat, with the peak resident memory of that process and its resident memory before the measured step:

readers (--readers): the cell grid only
- floor:        python-calamine get_sheet_by_index(0).to_python() — what the load is measured against
- fx-lazy:      fastexcel load_sheet(0, header_row=None, dtypes="string") then .to_arrow()
- fx-eager:     the same with eager=True (one call, a pyarrow RecordBatch)
- fx-inferred:  fastexcel's own dtype inference (1,000 sample rows), eager
- fx-typed:     dtypes per column: "float" for the five actuals, "string" for the rest, eager
- fx-values:    use_columns = the six value columns, "string", eager
- fx-floats:    use_columns = the six value columns, "float", eager
- fx-pandas:    the fx-lazy sheet through .to_pandas()

paths (--paths): the grid and then what the loader needs from it — per value column a float64 array (NaN
where no number), the text of the text cells and a kind per cell (empty / number / text / boolean / date);
per text column an object array of str:
- cal-path:     python-calamine to_python() + the loader's own helpers (_value_types, _as_floats, _as_text)
- fx-path:      fastexcel, two reads (every column as "string", the value columns as "float": its text form
                of a number keeps 9 decimals, so numbers must come from a float read) + Arrow compute
- fx-path-par:  the same, the two reads in two threads (fastexcel releases the GIL while it parses)
- fx-single:    one "string" read, numbers parsed back from their text — not correct (1/3 comes back as
                0.333333333, 4e-10 as 0, booleans and dates as text), measured to show what a second read costs
- open-cal:     analysis.excel.open_workbook as it is (unzip, extent check, the XML scans in this thread
                while calamine reads in another), then cal-path's conversion of its rows
- open-fx:      the same with excel.read_sheets replaced (in this process only) by fx-path's two reads,
                then fx-path's conversion; open-fx-par with the two reads in two threads; open-fx-single
                with fx-single's one read (lossy)
- loader:       analysis.load_indicators, for the estimate of a whole load on fastexcel

    python benchmarks/bench_fastexcel.py [--repeat 5] [--keep PATH] [--readers] [--paths] [--check]

--check compares cal-path and fx-path cell by cell on the national sheet (no timing).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import COUNTIES, INDICATORS, build_workbook  # noqa: E402

EMPTY, NUMBER, TEXT, BOOL, DATE = 0, 1, 2, 3, 4
# bench_load.py's layout: a title row, a header row, then the body; 地区 / 指标名称 / 单位, five actuals, a target.
BODY, TEXT_COLS, VALUE_COLS = 2, (0, 1, 2), (3, 4, 5, 6, 7, 8)
ACTUALS = (3, 4, 5, 6, 7)
READERS = ("floor", "fx-lazy", "fx-eager", "fx-inferred", "fx-typed", "fx-values", "fx-floats", "fx-pandas")
PATHS = ("floor", "cal-path", "fx-path", "fx-path-par", "fx-single", "open-cal", "open-fx", "open-fx-par", "open-fx-single", "loader")

# fastexcel writes a float as Rust's format!("{x:.9}") less trailing zeros and point: this shape, and only it.
CANONICAL_NUMBER = r"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$"
# …and a date or time cell as chrono's NaiveDateTime (a time alone on 1899-12-31).
DATETIME_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"


# ---------------------------------------------------------------------------------------------- today
def calamine_rows(path: str) -> list[list]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python(skip_empty_area=True)


def calamine_columns(rows: list[list], body: int = BODY, text_cols=TEXT_COLS, value_cols=VALUE_COLS):
    """What the loader does today from the reader's rows to typed columns, with its own helpers."""
    from analysis.loader import _as_floats, _as_text, _filled, _value_types

    grid = np.array(rows[body:], dtype=object)
    texts = {j: _as_text(grid[:, j]) for j in text_cols}
    values = {}
    for j in value_cols:
        column = grid[:, j]
        is_num, is_text, is_other = _value_types(column)
        numbers = np.full(len(column), np.nan)
        numbers[is_num] = _as_floats(column[is_num])
        words = _filled(len(column), "")
        words[is_text] = column[is_text]
        kinds = np.zeros(len(column), dtype=np.int8)
        kinds[is_num], kinds[is_text] = NUMBER, TEXT
        for k in np.flatnonzero(is_other):  # dates, times, booleans: rare, one by one
            kinds[k] = BOOL if type(column[k]) is bool else DATE
        values[j] = (numbers, words, kinds)
    return texts, values


# ---------------------------------------------------------------------------------------------- fastexcel
def fx_reads(path: str, value_cols=VALUE_COLS, parallel: bool = False, sheet: int = 0):
    """Every column as text and the value columns as floats, as two RecordBatches with absolute rows
    (skip_rows=0 keeps the empty rows above the first cell; header_row=None reads the title and header)."""
    import fastexcel

    reader = fastexcel.read_excel(path)
    # one reader cannot load in two threads at once (PyO3: "RuntimeError: Already borrowed"): two readers then
    other = fastexcel.read_excel(path) if parallel else reader

    def strings():
        return reader.load_sheet(sheet, header_row=None, skip_rows=0, dtypes="string", eager=True)

    def floats():
        return other.load_sheet(sheet, header_row=None, skip_rows=0, dtypes="float", use_columns=list(value_cols), eager=True)

    if not parallel:
        return strings(), floats()
    out: dict = {}
    worker = threading.Thread(target=lambda: out.update(floats=floats()), name="float-reader")
    worker.start()
    batch = strings()
    worker.join()
    return batch, out["floats"]


def as_objects(column) -> np.ndarray:
    """An Arrow string column as an object array of str (None where null), one str object per distinct text."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column)
    uniques = np.array(encoded.dictionary.to_pylist() + [None], dtype=object)
    return uniques[encoded.indices.fill_null(len(uniques) - 1).to_numpy()]


def _flags(array) -> np.ndarray:
    return array.to_numpy(zero_copy_only=False)


def _empty_texts(n: int) -> np.ndarray:
    texts = np.empty(n, dtype=object)
    texts.fill("")
    return texts


def fx_columns(strings, floats, body: int = BODY, text_cols=TEXT_COLS, value_cols=VALUE_COLS):
    """The arrays calamine_columns gives, from fastexcel's two batches. A text cell written exactly as
    fastexcel writes a number ("97.4" typed as text) is taken for that number: nothing else tells them apart."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = strings.num_rows - body
    texts = {}
    for j in text_cols:
        column = as_objects(strings.column(j).slice(body))
        column[column == None] = ""  # noqa: E711 - elementwise: an empty cell is "" in the loader's grid
        texts[j] = column
    values = {}
    words_true_false = pa.array(["true", "false"])
    for m, j in enumerate(value_cols):
        s, f = strings.column(j).slice(body), floats.column(m).slice(body)
        numbers = f.to_numpy(zero_copy_only=False)  # NaN where null; a read-only view when there is no null
        kinds = np.zeros(n, dtype=np.int8)
        canonical = pc.match_substring_regex(s, CANONICAL_NUMBER)
        if f.null_count == 0 and s.null_count == 0 and pc.all(canonical).as_py() and np.isfinite(numbers).all():
            kinds.fill(NUMBER)  # the usual actuals column: numbers only
            values[j] = (numbers, _empty_texts(n), kinds)
            continue
        f_valid, s_valid = _flags(f.is_valid()), _flags(s.is_valid())
        canonical = _flags(pc.fill_null(canonical, False))
        boolean = _flags(pc.fill_null(pc.is_in(s, value_set=words_true_false), False))
        dated = _flags(pc.fill_null(pc.match_substring_regex(s, DATETIME_TEXT), False))
        blank = _flags(pc.fill_null(pc.match_substring_regex(s, r"^\s*$"), True))
        number = f_valid & canonical & np.isfinite(np.where(f_valid, numbers, 0.0))
        is_bool = f_valid & boolean  # the float read gives 1.0 / 0.0 for a boolean, the text read "true" / "false"
        is_date = ~f_valid & dated
        is_text = s_valid & ~blank & ~number & ~is_bool & ~is_date
        kinds[number], kinds[is_text], kinds[is_bool], kinds[is_date] = NUMBER, TEXT, BOOL, DATE
        if not numbers.flags.writeable:
            numbers = numbers.copy()
        numbers[~number] = np.nan
        words = _empty_texts(n)
        if is_text.any():
            words[is_text] = as_objects(s)[is_text]
        values[j] = (numbers, words, kinds)
    return texts, values


def fx_single_read(path: str, sheet: int = 0):
    import fastexcel

    return fastexcel.read_excel(path).load_sheet(sheet, header_row=None, skip_rows=0, dtypes="string", eager=True)


def fx_single_columns(batch, body: int = BODY, text_cols=TEXT_COLS, value_cols=VALUE_COLS):
    """From one "string" read; numbers cast back from fastexcel's 9-decimal text (lossy, see the docstring)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = batch.num_rows - body
    texts = {}
    for j in text_cols:
        column = as_objects(batch.column(j).slice(body))
        column[column == None] = ""  # noqa: E711
        texts[j] = column
    values = {}
    for j in value_cols:
        s = batch.column(j).slice(body)
        canonical = pc.fill_null(pc.match_substring_regex(s, CANONICAL_NUMBER), False)
        numbers = pc.cast(pc.if_else(canonical, s, pa.scalar(None, pa.string())), pa.float64()).to_numpy(zero_copy_only=False)
        number = _flags(canonical)
        blank = _flags(pc.fill_null(pc.match_substring_regex(s, r"^\s*$"), True))
        is_text = ~number & ~blank
        kinds = np.zeros(n, dtype=np.int8)
        kinds[number], kinds[is_text] = NUMBER, TEXT
        words = _empty_texts(n)
        if is_text.any():
            words[is_text] = as_objects(s)[is_text]
        values[j] = (numbers, words, kinds)
    return texts, values


def fx_read_sheets(mode: str, batches: dict):
    """A stand-in for analysis.excel.read_sheets that reads with fastexcel: the batches go to `batches`,
    the SheetGrid fields get no rows (and no merged ranges: fastexcel does not give them)."""

    def read_sheets(path, skip=frozenset(), search_text=True):
        import fastexcel

        sheets = []
        for index, name in enumerate(fastexcel.read_excel(path).sheet_names):
            if name in skip:
                continue
            if mode == "single":
                batches[name] = (fx_single_read(path, index),)
            else:
                batches[name] = fx_reads(path, parallel=mode == "parallel", sheet=index)
            sheets.append(dict(name=name, rows=[], maybe_unsafe=True, row0=0, col0=0, merged=[], hidden=False))
        return sheets

    return read_sheets


# ---------------------------------------------------------------------------------------------- measuring
def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(kind: str, path: str) -> dict:
    """One measurement in this process (called in a child process): imports first, then the timed step."""
    t = time.perf_counter()
    # What a loading process has imported: the loader (pandas with it). Without pandas, pyarrow's first
    # pa.array() imports it (≈ 0.2 s), a cost the loader's process never pays.
    import analysis.loader  # noqa: F401
    import python_calamine  # noqa: F401

    if kind.startswith("fx"):
        import fastexcel
        import pyarrow  # noqa: F401
        import pyarrow.compute  # noqa: F401
    imports = time.perf_counter() - t
    phases: dict = {}
    gc.collect()
    rss_before = _rss_mib()

    def reader(**options):
        return fastexcel.read_excel(path).load_sheet(0, header_row=None, **options)

    start = time.perf_counter()
    if kind == "floor":
        result = calamine_rows(path)
        rows = len(result)
    elif kind == "fx-lazy":
        result = reader(dtypes="string").to_arrow()
    elif kind == "fx-eager":
        result = reader(dtypes="string", eager=True)
    elif kind == "fx-inferred":
        result = reader(eager=True)
    elif kind == "fx-typed":
        result = reader(dtypes={j: "float" if j in ACTUALS else "string" for j in range(9)}, eager=True)
    elif kind == "fx-values":
        result = reader(dtypes="string", use_columns=list(VALUE_COLS), eager=True)
    elif kind == "fx-floats":
        result = reader(dtypes="float", use_columns=list(VALUE_COLS), eager=True)
    elif kind == "fx-pandas":
        result = reader(dtypes="string").to_pandas()
    elif kind == "cal-path":
        grid = calamine_rows(path)
        phases["read"] = time.perf_counter() - start
        result = calamine_columns(grid)
        phases["convert"] = time.perf_counter() - start - phases["read"]
        del grid  # the reader's 756,000 objects, released as the loader releases them when it returns
        phases["release"] = time.perf_counter() - start - phases["read"] - phases["convert"]
    elif kind in ("fx-path", "fx-path-par"):
        strings, floats = fx_reads(path, parallel=kind == "fx-path-par")
        phases["read"] = time.perf_counter() - start
        result = fx_columns(strings, floats)
        phases["convert"] = time.perf_counter() - start - phases["read"]
        del strings, floats
        phases["release"] = time.perf_counter() - start - phases["read"] - phases["convert"]
    elif kind in ("open-cal", "open-fx", "open-fx-par", "open-fx-single"):
        # the loader's whole opening stage (unzip, extent check, the XML scans beside the reader), with
        # the reader as it is or replaced by fastexcel; then the conversion the loader would do next
        from analysis import excel

        batches: dict = {}
        if kind != "open-cal":
            excel.read_sheets = fx_read_sheets({"open-fx-par": "parallel", "open-fx-single": "single"}.get(kind, "serial"), batches)
        problems: list = []
        book = excel.open_workbook(path, problems)
        phases["open"] = time.perf_counter() - start
        sheet = book.sheets[0]
        if kind == "open-cal":
            result = calamine_columns(sheet.rows)
        else:
            result = (fx_single_columns if kind == "open-fx-single" else fx_columns)(*batches[sheet.name])
        phases["convert"] = time.perf_counter() - start - phases["open"]
        del book, sheet
        batches.clear()
        phases["release"] = time.perf_counter() - start - phases["open"] - phases["convert"]
    elif kind == "fx-single":
        result = fx_single_columns(fx_single_read(path))
    elif kind == "loader":
        from analysis.loader import load_indicators

        result = load_indicators(path)
    else:
        raise SystemExit(f"unknown kind {kind}")
    seconds = time.perf_counter() - start
    if kind != "floor":
        rows = len(result) if kind in ("loader", "fx-pandas") else getattr(result, "num_rows", None)
        if rows is None:  # the paths: rows of the first value column
            rows = len(result[1][VALUE_COLS[0]][0])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "rows": rows, "peak_mib": peak, "before_mib": rss_before, "imports": imports, **phases}


def run_child(kind: str, path: Path) -> dict:
    out = subprocess.run(
        ["nice", "-n", "5", sys.executable, __file__, "--child", kind, str(path)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def series(kinds: tuple, path: Path, repeat: int) -> dict:
    """`repeat` rounds, each running every kind once in a fresh process, in order (floor first)."""
    runs: dict = {kind: [] for kind in kinds}
    for r in range(repeat):
        for kind in kinds:
            runs[kind].append(run_child(kind, path))
        ratios = "  ".join(f"{k} {runs[k][-1]['seconds'] / runs['floor'][-1]['seconds']:.2f}×" for k in kinds[1:])
        print(f"  round {r + 1} (load {os.getloadavg()[0]:.2f}): floor {runs['floor'][-1]['seconds']:.3f} s  {ratios}", flush=True)
    return runs


def report(title: str, runs: dict) -> None:
    floors = [r["seconds"] for r in runs["floor"]]
    best_floor = min(floors)
    print(f"\n{title}")
    print(f"{'':13}{'best s':>8}{'median s':>10}{'best/best':>10}{'median ratio':>13}{'rows':>9}{'peak MiB':>9}{'before':>8}{'imports s':>10}  phases (best run)")
    for kind, rs in runs.items():
        best = min(rs, key=lambda r: r["seconds"])
        ratio = statistics.median(r["seconds"] / f for r, f in zip(rs, floors))
        phases = "  ".join(f"{p} {best[p]:.3f}" for p in ("open", "read", "convert", "release") if p in best)
        print(f"{kind:13}{best['seconds']:8.3f}{statistics.median(r['seconds'] for r in rs):10.3f}"
              f"{best['seconds'] / best_floor:9.2f}×{ratio:12.2f}×{best['rows']:9,}{best['peak_mib']:9.0f}"
              f"{best['before_mib']:8.0f}{best['imports']:10.3f}  {phases}")


def estimate(runs: dict) -> None:
    """A whole load on fastexcel, per round: the loader less what fastexcel replaces (open-cal: the opening
    stage, the conversion of its rows, their release) plus what replaces it (open-fx…). Assumes the rest
    of the loader takes the same time from the new arrays as from the grid."""
    if "loader" not in runs or "open-cal" not in runs:
        return
    floors = [r["seconds"] for r in runs["floor"]]
    print("\nestimated whole load (loader - open-cal + open-fx…), ratio to the floor of the same round:")
    for kind in ("open-fx", "open-fx-par", "open-fx-single"):
        if kind not in runs:
            continue
        seconds = [lo["seconds"] - oc["seconds"] + fx["seconds"] for lo, oc, fx in zip(runs["loader"], runs["open-cal"], runs[kind])]
        ratios = [x / f for x, f in zip(seconds, floors)]
        print(f"  {kind:15} median {statistics.median(seconds):.3f} s, {statistics.median(ratios):.2f}× "
              f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)}); loader today median "
              f"{statistics.median(lo['seconds'] / f for lo, f in zip(runs['loader'], floors)):.2f}×")


def check(path: Path) -> None:
    """cal-path and fx-path, cell by cell."""
    a = calamine_columns(calamine_rows(str(path)))
    b = fx_columns(*fx_reads(str(path)))
    bad = []
    for j in TEXT_COLS:
        if not (a[0][j] == b[0][j]).all():
            bad.append(f"text column {j}")
    for j in VALUE_COLS:
        (x, tx, kx), (y, ty, ky) = a[1][j], b[1][j]
        if not ((x == y) | (np.isnan(x) & np.isnan(y))).all() or not (tx == ty).all() or not (kx == ky).all():
            bad.append(f"value column {j}")
    print(f"check: {'differ in ' + ', '.join(bad) if bad else 'same texts, values and kinds in every cell'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the workbook here (reused if it exists)")
    parser.add_argument("--readers", action="store_true", help="only the reader variants")
    parser.add_argument("--paths", action="store_true", help="only the paths to the loader's arrays")
    parser.add_argument("--check", action="store_true", help="compare cal-path and fx-path cell by cell, no timing")
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
        if args.check:
            check(path)
            return
        both = not (args.readers or args.paths)
        if args.readers or both:
            print(f"readers, load average {os.getloadavg()[0]:.2f} before:")
            report("readers (ratios to the floor; median ratio = median over rounds of kind / floor of that round)",
                   series(READERS, path, args.repeat))
        if args.paths or both:
            print(f"\npaths, load average {os.getloadavg()[0]:.2f} before:")
            runs = series(PATHS, path, args.repeat)
            report("paths to the loader's arrays (phases: read = the grid, convert = to typed arrays, release = freeing the grid)", runs)
            estimate(runs)


if __name__ == "__main__":
    main()
