"""Project paths, in one place (cookiecutter-data-science style).

In a source checkout (the usual case: `pip install -e .`, `make lab`) the project root is the folder holding
pyproject.toml and notebooks/, found from this file, so notebooks and the command line agree wherever they
run from. In a plain (non-editable) install there is no such folder: the bundled workbook then comes from
the package's own data, and reports and processed data go under the current working directory.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]
IN_CHECKOUT = (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "notebooks").is_dir()

PROJECT_ROOT = _CHECKOUT if IN_CHECKOUT else Path.cwd()
DATA_RAW = PROJECT_ROOT / "data" / "raw"
DATA_PROCESSED = PROJECT_ROOT / "data" / "processed"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
# Relative: `python -m analysis report` writes reports/ in the folder it is run from.
REPORTS = Path("reports")

# The bundled workbook transcribed from the bureau's mid-term evaluation report. The package ships a copy
# (package data, kept byte-identical by tests/test_regions_units.py) for installs without the project folder.
_PACKAGED_WORKBOOK = _PACKAGE / "data" / "mid_term_indicators.xlsx"
BUNDLED_WORKBOOK = (DATA_RAW / "mid_term_indicators.xlsx") if IN_CHECKOUT else _PACKAGED_WORKBOOK

# Printed under every chart and in the exported tables' source sheet.
BUNDLED_SOURCE = "资料来源：市市场监督管理局“十四五”规划实施中期评估报告"
