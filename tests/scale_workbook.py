"""A province- or nation-scale workbook for tests and benchmarks: `regions` counties × the first `indicators` of
regions_workbook.INDICATORS, 2020–2024 values and a 2025 target, in government layout (title row, 地区 column).

Region k (of n) shifts each indicator's level by a spread of ±2 yearly steps and its pace by ±40 %, so the statuses
range from 已达到目标 to 滞后; the names are 第0001县 … so a test can compute any region's values by hand:
value(k, year j) = start + (2k/(n−1) − 1)·2·|step| + step·j·(1 + 0.4·(2k/(n−1) − 1)), kept within 0…99.9 for %.
"""

from __future__ import annotations

from openpyxl import Workbook

from regions_workbook import INDICATORS, YEARS


def region_name(k: int) -> str:
    return f"第{k + 1:04d}县"


def value(k: int, n: int, indicator: int, j: int) -> float:
    """Region k's value of an indicator in year YEARS[j] (before the workbook's two-decimal rounding)."""
    _, _, unit, start, step, _ = INDICATORS[indicator]
    spread = 2 * k / max(n - 1, 1) - 1  # −1 for the first region, +1 for the last
    v = start + spread * 2 * abs(step) + step * j * (1 + 0.4 * spread)
    return min(max(v, 0.0), 99.9) if unit == "%" else max(v, 0.0)


def scale_workbook(path, regions: int, indicators: int = 3):
    """Write the workbook (write-only openpyxl: quick even for 2,800 regions) and return its path."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("各县指标")
    ws.append(["某省各县（市、区）“十四五”规划指标监测表"])
    ws.append(["地区", "领域", "指标名称", "单位", "属性"] + [f"{y}年" for y in YEARS] + ["2025年目标"])
    for k in range(regions):
        for i, (area, name, unit, _, _, target) in enumerate(INDICATORS[:indicators]):
            values = [float(f"{value(k, regions, i, j):.2f}") for j in range(len(YEARS))]
            ws.append([region_name(k), area, name, unit, "预期性", *values, target])
    wb.save(path)
    return path
