"""The gap table in a notebook: a pandas Styler with Chinese headers and numbers as in the exports."""

from __future__ import annotations

import pandas as pd

from analysis.assess.rows import clean_value, gap_frame, indicator_places, records
from analysis.metadata.fields import GAP_COLUMNS, GAP_HEADERS_ZH
from analysis.rules import textsafe
from analysis.write.display import PCT_COLUMNS, VALUE_COLUMNS, YEAR_COLUMNS, display


def styled_gap_table(table: pd.DataFrame, columns: list[str] | None = None):
    """The gap table for display in a notebook: Chinese headers, numbers as in the exports, a fixed uuid.

    The fixed uuid keeps the HTML identical between runs, so nbval can compare it.
    """
    shown = gap_frame(table)[columns or GAP_COLUMNS].copy()
    rows = records(table)
    per = indicator_places(rows)
    places = {i: per[r["indicator_id"]] for i, r in zip(shown.index, rows)}
    for column in shown.columns:
        if column in PCT_COLUMNS or column in VALUE_COLUMNS or column in YEAR_COLUMNS or shown[column].dtype == "boolean":
            shown[column] = [
                display(column, clean_value(v), places[i]) for i, v in zip(shown.index, shown[column])
            ]
    shown = shown.rename(columns=GAP_HEADERS_ZH).astype(object).fillna("").map(textsafe.clean)
    # Every text cell HTML-escaped: a name holding <script> or </td> stays text in the notebook and in
    # its nbconvert HTML.
    return shown.style.set_uuid("gap_table").hide(axis="index").format(escape="html")
