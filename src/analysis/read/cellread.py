"""The cell reader (python-calamine): in a worker thread beside the XML scans, or in a child process for .xls."""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from contextlib import nullcontext
from pathlib import Path

from python_calamine import CalamineWorkbook

from analysis.read.grid import _maybe_unsafe


# .xls files are read in a child process: a damaged one can make the reader abort, not just raise.
XLS_READ_TIMEOUT = 120
XLS_READ_MEMORY = 4 * 1024**3

def _read_alongside(path: str, skip, meanwhile, search_text: bool = True) -> list[dict]:
    """read_sheets in a worker thread while `meanwhile()` runs here. The cell reader releases the GIL
    while it parses, so byte scans of the XML cost no wall time (measured: both run at full speed).
    The reader's exceptions, Rust panics included, are raised here as if it had run in this thread."""
    if meanwhile is None:
        return read_sheets(path, skip, search_text)
    outcome: dict = {}

    def work():
        try:
            outcome["sheets"] = read_sheets(path, skip, search_text)
        except BaseException as exc:  # noqa: BLE001 - carried to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="cell-reader", daemon=True)
    worker.start()
    try:
        meanwhile()
    finally:
        worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["sheets"]


# File names the reader would read in the format their content has (a .xls renamed .xlsx is read by content).
READER_SUFFIXES = {".xlsx", ".xlsm"}


def read_sheets(path, skip=frozenset(), search_text: bool = True, suffixes=READER_SUFFIXES) -> list[dict]:
    """Every worksheet's values, merged ranges and visibility, as SheetGrid fields (sheets in `skip` left out).
    `path`: a file name or an open binary file. `search_text=False` leaves the search for control
    characters to the caller (maybe_unsafe stays True)."""
    if isinstance(path, str) and Path(path).suffix.lower() in suffixes:
        book = CalamineWorkbook.from_path(path)
    else:  # the reader picks its format by the name; by the content only when given the bytes (a renamed file)
        with open(path, "rb") if isinstance(path, str) else nullcontext(path) as handle:
            try:
                book = CalamineWorkbook.from_filelike(handle)
            except Exception:  # "Cannot detect file format": an encrypted .xlsx, which only the name tells
                if not isinstance(path, str):
                    raise
                book = CalamineWorkbook.from_path(path)
    sheets = []
    for meta in book.sheets_metadata:
        if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet") or meta.name in skip:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        start = sheet.start or (0, 0)
        rows = sheet.to_python(skip_empty_area=True)
        sheets.append(
            dict(
                name=meta.name,
                rows=rows,
                maybe_unsafe=_maybe_unsafe(rows) if search_text else True,
                row0=start[0],
                col0=start[1],
                merged=[(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])],
                hidden=str(meta.visible) not in ("SheetVisibleEnum.Visible", "Visible"),
            )
        )
    book.close()
    return sheets


# Runs read_sheets in a child without the package's __init__ (which imports charts).
# Its memory is capped (where the OS allows) after the imports, at what they use plus XLS_READ_MEMORY.
_CHILD = """
import os, pickle, sys, types
package = types.ModuleType("analysis")
package.__path__ = [sys.argv[1]]
sys.modules["analysis"] = package
from analysis.read.cellread import read_sheets
try:
    import resource
    with open("/proc/self/statm") as statm:
        limit = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") + {memory}
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
except Exception:
    pass
try:
    result = ("ok", read_sheets(sys.argv[2], suffixes={{".xls"}}))
except BaseException as exc:
    result = ("error", type(exc).__name__, str(exc))
sys.stdout.buffer.write(pickle.dumps(result))
"""


def _read_isolated(path: Path) -> list[dict] | str:
    """read_sheets in a child process; a sentence instead of the sheets when the reader dies."""
    code = _CHILD.format(memory=XLS_READ_MEMORY)
    command = [sys.executable, "-c", code, str(Path(__file__).resolve().parents[1]), str(path)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=XLS_READ_TIMEOUT, check=False)
        result = pickle.loads(done.stdout) if done.returncode == 0 else None
    except subprocess.TimeoutExpired:
        return f"读取超时（超过 {XLS_READ_TIMEOUT} 秒），文件可能已损坏"
    except (pickle.UnpicklingError, EOFError):
        result = None
    if result is None:
        return "文件已损坏，读取程序异常终止（多为工作表尺寸或单元格记录损坏）"
    if result[0] == "error":
        raise _ReaderError(result[1], result[2])
    return result[1]


class _ReaderError(Exception):
    """An exception raised by the reader in the child process, carried over by name and message."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.reader_error = name
