"""Dates as analysts write them: the as-of date of an evaluation, month ends, dates in Chinese sentences.

Ground floor: imports nothing from the package.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re


def parse_as_of(text) -> tuple[int | None, dt.date | None]:
    """`--as-of`: a year means its last day (2024 → 2024-12-31); a date is itself (2023-12-31).

    Returns (year, date); (None, None) when nothing was given. ValueError in Chinese otherwise.
    """
    if text is None or str(text).strip() == "":
        return None, None
    if isinstance(text, dt.datetime):
        return text.year, text.date()
    if isinstance(text, dt.date):
        return text.year, text
    s = str(text).strip()
    if re.fullmatch(r"\d{4}(年)?(底|末|年底|年末)?", s):
        year = int(s[:4])
        return year, dt.date(year, 12, 31)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        try:
            day = dt.date(*map(int, m.groups()))
        except ValueError:
            raise ValueError(f"评估截至日期“{s}”不是有效日期；应为年份（如 2024）或日期（如 2023-12-31）") from None
        return day.year, day
    raise ValueError(f"无法识别评估截至时间“{s}”；应为年份（如 2024，表示该年12月31日）或日期（如 2023-12-31）")


def as_of_date(as_of) -> dt.date:
    """The date overdue is judged at: the one given (year → its 31 December), else today."""
    _, day = parse_as_of(as_of)
    return day or dt.date.today()


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def zh_date(day) -> str:
    """2023年10月31日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
