"""Property tests for the cell parser: a number written in any accepted form reads back exactly;
anything else is refused or recognised as a "no data" marker, and never becomes a number or zero."""

from __future__ import annotations

import math
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cells import MISSING_MARKERS, normalize_text, parse_cell, parse_text

# Deterministic and quick, so CI never flakes on a new random example.
STABLE = settings(max_examples=200, derandomize=True, database=None, deadline=None)

FULL_WIDTH = str.maketrans("0123456789.,%+-<>=", "０１２３４５６７８９．，％＋－＜＞＝")
PREFIXES = {
    "": "",
    "≥": ">=",
    ">=": ">=",
    ">": ">",
    "≤": "<=",
    "<=": "<=",
    "<": "<",
    "=": "==",
    "超": ">",
    "超过": ">",
    "高于": ">",
    "达到": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "低于": "<",
}
SUFFIXES = {"": "", "以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<="}
UNITS = ["", "%", "万户", "亿元", "件", "批次/千人/年", "人/万台", "km"]
SPACES = ["", " ", "  ", "\n", "\r\n", "\t", "\u3000", "\u00a0", " \n ", "\u200b"]


@st.composite
def written_numbers(draw):
    """(text, value, comparator, unit) for a number written the way tables write them."""
    integer = draw(st.integers(0, 10**12))
    fraction = draw(st.text("0123456789", max_size=5))
    digits = (f"{integer:,}" if draw(st.booleans()) else str(integer)) + (f".{fraction}" if fraction else "")
    negative = draw(st.booleans())
    sign = "-" if negative else draw(st.sampled_from(["", "+"]))
    value = float(digits.replace(",", "")) * (-1 if negative else 1)
    prefix = draw(st.sampled_from(sorted(PREFIXES)))
    suffix = draw(st.sampled_from(sorted(SUFFIXES))) if not prefix else ""
    unit = draw(st.sampled_from(UNITS))
    gap = st.sampled_from(["", " "])
    text = prefix + draw(gap) + sign + digits + draw(gap) + unit + suffix
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    text = draw(st.sampled_from(SPACES)) + text + draw(st.sampled_from(SPACES))
    return text, value, PREFIXES[prefix] or SUFFIXES[suffix], unit


@STABLE
@given(written_numbers())
def test_any_written_number_reads_back(case):
    text, value, comparator, unit = case
    for cell in (parse_text(text), parse_cell(text)):
        assert cell.status == "number", text
        assert cell.value == value, text
        assert cell.comparator == comparator, text
        assert cell.unit == unit, text


@STABLE
@given(st.integers(-(10**9), 10**9), st.integers(0, 4))
def test_plain_decimals_round_trip(mantissa, places):
    text = f"{mantissa / 10**places:.{places}f}"
    assert parse_text(text).value == float(text)


@STABLE
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numeric_cells_are_taken_as_they_are(number):
    cell = parse_cell(number)
    assert cell.status == "number" and cell.value == number
    assert parse_cell(number, percent_format=True, unit="万户").value == number


@STABLE
@given(st.floats(-1e6, 1e6, allow_nan=False))
def test_percentage_formatted_cells_show_times_100(number):
    assert parse_cell(number, percent_format=True, unit="%").value == round(number * 100, 10)


def _has_digit(text: str) -> bool:
    return re.search(r"\d", unicodedata.normalize("NFKC", text)) is not None


WORDS = ["约九成", "待定", "九成", "百分之九十", "基本完成", "达标", "超额完成", "见附表", "十四五", "未统计", "abc", "N/A", "—", "暂无"]
NOISE = st.sampled_from(list(PREFIXES) + list(SUFFIXES) + UNITS + SPACES + WORDS)


def _expect_not_a_number(text: str) -> None:
    cell = parse_text(text)
    assert cell.status in ("invalid", "missing"), f"{text!r} became {cell.value}"
    assert cell.value is None
    if cell.status == "missing":
        # The parser reads the minus and figure-dash signs (U+2212, U+2012) as "-", which alone means missing.
        assert normalize_text(text).lower().translate({0x2212: "-", 0x2012: "-"}) in MISSING_MARKERS, text


@STABLE
@given(st.lists(NOISE, min_size=1, max_size=4).map("".join))
def test_words_without_a_number_are_refused(text):
    _expect_not_a_number(text)


@STABLE
@given(st.text(max_size=12).filter(lambda t: not _has_digit(t)))
def test_any_text_without_digits_is_refused(text):
    _expect_not_a_number(text)


@STABLE
@given(st.text(max_size=12))
def test_never_raises_and_numbers_come_from_digits(text):
    cell = parse_text(text)
    assert cell.status in ("number", "missing", "invalid")
    if cell.status == "number":
        assert _has_digit(text) and math.isfinite(cell.value)


@STABLE
@given(written_numbers(), st.sampled_from(["约{}", "近{}", "{}左右", "{}多", "{}余", "大约{}", "{}上下"]))
def test_estimates_are_not_values(case, pattern):
    text = pattern.format(case[0].strip())
    assert parse_text(text).status == "invalid", text


@STABLE
@given(st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from([" ", "\n", "\u3000", "\u00a0", " / "]))
def test_two_numbers_in_one_cell_are_refused(a, b, gap):
    assert parse_text(f"{a}{gap}{b}").status == "invalid"


def test_missing_markers_are_never_zero():
    for text in ["—", "——", "－", "-", "−", " / ", "暂无", "无", "N/A", "nan", "…", "\n", "", "　"]:
        assert parse_text(text).status == "missing", text
        assert parse_cell(text).value is None
    assert parse_cell(None).status == "missing"
    assert parse_cell(float("nan")).status == "missing"


def test_non_values_are_invalid():
    import datetime

    for raw in [True, False, float("inf"), datetime.date(2023, 1, 1), "不低于80以下", "12.5.3", "1,23", "2023/5/1"]:
        assert parse_cell(raw).status == "invalid", raw
