"""What the loader returns (LoadResult) and what the caller asked for (_Options)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.rules.plans import Plan
from analysis.rules.problems import Problem


@dataclass
class LoadResult:
    """Everything read from the inputs: the tidy frame, every problem, and what was read from where."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)  # per sheet read: file, sheet, indicators, rows, plan, columns

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Options:
    """What the caller asked for, and where reading choices are recorded."""

    plan: Plan | None
    strict: bool
    problems: list

    def choice(self, severity: str, file: str, found: str, sheet: str = "", cell: str = "", fix: str = "") -> None:
        """A reading the loader chose (not an error in the input): an error in strict mode."""
        if self.strict:
            severity = "error"
            fix = (fix + "；" if fix else "") + "严格模式下，请把该单元格写成确切的数值或明确的列名"
        self.problems.append(Problem(severity, file, found, fix=fix, sheet=sheet, cell=cell))


@dataclass
class TableValues:
    """The value cells of one table being read, as the loader's passes share them: one row per value column (m),
    one column per indicator row (k). Every pass reads and changes these named fields, not parallel arrays."""

    values: list  # the value columns (headers.Column), in sheet order
    matrix: np.ndarray  # numbers (NaN: none)
    comparators: np.ndarray  # ">=", "<" … ("" none)
    highs: np.ndarray  # a range's upper end (NaN: none)
    types: np.ndarray  # target_type: level, annual_rate, cumulative, range, qualitative ("" not a target)
    texts: np.ndarray  # target_text as written
    years: np.ndarray  # each value's own year (the column's, unless the cell says another)
    notes: dict  # (m, k) → what was read beyond the number, for the row's note
    names: np.ndarray  # indicator names, per k
    cells: list  # per m: the cell references of that column ("C4" …), per k
    sheet: object  # the SheetGrid read
    file: str
    options: _Options

    @property
    def goals(self) -> list[int]:
        """The value columns that hold targets."""
        return [m for m, c in enumerate(self.values) if c.kind in ("target", "midterm_target")]
