"""What the loader returns (LoadResult) and what the caller asked for (_Options)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
