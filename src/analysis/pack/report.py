"""`python -m analysis report`: run the notebook suite headless and keep what it made.

The inputs are validated first (invalid input stops here, with the validation message). Then each
numbered notebook runs in a fresh kernel with the run's parameters injected after its `parameters`
cell; notebook 05 writes the pack. The executed notebooks and an index go into the same staging
folder, which replaces the previous pack only when everything succeeded.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from analysis import config
from analysis.pack.briefing import figure_index
from analysis.pack.params import check_plan
from analysis.read.validate import validate
from analysis.rules.dates import parse_as_of
from analysis.rules.numbers import fmt
from analysis.rules.plans import PLANS
from analysis.rules.problems import InternalError, Step, UserError, format_problems
from analysis.rules.textsafe import md_link_text, md_text, md_url, strip_ansi
from analysis.words.overview import as_of_text
from analysis.write.safeio import atomic_write_text, out_dir_lock, pack_files, prepare_out_dir, staged_dir

KERNEL = "python3"
TIMEOUT = 600
INJECTED_TAG = "injected-parameters"


def notebooks() -> list[Path]:
    """The suite, in order: notebooks/NN_*.ipynb."""
    return sorted(config.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def report_notebooks() -> list[Path]:
    """The notebooks the report runs: the suite less those marked `"analysis": {"in_report": false}` in
    their metadata (06, the collection round, works on a folder of returns, not on the report's data)."""
    return [p for p in notebooks() if nbformat.read(p, as_version=4).metadata.get("analysis", {}).get("in_report", True)]


def parameter_source(params: dict) -> str:
    lines = ["# 由 python -m analysis report 注入的参数 (injected by the report command)"]
    lines += [f"{name} = {value!r}" for name, value in params.items()]
    return "\n".join(lines)


def execute(path: Path, params: dict | None = None, allow_errors: bool = False) -> nbformat.NotebookNode:
    """Run one notebook top to bottom in a fresh kernel of this environment; return it with outputs.

    allow_errors: keep going past a failing cell (the error stays in the cell's outputs) instead of raising."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
    if params:
        at = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), -1)
        cell = nbformat.v4.new_code_cell(parameter_source(params))
        cell.metadata["tags"] = [INJECTED_TAG]
        nb.cells.insert(at + 1, cell)
    with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:
        km = _kernel_manager(Path(sockets))
        client = NotebookClient(
            nb,
            timeout=TIMEOUT,
            kernel_name=KERNEL,
            km=km,
            resources={"metadata": {"path": str(path.parent)}},  # the kernel runs beside the notebook
            record_timing=False,
            allow_errors=allow_errors,
        )
        # The kernel process's own log lines (not the notebook's output) would only alarm an analyst.
        try:
            client.execute(stderr=subprocess.DEVNULL)
        finally:
            # A kernel manager passed in is not shut down by nbclient: without this every kernel (each
            # holding its copy of the data) lived until the whole report ended.
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    return nb


def _kernel_manager(sockets: Path) -> KernelManager:
    """Local kernels talk over IPC where the platform has it (no unencrypted-TCP warning, no ports)."""
    if sys.platform.startswith("win"):
        return KernelManager(kernel_name=KERNEL)
    return KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(sockets / "k"))


def refresh_notebooks() -> None:
    """Re-run the committed notebooks in place with their own parameters (after a library change)."""
    for path in notebooks():
        nb = execute(path)
        nbformat.write(nb, path)
        print(f"已更新 {path.relative_to(config.PROJECT_ROOT)}")


def run_parameters(data: list[Path], as_of=None, method: str = "cn", plan=None, source: str | None = None,
                   out=None, svg: bool = False, per_region: bool | None = None, region: str | None = None) -> dict:
    """The parameters injected into every notebook (after its `parameters` cell).

    AS_OF is the year (int) the assessment stops at; AS_OF_DATE the day ("2023-12-31") the key-task ledger
    is judged at, when --as-of was given (a year means its 31 December); PLAN a plan name ("十五五") or
    years ("2021-2027"); SOURCE the footnote text (None: from the workbooks' titles); SVG whether figures get an
    SVG too; PER_REGION whether each region gets its own folder of pages (None: while the regions are few);
    REGION the place name of rows whose table names none (--region).
    """

    year, day = parse_as_of(as_of)
    period = check_plan(plan)
    plan_text = None
    if period is not None:
        named = PLANS.get(period.name)
        plan_text = period.name if named == period else f"{period.base_year}-{period.target_year}"
    return {"DATA": [str(p) for p in data], "AS_OF": year, "AS_OF_DATE": day.isoformat() if day else None,
            "METHOD": method, "PLAN": plan_text, "SOURCE": source, "OUT": None if out is None else str(out),
            "SVG": bool(svg), "PER_REGION": per_region, "REGION": region}


def build_report(data=None, as_of=None, out=None, method: str = "cn", plan=None, source: str | None = None,
                 svg: bool = False, per_region: bool | None = None, region: str | None = None) -> int:
    """Validate, run the suite, and replace the pack in `out` (default reports/) only if all succeeded.

    as_of: a year (2024) or a date ("2023-12-31"); plan: a plan name, "2021-2027" or a plans.Plan;
    source: the footnote under charts and in the tables (default: the workbooks' titles).
    """

    plan = check_plan(plan)
    data = [Path(p).resolve() for p in (data or [config.BUNDLED_WORKBOOK])]
    run_parameters(data, as_of, method, plan, source)  # refuse bad values before any work
    with out_dir_lock(out or config.REPORTS, inputs=data) as locked:  # one run per output folder, checked first
        return _build_locked(data, as_of, locked, method, plan, source, svg, per_region, region)


def _build_locked(data: list[Path], as_of, out: Path, method: str, plan, source, svg: bool = False,
                  per_region: bool | None = None, region: str | None = None) -> int:
    # The output-folder rule, before any work: refuse a folder we may not replace; repair a swap
    # that a previous run left half done.
    out = prepare_out_dir(out, inputs=data)
    started = time.perf_counter()
    print(f"校验输入：{', '.join(p.name for p in data)}", flush=True)
    with Step("读取并校验工作簿"):
        result = validate(data, plan=plan, region=region)
    if not result.ok:
        print(format_problems(result.errors), file=sys.stderr)
        print(f"输入有 {len(result.errors)} 处错误，未生成报告；原有报告（如有）保持不变。", file=sys.stderr)
        return 1
    suite = report_notebooks()
    with staged_dir(out, inputs=data) as staging:
        params = run_parameters(data, as_of, method, plan, source, staging, svg, per_region, region)
        executed = []
        for i, path in enumerate(suite, 1):
            print(f"[{i}/{len(suite)}] 运行 {path.name} …", flush=True)
            try:
                executed.append((path.name, execute(path, params)))
            except CellExecutionError as exc:
                raise _notebook_failure(path, exc) from None
        # Saved after the runs: notebook 05 swaps in the pack folder it wrote.
        (staging / "notebooks").mkdir(exist_ok=True)
        with Step("保存已运行的笔记本和目录"):
            for name, nb in executed:
                nbformat.write(nb, staging / "notebooks" / name)
            atomic_write_text(staging / "index.md", index_markdown(staging, data, as_of, method))
    print(f"完成（{fmt(time.perf_counter() - started, 0)} 秒）。简报材料包：{_shown(out)}")
    print(f"目录：{_shown(out / 'index.md')}")
    return 0


def index_markdown(pack: Path, data: list[Path], as_of, method: str) -> str:
    """A short index of what the pack holds, with relative links."""
    files = [f.as_posix() for f in pack_files(pack) if f.as_posix() != "index.md"]
    sections = {
        "tables/": "目标差距表（CSV 为机器可读格式，xlsx 可直接打开，md 可粘贴）",
        "figures/": "图表（PNG 300dpi 用于 Word/PowerPoint；加 --svg 时另有可无损缩放的 SVG）",
        "notebooks/": "已运行的分析笔记本（含全部输出）",
    }
    lines = [
        "# 简报材料包 (briefing pack)",
        "",
        f"- 输入：{'、'.join(md_text(p.name) for p in data)}",
        f"- 评估截至：{_as_of_words(pack, as_of)}；方法：{'时间过半、任务过半（cn）' if method == 'cn' else 'Eurostat 增速比'}",
        "- [summary.md](summary.md)：简报句子，可直接粘贴",
        "",
    ]
    for prefix, title in sections.items():
        lines += [f"## {title}", ""]
        if prefix == "figures/":  # each figure with its indicator and region in words (briefing owns the wording)

            lines += figure_index(pack / "figures")
        else:
            lines += [f"- [{md_link_text(f)}]({md_url(f)})" for f in files if f.startswith(prefix)]
        lines.append("")
    return "\n".join(lines)


def _as_of_words(pack: Path, as_of) -> str:
    """The as-of reading summary.md and the Word draft state (words.overview.as_of_text), from the pack's gap table:
    "2025年（最新数据为2024年）" when --as-of is past the data, so index.md never says another year."""
    year, _ = parse_as_of(as_of)
    try:
        table = pd.read_csv(pack / "tables" / "gap_table.csv", usecols=["year"], encoding="utf-8-sig")
    except (OSError, ValueError):
        return f"{year}年" if year else "各指标最新年份"
    table.attrs["assess"] = {"as_of": year}
    return as_of_text(table) or "各指标最新年份"


# Errors raised in a notebook that carry their own sentence for the analyst (not faults of the suite).
SENTENCE_ERRORS = ("InputError", "ParameterError", "OutputRefused")


def _notebook_failure(path: Path, exc: CellExecutionError) -> Exception:
    """A notebook that stopped: its own sentence when the analyst can act on it, else an internal error
    naming the notebook; either way the previous pack is kept."""
    if getattr(exc, "ename", "") in SENTENCE_ERRORS:
        return UserError(f"笔记本 {path.name} 运行出错：{_last_line(exc)}；原有报告保持不变")
    return InternalError(f"运行笔记本 {path.name}", f"{_last_line(exc)}；原有报告保持不变")


def _last_line(exc: Exception) -> str:
    lines = [line for line in strip_ansi(str(exc)).strip().splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
