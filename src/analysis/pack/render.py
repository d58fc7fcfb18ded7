"""Rendering the planned figures: here, or in helper processes at the same time (byte-identical files)."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt

from analysis import charts
from analysis.pack.plan import Figure
from analysis.write import figures as figure_files


def save_figures(plan: list[Figure], out_dir, source: str, *, workers: int | None = None,
                 svg: bool = False) -> list[Path]:
    """Draw and save the given figures into `out_dir`; returns the files (the PNG of each, and its SVG when `svg`),
    in plan order.

    With `workers` > 1 (default: WORKERS, at most the machine's cores) and at least PARALLEL_MIN figures, this
    process and `workers - 1` helper processes render at the same time; the files are byte-identical to rendering
    them one by one here (each process renders a figure from the same plan and settings). A helper that cannot
    start or fails leaves its figures to this process.
    """
    with Rendering(plan, out_dir, source, workers=workers, svg=svg) as rendering:
        return rendering.finish()


def save_figure(fig_spec: Figure, out: Path, source: str, svg: bool = False) -> list[Path]:
    """Draw one figure, add the source footnote, save the PNG (300 dpi; and the SVG when `svg`), close it.

    SVG only on request: the PNG is what is pasted into Word, and writing the SVG as well cost almost half of
    every figure's drawing time."""
    drawn = fig_spec.draw()
    fig = drawn if isinstance(drawn, plt.Figure) else drawn.get_figure(root=True)
    try:
        charts.add_source(fig, source)
        return figure_files.save(fig, out / fig_spec.stem, description=fig_spec.description, svg=svg)
    finally:
        plt.close(fig)


# ---------------------------------------------------------------- rendering in parallel processes

WORKERS = 2  # processes rendering at once (this one included); rendering is CPU-bound, one per core pays
PARALLEL_MIN = 8  # below this, starting a helper (importing pandas and matplotlib) costs more than it saves
# Settings a helper process keeps its own: the backend is Agg there whatever the notebook uses.
_LOCAL_RC = {"backend", "backend_fallback", "interactive", "figure.hooks"}
_QUEUED = 2  # figures handed to a helper ahead, so it never waits for this process
# What a helper process runs (`home`: the folder holding this `analysis` package, first on its path).
HELPER_CODE = "import sys; sys.path.insert(0, {home!r}); from analysis.pack.render import _helper_main; _helper_main()"


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

    def __init__(self, plan: list[Figure], out_dir, source: str, *, workers: int | None = None,
                 svg: bool = False) -> None:
        import queue

        self.plan, self.out, self.source, self.svg = plan, Path(out_dir), source, svg
        self.out.mkdir(parents=True, exist_ok=True)
        self.written: dict[int, list[Path]] = {}
        self.todo = list(range(len(plan)))
        self.results: queue.Queue = queue.Queue()
        self.helpers: list[_Helper] = []
        count = _helper_count(plan, workers)
        if count:
            rc = {k: v for k, v in mpl.rcParams.items() if k not in _LOCAL_RC}
            setup = (rc, plan[0].origin, source, str(self.out.resolve()), svg)
            for _ in range(count):
                try:
                    self.helpers.append(_Helper(setup, self.results))
                except Exception:  # no processes on this system: fewer helpers, or none
                    break
        # A helper's first share is its part of the whole plan: the caller may be busy for minutes before finish()
        # (the national gap table's xlsx), and a helper holding only _QUEUED figures would wait all that time.
        self._hand_out(ahead=max(_QUEUED, len(plan) // (len(self.helpers) + 1)))

    def __enter__(self) -> "Rendering":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _hand_out(self, ahead: int = _QUEUED) -> None:
        for helper in self.helpers:
            while self.todo and len(helper.busy) < ahead and helper.send(self.todo[-1], self.plan[self.todo[-1]]):
                self.todo.pop()

    def finish(self) -> list[Path]:
        """Render what is left here, wait for the helpers, and return every file in plan order."""
        try:
            while True:
                self._hand_out()
                if self.todo:
                    k = self.todo.pop(0)
                    self.written[k] = save_figure(self.plan[k], self.out, self.source, self.svg)
                    _collect(self.results, self.written, block=False)
                elif not any(h.busy for h in self.helpers) or not _collect(self.results, self.written, block=True):
                    break  # all done, or a helper stopped answering
        finally:
            self.close()
        for k, item in enumerate(self.plan):  # what a helper owed and did not deliver
            if k not in self.written:
                self.written[k] = save_figure(item, self.out, self.source, self.svg)
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
    rc, (planner, args), source, out, svg = pickle.load(inbox)
    mpl.rcParams.update(rc)
    plan, out = planner(*args), Path(out)  # the same plan as the caller's (plan_figures or region_pages)
    while True:
        try:
            k, index, stem = pickle.load(inbox)
        except EOFError:
            return
        try:
            if plan[index].stem != stem:  # never render another figure than the one asked for
                raise RuntimeError(stem)
            paths = [str(p) for p in save_figure(plan[index], out, source, svg)]
        except Exception:  # the caller renders this one itself, and reports any real error
            paths = None
        pickle.dump((k, paths), channel, protocol=pickle.HIGHEST_PROTOCOL)
        channel.flush()

