"""Safe file output: atomic writes, whole-directory swaps and CSV-injection-proof text.

A report that crashes halfway must never leave a half-written file or folder where the analysts
look for the last good one, and no cell we export may ever run as a spreadsheet formula.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

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


def replace_dir(staging_dir, final_dir) -> None:
    """Swap a fully built `staging_dir` in as `final_dir`.

    The old `final_dir` is renamed aside first and restored if the swap fails, so readers always
    find either the complete old directory or the complete new one. Both must be on one filesystem
    (build the staging directory next to the final one).
    """
    staging, final = Path(staging_dir), Path(final_dir)
    if not staging.is_dir():
        raise NotADirectoryError(f"staging directory {staging} does not exist")
    if not final.exists():
        os.replace(staging, final)
        _fsync_dir(final.parent)
        return
    aside = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
    os.replace(final, aside)
    try:
        os.replace(staging, final)
    except BaseException:
        os.replace(aside, final)  # put the previous report back before reporting the failure
        raise
    _fsync_dir(final.parent)
    shutil.rmtree(aside, ignore_errors=True)


@contextmanager
def staged_dir(final_dir) -> Iterator[Path]:
    """Yield an empty sibling directory to build a report in; swap it in only if the block succeeds.

    A failure inside the block deletes the half-built staging directory and leaves `final_dir` untouched.
    """
    final = Path(final_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
    os.chmod(staging, _umask_mode(0o777))  # mkdtemp makes 0700; the report folder is shared
    try:
        yield staging
        replace_dir(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
