"""Opening an input file safely and reading its sheets as grids of raw cell values.

Values come from python-calamine (fast, never runs macros, never follows external links). What
calamine does not expose is read from the workbook's XML directly, with defusedxml or a byte-level
scan: which cells are percentage-formatted, which formulas were saved without a value, which rows
and sheets are hidden. Files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import pickle
import re
import subprocess
import sys
import threading
import zipfile
import zlib
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from python_calamine import CalamineWorkbook

from analysis.read.archive import (
    MAX_WORKBOOK_CELLS,
    UNSAFE_XML,
    Parts,
    Refused,
    duplicate_sheet,
    read_workbook_meta,
    refuse_archive,
)
from analysis.read.xmlform import form_problem
from analysis.rules.problems import Problem, cell_name
from analysis.rules.textsafe import UNSAFE_CHARS, clean, has_unsafe

# The cell reader allocates the whole rectangle from the first to the last cell holding a value: one
# stray value in XFD1048576 asks for 17 billion cells and aborts the process. Refuse such sheets.
MAX_SHEET_CELLS = 10_000_000
# .xls files are read in a child process: a damaged one can make the reader abort, not just raise.
XLS_READ_TIMEOUT = 120
XLS_READ_MEMORY = 4 * 1024**3

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Extensions that name the other format than the content (magic bytes) has.
_OTHER_FORMAT = {ZIP_MAGIC: (".xls",), OLE_MAGIC[:4]: (".xlsx", ".xlsm")}
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
@dataclass
class SheetGrid:
    """One sheet's raw values. `rows[i][j]` is the cell at 0-based (row0 + i, col0 + j)."""

    name: str
    rows: list[list]
    row0: int = 0
    col0: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1), inclusive
    percent_cells: dict = field(default_factory=dict)  # {col: array of rows}, absolute 0-based
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)
    error_cells: dict = field(default_factory=dict)  # {(row, col): "#DIV/0!"}: cached formula errors (read as "")
    hidden_rows: frozenset = frozenset()  # absolute 0-based rows
    hidden: bool = False
    maybe_unsafe: bool = True  # False when a search of all its text found no control or bidi character

    def cell(self, i: int, j: int) -> str:
        """Excel reference of grid position (i, j)."""
        return cell_name(self.row0 + i, self.col0 + j)


@dataclass
class Workbook:
    path: Path
    sheets: list[SheetGrid]
    format: str  # "xlsx", "xls" or "csv"
    encoding: str = ""  # for CSV: the encoding that was detected


def open_workbook(path, problems: list[Problem]) -> Workbook | None:
    """Read every sheet of an input file; on failure add an error to `problems` and return None."""
    path = Path(path)
    file = str(path)

    def fail(found, expected="", fix=""):
        problems.append(Problem("error", file, found, expected, fix))
        return None

    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as exc:  # a name or path too long for the file system, a broken network drive
        if exc.errno == errno.ENAMETOOLONG:
            return fail(f"路径过长（{len(os.fsencode(str(path)))} 字节），操作系统无法打开", "较短的文件路径", "把文件移到较浅的文件夹或改用较短的文件名后重试")
        return fail(f"无法访问该路径（{exc.strerror or exc}）", "可访问的文件路径", "检查路径是否正确、网络盘是否已连接")
    if not exists:
        return fail("文件不存在", "一个存在的 Excel 文件路径", "检查路径和文件名是否拼写正确")
    if is_dir:
        return fail("这是一个文件夹，不是文件", "Excel 文件（.xlsx）", "请指定文件夹中的 .xlsx 文件")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except PermissionError:
        return fail("文件无法读取（被锁定或没有权限）", "可读取的文件", "关闭正在 Excel 中打开该文件的窗口，或检查文件权限后重试")
    except OSError as exc:
        return fail(f"文件无法读取（{exc.strerror}）", "可读取的文件", "检查文件是否仍在原位置")
    if path.stat().st_size == 0:
        return fail("文件是空的（0 字节）", "Excel 工作簿", "重新从来源处获取该文件")

    if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        workbook = _open_xlsx(path, problems, fail) if head.startswith(ZIP_MAGIC) else _open_xls(path, problems, fail)
        if workbook is not None and path.suffix.lower() in _OTHER_FORMAT.get(head[:4], ()):  # an encrypted .xlsx is OLE too
            content = "新版 .xlsx" if head.startswith(ZIP_MAGIC) else "旧版 .xls"
            problems.append(Problem("note", file, f"文件扩展名是 {path.suffix}，但内容是{content} 工作簿，已按内容读取",
                                    fix="可把扩展名改成与内容相符的格式"))
        return workbook
    if path.suffix.lower() in {".csv", ".txt"}:
        return _open_csv(path, problems, fail)
    kind = _text_kind(path)
    return fail(
        f"不是 Excel 文件（内容是{kind}，只是扩展名为 {path.suffix or '（无）'}）",
        "Excel 工作簿（.xlsx）",
        "在 Excel 中打开原始文件，另存为“Excel 工作簿(*.xlsx)”；如果是 CSV，请把扩展名改回 .csv",
    )


def _open_xls(path: Path, problems, fail) -> Workbook | None:
    if _is_encrypted(path):
        return fail(
            "工作簿设有打开密码（已加密）",
            "未加密的工作簿",
            "在 Excel 中用密码打开后，通过“文件 › 信息 › 保护工作簿 › 用密码进行加密”清除密码，另存为 .xlsx",
        )
    return _open_with_calamine(path, problems, fail, "xls")


def _open_xlsx(path: Path, problems, fail) -> Workbook | None:
    try:
        with zipfile.ZipFile(path) as archive:
            refusal = refuse_archive(archive)
            if refusal:
                return fail(*refusal)
            meta = read_workbook_meta(archive)
            parts = Parts.load(archive, meta.parts)
    except DefusedXmlException:
        return fail(*UNSAFE_XML)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        return fail("文件已损坏或不完整（无法解压）", "完整的 .xlsx 文件", "重新下载或让发送方重新导出该文件")
    except (SafeET.ParseError, KeyError, ValueError):
        return fail("工作簿结构损坏（内部 XML 无法解析）", "完整的 .xlsx 文件", "在 Excel 中打开并另存为新的 .xlsx")
    except Exception as exc:
        return fail(f"工作簿内容无法解析（{type(exc).__name__}）", "普通的 .xlsx 文件", "在 Excel 中打开并另存为新的 .xlsx")
    file = str(path)
    twin = duplicate_sheet(meta.names)
    if twin:
        problems.append(Problem("error", file, f"工作簿中有两个同名的工作表“{twin}”（名称不区分大小写），不同软件会读到不同的一张",
                                "每个工作表名称只出现一次", "在 Excel 中打开并另存为新的 .xlsx；或让发送方重新导出", twin))
        return None
    try:
        parts.make_canonical()  # before the reader: a part in another form is rewritten first
        for attempt in (1, 2):
            found: list[Problem] = []
            redo: dict = {}
            workbook = _read_xlsx(path, parts, meta, found, redo)
            if redo and attempt == 1:
                for sheet, reason in redo.items():
                    parts.rewrite_sheet(sheet, reason)
                continue
            break
    except Refused as refused:
        problems.append(refused.problem(file))
        return None
    problems.extend(parts.notes(file))
    problems.extend(found)
    return workbook


def _read_xlsx(path: Path, parts: "Parts", meta, problems: list, redo: dict) -> Workbook | None:
    """One reading of the parts: the size guards, then the reader with the scans alongside. A part the
    scans find the reader may take otherwise is put in `redo` (sheet → why), and this reading is void."""

    def fail(found, expected="", fix=""):
        problems.append(Problem("error", str(path), found, expected, fix))
        return None

    xml_parts, strings_parts = parts.sheets, [parts.strings] if parts.strings is not None else []
    # Where every cell is, from one array pass over each sheet's XML: the extent check below must
    # finish before the cell reader allocates the sheet; the other scans run while it reads. A sheet
    # whose form could hide a cell from this pass is rewritten first (xmlform).
    refs = {}
    for name in list(xml_parts):
        refs[name] = _CellRefs.of(xml_parts[name])
        why = form_problem(xml_parts[name], refs[name] is not None)
        if why:
            parts.rewrite_sheet(name, why)
            refs[name] = _CellRefs.of(xml_parts[name])
    extents = {name: _checked_extent(data, refs[name]) for name, data in xml_parts.items()}
    oversized = {name: far for name, (area, far) in extents.items() if area > MAX_SHEET_CELLS}
    total = sum(area for name, (area, _) in extents.items() if name not in oversized)
    if total > MAX_WORKBOOK_CELLS:
        exact = {name: _sheet_extent(xml_parts[name])[0] for name in extents if name not in oversized}
        if sum(exact.values()) > MAX_WORKBOOK_CELLS:
            largest = sorted(exact, key=exact.get, reverse=True)[:3]
            return fail(
                f"工作簿的数据区域合计过大（{len(exact)} 个工作表共约 {sum(exact.values()):,} 个单元格，"
                f"最大的是{'、'.join(f'“{n}”' for n in largest)}），超过 {MAX_WORKBOOK_CELLS:,} 个单元格，未读取",
                "数据集中在各表左上方的区域，合计不超过上述单元格数",
                "在 Excel 中逐个工作表按 Ctrl+End 查看最远的单元格，删除多余的内容或无用的工作表后保存",
            )
    features, plain_text = {}, set()

    def scan_features():
        strings_plain = all(_plain_text(part) for part in strings_parts)
        for name, data in xml_parts.items():
            if name not in oversized and data:
                features[name] = _sheet_features(data, refs[name], meta.percent_styles)
                why = parts.value_problem(name, features[name][2])
                if why:
                    redo[name] = why
                if strings_plain and _plain_text(data):
                    plain_text.add(name)

    workbook = _open_with_calamine(path, problems, fail, "xlsx", skip=set(oversized), meanwhile=scan_features,
                                   plain_text=plain_text, source=parts.source(path))
    if redo:
        return None
    if workbook is None:
        return None
    for name, far in oversized.items():
        problems.append(_oversized_problem(str(path), name, far))
    for sheet in workbook.sheets:
        data = xml_parts.get(sheet.name)
        sheet.hidden = sheet.name in meta.hidden
        if data and not meta.has_styles and _styled_numbers(data):
            problems.append(_no_styles_problem(str(path), sheet.name))
        if sheet.name in features:
            sheet.percent_cells, sheet.formulas_without_value, sheet.error_cells, sheet.hidden_rows = features[sheet.name]
            sheet.error_cells.update(parts.errors(sheet.name))
    if parts.has_macros:
        problems.append(Problem("note", str(path), MACRO_NOTE, fix="如果表中数值由宏计算，请先在 Excel 中运行宏并保存"))
    return workbook


MACRO_NOTE = "工作簿含有宏（VBA 代码），宏未运行，只读取了单元格中保存的值"


def _open_with_calamine(path: Path, problems, fail, fmt: str, skip=frozenset(), meanwhile=None, plain_text=None,
                        source=None) -> Workbook | None:
    """The cell values of every sheet; `meanwhile` runs in this thread while the reader works in another.

    `plain_text`: when given, the names of the sheets whose XML (and shared strings) a byte search found
    free of control and bidi characters, filled by `meanwhile`; the other sheets' text is searched after reading.
    """
    try:
        if fmt == "xls":
            raw = _read_isolated(path)
        else:
            raw = _read_alongside(str(path) if source is None else source, skip, meanwhile, plain_text is None)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # the reader's Rust panics derive from BaseException
        return _calamine_failure(getattr(exc, "reader_error", type(exc).__name__), str(exc), fmt, fail)
    if isinstance(raw, str):
        return fail(raw, "完整的 Excel 工作簿", "用 Excel 打开该文件并另存为 .xlsx；如打不开，请让发送方重新导出")
    sheets = [SheetGrid(**fields) for fields in raw]
    for sheet in sheets:
        if plain_text is not None and sheet.name in plain_text:
            sheet.maybe_unsafe = False
        _strip_unsafe_text(str(path), sheet, problems)
    if fmt == "xls":
        problems.append(
            Problem(
                "note",
                str(path),
                "旧版 .xls 格式：已读取单元格的值，但无法识别“显示为百分比”的格式",
                fix="百分比单元格请核对数值；建议在 Excel 中另存为 .xlsx",
            )
        )
    return Workbook(path, sheets, fmt)


def _maybe_unsafe(rows: list[list]) -> bool:
    """Whether any text cell may hold a control or bidi character: one search over all the text (a
    line feed, the separator, is not such a character). Done here, in the reader's thread."""
    return UNSAFE_CHARS.search("\n".join([v for row in rows for v in row if type(v) is str])) is not None


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


# Runs excel.py's read_sheets in a child without the package's __init__ (which imports charts).
# Its memory is capped (where the OS allows) after the imports, at what they use plus XLS_READ_MEMORY.
_CHILD = """
import os, pickle, sys, types
package = types.ModuleType("analysis")
package.__path__ = [sys.argv[1]]
sys.modules["analysis"] = package
from analysis.read.excel import read_sheets
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


# ---------------------------------------------------------------- linear scans of the sheet XML
#
# The XML is untrusted: every scan here is linear in its length. Tag starts are found with a fixed
# pattern, each tag's end with bytes.find, and the scan always moves past what it has looked at, so
# no text is examined twice (a backtracking pattern over `<c <c <c …` without a `>` takes hours).

_TAG_START = re.compile(rb"<(row|c)(?=[\s/>])")
_ATTR_R = re.compile(rb'(?:^|\s)r\s*=\s*"([^"]{0,20})"')
_ATTR_S = re.compile(rb'(?:^|\s)s\s*=\s*"(\d{1,9})"')
_ATTR_HIDDEN = re.compile(rb'(?:^|\s)hidden\s*=\s*"(?:1|true)"')
_REF = re.compile(rb"([A-Z]{1,3})(\d{1,7})")
_HAS_VALUE = re.compile(rb"<v>\s*[^<\s]|<is>|<v\s[^>]{0,200}>\s*[^<\s]")
MAX_TAG_BYTES = 64 * 1024  # a cell or row tag longer than this is damage, not data


@dataclass
class _CellTag:
    row: int  # 0-based
    col: int  # 0-based
    attrs: bytes
    content: bytes | None  # between <c …> and </c>; None for <c …/>


def _scan_tags(sheet_xml: bytes):
    """Yield ("row", row0, attrs) and ("c", _CellTag) in document order; cells without r= take the
    next column of their row (as Excel and the cell reader do), rows without r= the next row."""
    pos, row, col, end_all = 0, -1, -1, len(sheet_xml)
    find = sheet_xml.find
    while match := _TAG_START.search(sheet_xml, pos):
        start = match.end()
        end = find(b">", start, start + MAX_TAG_BYTES)
        if end < 0:
            pos = start
            continue
        attrs = sheet_xml[start:end]
        closed = attrs.endswith(b"/")
        pos = end + 1
        ref = _ATTR_R.search(attrs)
        if match.group(1) == b"row":
            row = int(ref.group(1)) - 1 if ref and ref.group(1).isdigit() else row + 1
            col = -1
            yield "row", row, attrs
            continue
        cell = _REF.fullmatch(ref.group(1)) if ref else None
        if cell:
            col, row = _column_index(cell.group(1)), int(cell.group(2)) - 1
        else:
            col += 1
        content = None
        if not closed:
            close = find(b"</c>", pos, min(end_all, pos + 4 * MAX_TAG_BYTES))
            if close >= 0:
                content = sheet_xml[pos:close]
                pos = close + 4
            else:
                content = b""
        yield "c", _CellTag(max(row, 0), col, attrs, content)


def _holds_value(cell: _CellTag) -> bool:
    return cell.content is not None and _HAS_VALUE.search(cell.content) is not None


def _sheet_extent(sheet_xml: bytes) -> tuple[int, list[str]]:
    """(cells in the rectangle spanned by the cells holding a value, the farthest of them)."""
    top = left = bottom = right = None
    far_row = far_col = None
    for kind, *item in _scan_tags(sheet_xml):
        if kind != "c" or not _holds_value(item[0]):
            continue
        cell = item[0]
        if top is None:
            top = bottom = cell.row
            left = right = cell.col
            far_row = far_col = cell
            continue
        top, left = min(top, cell.row), min(left, cell.col)
        if cell.row > bottom:
            bottom, far_row = cell.row, cell
        if cell.col > right:
            right, far_col = cell.col, cell
    if top is None:
        return 0, []
    far = [cell_name(far_row.row, far_row.col), cell_name(far_col.row, far_col.col)]
    return (bottom - top + 1) * (right - left + 1), list(dict.fromkeys(far))


def _quick_area(sheet_xml: bytes, refs: "_CellRefs | None | bool" = False) -> int | None:
    """The rectangle from A1 to the farthest cell reference, counted without a Python loop when every
    cell tag starts with its own r="…" (Excel, WPS, openpyxl, LibreOffice); None when some do not."""
    if refs is False:
        refs = _CellRefs.of(sheet_xml)
    if refs is None:
        return None
    if not len(refs):
        return 0
    return (refs.max_row() + 1) * (refs.max_col() + 1)


def _upper(codes: np.ndarray) -> np.ndarray:
    """Which uint8 bytes are A–Z, by arithmetic (the subtraction wraps below "A"; a table look-up costs 6× as much)."""
    return (codes - np.uint8(ord("A"))) < 26


def _digit(codes: np.ndarray) -> np.ndarray:
    """Which uint8 bytes are 0–9."""
    return (codes - np.uint8(ord("0"))) < 10


def _after_c(codes: np.ndarray) -> np.ndarray:
    """What may follow "<c" in a cell tag: white space (9–13, 32), "/" or ">"."""
    return ((codes - np.uint8(9)) < 5) | (codes == ord(" ")) | (codes == ord("/")) | (codes == ord(">"))
_WINDOW = 32  # bytes looked at from the start of each cell tag: `<c r="XFD1048576" s="123456789"`
_BLOCK = 4096  # cells per block when the windows are transposed
_SPAN = 1 << 19  # 16-bit words per span when "<c" is searched


class _CellRefs:
    """Every cell tag's reference (and the style that follows it) in a sheet's XML, found with array
    operations: no Python loop over cells, linear in the XML's length whatever it holds.

    Only for the usual form, where every cell tag starts with a well-formed `<c r="B5"` (Excel, WPS,
    openpyxl and LibreOffice all write so): `of()` returns None otherwise, and the tag-by-tag scan
    decides. Each cell's first _WINDOW bytes are copied once (one random access per cell, not one per look).
    """

    def __init__(self, window: np.ndarray, head: np.ndarray, letters: np.ndarray, quote: np.ndarray):
        self.window = window  # (cells, _WINDOW) bytes from each "<c"
        self.head = head  # its first 17 bytes transposed: head[j] is byte j of every cell (fast column access)
        self.letters = letters  # 1–3 letters of the column, at offsets 6 …
        self.quote = quote  # offset of the reference's closing quote; its digits end there

    def __len__(self) -> int:
        return len(self.window)

    @classmethod
    def of(cls, sheet_xml: bytes) -> "_CellRefs | None":
        a = np.frombuffer(sheet_xml, dtype=np.uint8)
        # "<c" at even and at odd offsets, read as 16-bit words (no copy of the XML); order does not matter here.
        even = np.frombuffer(sheet_xml, dtype="<u2", count=len(a) // 2)
        odd = np.frombuffer(sheet_xml, dtype="<u2", offset=1, count=(len(a) - 1) // 2) if len(a) > 2 else even[:0]
        lt_c = ord("<") | ord("c") << 8
        parts = []
        for i in range(0, len(even), _SPAN):  # in spans whose comparison stays in the cache
            parts.append(np.flatnonzero(even[i : i + _SPAN] == lt_c) * 2 + 2 * i)
            parts.append(np.flatnonzero(odd[i : i + _SPAN] == lt_c) * 2 + 2 * i + 1)
        tags = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        if len(tags) and tags.max() > len(a) - _WINDOW:  # a tag in the last bytes: damage, or a tiny part
            return None
        # Each tag's first bytes, copied as one 32-byte item per tag (a strided view of the XML, no copy).
        items = np.ndarray(shape=(max(len(a) - _WINDOW + 1, 0),), dtype=f"V{_WINDOW}", buffer=sheet_xml, strides=(1,))
        window = items[tags].view(np.uint8).reshape(len(tags), _WINDOW)
        c = np.empty((17, len(tags)), dtype=np.uint8)
        for i in range(0, len(tags), _BLOCK):  # transposed in blocks that stay in the cache (4× faster than at once)
            c[:, i : i + _BLOCK] = window[i : i + _BLOCK, :17].T
        cell = _after_c(c[2])  # "<c" followed by a space, "/" or ">": a cell tag (not <cols>, <cfRule>)
        if not cell.all():
            tags, window, c = tags[cell], window[cell], np.ascontiguousarray(c[:, cell])
        if not ((c[2] == ord(" ")) & (c[3] == ord("r")) & (c[4] == ord("=")) & (c[5] == ord('"'))).all():
            return None
        two = _upper(c[7])
        three = two & _upper(c[8])
        ok = _upper(c[6]) & ~(three & _upper(c[9]))
        letters = 1 + two.astype(np.int8) + three  # small integers (offsets < 32): 8× less to compare
        quote = np.zeros(len(tags), dtype=np.int8)  # the first quote at offsets 7–16 (≤ 7 digits)
        for j in range(16, 6, -1):
            quote[c[j] == ord('"')] = j
        first = 6 + letters
        ok &= quote > first  # at least one digit
        for j in range(7, 16):  # every byte between the letters and the quote is a digit
            ok &= _digit(c[j]) | (first > j) | (quote <= j)
        if not ok.all():
            return None
        return cls(window, c, letters, quote)

    def rows(self, which=slice(None)) -> np.ndarray:
        """0-based rows of the cells `which` (an index or mask into the cells)."""
        first, end = 6 + self.letters[which], self.quote[which]
        row = np.zeros(len(first), dtype=np.int64)
        for j in range(7, 16):
            row = np.where((j >= first) & (j < end), row * 10 + self.head[j, which] - ord("0"), row)
        return row - 1

    def cols(self, which=slice(None)) -> np.ndarray:
        """0-based columns of the cells `which`."""
        letters = self.letters[which]
        col = self.head[6, which].astype(np.int64) - 64
        col = np.where(letters >= 2, col * 26 + self.head[7, which] - 64, col)
        col = np.where(letters >= 3, col * 26 + self.head[8, which] - 64, col)
        return col - 1

    def max_row(self) -> int:
        """The largest 0-based row: the longest digit strings, then the largest digit by digit."""
        digits = self.quote - 6 - self.letters
        which = np.flatnonzero(digits == digits.max())
        for k in range(int(digits.max())):
            digit = np.zeros(len(which), dtype=np.uint8)
            for n in np.unique(self.letters[which]):  # rows of the transposed head, not scattered reads
                same = self.letters[which] == n
                digit[same] = self.head[6 + n + k, which[same]]
            which = which[digit == digit.max()]
        return int(self.rows(which[:1])[0])

    def max_col(self) -> int:
        """The largest 0-based column: the most letters, then the largest letter by letter."""
        which = np.flatnonzero(self.letters == self.letters.max())
        for k in range(int(self.letters.max())):
            letter = self.window[which, 6 + k]
            which = which[letter == letter.max()]
        return int(self.cols(which[:1])[0])

    def styled(self, style_ids) -> np.ndarray:
        """The cells (indexes) whose ` s="…"` directly follows the reference (the usual order) and names one of `style_ids`."""
        at = self.quote + 1  # ≤ 17; the longest ` s="123456789"` ends at offset 30
        cells = np.arange(len(self))
        for t, byte in enumerate(b' s="'):
            cells = cells[self.window[cells, at[cells] + t] == byte]
        hit = np.zeros(len(cells), dtype=bool)
        for style in style_ids:
            digits = b'%d"' % style
            if len(digits) > 10:
                continue
            match = np.ones(len(cells), dtype=bool)
            for t, byte in enumerate(digits):
                match &= self.window[cells, at[cells] + 4 + t] == byte
            hit |= match
        return cells[hit]


# What a text cell may hold that UNSAFE_CHARS matches, as it can be written in the XML: the characters
# themselves in UTF-8 (C0 controls, DEL, C1 controls U+0080–U+009F, U+061C, U+200E/F, U+202A–E, U+2066–9) …
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_UNSAFE_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
# … or as character references (&#27; &#x202E;), or as Excel's own escapes (_x001B_), which the reader decodes.
_UNSAFE_REF = re.compile(
    rb"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|12[7-9]|1[3-5]\d|1564|820[67]|823[4-8]|829[4-7])"
    rb"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]|61[cC]|200[eEfF]|202[a-eA-E]|206[6-9]));"
)
_EXCEL_ESCAPE = re.compile(rb"_[xX][0-9A-Fa-f]{4}_")
_XML_DECLARATION = re.compile(rb"<\?xml[^>]{0,200}\?>")
_UTF8_DECLARED = re.compile(rb"""encoding\s*=\s*["']utf-?8["']""", re.I)


def _plain_text(part: bytes) -> bool:
    """True when no text read from this XML part can hold a control or bidi character: the search of
    the cell values after reading is then skipped. Only a verdict of "certainly none"; anything unusual
    (another declared encoding, a UTF-16 part, an escape that decodes to such a character) says False."""
    declared = _XML_DECLARATION.match(part, 3 if part.startswith(b"\xef\xbb\xbf") else 0)
    if declared and b"encoding" in declared.group(0) and not _UTF8_DECLARED.search(declared.group(0)):
        return False
    if _UNSAFE_BYTES.search(part.translate(None, _PLAIN_ASCII)):  # what is left: non-ASCII and control bytes
        return False
    if b"&#" in part and _UNSAFE_REF.search(part):
        return False
    return b"_" not in part or _EXCEL_ESCAPE.search(part) is None  # one byte is found much faster than a pattern


def _far_cells(sheet_xml: bytes) -> list[str]:
    """The cells holding a value that stretch a sheet past MAX_SHEET_CELLS, or [] when it is fine.

    The sheet's own <dimension> is not trusted (a damaged or hostile file states A1:E6 and holds a
    value in XFD1048576): the cell references are counted. Usual files are settled by one vectorised
    pass; only a sheet that looks too large, or whose cells lack r="…", is scanned cell by cell.
    """
    area, far = _checked_extent(sheet_xml)
    return far if area > MAX_SHEET_CELLS else []


def _checked_extent(sheet_xml: bytes, refs: "_CellRefs | None | bool" = False) -> tuple[int, list[str]]:
    quick = _quick_area(sheet_xml, refs)
    if quick is not None and quick <= MAX_SHEET_CELLS:
        return quick, []
    return _sheet_extent(sheet_xml)


def _oversized_problem(file: str, sheet: str, far: list[str]) -> Problem:
    return Problem(
        "error",
        file,
        f"工作表的数据区域过大：最远的内容在单元格 {'、'.join(far)}，区域超过 {MAX_SHEET_CELLS:,} 个单元格，未读取该工作表",
        "数据集中在表格左上方的区域",
        "在 Excel 中按 Ctrl+End 跳到最远的单元格，删除多余的内容或整行整列后保存",
        sheet,
        far[0],
    )


def _calamine_failure(name: str, message: str, fmt: str, fail):
    """The reader's exception as a sentence (the reader's own words are kept in brackets)."""
    if name == "PasswordError":
        return fail("工作簿设有打开密码（已加密）", "未加密的工作簿", "在 Excel 中清除打开密码后另存为 .xlsx")
    detail = message.splitlines()[0][:120] if message.strip() else name
    if fmt == "xls" and "Workbook stream" in detail:
        return fail(
            "这是旧版 Office 文件，但里面没有 Excel 工作簿（可能是 Word/PowerPoint 文件改了扩展名）",
            "Excel 工作簿（.xls 或 .xlsx）",
            "确认发来的是 Excel 文件；如是 Word 文档中的表格，请复制到 Excel 后另存为 .xlsx",
        )
    fix = "用 Excel 打开该文件并另存为 .xlsx" if fmt == "xls" else "在 Excel 中打开并另存为新的 .xlsx；如打不开，请让发送方重新导出"
    return fail(f"无法读取工作簿内容（{detail}）", "完整的 Excel 工作簿", fix)


def _styled_numbers(sheet_xml: bytes) -> bool:
    """Whether cells refer to a cell style (s="1" or higher) that the workbook does not define."""
    return re.search(rb'<c\s[^>]{0,200}?\bs="[1-9]', sheet_xml) is not None


def _no_styles_problem(file: str, sheet: str) -> Problem:
    return Problem(
        "warning",
        file,
        "工作簿缺少样式部分（xl/styles.xml），无法判断哪些单元格“显示为百分比”：显示为 99% 的值会按 0.99 读取",
        "由 Excel/WPS 保存的完整 .xlsx（含单元格格式）",
        "核对该表中的百分比指标；在 Excel 中打开并另存为 .xlsx 后重新校验",
        sheet,
    )


def _sheet_features(sheet_xml: bytes, refs: "_CellRefs | None", percent_styles: set[int]) -> tuple:
    """What calamine does not tell: percentage cells, formulas without a value, cached errors, hidden rows.
    Each scan is skipped when the bytes it looks for are absent (the usual case for the last three)."""
    return (
        _percent_cells(sheet_xml, percent_styles, refs),
        _formulas_without_value(sheet_xml),
        _error_cells(sheet_xml),
        _hidden_rows(sheet_xml),
    )


def _percent_cells(sheet_xml: bytes, style_ids: set[int], refs: "_CellRefs | None | bool" = False) -> dict:
    """Cells whose style shows a percentage, as {column: array of rows} (0-based).

    Excel, LibreOffice and openpyxl all write `<c r="B5" s="3" …>`; a fast array scan relies on that
    order and is checked against a count of the style attributes, falling back to an order-free scan.
    """
    if not style_ids:
        return {}
    if refs is False:
        refs = _CellRefs.of(sheet_xml)
    expected = sum(sheet_xml.count(b' s="%d"' % i) for i in style_ids)
    if refs is not None:
        hits = refs.styled(sorted(style_ids))
        if len(hits) == expected:
            if not len(hits):
                return {}
            rows, cols = refs.rows(hits), refs.cols(hits)
            return {int(col): rows[cols == col] for col in np.unique(cols)}
    # Another attribute order, or styled rows: scan every cell tag.
    wanted = {str(i).encode() for i in style_ids}
    found: dict = {}
    for kind, *item in _scan_tags(sheet_xml):
        style = _ATTR_S.search(item[0].attrs) if kind == "c" else None
        if style and style.group(1) in wanted:
            found.setdefault(item[0].col, []).append(item[0].row)
    return {col: np.array(rows, dtype=np.int64) for col, rows in found.items()}


def _has_pair(sheet_xml: bytes, pair: bytes) -> bool:
    """Whether two bytes occur together, by comparing 16-bit words at even and at odd offsets: 3× faster
    than `pair in sheet_xml` when the first byte is as common as "<". A quick test before a longer search."""
    if len(sheet_xml) < 4096:
        return pair in sheet_xml
    word = int.from_bytes(pair, "little")
    even = np.frombuffer(sheet_xml, dtype="<u2", count=len(sheet_xml) // 2)
    odd = np.frombuffer(sheet_xml, dtype="<u2", offset=1, count=(len(sheet_xml) - 1) // 2)
    return bool((even == word).any() or (odd == word).any())


def _formulas_without_value(sheet_xml: bytes) -> list[tuple[int, int]]:
    """Cells holding a formula saved without its result (0-based row, column), by a linear scan."""
    if not _has_pair(sheet_xml, b"<f"):
        return []
    return [
        (cell.row, cell.col)
        for kind, *item in _scan_tags(sheet_xml)
        if kind == "c" and (cell := item[0]).content and b"<f" in cell.content and not _HAS_VALUE.search(cell.content)
    ]


# A cell holding a cached error: <c r="E5" t="e"> … <v>#DIV/0!</v>. Linear: a tag, then a bounded look for its value.
_CELL_TAG = re.compile(rb"<c\s([^<>]{0,400})>")
_ERROR_VALUE = re.compile(rb"<v>\s*(#[A-Z0-9/!?_]{1,16})\s*</v>")


def _error_cells(sheet_xml: bytes) -> dict:
    """Cells whose saved value is an Excel error (#DIV/0!, #N/A): calamine reads them as empty. Owned by reading."""
    if not _has_pair(sheet_xml, b'"e') or b't="e"' not in sheet_xml:
        return {}
    found = {}
    for match in _CELL_TAG.finditer(sheet_xml):
        attrs = match.group(1)
        if b't="e"' not in attrs:
            continue
        r = _ATTR_R.search(attrs)
        ref = _REF.fullmatch(r.group(1)) if r else None
        value = _ERROR_VALUE.search(sheet_xml, match.end(), match.end() + 400)
        if ref:
            found[(int(ref.group(2)) - 1, _column_index(ref.group(1)))] = value.group(1).decode() if value else "#错误"
    return found


def _hidden_rows(sheet_xml: bytes) -> frozenset:
    if not _has_pair(sheet_xml, b"dd") or b"hidden" not in sheet_xml:
        return frozenset()
    return frozenset(item[0] for kind, *item in _scan_tags(sheet_xml) if kind == "row" and _ATTR_HIDDEN.search(item[1]))


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def _is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return ENCRYPTED_MARK in handle.read(4 * 1024 * 1024)


def _text_kind(path: Path) -> str:
    """What a file that is neither a zip nor a compound file holds, in the analyst's words."""
    with open(path, "rb") as handle:
        sample = handle.read(4096)
    if sample.startswith(UTF16_BOMS):
        return "Unicode（UTF-16）文本"
    lowered = sample.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in lowered:
        return "网页（HTML）表格，常见于业务系统导出的“假 .xls”"
    # The sample may end inside a multi-byte character.
    if b"\x00" not in sample and any(_decode(sample[: len(sample) - cut])[1] for cut in range(4)):
        return "CSV 或文本文件"
    return "未知格式的文件"



UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: a BOM decides (UTF-8, UTF-16); else UTF-8, then GB18030 (superset of GBK)."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data.decode("utf-8-sig"), "UTF-8（带BOM）"
        if data.startswith(UTF16_BOMS):
            return data.decode("utf-16"), "UTF-16"
    except UnicodeDecodeError:
        return "", ""
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    big5 = _big5_text(data)
    if big5:
        return big5, "Big5（繁体中文）"
    try:
        return data.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError:
        return "", ""


# Words every indicator table has, in traditional characters, and their simplified forms.
_TRADITIONAL = ("指標", "單位", "規劃", "實際", "名稱", "目標")
_SIMPLIFIED = ("指标", "单位", "规划", "实际", "名称", "目标")


def _big5_text(data: bytes) -> str:
    """The text when the bytes read as Big5 show traditional table words and as GBK show none."""
    try:
        text = data.decode("big5")
    except UnicodeDecodeError:
        return ""
    try:
        gbk = data.decode("gb18030")
    except UnicodeDecodeError:
        gbk = ""
    if any(w in text for w in _TRADITIONAL) and not any(w in gbk for w in _SIMPLIFIED):
        return text
    return ""


def _open_csv(path: Path, problems, fail) -> Workbook | None:
    text, encoding = _decode(path.read_bytes())
    if not encoding:
        return fail("CSV 文件的编码无法识别", "UTF-8 或 GB18030/GBK 编码的 CSV", "在 Excel 中另存为“CSV UTF-8(逗号分隔)”")
    if "\x00" in text:
        return fail(
            "CSV 文件中含有空字符（可能是没有 BOM 的 UTF-16 文本，或文件已损坏）",
            "UTF-8 或 GB18030/GBK 编码的文本表格",
            "在 Excel 中打开后另存为“CSV UTF-8(逗号分隔)”或 .xlsx",
        )
    open_quote = _unpaired_quote_line(text)
    if open_quote:
        return fail(
            f"CSV 文件第 {open_quote} 行有一个没有配对的引号（\"），其后直到文件末尾的内容都会被读进同一个单元格",
            "引号成对出现（单元格内容以 \" 开头时，必须以 \" 结尾）",
            f"用记事本打开文件，在第 {open_quote} 行补上或删去引号后保存；或在 Excel 中另存为 .xlsx",
        )
    delimiter = _delimiter(text)
    if delimiter == ";":
        problems.append(Problem("note", str(path), "CSV 文件以分号（;）分隔（常见于欧洲区域设置的 Excel 导出），已按分号读取"))
    if "\r" in text and "\n" not in text:
        problems.append(Problem("note", str(path), "CSV 文件的换行符是旧式的单独回车（CR，旧版 Mac 格式），已照常读取"))
    try:
        # newline="": the csv module itself reads \r\n, \n and a lone \r as line ends.
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = []
        for row in reader:  # each row judged before the grid is padded to the widest
            if len(row) > MAX_CSV_COLUMNS:
                return fail(
                    f"CSV 文件第 {reader.line_num} 行有 {len(row):,} 列，超过 Excel 的上限 {MAX_CSV_COLUMNS:,} 列，未读取",
                    f"每行不超过 {MAX_CSV_COLUMNS:,} 列的表格",
                    f"用记事本打开文件，检查第 {reader.line_num} 行（多为误加的大量逗号），删去后保存",
                )
            rows.append(row)
    except csv.Error as exc:
        too_long = "field limit" in str(exc)
        detail = f"有单元格超过 {csv.field_size_limit()} 个字符" if too_long else str(exc)
        return fail(f"CSV 文件格式错误（{detail}）", "逗号或制表符分隔的文本表格", "在 Excel 中打开后另存为“CSV UTF-8(逗号分隔)”或 .xlsx")
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    problems.append(Problem("note", str(path), f"CSV 文件，编码识别为 {encoding}"))
    sheet = SheetGrid(name=path.stem, rows=rows)
    _strip_unsafe_text(str(path), sheet, problems)
    return Workbook(path, [sheet], "csv", encoding)


MAX_UNSAFE_WARNINGS = 5
MAX_CSV_COLUMNS = 16_384  # Excel's own limit (column XFD)


def _strip_unsafe_text(file: str, sheet: SheetGrid, problems: list[Problem]) -> None:
    """Remove control and bidi-override characters from text cells, with a warning naming each cell.

    Such characters are invisible in Excel but act on whoever reads our output: ESC clears a terminal,
    U+202E shows text reversed in Markdown, CSV and Word. They never belong in an indicator table.
    """
    if not (sheet.maybe_unsafe and _maybe_unsafe(sheet.rows)):  # usually nothing to strip
        return
    found = []
    for i, row in enumerate(sheet.rows):
        for j, value in enumerate(row):
            if type(value) is str and has_unsafe(value):
                row[j] = clean(value)
                found.append(sheet.cell(i, j))
    if not found:
        return
    for ref in found[:MAX_UNSAFE_WARNINGS]:
        problems.append(
            Problem(
                "warning",
                file,
                "单元格文字中含有不可见的控制字符或文字方向控制符（如 ESC、U+202E），已删除后再读取",
                "普通文字",
                "在 Excel 中重新输入该单元格的文字（不要从网页或聊天记录中复制）",
                sheet.name,
                ref,
            )
        )
    if len(found) > MAX_UNSAFE_WARNINGS:
        problems.append(Problem("warning", file, f"另有 {len(found) - MAX_UNSAFE_WARNINGS} 个单元格含有控制字符，已同样处理", sheet=sheet.name))


def _delimiter(text: str) -> str:
    """Tab for Excel's "Unicode text" export (tabs, no commas on the first line), semicolon for a
    European-locale export (semicolons only), else comma."""
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    if "\t" in first and "," not in first:
        return "\t"
    return ";" if ";" in first and "," not in first and "\t" not in first else ","


def _unpaired_quote_line(text: str) -> int:
    """1-based line where a quote opens that is never closed, or 0 when quotes pair up."""
    opened, inside = 0, False
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        if line.count('"') % 2:
            inside = not inside
            opened = number if inside else 0
    return opened if inside else 0
