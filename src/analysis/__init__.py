"""Indicator-gap analysis: load plan indicator workbooks, assess progress against targets, chart and export."""
