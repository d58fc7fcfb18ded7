"""Opening an input file safely and reading its sheets as grids of raw cell values.

Values come from python-calamine (fast, never runs macros, never follows external links; cellread).
What calamine does not expose is read from the workbook's XML directly, with defusedxml or a byte-level
scan (scan): which cells are percentage-formatted, which formulas were saved without a value, which
rows and sheets are hidden. Each part is first checked for the one form the scans vouch for, and any
other form rewritten into it (xmlform, archive), so scans and reader read the same bytes. CSV: csvread.
Files are only ever opened for reading.
"""

from __future__ import annotations

import errno
import os
import zipfile
import zlib
from pathlib import Path

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from analysis.read.archive import (
    MAX_WORKBOOK_CELLS,
    UNSAFE_XML,
    Parts,
    Refused,
    duplicate_sheet,
    read_workbook_meta,
    refuse_archive,
)
from analysis.read.cellread import _read_alongside, _read_isolated
from analysis.read.csvread import _open_csv, _text_kind
from analysis.read.grid import SheetGrid, Workbook, _strip_unsafe_text
from analysis.read.scan import MAX_SHEET_CELLS, _CellRefs, _checked_extent, _plain_text, _sheet_extent, _sheet_features, _styled_numbers
from analysis.read.xmlform import form_problem
from analysis.rules.problems import Problem

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Extensions that name the other format than the content (magic bytes) has.
_OTHER_FORMAT = {ZIP_MAGIC: (".xls",), OLE_MAGIC[:4]: (".xlsx", ".xlsm")}
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
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
    refs = _cell_refs(parts, xml_parts)
    extents = {name: _checked_extent(data, refs[name]) for name, data in xml_parts.items()}
    oversized = {name: far for name, (area, far) in extents.items() if area > MAX_SHEET_CELLS}
    too_large = _workbook_too_large(xml_parts, extents, oversized)
    if too_large:
        return fail(*too_large)
    features, plain_text = {}, set()

    def scan_features():  # runs while the reader works: features per sheet, and the parts to read again
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
    _apply_features(path, workbook, parts, xml_parts, meta, features, problems)
    return workbook


def _cell_refs(parts: "Parts", xml_parts: dict) -> dict:
    """Where every cell is, from one array pass over each sheet's XML: the extent check must finish before
    the cell reader allocates the sheet; the other scans run while it reads. A sheet whose form could hide a
    cell from this pass is rewritten first (xmlform)."""
    refs = {}
    for name in list(xml_parts):
        why = form_problem(xml_parts[name])
        if why:
            parts.rewrite_sheet(name, why)
        refs[name] = _CellRefs.of(xml_parts[name])
    return refs


def _workbook_too_large(xml_parts: dict, extents: dict, oversized: dict) -> tuple | None:
    """The refusal (found, expected, fix) when the sheets not refused one by one are together too large."""
    total = sum(area for name, (area, _) in extents.items() if name not in oversized)
    if total <= MAX_WORKBOOK_CELLS:
        return None
    # The quick extents may overcount: the exact ones decide.
    exact = {name: _sheet_extent(xml_parts[name])[0] for name in extents if name not in oversized}
    if sum(exact.values()) <= MAX_WORKBOOK_CELLS:
        return None
    largest = sorted(exact, key=exact.get, reverse=True)[:3]
    return (
        f"工作簿的数据区域合计过大（{len(exact)} 个工作表共约 {sum(exact.values()):,} 个单元格，"
        f"最大的是{'、'.join(f'“{n}”' for n in largest)}），超过 {MAX_WORKBOOK_CELLS:,} 个单元格，未读取",
        "数据集中在各表左上方的区域，合计不超过上述单元格数",
        "在 Excel 中逐个工作表按 Ctrl+End 查看最远的单元格，删除多余的内容或无用的工作表后保存",
    )


def _apply_features(path: Path, workbook: Workbook, parts: "Parts", xml_parts: dict, meta, features: dict, problems: list) -> None:
    """What the scans found, onto the sheets read: hidden, percentage cells, formulas, errors, hidden rows."""
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


def _no_styles_problem(file: str, sheet: str) -> Problem:
    return Problem(
        "warning",
        file,
        "工作簿缺少样式部分（xl/styles.xml），无法判断哪些单元格“显示为百分比”：显示为 99% 的值会按 0.99 读取",
        "由 Excel/WPS 保存的完整 .xlsx（含单元格格式）",
        "核对该表中的百分比指标；在 Excel 中打开并另存为 .xlsx 后重新校验",
        sheet,
    )


def _is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return ENCRYPTED_MARK in handle.read(4 * 1024 * 1024)


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
