"""What reading a file gives: a Workbook of SheetGrids (raw cell values), with unsafe text removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis.rules.problems import Problem, cell_name
from analysis.rules.textsafe import UNSAFE_CHARS, clean, has_unsafe


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


def _maybe_unsafe(rows: list[list]) -> bool:
    """Whether any text cell may hold a control or bidi character: one search over all the text (a
    line feed, the separator, is not such a character). Done here, in the reader's thread."""
    return UNSAFE_CHARS.search("\n".join([v for row in rows for v in row if type(v) is str])) is not None


MAX_UNSAFE_WARNINGS = 5
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
