"""The output-folder rule, through the command an analyst runs: nothing the tool did not write is lost.

Each case builds a temporary folder holding an input workbook and other files (an analyst's notes,
a document, a sub-folder), runs `python -m analysis report ...` in a subprocess and checks, by
sha256, that every one of those files survives. Refusals happen before any work (no validation, no
kernels), so these runs are quick. The swap is killed between its two renames with SIGKILL (the
real replace_dir in a child, stopped by an environment hook), and the next real run must put a pack
back and remove only its own stale staging folders.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import corpus
from analysis.write import safeio

SRC = Path(__file__).resolve().parents[1] / "src"


def run(args, cwd: Path, env_extra=None, timeout=120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(SRC), **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env, timeout=timeout,
    )


def digests(root: Path) -> dict:
    return {
        p.relative_to(root).as_posix(): ("dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """An analyst's folder: the input workbook, notes, a Word file and a sub-folder with a draft."""
    desk = tmp_path / "desk"
    (desk / "drafts").mkdir(parents=True)
    corpus.standard(desk, name="input.xlsx")
    (desk / "notes.txt").write_text("季度会议记录\n", encoding="utf-8")
    (desk / "汇报.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (desk / "drafts" / "v1.md").write_text("# 初稿\n", encoding="utf-8")
    return desk


def assert_refused(proc, before, after):
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "Traceback" not in output
    assert "不能写入输出文件夹" in output and "建议：" in output, output
    assert "校验输入" not in output  # refused before any work
    assert after == before, "a file was changed, moved or deleted"


@pytest.mark.parametrize(
    "out, cwd, why",
    [
        ("{desk}", "{tmp}", "输入文件 input.xlsx 就在这个位置"),  # `--out in` with the input in `in`
        (".", "{desk}", "当前工作目录"),  # `cd in && report --out .`
        ("..", "{desk}/drafts", "当前工作目录或它的上级目录"),
        ("{desk}/drafts", "{tmp}", "不是本工具生成的简报材料包"),  # a non-empty folder of the analyst's
        ("{desk}/notes.txt", "{tmp}", "已有的文件"),  # `--out` naming an existing file
    ],
    ids=["out-is-input-folder", "out-is-cwd", "out-is-parent-of-cwd", "non-empty-foreign", "out-is-a-file"],
)
def test_report_refuses_and_every_file_survives(desk: Path, tmp_path: Path, out, cwd, why):
    fill = {"desk": desk, "tmp": tmp_path}
    before = digests(tmp_path)
    proc = run(["report", "--data", desk / "input.xlsx", "--out", out.format(**fill)], cwd=Path(cwd.format(**fill)))
    assert_refused(proc, before, digests(tmp_path))
    assert why in proc.stderr, proc.stderr


def test_report_refuses_a_pack_holding_a_file_the_tool_did_not_write(desk: Path, tmp_path: Path):
    pack = tmp_path / "pack"
    (pack / "tables").mkdir(parents=True)
    (pack / "tables" / "gap_table.csv").write_text("old\n", encoding="utf-8")
    safeio.write_marker(pack, "pack", "complete", ["tables/gap_table.csv"])
    (pack / "我的批注.docx").write_bytes(b"analyst's own file, added later")
    before = digests(tmp_path)
    proc = run(["report", "--data", desk / "input.xlsx", "--out", pack], cwd=tmp_path)
    assert_refused(proc, before, digests(tmp_path))
    assert "我的批注.docx" in proc.stderr


def test_report_refuses_an_out_that_holds_the_input_inside_an_old_pack(tmp_path: Path):
    """The input sits inside a pack the tool wrote earlier: replacing the pack would delete the input."""
    pack = tmp_path / "pack"
    pack.mkdir()
    corpus.standard(pack, name="input.xlsx")
    safeio.write_marker(pack, "pack", "complete", ["input.xlsx"])
    before = digests(tmp_path)
    proc = run(["report", "--data", pack / "input.xlsx", "--out", pack], cwd=tmp_path)
    assert_refused(proc, before, digests(tmp_path))


def test_too_long_paths_are_a_sentence(desk: Path, tmp_path: Path):
    before = digests(tmp_path)
    proc = run(["report", "--data", desk / "input.xlsx", "--out", tmp_path / ("长" * 90)], cwd=tmp_path)  # 270 bytes
    assert_refused(proc, before, digests(tmp_path))
    assert "路径过长" in proc.stderr
    deep = "/".join(["a" * 200] * 25)  # 5,024 bytes: over PATH_MAX
    proc = run(["validate", tmp_path / deep / "x.xlsx"], cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert "路径过长" in proc.stdout + proc.stderr


def test_long_name_fits_beside_its_staging_folders(tmp_path: Path):
    """A 228-byte pack name (76 CJK characters) still works: staging and aside names are short."""
    final = tmp_path / ("简" * 76)
    assert len(os.fsencode(final.name)) == 228
    for text in ("old", "new"):
        with safeio.staged_dir(final) as staging:
            (staging / "summary.md").write_text(text, encoding="utf-8")
    assert (final / "summary.md").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [final.name]


# ---------------------------------------------------------------- a kill during the swap

_SWAP_CHILD = """
import sys
from pathlib import Path
from analysis.write import safeio
final = Path(sys.argv[1])
with safeio.staged_dir(final) as staging:
    (staging / "summary.md").write_text("new pack", encoding="utf-8")
"""

_BUILD_CHILD = """
import os, signal, sys
from pathlib import Path
from analysis.write import safeio
with safeio.staged_dir(Path(sys.argv[1])) as staging:
    (staging / "summary.md.tmp").write_text("half", encoding="utf-8")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def child(code: str, final: Path, env_extra=None) -> int:
    env = {**os.environ, "PYTHONPATH": str(SRC), **(env_extra or {})}
    return subprocess.run([sys.executable, "-c", code, str(final)], env=env, timeout=120).returncode


def old_pack(desk: Path) -> Path:
    pack = desk / "pack"
    with safeio.staged_dir(pack) as staging:
        (staging / "summary.md").write_text("old pack", encoding="utf-8")
    return pack


def others(desk: Path) -> dict:
    return {k: v for k, v in digests(desk).items() if not k.startswith(("pack", ".pk-"))}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_between_renames_is_finished_by_the_next_run(desk: Path):
    pack = old_pack(desk)
    kept = others(desk)
    code = child(_SWAP_CHILD, pack, {"ANALYSIS_TEST_KILL_AT": "between-renames"})
    assert code == -signal.SIGKILL
    assert not pack.exists()  # the state the issue found: no --out at all, the old pack aside
    assert any(p.name.startswith(safeio.ASIDE_PREFIX) for p in desk.iterdir())
    # The next real run (its input is invalid, so it stops after checking the output folder).
    (desk / "bad.xlsx").write_bytes(b"not a workbook")
    kept["bad.xlsx"] = hashlib.sha256(b"not a workbook").hexdigest()
    proc = run(["report", "--data", desk / "bad.xlsx", "--out", pack], cwd=desk)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "已完成替换" in proc.stderr
    assert (pack / "summary.md").read_text(encoding="utf-8") == "new pack"  # the complete new pack
    assert not [p for p in desk.iterdir() if p.name.startswith((".pk-", ".pack"))]
    assert others(desk) == kept


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_between_renames_without_the_new_pack_restores_the_old(desk: Path):
    pack = old_pack(desk)
    kept = others(desk)
    assert child(_SWAP_CHILD, pack, {"ANALYSIS_TEST_KILL_AT": "between-renames"}) == -signal.SIGKILL
    for staging in desk.glob(safeio.STAGING_PREFIX + "*"):  # the new pack lost too (e.g. removed by hand)
        safeio.shutil.rmtree(staging)
    proc = run(["report", "--data", desk / "missing.xlsx", "--out", pack], cwd=desk)
    assert proc.returncode == 1 and "恢复原有材料包" in proc.stderr, proc.stderr
    assert (pack / "summary.md").read_text(encoding="utf-8") == "old pack"
    assert others(desk) == kept


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_stale_staging_removed_only_when_ours(desk: Path):
    pack = old_pack(desk)
    assert child(_BUILD_CHILD, pack) == -signal.SIGKILL
    stale = [p for p in desk.iterdir() if p.name.startswith(safeio.STAGING_PREFIX)]
    assert len(stale) == 1 and (stale[0] / "summary.md.tmp").exists()
    lookalike = desk / f"{safeio.STAGING_PREFIX}0123456789"  # same name pattern, not ours (no marker)
    lookalike.mkdir()
    (lookalike / "keep.txt").write_text("not the tool's", encoding="utf-8")
    (desk / ".pack.new-abc").mkdir()  # the previous version's staging name: not touched either
    kept = others(desk)
    proc = run(["report", "--data", desk / "missing.xlsx", "--out", pack], cwd=desk)
    assert proc.returncode == 1, proc.stderr
    assert not stale[0].exists() and "已清理" in proc.stderr
    assert (lookalike / "keep.txt").exists() and (desk / ".pack.new-abc").is_dir()
    assert (pack / "summary.md").read_text(encoding="utf-8") == "old pack"
    assert others(desk) == kept
