"""Indicator-gap analysis: load plan indicator workbooks, assess progress against targets, chart and export.

Notebooks use this module as `import analysis as an`:

    frame = an.load_indicators(an.inputs(DATA))   # tidy frame, one row per indicator, region, year, kind
    table = an.assess(frame, as_of=AS_OF)         # gap table (schema.GAP_COLUMNS)
    an.charts.bullet(table.iloc[0])               # charts take ax= and return it
    an.write_pack(frame, table, OUT)              # tables, figures and summary sentences

Charts and exports are imported on first use, so `python -m analysis validate` does not load matplotlib.
"""

from importlib import import_module

from .assess import assess, check_claims
from .config import BUNDLED_SOURCE, BUNDLED_WORKBOOK, DATA_PROCESSED, PROJECT_ROOT
from .loader import load_indicators, load_supporting_figures, read_indicators
from .problems import InputError
from .validate import coverage, inputs, missing_values, summary, validate

# name → module that defines it, imported when first asked for
_LAZY = {
    "charts": ".charts",
    "export": ".export",
    "topics": ".topics",
    "params": ".params",
    "check_parameters": ".params",
    "load_and_assess": ".params",
    "ParameterError": ".params",
    "figure_index": ".briefing",
    "briefing": ".briefing",
    "status_pivot": ".export",
    "pack_dir": ".briefing",
    "source_note": ".briefing",
    "targeted": ".briefing",
    "trend_keys": ".briefing",
    "write_pack": ".briefing",
    "sentence": ".export",
    "styled_gap_table": ".export",
    "summary_markdown": ".export",
    "use_chinese_font": ".fonts",
    "load_tasks": ".tasks",
    "tasks": ".tasks",
    "schema": ".schema",
    "parse_as_of": ".tasks",
    "write_briefing_docx": ".wordfile",
}


def __getattr__(name):
    if name not in _LAZY:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    module = import_module(_LAZY[name], __name__)
    value = module if module.__name__.endswith("." + name) else getattr(module, name)
    globals()[name] = value
    return value


__all__ = [
    "BUNDLED_SOURCE",
    "BUNDLED_WORKBOOK",
    "DATA_PROCESSED",
    "PROJECT_ROOT",
    "InputError",
    "assess",
    "check_claims",
    "coverage",
    "inputs",
    "load_indicators",
    "load_supporting_figures",
    "missing_values",
    "read_indicators",
    "summary",
    "validate",
    *_LAZY,
]
