"""An exclusive, non-blocking lock on a small file beside an output folder (fcntl.flock; msvcrt on Windows).

The holder removes the file while still holding it (POSIX); a process that opened the old file sees,
after locking, that it is no longer the file at that path and opens again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

LOCK_PREFIX = ".pk-lock-"


def lock_file(final: Path) -> Path:
    return final.parent / f"{LOCK_PREFIX}{hashlib.sha1(os.fsencode(final.name)).hexdigest()[:10]}"


def _try_lock(fd: int) -> None:
    """An exclusive lock on the open file, or OSError at once when another process holds it."""
    if os.name == "nt":
        import msvcrt  # deferred: Windows only

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl  # deferred: POSIX only

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def unlock(fd: int) -> None:
    try:
        if os.name == "nt":
            import msvcrt  # deferred: Windows only

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl  # deferred: POSIX only

            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f"（进程 {text}）" if text.isdigit() else ""


class LockBusy(Exception):
    """Another process holds the lock; str() names it, as "（进程 1234）" when its pid is known."""


def take_lock(lock: Path) -> int:
    """The open lock file, locked, with this process's pid in it; LockBusy at once when another process holds
    it, OSError when it cannot be made. A lock file removed by the run that held it between our open and
    our lock is not the lock any more: then open again (at most a few times)."""
    for _ in range(5):
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            _try_lock(fd)
        except OSError:
            who = _holder(fd)
            os.close(fd)
            raise LockBusy(who) from None
        try:
            same = os.name == "nt" or os.path.samestat(os.fstat(fd), os.stat(lock))
        except OSError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            return fd
        unlock(fd)
    raise LockBusy("")
