"""Problems found in input workbooks, worded for the analyst who has to fix them.

Every problem names the file, the sheet and the cell where there is one, says what was found and
what was expected, and suggests a fix. Errors stop the analysis; warnings are shown and the analysis
goes on; notes only say what was done (a sheet skipped, an encoding detected).
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from analysis.rules.textsafe import terminal

SEVERITY_ZH = {"error": "错误", "warning": "警告", "note": "说明"}


@dataclass(frozen=True)
class Problem:
    severity: str  # "error", "warning" or "note"
    file: str
    found: str
    expected: str = ""
    fix: str = ""
    sheet: str = ""
    cell: str = ""

    @property
    def place(self) -> str:
        """file › sheet › cell, as far as known."""
        parts = [Path(self.file).name if self.file else ""]
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.cell:
            parts.append(f"单元格 {self.cell}")
        return " › ".join(p for p in parts if p)

    def __str__(self) -> str:
        text = f"[{SEVERITY_ZH[self.severity]}] {self.place}：{self.found}"
        if self.expected:
            text += f"；应为：{self.expected}"
        if self.fix:
            text += f"。建议：{self.fix}"
        # Cell text is quoted in `found`: printed as is, ESC or a line break could clear the screen or
        # fake a verdict. Controls are shown as \xNN, one problem stays on one line.
        return terminal(text, keep_newlines=False)


# The technical detail behind a UserError, one switch away: `an.debug(True)` in a notebook, this variable set
# to 1 for a kernel or a headless run, `--debug` on the command line.
DEBUG_ENV = "ANALYSIS_DEBUG"
_debug = {"on": False}


def set_debug(on: bool = True) -> None:
    """Show the Python traceback under the project's own errors (for whoever maintains the code)."""
    _debug["on"] = bool(on)


def debugging() -> bool:
    return _debug["on"] or os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


class UserError(Exception):
    """An error whose message is the Chinese sentence the analyst reads (bad input, a refused output folder,
    a bad parameter): shown as it is, never as a traceback or an internal error."""

    def _render_traceback_(self) -> list[str]:
        """What IPython (a Jupyter kernel) shows for this error: the sentence alone, or with debugging on the
        full traceback. IPython calls this instead of formatting the frames itself."""
        if debugging():
            return "".join(traceback.format_exception(type(self), self, self.__traceback__)).rstrip().splitlines()
        return str(self).splitlines() or [type(self).__name__]


class InputError(UserError):
    """Raised when input workbooks have errors; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(format_problems(errors) if errors else "输入数据有误")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class InternalError(RuntimeError):
    """A fault of the suite itself (not of the workbook) in a named step of validate or report.

    The message says so in Chinese and asks for the --debug output; `step` names what was being done.
    """

    def __init__(self, step: str, detail: str):
        self.step, self.detail = step, detail
        super().__init__(
            f"程序内部错误（不是工作簿的问题）：在“{step}”这一步出错：{detail}。"
            "请把这条信息和 --debug 的输出发给维护者。"
        )


class Step:
    """`with Step("读取工作簿"):` — an unexpected exception inside becomes an InternalError naming the step.

    The project's own errors (input problems, refused folders, bad parameters: anything with a Chinese
    sentence of its own) pass through unchanged.
    """

    def __init__(self, name: str):
        self.name = name

    def __enter__(self) -> "Step":
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or isinstance(exc, (UserError, InternalError)) or not isinstance(exc, Exception):
            return False
        raise InternalError(self.name, f"{exc}（{type(exc).__name__}）") from exc


def format_problems(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def cell_name(row0: int, col0: int) -> str:
    """0-based row and column to an Excel reference: (11, 1) → "B12"."""
    return f"{column_letter(col0)}{row0 + 1}"


def column_letter(col0: int) -> str:
    letters = ""
    n = col0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
