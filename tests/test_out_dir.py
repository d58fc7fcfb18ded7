"""The output folder before any work (issue 16): the analyst's own files, unwritable folders, two runs at once.

Each check calls the out-dir functions directly or runs `python -m analysis report` on a folder it refuses
(refusals happen before validation, so these runs take a second). Two concurrent runs are two processes
that wait for each other through files, never through sleeps of a guessed length.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import corpus
from analysis.write import safeio

SRC = Path(__file__).resolve().parents[1] / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"}


def digests(root: Path) -> dict:
    return {
        p.relative_to(root).as_posix(): ("dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(root.rglob("*"))
    }


def report(args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "report", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=ENV, timeout=300)


# ---------------------------------------------------------------- the analyst's own files


@pytest.mark.parametrize("own", ["summary.md", "tables/gap_table.csv", "index.md"])
def test_a_folder_without_the_marker_is_never_taken_for_a_pack(tmp_path: Path, own: str):
    """The issue's case: names an old pack used, written by the analyst; no marker, so not ours."""
    out = tmp_path / "pack"
    (out / own).parent.mkdir(parents=True, exist_ok=True)
    (out / own).write_text("分析员自己写的简报文字\n", encoding="utf-8")
    before = digests(tmp_path)
    with pytest.raises(safeio.OutputRefused, match="不是本工具生成的简报材料包"):
        safeio.check_out_dir(out, cwd=tmp_path)
    with pytest.raises(safeio.OutputRefused):
        with safeio.staged_dir(out) as staging:
            (staging / "summary.md").write_text("新", encoding="utf-8")
    assert digests(tmp_path) == before


def test_report_keeps_the_analysts_summary(tmp_path: Path):
    corpus.standard(tmp_path, name="input.xlsx")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "summary.md").write_text("我的总结\n", encoding="utf-8")
    before = digests(tmp_path)
    proc = report(["--data", tmp_path / "input.xlsx", "--out", out], tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "不是本工具生成的简报材料包" in proc.stderr and "校验输入" not in proc.stdout
    assert digests(tmp_path) == before


# ---------------------------------------------------------------- unwritable output folders


def test_a_read_only_file_system_is_one_sentence_before_any_work(tmp_path: Path):
    """/sys refuses new folders even to root (EPERM): the shape of a read-only mount."""
    corpus.standard(tmp_path, name="input.xlsx")
    with pytest.raises(safeio.OutputRefused, match=r"无法在 /sys 中写入"):
        safeio.check_out_dir("/sys/indicator-pack", cwd=tmp_path)
    proc = report(["--data", tmp_path / "input.xlsx", "--out", "/sys/indicator-pack"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Errno" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "无法在 /sys 中写入" in proc.stderr  # one sentence
    assert "校验输入" not in proc.stdout  # before any notebook, before validation even


_AS_NOBODY = """
import os, sys
from analysis.write import safeio  # imported first: nobody may not read the interpreter's own files
os.setgid(65534); os.setuid(65534)
try:
    safeio.check_out_dir(sys.argv[1], cwd="/")
except safeio.OutputRefused as exc:
    print(exc)
"""


@pytest.mark.skipif(not hasattr(os, "setuid"), reason="POSIX permissions")
@pytest.mark.parametrize("case", ["read-only-parent", "read-only-folder"])
def test_read_only_folders_are_refused(case: str):
    """Permissions do not bind root, so the check runs as the user nobody (or as this user when not root),
    in a folder every user may reach (pytest's own temporary folder is private)."""
    open_to_all = Path(tempfile.mkdtemp(prefix="out-dir-"))
    open_to_all.chmod(0o755)
    try:
        _read_only_case(open_to_all, case)
    finally:
        for folder in (open_to_all / "share", open_to_all / "share" / "pack"):
            if folder.exists():
                folder.chmod(0o755)
        shutil.rmtree(open_to_all)


def _read_only_case(root: Path, case: str) -> None:
    parent = root / "share"
    parent.mkdir()
    out = parent / "pack"
    if case == "read-only-folder":
        out.mkdir()  # empty: a folder the tool may fill, but cannot
        out.chmod(0o555)
    else:
        parent.chmod(0o555)
    runner = _AS_NOBODY if os.getuid() == 0 else _AS_NOBODY.replace("os.setgid(65534); os.setuid(65534)", "")
    done = subprocess.run([sys.executable, "-c", runner, str(out)], capture_output=True, text=True,
                          encoding="utf-8", env=ENV, timeout=120)
    assert done.returncode == 0, done.stderr
    place = out if case == "read-only-folder" else parent
    assert f"无法在 {place} 中写入（没有写入权限）" in done.stdout, done.stdout
    assert sorted(p.name for p in parent.iterdir()) == (["pack"] if case == "read-only-folder" else [])


# ---------------------------------------------------------------- two runs into one folder

_HOLDER = """
import sys, time
from pathlib import Path
from analysis.write import safeio
final, ready, release = (Path(a) for a in sys.argv[1:4])
with safeio.staged_dir(final) as staging:
    (staging / "summary.md").write_text("run 1", encoding="utf-8")
    ready.write_text(str(staging), encoding="utf-8")
    while not release.exists():
        time.sleep(0.05)
"""


def wait_for(path: Path, proc: subprocess.Popen) -> None:
    """Until `path` exists (the other process's signal); fails only if that process died first."""
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)


def test_a_second_report_into_a_busy_folder_is_refused_at_once(tmp_path: Path):
    corpus.standard(tmp_path, name="input.xlsx")
    final, ready, release = tmp_path / "pack", tmp_path / "ready", tmp_path / "release"
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, final, ready, release], env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(ready, holder)
        staging = Path(ready.read_text(encoding="utf-8"))
        proc = report(["--data", tmp_path / "input.xlsx", "--out", final], tmp_path)
        assert proc.returncode == 1, proc.stderr
        assert f"另一个报告（进程 {holder.pid}）正在写入这个文件夹" in proc.stderr
        assert "Traceback" not in proc.stderr and "校验输入" not in proc.stdout
        assert (staging / "summary.md").read_text(encoding="utf-8") == "run 1"  # run 1's work untouched
    finally:
        release.write_text("", encoding="utf-8")
        holder.communicate(timeout=120)
    assert holder.returncode == 0
    assert (final / "summary.md").read_text(encoding="utf-8") == "run 1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.xlsx", "pack", "ready", "release"]  # lock removed


_KERNEL = """
import sys
import tempfile
from pathlib import Path
from analysis.write import safeio
with safeio.staged_dir(Path(sys.argv[1])) as inner:  # what notebook 05 does inside the report's staging folder
    (inner / "summary.md").write_text("from the kernel", encoding="utf-8")
"""


def test_the_staging_marker_keeps_the_runs_pid_after_the_kernel_swaps(tmp_path: Path):
    """Notebook 05's swap used to write the kernel's pid: once the kernel ended, another run's start-up
    recovery took the live run's staging folder for abandoned and deleted it."""
    final = tmp_path / "pack"
    with safeio.staged_dir(final) as staging:
        subprocess.run([sys.executable, "-c", _KERNEL, str(staging)], env=ENV, check=True, timeout=120)
        marker = safeio.read_marker(staging)
        assert marker["pid"] == os.getpid() and marker["state"] == "complete"
        # Another process recovering beside it while this run is alive leaves the folder alone.
        code = "import sys; from analysis.write import safeio; print(safeio.recover(sys.argv[1]))"
        done = subprocess.run([sys.executable, "-c", code, str(final)], capture_output=True, text=True,
                              env=ENV, check=True, timeout=120)
        assert done.stdout.strip() == "[]"
        assert (staging / "summary.md").read_text(encoding="utf-8") == "from the kernel"
        assert not final.exists()  # nor was the live run's complete staging folder moved in as the pack
    assert (final / "summary.md").read_text(encoding="utf-8") == "from the kernel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]
