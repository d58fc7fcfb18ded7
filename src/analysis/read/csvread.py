"""CSV and text tables: the encoding, the delimiter, unpaired quotes and over-wide lines judged before the grid."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from analysis.read.grid import SheetGrid, Workbook, _strip_unsafe_text
from analysis.rules.problems import Problem


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


MAX_CSV_COLUMNS = 16_384  # Excel's own limit (column XFD)


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
