"""Project paths, in one place (cookiecutter-data-science style).

The project root is found from this file, so notebooks and the command line agree wherever they run from.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_RAW = PROJECT_ROOT / "data" / "raw"
DATA_PROCESSED = PROJECT_ROOT / "data" / "processed"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
REPORTS = PROJECT_ROOT / "reports"

# The bundled workbook transcribed from the bureau's mid-term evaluation report.
BUNDLED_WORKBOOK = DATA_RAW / "mid_term_indicators.xlsx"

# Printed under every chart and in the exported tables' source sheet.
BUNDLED_SOURCE = "资料来源：市市场监督管理局“十四五”规划实施中期评估报告"
