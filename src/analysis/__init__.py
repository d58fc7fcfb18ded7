"""Indicator-gap analysis: load plan indicator workbooks, assess progress against targets, chart and export.

Notebooks use this module as `import analysis as an`:

    frame = an.load_indicators(an.inputs(DATA))   # tidy frame, one row per indicator, region, year, kind
    table = an.assess(frame, as_of=AS_OF)         # gap table (schema.GAP_COLUMNS)
    an.charts.bullet(table.iloc[0])               # charts take ax= and return it
    an.write_pack(frame, table, OUT)              # tables, figures and summary sentences
"""

from . import charts, export, topics
from .assess import assess, check_claims
from .briefing import pack_dir, source_note, targeted, trend_keys, write_pack
from .config import BUNDLED_SOURCE, BUNDLED_WORKBOOK, DATA_PROCESSED, PROJECT_ROOT
from .export import sentence, styled_gap_table, summary_markdown
from .fonts import use_chinese_font
from .loader import load_indicators, load_supporting_figures, read_indicators
from .problems import InputError
from .validate import coverage, inputs, missing_values, summary, validate

__all__ = [
    "BUNDLED_SOURCE",
    "BUNDLED_WORKBOOK",
    "DATA_PROCESSED",
    "PROJECT_ROOT",
    "InputError",
    "assess",
    "charts",
    "check_claims",
    "coverage",
    "export",
    "inputs",
    "load_indicators",
    "load_supporting_figures",
    "missing_values",
    "pack_dir",
    "read_indicators",
    "sentence",
    "source_note",
    "styled_gap_table",
    "summary",
    "summary_markdown",
    "targeted",
    "topics",
    "trend_keys",
    "use_chinese_font",
    "validate",
    "write_pack",
]
