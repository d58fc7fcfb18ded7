"""Reading one cell's value the way an analyst wrote it.

Government tables mix plain numbers with text such as "99%", "15.2万户", "≥80", "超4", "不低于80",
full-width digits, thousands separators and markers for "no data" ("—", "暂无"). This module turns
any of those into (number, comparator, unit written after it), and refuses everything else
instead of guessing: "约九成" is not 90, and "—" is never 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import numbers as _numbers

# Texts that mean "no value here". Compared after normalisation (NFKC, no spaces, "−" read as "-").
MISSING_MARKERS = frozenset(
    ["", "-", "--", "—", "——", "–", "―", "――", "/", "\\", "暂无", "无", "空", "n/a", "na", "nan", "none", "null", "…", "..."]
)

# Comparator words and signs, longest first so that "不低于" wins over "低于".
# Each maps to the comparator the target means: "超4" is strictly more than 4.
COMPARATOR_PREFIXES = [
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    ("大于等于", ">="),
    ("小于等于", "<="),
    ("至少", ">="),
    ("最少", ">="),
    ("最多", "<="),
    ("超过", ">"),
    ("高于", ">"),
    ("大于", ">"),
    ("多于", ">"),
    ("低于", "<"),
    ("小于", "<"),
    ("少于", "<"),
    ("达到", ">="),
    ("超", ">"),
    ("达", ">="),
    (">=", ">="),
    ("<=", "<="),
    ("≥", ">="),
    ("≧", ">="),
    ("≤", "<="),
    ("≦", "<="),
    (">", ">"),
    ("<", "<"),
    ("=", "=="),
]
COMPARATOR_SUFFIXES = [("及以上", ">="), ("及以下", "<="), ("以上", ">="), ("以下", "<="), ("以内", "<=")]
# Words after a number that make it an estimate ("90左右", "15万余户"): an estimate is not a value.
APPROXIMATE_WORDS = ("左右", "上下", "前后", "多", "余", "约")

_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?P<rest>.*)$")
_UNIT_TEXT = re.compile(r"^[^\d\s,.+\-=<>]{1,12}$")
_SPACES = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
# Digits on both sides of a space: two numbers in one cell ("15.2 18"), never one number.
_SPLIT_NUMBER = re.compile(r"[\d.,]\s+[\d.,]")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2012": "-"})


@dataclass(frozen=True)
class Cell:
    """A parsed cell: `status` is "number", "missing" or "invalid"."""

    status: str
    value: float | None = None
    comparator: str = ""
    unit: str = ""  # unit text written after the number ("万户", "%"), if any
    text: str = ""  # the original text, for error messages

    @property
    def ok(self) -> bool:
        return self.status != "invalid"


MISSING = Cell("missing")


def normalize_text(text: str) -> str:
    """Full-width to half-width (NFKC), and no spaces, line breaks or zero-width characters anywhere."""
    return _SPACES.sub("", _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text)))


def parse_cell(raw, *, percent_format: bool = False, unit: str = "") -> Cell:
    """Parse one cell. `percent_format` says Excel displays it as a percentage (0.974 shown as 97.4 %).

    A percentage-formatted number is multiplied by 100 when the indicator's unit is "%", so the
    value is the one the analyst sees on screen.
    """
    if raw is None:
        return MISSING
    if isinstance(raw, bool):
        return Cell("invalid", text=str(raw))
    if isinstance(raw, (int, float)):
        value = float(raw)
        if math.isnan(value):
            return MISSING
        if math.isinf(value):
            return Cell("invalid", text=str(raw))
        if percent_format and is_percent_unit(unit):
            value = round(value * 100, 10)
        return Cell("number", value)
    if isinstance(raw, str):
        return parse_text(raw)
    # Dates and other objects are never indicator values.
    return Cell("invalid", text=str(raw))


@lru_cache(maxsize=65536)
def parse_text(text: str) -> Cell:
    """Parse a text cell such as "≥80", "99%", "15.2万户", "１，２３４" or "暂无"."""
    if _SPLIT_NUMBER.search(_ZERO_WIDTH.sub(" ", unicodedata.normalize("NFKC", text))):
        return Cell("invalid", text=text)
    s = normalize_text(text).translate(_MINUS_SIGNS)
    if s.lower() in MISSING_MARKERS:
        return MISSING
    comparator, s = _strip_comparator(s)
    match = _NUMBER.match(s) if comparator is not None else None
    if not match:
        return Cell("invalid", text=text)
    rest = match.group("rest")
    if rest and (not _UNIT_TEXT.match(rest) or any(word in rest for word in APPROXIMATE_WORDS)):
        return Cell("invalid", text=text)
    value = float(match.group("num").replace(",", ""))
    if match.group("sign") == "-":
        value = -value
    return Cell("number", value, comparator, rest, text)


def _strip_comparator(s: str) -> tuple[str | None, str]:
    """Comparator written before and/or after the number; None when the two disagree ("不低于80以下")."""
    before = next(((comp, s[len(word) :]) for word, comp in COMPARATOR_PREFIXES if s.startswith(word)), ("", s))
    comparator, s = before
    after = next(((comp, s[: -len(word)]) for word, comp in COMPARATOR_SUFFIXES if s.endswith(word)), ("", s))
    if after[0] and comparator and after[0][0] != comparator[0]:
        return None, s
    return comparator or after[0], after[1]


# The rules live in numbers.py (one owner); these names stay for existing callers.
is_percent_unit = _numbers.is_percent_unit
decimals = _numbers.decimals
