"""Indicator-gap analysis: load plan indicator workbooks, assess progress against targets, chart and export.

What an analyst types in a notebook cell, as `import analysis as an` (the rest lives in its subpackage:
analysis.read, analysis.assess, analysis.charts, analysis.words, analysis.write, analysis.pack, analysis.collect):

    frame, table = an.load(DATA, AS_OF, METHOD, PLAN, REGION)   # parameters checked, read, assessed
    an.gap_table(table, targeted=True)                           # the gap table, as a notebook shows it
    an.show_figures(frame, table, DATA, SOURCE)                  # the charts, as the pack saves them
    an.write_pack(frame, table, OUT)                             # tables, figures, summary.md, the Word draft
"""

from analysis.assess.gap import assess
from analysis.collect.notebook import collection_round
from analysis.pack.notebook import (
    claims,
    compare_regions,
    coverage,
    gap_table,
    ledger,
    load,
    missing,
    sentences,
    show_figures,
    status_counts,
    topic,
    validate,
    write_pack,
)
from analysis.read.loader import load_indicators
from analysis.words.validation import summary
from analysis.rules.problems import set_debug as debug
from analysis.words.overview import overall_sentence
from analysis.write.styler import styled

__all__ = [
    "load",  # (frame, table) from DATA, AS_OF, METHOD, PLAN, REGION
    "load_indicators",  # the tidy frame of some workbooks, nothing assessed
    "assess",  # the gap table of a tidy frame
    "validate",  # the workbooks read and checked: problems, readings, .frame
    "summary",  # validate's result in a few Chinese lines
    "coverage",  # indicators per region and area, with a sentence
    "missing",  # empty cells by area and kind, with a sentence
    "gap_table",  # the gap table for a notebook
    "status_counts",  # indicators per status, by area (and region)
    "claims",  # the report's claims beside the data
    "overall_sentence",  # 总体情况 in one paragraph
    "show_figures",  # the charts of notebook 03
    "topic",  # a per-10,000 gap in people (notebook 04)
    "compare_regions",  # the ranking and small multiples of one indicator
    "ledger",  # the key-task ledger
    "write_pack",  # the briefing pack
    "sentences",  # the briefing sentences as Markdown
    "collection_round",  # notebook 06: returns checked and merged
    "styled",  # any other table, styled as the notebooks' tables
    "debug",  # show tracebacks under the project's errors
]
