"""Indicator-gap analysis: load plan indicator workbooks, assess progress against targets, chart and export.

Notebooks use this module as `import analysis as an`:

    frame = an.load_indicators(an.inputs(DATA))   # tidy frame, one row per indicator, region, year, kind
    table = an.assess(frame, as_of=AS_OF)         # gap table (schema.GAP_COLUMNS)
    an.charts.bullet(table.iloc[0])               # charts take ax= and return it
    an.write_pack(frame, table, OUT)              # tables, figures and summary sentences

Charts and exports are imported on first use, so `python -m analysis validate` does not load matplotlib.
"""

from importlib import import_module

from analysis.assess.gap import assess, check_claims
from analysis.config import BUNDLED_SOURCE, BUNDLED_WORKBOOK, DATA_PROCESSED, PROJECT_ROOT
from analysis.read.loader import load_indicators, load_supporting_figures, read_indicators
from analysis.read.validate import coverage, inputs, missing_values, validate
from analysis.rules.problems import InputError
from analysis.rules.problems import set_debug as debug
from analysis.words.validation import summary

# name → module that defines it, imported when first asked for
_LAZY = {
    "charts": ".charts",
        "topics": ".assess.topics",
    "params": ".pack.params",
    "check_parameters": ".pack.params",
    "load_and_assess": ".pack.params",
    "ParameterError": ".pack.params",
    "figure_index": ".pack.briefing",
    "briefing": ".pack.briefing",
    "status_pivot": ".assess.rows",
    "pack_dir": ".pack.briefing",
    "source_note": ".pack.briefing",
    "targeted": ".pack.briefing",
    "trend_keys": ".pack.briefing",
    "write_pack": ".pack.briefing",
    "sentence": ".words.indicator",
    "styled_gap_table": ".write.styler",
    "summary_markdown": ".write.markdown",
    "use_chinese_font": ".charts.fonts",
    "data_sentence": ".words.data",
    "missing_sentence": ".words.data",
    "overall_sentence": ".words.overview",
    "load_tasks": ".read.tasks",
    "ledger_for_pack": ".assess.ledger",
    "data_year": ".assess.ledger",
    "ledger_sentences": ".words.tasks",
    "ledger_table": ".write.tasks",
    "TASK_HEADERS_ZH": ".read.tasks",
    "schema": ".metadata.fields",
    "parse_as_of": ".rules.dates",
    "write_briefing_docx": ".write.docx",
}


# names above that are modules themselves (an.charts, an.export …), not attributes of them
_MODULES = {"charts", "topics", "params", "briefing", "schema"}


def __getattr__(name):
    if name not in _LAZY:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    module = import_module(_LAZY[name], __name__)
    value = module if name in _MODULES else getattr(module, name)
    globals()[name] = value
    return value


__all__ = [
    "BUNDLED_SOURCE",
    "BUNDLED_WORKBOOK",
    "DATA_PROCESSED",
    "PROJECT_ROOT",
    "InputError",
    "debug",
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
