"""The only number formatter: how every chart label, table cell, sentence and notebook prints a number.

Ground floor: imports nothing from the package. Rules (docs/methodology.md, "Numbers"):
- round half up, as Chinese statistics do (2.675 → 2.68, 0.125 → 0.13), on the decimal digits the value was
  written with (float noise beyond 12 significant digits is dropped first, so 2.675 is 2.675, not 2.67499…);
- a value keeps its own decimals unless told otherwise (2.5 → "2.5", 9.75 → "9.75", 80.0 → "80");
- never "-0"; NaN / None / NA print as "—";
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

MAX_DECIMALS = 6
NO_VALUE = "—"
MINUS = "\u2212"  # the typographic minus charts use


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def to_decimal(value) -> Decimal:
    """A number as Decimal with float noise (…00000001) cut off at 12 significant digits."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return Decimal(format(float(value), ".12g"))


def decimals(value) -> int:
    """How many decimals a value was written with: 2.5 → 1, 9.75 → 2, 80.0 → 0 (at most 6; 0 for no value)."""
    if _missing(value) or isinstance(value, bool) or not math.isfinite(float(value)):
        return 0
    exponent = to_decimal(value).normalize().as_tuple().exponent
    return min(max(-int(exponent), 0), MAX_DECIMALS)


def places_for(*values) -> int:
    """One precision for values shown side by side (actual, target, baseline): the most decimals among them."""
    return max((decimals(v) for v in values), default=0)


def round_half_up(value, places: int) -> float:
    """Round half up to `places` decimals: round_half_up(2.675, 2) == 2.68 (Python's round gives 2.67)."""
    if _missing(value):
        return math.nan
    return float(_quantize(value, places))


def _quantize(value, places: int) -> Decimal:
    try:
        return to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than Decimal's context holds: nothing to round
        return to_decimal(value)


def fmt(value, places: int | None = None, *, trim: bool = False, thousands: bool = False, minus: str = "-") -> str:
    """A number as text: round half up to `places` decimals (default: the value's own), never "-0".

    trim: drop trailing zeros after rounding (charts: at most `places` decimals);
    thousands: group digits with commas (12,345.6); minus: the sign to print (numbers.MINUS for charts).
    """
    if _missing(value):
        return NO_VALUE
    if not math.isfinite(float(value)):
        return NO_VALUE
    d = _quantize(value, decimals(value) if places is None else places)
    if trim:
        d = d.normalize()
        if d == d.to_integral_value():
            d = d.quantize(Decimal(1))
    if d == 0:
        d = abs(d)
    text = format(d, ",f" if thousands else "f")
    return text.replace("-", minus) if minus != "-" else text


def fmt_short_of(value, places: int, bound) -> str:
    """A value that has not reached `bound`, never printed as reaching it: half up as usual, but rounded down when
    half up would show the bound (99.9699 of 100 → "99.9", not "100.0"; 99.94 → "99.9"; 98.47 → "98.5")."""
    text = fmt(value, places)
    if _missing(value) or _missing(bound) or not float(value) < float(bound):
        return text
    if to_decimal(text) < to_decimal(bound):
        return text
    return fmt(float(to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)), places)


def plain(value, places: int | None = None) -> str:
    """Shortest plain form (no exponent, no trailing zeros): 71.43, 2023, 1, 0.00001; rounded first if places given."""
    if _missing(value):
        return NO_VALUE
    d = to_decimal(value) if places is None else _quantize(value, places)
    d = d.normalize()
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return format(abs(d) if d == 0 else d, "f")


def pct(value, places: int = 1, *, minus: str = "-") -> str:
    """A percentage such as 71.4% (round half up)."""
    text = fmt(value, places, minus=minus)
    return text if text == NO_VALUE else text + "%"


def floats(column):
    """A column (pandas Series or array) as a float numpy array, NaN where a cell holds no number (None, NA, text)."""
    import numpy as np
    import pandas as pd

    return pd.to_numeric(pd.Series(column) if not isinstance(column, pd.Series) else column,
                         errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def denoise(x):
    """Drop binary floating-point noise from computed numbers: 4 − 3.59 is 0.41, not 0.41000000000000014
    (ten decimals: far below any precision an indicator is written with, so nothing shown ever changes)."""
    import numpy as np

    return np.round(x, 10)


def general(value: float) -> str:
    """A number as the loader's messages write it: Python's general form (`:g`, six significant digits): 13000, 0.006, 1e-09."""
    return f"{value:g}"


def percent_of(value: float) -> float:
    """One percentage-formatted cell as the screen shows it: ×100, rounded to 10 places (0.974 → 97.4)."""
    return round(value * 100, 10)


def percent_shown(values):
    """Percentage-formatted cells as the screen shows them: ×100, rounded to 10 places to drop binary noise (0.974 → 97.4)."""
    return denoise(values * 100)
