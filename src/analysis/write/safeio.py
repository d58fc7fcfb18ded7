"""Safe file output: atomic writes, whole-directory swaps and CSV-injection-proof text.

A report that crashes halfway must never leave a half-written file or folder where the analysts
look for the last good one, and no cell we export may ever run as a spreadsheet formula.
"""

from __future__ import annotations

import datetime
import errno
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Iterator
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from analysis.rules.problems import UserError
from analysis.write.outlock import LockBusy, lock_file, take_lock, unlock

# OWASP "CSV injection": a cell starting with one of these is a formula (or DDE) in Excel/LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert_text(s):
    """Make a string inert for spreadsheets by prefixing "'" when it starts with a formula trigger.

    Only str is changed; numbers (negative ones too) are data, not formulas, and pass through.
    """
    if isinstance(s, str) and s.startswith(FORMULA_TRIGGERS):
        return "'" + s
    return s


def _umask_mode(base: int) -> int:
    """What open()/mkdir() would give: `base` minus the umask (read by setting it back at once)."""
    umask = os.umask(0)
    os.umask(umask)
    return base & ~umask


def _new_file_mode(path: Path) -> int:
    """Permission bits for the replacement: keep the old file's, else the usual default."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return _umask_mode(0o666)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); directories cannot be opened on Windows."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_write(path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = "\n") -> Iterator[IO]:
    """Open a temp file next to `path`; on success fsync it and os.replace it over `path`.

    On any exception the temp file is removed and the previous `path` stays as it was.
    Text mode writes "\n" line endings on every platform (newline="\n") so output is byte-stable.
    """
    if mode not in ("w", "wt", "wb"):
        raise ValueError(f"atomic_write only writes whole files (mode 'w' or 'wb'), not {mode!r}")
    path = Path(path)
    binary = "b" in mode
    # Same directory, so os.replace is a rename on one filesystem (atomic), never a copy.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _new_file_mode(path))  # mkstemp makes 0600 files; analysts' tools need normal rights
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def atomic_write_bytes(path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    with atomic_write(path, "wb") as fh:
        fh.write(data)


def atomic_write_text(path, text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` atomically, keeping its "\n" line endings as they are."""
    with atomic_write(path, "w", encoding=encoding) as fh:
        fh.write(text)


# ---------------------------------------------------------------- the output-folder rule
#
# The tool only ever replaces a folder it created itself or an empty one. A pack is marked by
# MARKER, a small manifest listing every file the tool wrote; a folder holding anything else is
# refused, before any work, with a sentence saying why and what to do. Staging and aside folders are
# siblings of the pack with short names (a long pack name still fits the file system's limit) and
# carry the same marker, so the next run can restore an interrupted swap and remove its own stale
# staging folders, and only those.

MARKER = ".analysis-pack.json"
MARKER_TOOL = "analysis indicator-gap pack"
STAGING_PREFIX = ".pk-new-"
ASIDE_PREFIX = ".pk-old-"
MAX_NAME_BYTES = 255  # NAME_MAX on Linux/macOS, 255 UTF-16 units on Windows
MAX_PATH_BYTES = 4000  # PATH_MAX is 4096; our staging names and pack files need the rest
MAX_MANIFEST_FILES = 100_000
class OutputRefused(UserError):
    """An output folder the tool must not write to; str() is the sentence for the analyst."""


def _refuse(out: Path, why: str, fix: str) -> OutputRefused:
    return OutputRefused(f"不能写入输出文件夹 {out}：{why}。没有删除或改动任何文件。建议：{fix}")


def read_marker(folder: Path) -> dict | None:
    """The manifest of a folder the tool made, or None when the folder is not ours."""
    path = Path(folder) / MARKER
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > 64 * 2**20:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("tool") == MARKER_TOOL else None


def write_marker(folder: Path, target: str, state: str, files: list[str] = (), pid: int | None = None) -> None:
    """Write the manifest; `pid` is the run that owns the folder (default: this process)."""
    owner = os.getpid() if pid is None else pid
    data = {"tool": MARKER_TOOL, "target": target, "state": state, "pid": owner, "files": list(files)}
    atomic_write_text(Path(folder) / MARKER, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def pack_files(folder) -> list[Path]:
    """Files in a pack, relative to it, without the manifest."""
    folder = Path(folder)
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and p.name != MARKER)


def _listing(folder: Path) -> list[str] | None:
    """Every entry under folder as posix paths (files only); None when there are too many to judge."""
    found = []
    for p in folder.rglob("*"):
        if p.is_symlink() or not p.is_dir():
            found.append(p.relative_to(folder).as_posix())
            if len(found) > MAX_MANIFEST_FILES:
                return None
    return found


def _foreign_files(folder: Path) -> list[str] | None:
    """Files in folder the tool did not write ([] when it holds only ours); None when not a pack at all."""
    entries = _listing(folder)
    if entries is None:
        return None
    marker = read_marker(folder)
    if marker is not None and marker.get("state") == "building":
        return []  # a staging folder the tool made empty: everything in it was written by a run
    if marker is not None:
        ours = set(marker.get("files") or ()) | {MARKER}
        return sorted(e for e in entries if e not in ours)
    # No marker: not ours, whatever the names (an analyst's own summary.md looks like a pack file).
    return None if entries else []


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out_dir(out, inputs=(), cwd=None) -> Path:
    """The absolute output folder, or OutputRefused saying why the tool may not replace it.

    Refused: a path too long for the staging names, a file, the working directory or a folder above
    it, a folder that is or holds an input file, and a non-empty folder the tool did not make (or that
    holds files besides the ones the tool wrote).
    """
    raw = Path(out)
    out = Path(os.path.abspath(raw))
    name_bytes = len(os.fsencode(out.name))
    if len(os.fsencode(str(out))) > MAX_PATH_BYTES or name_bytes > MAX_NAME_BYTES:
        raise _refuse(out, f"路径过长（{len(os.fsencode(str(out)))} 字节，文件夹名 {name_bytes} 字节）", "换一个较短的文件夹名或较浅的位置")
    if not out.name:
        raise _refuse(out, "这是磁盘或文件系统的根目录", "指定一个专门存放简报材料包的新文件夹，如 reports")
    try:
        real = out.resolve()
        is_file = out.exists() and not out.is_dir()
        here = Path(cwd or os.getcwd()).resolve()
    except OSError as exc:
        raise _refuse(out, f"无法访问该路径（{exc.strerror or exc}）", "检查路径是否正确、是否有权限") from None
    if is_file or (out.is_symlink() and not out.exists()):
        raise _refuse(out, "这是一个已有的文件，不是文件夹", "指定一个新的文件夹名，如 reports；不要用已有文件的名字")
    if _is_within(here, real):
        raise _refuse(out, "这是当前工作目录或它的上级目录，替换它会删除其中的全部文件", "指定一个专门存放简报材料包的新文件夹，如 reports")
    for path in inputs:
        try:
            source = Path(path).resolve()
        except OSError:
            continue
        if _is_within(source, real):
            raise _refuse(out, f"输入文件 {source.name} 就在这个位置，替换它会删除输入文件", "把简报材料包输出到另一个新文件夹，如 reports")
    if out.is_dir():
        foreign = _foreign_files(out)
        if foreign is None:
            raise _refuse(out, "这个文件夹里已有文件，且不是本工具生成的简报材料包", "指定一个新的或空的文件夹；或把其中的文件移走后重试")
        if foreign:
            shown = "、".join(foreign[:3]) + ("等" if len(foreign) > 3 else "")
            raise _refuse(out, f"这个简报材料包里有不是本工具写入的文件（{shown}），替换会删除它们", "把这些文件移到别处后重试，或换一个新的输出文件夹")
    _check_writable(out)
    return out


_WRITE_ERRORS = {errno.EROFS: "所在磁盘或文件夹是只读的", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限（或文件夹被设为不可修改）",
                 errno.ENOSPC: "磁盘空间已满", getattr(errno, "EDQUOT", -1): "磁盘配额已满"}


def _check_writable(out: Path) -> None:
    """Refuse, before any work, an output folder the swap could not write: the pack is built in a sibling
    folder (so its parent, or the nearest folder that exists above it, must take a new folder) and an
    existing pack is replaced (so it must be writable too). Probed by making and removing an empty folder."""
    places = [out] if out.is_dir() else []
    above = out.parent
    while not above.is_dir() and above != above.parent:
        above = above.parent
    places.append(above)
    for place in places:
        try:
            os.rmdir(tempfile.mkdtemp(prefix=".pk-probe-", dir=place))
        except OSError as exc:
            why = _WRITE_ERRORS.get(exc.errno, exc.strerror or type(exc).__name__)
            raise _refuse(out, f"无法在 {place} 中写入（{why}）", "换一个可写的输出文件夹（如本机磁盘上的 reports），或请管理员开放写入权限") from None


# ---------------------------------------------------------------- one run per output folder
#
# Two reports into one --out would delete each other's staging folders. A run holds an exclusive lock
# on a small file beside --out (.pk-lock-<hash of the name>) for as long as it writes; a second run
# is refused at once (write/outlock.py holds the locking itself).

_HELD: dict[str, list] = {}  # lock file → [descriptor, depth]: this process may take its own lock again


def _live_run_of(final: Path) -> int | None:
    """The pid of the run that owns `final` when it is a live run's staging folder (notebook 05 writing
    into the report's staging folder, whose run holds the lock on the real --out), else None."""
    if not final.name.startswith(STAGING_PREFIX):
        return None
    marker = read_marker(final)
    pid = marker.get("pid") if marker else None
    return pid if _pid_alive(pid) else None


@contextmanager
def out_dir_lock(out, inputs=(), cwd=None) -> Iterator[Path]:
    """Check the output folder (check_out_dir) and hold the lock on it for the block; yields the folder.
    OutputRefused at once when another run holds it."""
    final = check_out_dir(out, inputs, cwd)
    if _live_run_of(final) not in (None, os.getpid()):
        yield final
        return
    lock = lock_file(final)
    held = _HELD.get(str(lock))
    if held is None:
        held = _HELD[str(lock)] = [_take_lock(final, lock), 0]
    held[1] += 1
    try:
        yield final
    finally:
        held[1] -= 1
        if held[1] == 0:
            del _HELD[str(lock)]
            if os.name != "nt":  # removed while still held; the next run makes a new one (see _take_lock)
                with suppress(OSError):
                    os.unlink(lock)
            unlock(held[0])


def _take_lock(final: Path, lock: Path) -> int:
    """The open, locked lock file, or OutputRefused (another run holds it, or the folder is not writable)."""
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        return take_lock(lock)
    except LockBusy as busy:
        raise OutputRefused(
            f"不能写入输出文件夹 {final}：另一个报告{busy}正在写入这个文件夹。没有删除或改动任何文件。"
            "建议：等那个报告运行结束后再运行，或换一个输出文件夹"
        ) from None
    except OSError as exc:
        raise _refuse(final, f"无法在 {final.parent} 中写入（{exc.strerror or exc}）", "换一个可写的输出文件夹") from None


def _pid_alive(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no safe probe on Windows (os.kill would end the process): keep the folder
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _ours_nearby(final: Path) -> list[tuple[Path, dict]]:
    try:
        entries = list(final.parent.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.name.startswith((STAGING_PREFIX, ASIDE_PREFIX)) and entry.is_dir() and not entry.is_symlink():
            marker = read_marker(entry)
            if marker is not None:
                found.append((entry, marker))
    return found


def recover(final) -> list[str]:
    """Finish or undo a swap that was interrupted, and remove this tool's stale staging folders.

    With no `final` folder left, a complete new pack is moved in (the run had finished building
    it), else the previous pack put aside is restored. Staging folders whose process has ended and
    aside copies of a pack that is in place again are removed: only folders carrying our marker,
    next to `final`. Returns sentences saying what was done.
    """
    final = Path(os.path.abspath(final))
    done = []
    nearby = sorted(_ours_nearby(final), key=lambda item: item[0].stat().st_mtime, reverse=True)
    mine = [
        (p, m)
        for p, m in nearby
        if m.get("target") == final.name and m.get("state") == "complete"
        and not (p.name.startswith(STAGING_PREFIX) and m.get("pid") != os.getpid() and _pid_alive(m.get("pid")))
    ]
    if not final.exists() and mine:
        new = [p for p, _ in mine if p.name.startswith(STAGING_PREFIX)]
        old = [p for p, _ in mine if p.name.startswith(ASIDE_PREFIX)]
        chosen = (new or old)[0]
        os.replace(chosen, final)
        _fsync_dir(final.parent)
        done.append(f"上次运行在替换简报材料包时中断，已{'完成替换（新材料包）' if new else '恢复原有材料包'}：{final}")
    for path, marker in nearby:
        if not path.exists():
            continue
        stale_aside = path.name.startswith(ASIDE_PREFIX) and (
            marker.get("state") != "complete" or (marker.get("target") == final.name and final.exists())
        )
        stale_staging = path.name.startswith(STAGING_PREFIX) and not _pid_alive(marker.get("pid"))
        if stale_aside or stale_staging:
            shutil.rmtree(path, ignore_errors=True)
            done.append(f"已清理上次中断留下的临时文件夹：{path.name}")
    return done


def prepare_out_dir(out, inputs=(), cwd=None) -> Path:
    """check_out_dir, then recover: the one entry point both `report` and write_pack go through."""
    out = check_out_dir(out, inputs, cwd)
    for line in recover(out):
        print(line, file=sys.stderr)
    return check_out_dir(out, inputs, cwd)  # what recovery put back is judged like the rest


def _short_sibling(final: Path, prefix: str) -> Path:
    return final.parent / f"{prefix}{uuid.uuid4().hex[:10]}"


def _kill_hook(step: str) -> None:
    """Tests stop the process here (ANALYSIS_TEST_KILL_AT=<step>) to check recovery; no-op otherwise."""
    if os.environ.get("ANALYSIS_TEST_KILL_AT") == step:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def replace_dir(staging_dir, final_dir) -> None:
    """Swap a fully built `staging_dir` in as `final_dir`.

    The staging folder gets the manifest (state "complete", every file listed) first. The old
    `final_dir` is renamed aside (a short marked name) and restored if the swap fails; a kill between
    the two renames is repaired by the next run (recover). Both must be on one filesystem.
    """
    staging, final = Path(staging_dir), Path(os.path.abspath(final_dir))
    if not staging.is_dir():
        raise NotADirectoryError(f"staging directory {staging} does not exist")
    owner = (read_marker(staging) or {}).get("pid")  # the run's pid stays: never a kernel's, which ends first
    write_marker(staging, final.name, "complete", [f.as_posix() for f in pack_files(staging)], owner if isinstance(owner, int) else None)
    _fsync_dir(staging)
    if not final.exists():
        os.replace(staging, final)
        _fsync_dir(final.parent)
        return
    aside = _short_sibling(final, ASIDE_PREFIX)
    os.replace(final, aside)
    _fsync_dir(final.parent)
    _kill_hook("between-renames")
    try:
        os.replace(staging, final)
    except BaseException:
        os.replace(aside, final)  # put the previous report back before reporting the failure
        raise
    _fsync_dir(final.parent)
    shutil.rmtree(aside, ignore_errors=True)


@contextmanager
def staged_dir(final_dir, inputs=()) -> Iterator[Path]:
    """Yield an empty sibling directory to build a report in; swap it in only if the block succeeds.

    `final_dir` must pass the output-folder rule (prepare_out_dir) first. A failure inside the block
    deletes the half-built staging directory and leaves `final_dir` untouched.
    """
    with out_dir_lock(final_dir, inputs):
        final = prepare_out_dir(final_dir, inputs)
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = _short_sibling(final, STAGING_PREFIX)
        staging.mkdir(mode=0o777)
        try:
            # Inside a live run's staging folder (notebook 05), that run stays the owner.
            write_marker(staging, final.name, "building", pid=_live_run_of(final))
            yield staging
            replace_dir(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


# ---------------------------------------------------------------- byte-stable Office files

# Fixed document timestamps and zip entry times: saving the same content twice gives the same bytes.
FIXED_TIMESTAMP = datetime.datetime(2020, 1, 1, 0, 0, 0)
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


class _StableZip(ZipFile):
    """A ZipFile that stamps every entry with one fixed time, so an xlsx's bytes do not change per run."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            info = ZipInfo(zinfo_or_arcname, date_time=ZIP_TIMESTAMP)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16  # what ZipFile gives a plain name
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl streams each worksheet through a temp file; ZipFile.write would stamp its mtime.
        with open(filename, "rb") as src:
            self.writestr(arcname or Path(filename).name, src.read(), compress_type, compresslevel)


def save_workbook(wb, path) -> Path:
    """Save an openpyxl workbook atomically and byte-stably (fixed document and zip-entry times)."""
    from openpyxl.writer.excel import ExcelWriter

    path = Path(path)
    wb.properties.creator = wb.properties.creator or "indicator-gap"
    wb.properties.created = wb.properties.modified = FIXED_TIMESTAMP
    with atomic_write(path, "wb") as fh:
        # ExcelWriter directly: openpyxl's save() would stamp "modified" with the current time.
        ExcelWriter(wb, _StableZip(fh, "w", compression=ZIP_DEFLATED)).save()
    return path


def stable_zip(data: bytes) -> bytes:
    """The same zip (a .docx) with every entry stamped with one fixed time (python-docx stamps the clock)."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(data)) as src, ZipFile(out, "w", ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = ZipInfo(item.filename, date_time=ZIP_TIMESTAMP)
            info.compress_type = ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
