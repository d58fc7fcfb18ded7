"""Gap charts: every chart function takes ax= and returns it (transitional: the families still live in core)."""

from analysis.charts.core import *  # noqa: F401,F403
