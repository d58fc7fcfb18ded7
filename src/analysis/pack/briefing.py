"""The briefing pack: gap tables, summary sentences and figures, written in one place.

Notebook 05 calls write_pack(); `python -m analysis report` runs the notebooks and so writes the
same pack. Everything is written into a staging folder that replaces the previous pack only when
complete, so a failure halfway leaves the last good pack as it was.

Figure files are named after what they show, the same way for every chart type: `bullet_<指标>_<地区>`,
`trend_<指标>_<地区>` (one region), `ranking_<指标>_各地区`, `trend_<指标>_各地区` (several regions), so the
files of one indicator and region sort together. Each PNG and SVG carries its own description (title
metadata), which index.md lists in words.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from analysis.assess.ledger import ledger_for_pack
from analysis import charts
from analysis.config import BUNDLED_SOURCE, BUNDLED_WORKBOOK, DATA_PROCESSED
from analysis.read.excel import open_workbook
from analysis.rules.textsafe import md_link_text, md_text, md_url
from analysis.words.tasks import ledger_markdown
from analysis.write import figures as figure_files
from analysis.write.docx import write_briefing_docx
from analysis.write.markdown import write_summary
from analysis.write.safeio import atomic_write_text, pack_files, staged_dir
from analysis.write.tables import write_gap_table
from analysis.write.tasks import write_tasks

# Characters Windows forbids in file names, plus control characters; runs of them become one "_".
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')
STEM_CHARS = 40  # Word's insert-picture dialog and Windows paths stay comfortable
ALL_REGIONS = "各地区"
KIND_ZH = {"overview": "总览", "bullet": "子弹图", "trend": "趋势图", "ranking": "地区排名", "grid": "评估结论矩阵"}


def source_note(paths, source: str | None = None) -> str:
    """The footnote under every chart: `source` when given; the report for the bundled data; else the
    workbooks' titles (their file names when a workbook has no title row)."""
    if source:
        text = " ".join(str(source).split())
        return text if text.startswith("资料来源") else "资料来源：" + text
    paths = [Path(p) for p in paths]
    if [p.resolve() for p in paths] == [BUNDLED_WORKBOOK.resolve()]:
        return BUNDLED_SOURCE
    return "资料来源：" + "、".join(dict.fromkeys(workbook_title(p) or p.name for p in paths))


def workbook_title(path) -> str:
    """The title row of a workbook's first table (a lone text cell above the header), or ""."""

    problems: list = []
    try:
        workbook = open_workbook(path, problems)
    except Exception:  # a footnote never stops the report: the file name stands in
        return ""
    for sheet in (workbook.sheets if workbook else []):
        for row in sheet.rows[:3]:
            cells = [str(v).strip() for v in row if str(v).strip()]
            if len(cells) == 1 and len(cells[0]) >= 6 and not cells[0].replace(".", "").isdigit():
                return " ".join(cells[0].split())
            if len(cells) > 1:
                break
    return ""


def pack_dir(out=None) -> Path:
    """Where notebook 05 writes the pack: the folder given, or data/processed/briefing (regenerated)."""
    return Path(out) if out else DATA_PROCESSED / "briefing"


def safe_stem(text: str, limit: int = STEM_CHARS) -> str:
    """A file-name stem any Windows, macOS or Linux folder accepts: no \\ / : * ? " < > |, no control
    characters or spaces, no trailing dot, at most `limit` characters."""
    text = unicodedata.normalize("NFKC", str(text))
    text = _UNSAFE.sub("_", text).strip("._ ")
    return text[:limit].rstrip("._ ") or "指标"


def figure_stems(table: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(indicator_id, region) → stem "<指标名称>_<地区>", unique, in table order; with several regions each
    indicator also gets (indicator_id, "各地区") → "<指标名称>_各地区" for the charts comparing regions."""
    several = table["region"].nunique() > 1
    stems: dict[tuple[str, str], str] = {}
    used: set[str] = set()

    def claim(key, words):
        stem = base = safe_stem(words)
        k = 2
        while stem in used:  # two indicators with the same name: numbered in table order
            stem = f"{base}_{k}"
            k += 1
        used.add(stem)
        stems[key] = stem

    for ind, name, region in zip(table["indicator_id"], table["name"], table["region"]):
        label = str(name) if isinstance(name, str) and name.strip() else str(ind)
        short = safe_stem(label, STEM_CHARS - 8)
        if several and (ind, ALL_REGIONS) not in stems:
            claim((ind, ALL_REGIONS), f"{short}_{ALL_REGIONS}")
        if (ind, region) not in stems:
            claim((ind, region), f"{short}_{region}" if isinstance(region, str) and region else short)
    return stems


def figure_stem(kind: str, stem: str) -> str:
    """File stem of one figure: the chart type, then the indicator-and-region stem shared by every type."""
    return f"{kind}_{stem}"


def targeted(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the gap table that have a target (and so a bullet graph)."""
    return table[table["target"].notna()]


def trend_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(indicator, region) pairs with two or more years of values: those get a trend chart.

    One pass over the frame (values that are numbers, of actual or baseline rows, counted by distinct year),
    in the order the pairs first appear.
    """
    rows = frame[frame["kind"].isin(["actual", "baseline"])]
    value = pd.to_numeric(rows["value"], errors="coerce")
    year = pd.to_numeric(rows["year"], errors="coerce")
    ok = rows.assign(_year=year)[value.notna() & year.notna()]
    counts = ok.groupby(["indicator_id", "region"], sort=False, observed=True)["_year"].nunique()
    order = frame[["indicator_id", "region"]].drop_duplicates().itertuples(index=False, name=None)
    return [key for key in order if counts.get(key, 0) >= 2]


@dataclass
class Figure:
    """One figure of the pack: file stem, what it shows in words, how to draw it, and what it is of
    (`kind`: overview, grid, ranking, bullet, trend; the indicator and region where it has one)."""

    stem: str
    description: str
    draw: Callable[[], object]
    kind: str = ""
    indicator_id: str = ""
    region: str = ""
    # Where it was planned: (frame, table, city) of its plan_figures() call and its place in that plan, so a
    # worker process can plan the same figure again (the draw lambda itself cannot be sent to a process).
    origin: tuple | None = field(default=None, repr=False, compare=False)
    index: int = field(default=-1, repr=False, compare=False)


def plan_figures(frame: pd.DataFrame, table: pd.DataFrame, city: str | None = None) -> list[Figure]:
    """Every figure of the pack, in order.

    One region: the overview (in A4 pages), a bullet graph per indicator with a target, a trend per indicator
    with several years. Several regions: the overview per region, the region × indicator status grid, and per
    indicator a ranking of the regions and small-multiple trends (one panel per region) — a bullet and a trend
    per region and indicator would be hundreds of files no briefing uses.
    """
    figures = _plan(frame, table, city)
    origin = (frame, table, city)
    for k, item in enumerate(figures):
        item.origin, item.index = origin, k
    return figures


def _plan(frame: pd.DataFrame, table: pd.DataFrame, city: str | None) -> list[Figure]:
    figures: list[Figure] = []
    regions = [r for r in dict.fromkeys(table["region"]) if isinstance(r, str)]
    several = len(regions) > 1
    stems = figure_stems(table)
    when = charts.place_and_year(table)
    pages = figure_files.overview_pages(table)
    measure = charts.overview_measure(table)
    for k, (label, rows) in enumerate(pages, 1):
        stem = "overview" if len(pages) == 1 else f"overview_{k:02d}_{safe_stem(label)}"
        part = label[len(str(rows["region"].iloc[0])):] if several else label  # "（1/2）" when a page continues
        title = charts.place_and_year(rows) + charts.OVERVIEW_TITLE[measure] + part
        figures.append(Figure(stem, f"总览：{title}",
                              lambda rows=rows, title=title: charts.overview(rows, measure=measure, title=title),
                              "overview", region=str(rows["region"].iloc[0]) if several else ""))
    names = dict(zip(table["indicator_id"], table["name"]))
    if several:
        grid = figure_files.grid_pages(table)
        for k, part in enumerate(grid, 1):
            stem = "status_grid" if len(grid) == 1 else f"status_grid_{k:02d}"
            title = f"{when}各指标评估结论" + (f"（{k}/{len(grid)}）" if len(grid) > 1 else "")
            figures.append(Figure(stem, f"评估结论矩阵：{title}（{len(regions)}个地区）",
                                  lambda part=part, title=title: charts.status_grid(part, title=title), "grid"))
        with_trend = {ind for ind, _ in trend_keys(frame)}
        for ind in dict.fromkeys(table["indicator_id"]):
            stem, name = stems[(ind, ALL_REGIONS)], names[ind]
            if table.loc[table["indicator_id"] == ind, "actual"].notna().sum() > 1:
                figures.append(Figure(figure_stem("ranking", stem), f"地区排名：{name}（{'、'.join(regions)}）",
                                      lambda ind=ind: charts.ranking(table, ind, city=city), "ranking", ind, ALL_REGIONS))
            if ind in with_trend:
                figures.append(Figure(figure_stem("trend", stem), f"趋势图（分地区）：{name}（{'、'.join(regions)}）",
                                      lambda ind=ind: charts.small_multiples(frame, ind, table), "trend", ind, ALL_REGIONS))
        return figures
    for _, row in targeted(table).iterrows():
        if not charts.has_bullet(row):  # no value: nothing to draw against the target
            continue
        key = (row["indicator_id"], row["region"])
        figures.append(Figure(figure_stem("bullet", stems[key]), f"子弹图：{row['name']}（{row['region']}）",
                              lambda row=row: charts.bullet(row, title=f"{row['name']}（{row['region']}）"),
                              "bullet", *key))
    for ind, region in trend_keys(frame):
        figures.append(Figure(figure_stem("trend", stems[(ind, region)]), f"趋势图：{names.get(ind, ind)}（{region}）",
                              lambda ind=ind, region=region: charts.trend(frame, ind, region, table=table), "trend", ind, region))
    return figures


def write_figures(frame: pd.DataFrame, table: pd.DataFrame, out_dir, source: str = BUNDLED_SOURCE,
                  city: str | None = None) -> list[Path]:
    """Draw and save every planned figure (PNG 300 dpi + SVG, each with its description); returns the files."""
    return save_figures(plan_figures(frame, table, city), out_dir, source)


def figure_refs(plan: list[Figure], folder) -> list[tuple[str, str, str, Path]]:
    """(kind, indicator_id, region, PNG path) of each planned figure: what the Word draft embeds, and where."""
    return [(f.kind, f.indicator_id, f.region, Path(folder) / f"{f.stem}.png") for f in plan]


def save_figures(plan: list[Figure], out_dir, source: str = BUNDLED_SOURCE, *, workers: int | None = None) -> list[Path]:
    """Draw and save the given figures into `out_dir`; returns the files (PNG and SVG of each), in plan order.

    With `workers` > 1 (default: WORKERS, at most the machine's cores) and at least PARALLEL_MIN figures, this
    process and `workers - 1` helper processes render at the same time; the files are byte-identical to rendering
    them one by one here (each process renders a figure from the same plan and settings). A helper that cannot
    start or fails leaves its figures to this process.
    """
    with Rendering(plan, out_dir, source, workers=workers) as rendering:
        return rendering.finish()


def save_figure(fig_spec: Figure, out: Path, source: str) -> list[Path]:
    """Draw one figure, add the source footnote, save PNG and SVG, close it."""
    drawn = fig_spec.draw()
    fig = drawn if isinstance(drawn, plt.Figure) else drawn.get_figure(root=True)
    try:
        charts.add_source(fig, source)
        return figure_files.save(fig, out / fig_spec.stem, description=fig_spec.description)
    finally:
        plt.close(fig)


# ---------------------------------------------------------------- rendering in parallel processes

WORKERS = 2  # processes rendering at once (this one included); rendering is CPU-bound, one per core pays
PARALLEL_MIN = 8  # below this, starting a helper (importing pandas and matplotlib) costs more than it saves
# Settings a helper process keeps its own: the backend is Agg there whatever the notebook uses.
_LOCAL_RC = {"backend", "backend_fallback", "interactive", "figure.hooks"}
_QUEUED = 2  # figures handed to a helper ahead, so it never waits for this process
# What a helper process runs (`home`: the folder holding this `analysis` package, first on its path).
HELPER_CODE = "import sys; sys.path.insert(0, {home!r}); from analysis.pack.briefing import _helper_main; _helper_main()"


def _helper_count(plan: list[Figure], workers: int | None) -> int:
    """How many helper processes to start for this plan: 0 when it is small, or not all from one plan_figures."""
    if workers is None:
        workers = min(WORKERS, os.cpu_count() or 1)
    if workers < 2 or len(plan) < PARALLEL_MIN or plan[0].origin is None:
        return 0
    if any(f.origin is not plan[0].origin for f in plan):
        return 0
    return min(workers - 1, len(plan) // 4)


class Rendering:
    """Saving a plan's figures, begun at once: helper processes (if any) start and take figures from the back
    of the plan while the caller does other work; `finish()` renders the rest here and returns all files.

    This process takes figures from the front, the helpers from the back, one at a time, so all finish
    together whatever each figure costs. A figure a helper did not deliver (it could not start, failed, or
    stopped answering) is rendered here. Leaving the `with` block stops the helpers (after their current
    figure), also on an error.

    The helpers are plain `python` processes fed through their stdin (not multiprocessing): they never import
    the analyst's script or notebook, so a script without `if __name__ == "__main__"` cannot run twice.
    """

    def __init__(self, plan: list[Figure], out_dir, source: str, *, workers: int | None = None) -> None:
        import queue

        self.plan, self.out, self.source = plan, Path(out_dir), source
        self.out.mkdir(parents=True, exist_ok=True)
        self.written: dict[int, list[Path]] = {}
        self.todo = list(range(len(plan)))
        self.results: queue.Queue = queue.Queue()
        self.helpers: list[_Helper] = []
        count = _helper_count(plan, workers)
        if count:
            frame, table, city = plan[0].origin
            rc = {k: v for k, v in mpl.rcParams.items() if k not in _LOCAL_RC}
            setup = (rc, frame, table, city, source, str(self.out.resolve()))
            for _ in range(count):
                try:
                    self.helpers.append(_Helper(setup, self.results))
                except Exception:  # no processes on this system: fewer helpers, or none
                    break
        self._hand_out()

    def __enter__(self) -> "Rendering":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _hand_out(self) -> None:
        for helper in self.helpers:
            while self.todo and len(helper.busy) < _QUEUED and helper.send(self.todo[-1], self.plan[self.todo[-1]]):
                self.todo.pop()

    def finish(self) -> list[Path]:
        """Render what is left here, wait for the helpers, and return every file in plan order."""
        try:
            while True:
                self._hand_out()
                if self.todo:
                    k = self.todo.pop(0)
                    self.written[k] = save_figure(self.plan[k], self.out, self.source)
                    _collect(self.results, self.written, block=False)
                elif not any(h.busy for h in self.helpers) or not _collect(self.results, self.written, block=True):
                    break  # all done, or a helper stopped answering
        finally:
            self.close()
        for k, item in enumerate(self.plan):  # what a helper owed and did not deliver
            if k not in self.written:
                self.written[k] = save_figure(item, self.out, self.source)
        return [path for k in range(len(self.plan)) for path in self.written[k]]

    def close(self) -> None:
        """Stop the helpers and wait until they have exited (so none writes into the folder afterwards)."""
        helpers, self.helpers = self.helpers, []
        for helper in helpers:
            helper.stop()


def _collect(results, written: dict, block: bool) -> bool:
    """Move helper results into `written` (all that arrived; with `block`, wait for at least one).
    Returns whether anything arrived."""
    import queue

    try:
        item = results.get(timeout=_HELPER_TIMEOUT) if block else results.get_nowait()
    except queue.Empty:
        return False
    while True:
        helper, k, paths = item
        helper.busy.discard(k)
        if paths is not None:
            written[k] = [Path(p) for p in paths]
        try:
            item = results.get_nowait()
        except queue.Empty:
            return True


_HELPER_TIMEOUT = 600  # seconds one figure may take in a helper before this process stops waiting for it


class _Helper:
    """One helper process rendering figures of the same plan; results arrive in the shared `results` queue as
    (helper, plan position, files or None)."""

    def __init__(self, setup: tuple, results) -> None:
        import queue
        import subprocess
        import sys
        import threading

        home = str(Path(__file__).resolve().parents[2])  # the folder holding this `analysis` package
        self.proc = subprocess.Popen([sys.executable, "-c", HELPER_CODE.format(home=home)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        self.busy: set[int] = set()
        self.alive = True
        self._lock = threading.Lock()
        self._outbox: queue.Queue = queue.Queue()
        self._results = results
        self._outbox.put(setup)
        # Threads do the pipe work, so this process renders while the helper starts and reads the data.
        threading.Thread(target=self._send, daemon=True).start()
        threading.Thread(target=self._receive, daemon=True).start()

    def send(self, k: int, item: Figure) -> bool:
        """Hand figure `k` of the plan to the helper; False when it has stopped."""
        with self._lock:
            if not self.alive:
                return False
            self.busy.add(k)
        self._outbox.put((k, item.index, item.stem))
        return True

    def _send(self) -> None:
        import pickle

        try:
            while (message := self._outbox.get()) is not None:
                pickle.dump(message, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                self.proc.stdin.flush()
            self.proc.stdin.close()
        except (OSError, ValueError):  # the helper ended: _receive reports it
            pass
        except Exception:  # something that cannot be sent: end the helper, its figures come back here
            self.proc.kill()

    def _receive(self) -> None:
        import pickle

        try:
            while True:
                k, paths = pickle.load(self.proc.stdout)
                self._results.put((self, k, paths))
        except Exception:  # end of stream: the helper stopped (or died)
            pass
        with self._lock:
            self.alive = False
            owed = list(self.busy)
        for k in owed:  # owed figures go back to the caller
            self._results.put((self, k, None))

    def stop(self) -> None:
        import subprocess

        self._outbox.put(None)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _helper_main() -> None:
    """A helper process: read (settings, data) then figure numbers on stdin; render each; answer on stdout."""
    import pickle
    import sys

    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, never into the answers
    sys.stdout = sys.stderr
    inbox = sys.stdin.buffer
    plt.switch_backend("Agg")
    rc, frame, table, city, source, out = pickle.load(inbox)
    mpl.rcParams.update(rc)
    plan, out = plan_figures(frame, table, city), Path(out)
    while True:
        try:
            k, index, stem = pickle.load(inbox)
        except EOFError:
            return
        try:
            if plan[index].stem != stem:  # never render another figure than the one asked for
                raise RuntimeError(stem)
            paths = [str(p) for p in save_figure(plan[index], out, source)]
        except Exception:  # the caller renders this one itself, and reports any real error
            paths = None
        pickle.dump((k, paths), channel, protocol=pickle.HIGHEST_PROTOCOL)
        channel.flush()


def figure_index(folder) -> list[str]:
    """Markdown list lines for index.md: each figure's PNG (and SVG) with what it shows, in words."""
    from PIL import Image

    folder = Path(folder)
    lines = []
    for png in sorted(folder.glob("*.png")):
        with Image.open(png) as im:
            described = im.text.get("Description") or im.text.get("Title") or ""
        svg = png.with_suffix(".svg")
        base = f"{folder.name}/{png.name}"
        link = f"[{md_link_text(png.name)}]({md_url(base)})"
        if svg.exists():
            link += f"（[SVG]({md_url(folder.name + '/' + svg.name)})）"
        lines.append(f"- {md_text(described or png.stem)}：{link}")
    return lines


def write_pack(frame: pd.DataFrame, table: pd.DataFrame, out_dir, *, source: str = BUNDLED_SOURCE,
               title: str | None = None, city: str | None = None, tasks=None) -> list[Path]:
    """Write tables/, figures/ and summary.md into out_dir, replacing a previous pack only once complete.

    Returns the written files, relative to out_dir.
    """
    out = Path(out_dir)
    inputs = frame["file"].dropna().unique() if "file" in frame.columns else ()
    with staged_dir(out, inputs=inputs) as staging:
        plan = plan_figures(frame, table, city)
        # The helper processes start on the figures now, while this process writes the tables.
        with Rendering(plan, staging / "figures", source) as rendering:
            write_gap_table(table, staging / "tables", sources=[source])
            write_summary(table, staging / "summary.md", **({"title": title} if title else {}))
            rendering.finish()
        figures = figure_refs(plan, staging / "figures")
        _write_word_and_tasks(frame, table, staging, figures, source, tasks)
        files = pack_files(staging)
    return files


def _write_word_and_tasks(frame, table, staging: Path, figures, source: str, tasks=None) -> None:
    """briefing.docx, and tables/tasks.{csv,xlsx} when the inputs hold a key-task ledger (wordfile, tasks)."""

    tasks = ledger_for_pack(frame, table) if tasks is None else tasks
    if len(tasks):
        write_tasks(tasks, staging / "tables")
        summary = staging / "summary.md"
        if summary.exists():

            atomic_write_text(summary, summary.read_text("utf-8").rstrip("\n") + "\n\n" + ledger_markdown(tasks))
    write_briefing_docx(frame, table, staging / "briefing.docx", source=source, figures=figures, tasks=tasks)


def show(item: Figure, source: str) -> None:
    """Draw one planned figure with its source line, display it in the notebook and close it: a page showing
    21 figures would otherwise keep them all open (matplotlib warns past 20 and holds their memory)."""
    from IPython.display import display

    drawn = item.draw()
    fig = drawn if isinstance(drawn, plt.Figure) else drawn.get_figure(root=True)
    charts.add_source(fig, source)
    display(fig)
    plt.close(fig)


def figures_sentence(frame: pd.DataFrame, table: pd.DataFrame, figures: list[Figure]) -> str:
    """What the charts below are, counted from the data they were planned on."""
    regions = table["region"].nunique()
    text = f"数据有{table['indicator_id'].nunique()}项指标" + (f"、{regions}个地区" if regions > 1 else "")
    text += f"；共{_counted(figures)}。" if figures else "；没有可画的图。"
    if not trend_keys(frame):
        years = sorted(pd.to_numeric(frame.loc[frame["kind"] == "actual", "year"], errors="coerce").dropna().astype(int).unique())
        when = f"（{'、'.join(map(str, years))}年）" if years else ""
        text += f"每个指标只有一个年份的数值{when}，因此没有趋势图；填入各年数值后会自动生成。"
    return text


def files_sentence(files: list[Path]) -> str:
    """How many files the pack holds, by folder (the full list is in index.md)."""
    counts: dict[str, int] = {}
    for f in files:
        top = Path(f).parts[0] if len(Path(f).parts) > 1 else Path(f).name
        counts[top] = counts.get(top, 0) + 1
    return f"已写入 {len(files)} 个文件：" + "，".join(f"{k} {n} 个" for k, n in counts.items()) + "。"


def shown_in_notebook(figures: list[Figure], table: pd.DataFrame) -> list[Figure]:
    """The figures notebook 03 displays: all of them for one region; for several regions the overview pages
    and the status grid, the page a director reads first. Each indicator's ranking and small multiples go to
    the pack (and the Word draft); notebook 04 shows the deep-dive indicator's. Drawing them inline as well
    was a third of the 5-region report's time."""
    if table["region"].nunique() <= 1:
        return figures
    return [f for f in figures if f.kind in ("overview", "grid")]


def _counted(figures: list[Figure]) -> str:
    """"总览1幅、子弹图4幅": the figures counted by chart type, in plan order."""
    kinds: dict[str, int] = {}
    for f in figures:
        kinds[KIND_ZH.get(f.kind, f.kind)] = kinds.get(KIND_ZH.get(f.kind, f.kind), 0) + 1
    return "、".join(f"{k}{n}幅" for k, n in kinds.items())


def not_shown_sentence(figures: list[Figure], table: pd.DataFrame) -> str:
    """What the pack holds beyond the figures shown in notebook 03 ("" when it shows them all)."""
    shown = {f.stem for f in shown_in_notebook(figures, table)}
    hidden = [f for f in figures if f.stem not in shown]
    if not hidden:
        return ""
    return f"另有{_counted(hidden)}只写入简报材料包（figures/ 文件夹，逐幅列在 index.md 中），这里不逐幅显示；专题指标的图见 04。"
