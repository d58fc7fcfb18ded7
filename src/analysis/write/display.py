"""How a gap-table cell is shown in a table (Markdown, the notebook, the Word draft): 71.4%, 2023, 2.50."""

from __future__ import annotations

import unicodedata

import pandas as pd

from analysis.metadata.fields import gap_columns
from analysis.rules.numbers import fmt, fmt_short_of, plain
from analysis.rules.textsafe import html_text

PCT_COLUMNS = gap_columns("percent")


YEAR_COLUMNS = gap_columns("year")


VALUE_COLUMNS = ("actual", "target", "baseline", "gap")


NO_VALUE_MD = "—"


def display(column: str, v, places: int) -> str:
    """A value as an analyst reads it: 71.4%, 2023, 2.50 (the row's precision)."""
    if v is None:
        return NO_VALUE_MD
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "是" if v else "否"
    if column in PCT_COLUMNS:  # a share under 100 % never shows as 100.0 % (an unmet target is not met)
        return fmt_short_of(v, 1, 100) + "%"
    if column in VALUE_COLUMNS:
        return fmt(v, places)
    return plain(v)


def text_width(s: str) -> int:
    """Display width: CJK (wide/full-width) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


class Shown:
    """What a notebook cell shows: sentences and tables in order, rendered as one block of HTML in Jupyter
    (plain text elsewhere). `frame` keeps the data behind them for whoever wants to look further."""

    def __init__(self, parts: list, frame: pd.DataFrame | None = None):
        self.parts = [p for p in parts if p is not None and not (isinstance(p, str) and not p.strip())]
        self.frame = frame

    def _repr_html_(self) -> str:
        return "\n".join(f"<p>{html_text(p)}</p>" if isinstance(p, str) else p._repr_html_() for p in self.parts)

    def __repr__(self) -> str:
        return "\n\n".join(p if isinstance(p, str) else p.data.to_string(index=False) for p in self.parts)
