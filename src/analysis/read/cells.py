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
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from analysis.read.arrays import _factorize, _filled, _per_distinct
from analysis.rules.numbers import percent_of
from analysis.rules.units import is_percent_unit

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
# Bounds written after a number, with or without a unit between ("98%以上", "1个工作日内": ≤ 1 个工作日).
COMPARATOR_SUFFIXES = [("及以上", ">="), ("及以下", "<="), ("以上", ">="), ("以下", "<="), ("以内", "<="), ("之内", "<="), ("内", "<=")]
# Words after a number that make it an estimate ("90左右", "15万余户"): an estimate is not a value.
APPROXIMATE_WORDS = ("左右", "上下", "前后", "多", "余", "约")

_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?P<rest>.*)$")
_UNIT_TEXT = re.compile(r"^[^\d\s,.+\-=<>]{1,12}$")
_SPACES = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
# Digits on both sides of a space: two numbers in one cell ("15.2 18"), never one number.
_SPLIT_NUMBER = re.compile(r"[\d.,]\s+[\d.,]")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2012": "-"})

# Footnote marks after a value: *, ※, †, ①…⑳, ⑴…⒇, ⒈…⒛, ❶…❿, 注1, (1), [1], and superscript digits right after
# a digit (after letters they belong to a unit: km²). They are removed BEFORE NFKC, which would turn ① into 1
# and ² into 2 and so merge the mark into the number (6.3① would read 6.31).
_FOOTNOTE = re.compile(
    r"(?:[*＊※†‡∗]+"
    r"|[\u2460-\u249b\u24ea\u2776-\u2793]"
    r"|(?<=[0-9０-９%％])[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"
    r"|[(（]\s*[0-9０-９]{1,2}\s*[)）]"
    r"|[\[［]\s*[0-9０-９]{1,2}\s*[\]］]"
    r"|注\s*[0-9０-９]{1,2})\s*$"
)
# A cell's value that Excel shows for a formula that failed (cached error values).
EXCEL_ERRORS = frozenset(["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA", "#SPILL!", "#CALC!"])
# Numbers beyond these are refused: no indicator is that large, and the report could not draw or format them.
MAX_MAGNITUDE = 1e15
MIN_MAGNITUDE = 1e-9


@dataclass(frozen=True)
class Cell:
    """A parsed cell: `status` is "number", "missing" or "invalid"."""

    status: str
    value: float | None = None
    comparator: str = ""
    unit: str = ""  # unit text written after the number ("万户", "%"), if any
    text: str = ""  # the original text, for error messages
    footnote: str = ""  # a footnote mark removed after the number ("①", "*", "注1")
    reason: str = ""  # why it is invalid: "magnitude", "date", "bool", "excel_error", "" otherwise

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
        return Cell("invalid", text=str(raw), reason="bool")
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # a 400-digit integer
            return Cell("invalid", text=str(raw)[:20] + "…", reason="magnitude")
        if math.isnan(value):
            return MISSING
        if not sane_magnitude(value):
            return Cell("invalid", text=str(raw), reason="magnitude")
        if percent_format and is_percent_unit(unit):
            value = percent_of(value)
        return Cell("number", value)
    if isinstance(raw, str):
        return parse_text(raw)
    # Dates, times and other objects are never indicator values.
    return Cell("invalid", text=str(raw), reason="date")


def sane_magnitude(value: float) -> bool:
    """Finite, and 0 or between MIN_MAGNITUDE and MAX_MAGNITUDE in size (1e308, inf, 5e-324 are not)."""
    size = abs(value)
    return size == 0 or MIN_MAGNITUDE <= size <= MAX_MAGNITUDE


def strip_footnote(text: str) -> tuple[str, str]:
    """(text without its trailing footnote marks, the marks removed); only after something else."""
    marks = ""
    while True:
        stripped = text.rstrip()
        match = _FOOTNOTE.search(stripped)
        if not match or match.start() == 0:
            return stripped, marks
        marks = match.group(0).strip() + marks
        text = stripped[: match.start()]


@lru_cache(maxsize=65536)
def parse_text(text: str) -> Cell:
    """Parse a text cell such as "≥80", "99%", "15.2万户", "１，２３４", "6.3①" or "暂无"."""
    if text.strip() in EXCEL_ERRORS:
        return Cell("invalid", text=text, reason="excel_error")
    body, footnote = strip_footnote(text)
    cell = _parse_body(body, text)
    if footnote and cell.status == "number":
        return Cell("number", cell.value, cell.comparator, cell.unit, text, footnote)
    return cell


def _parse_body(body: str, text: str) -> Cell:
    if _SPLIT_NUMBER.search(_ZERO_WIDTH.sub(" ", unicodedata.normalize("NFKC", body))):
        return Cell("invalid", text=text)
    s = normalize_text(body).translate(_MINUS_SIGNS)
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
    if not sane_magnitude(value):
        return Cell("invalid", text=text, reason="magnitude")
    return Cell("number", value, comparator, rest, text)


def _strip_comparator(s: str) -> tuple[str | None, str]:
    """Comparator written before and/or after the number; None when the two disagree ("不低于80以下")."""
    before = next(((comp, s[len(word) :]) for word, comp in COMPARATOR_PREFIXES if s.startswith(word)), ("", s))
    comparator, s = before
    after = next(((comp, s[: -len(word)]) for word, comp in COMPARATOR_SUFFIXES if s.endswith(word)), ("", s))
    if after[0] and comparator and after[0][0] != comparator[0]:
        return None, s
    return comparator or after[0], after[1]




# ---------------------------------------------------------------- targets
# Target cells have forms of their own, as plans print them.
_CUMULATIVE = re.compile(r"^[〔【\[［]\s*(.+?)\s*[〕】\]］]$")
_RATE_WORDS = re.compile(r"^(?:年均增长|年均增速|年均提高|年均增幅|年均)")
_RANGE = re.compile(r"^(?P<low>[+-]?\d+(?:\.\d+)?)(?P<u1>[^\d~〜～—–\-至到]{0,12}?)\s*(?P<sep>~|〜|～|—|–|-|至|到)\s*(?P<high>[+-]?\d+(?:\.\d+)?)(?P<u2>.*)$")
APPROXIMATE_TARGET_WORDS = (("接近", "before"), ("大约", "before"), ("约", "before"), ("左右", "after"), ("上下", "after"))
# Words that make a target without a number a qualitative one (稳步提高, 保持在合理区间, 保持全省前列).
QUALITATIVE_WORDS = (
    "提高", "提升", "增长", "增加", "扩大", "上升", "改善", "优化", "加强", "增强", "前列", "领先", "进位",
    "下降", "降低", "减少", "压减", "控制", "保持", "稳定", "巩固", "持续", "合理区间", "力争", "确保",
    "不低于", "不高于", "高于", "低于", "全覆盖", "实现", "逐步", "稳步", "显著", "视情",
    # A target deferred to a higher review ("完成省下达目标", "达到国家要求", "稳中有升"): judged by hand.
    "完成", "达到", "要求", "有升", "同步",
)


@dataclass(frozen=True)
class Target:
    """A parsed target cell: `status` is "number", "qualitative", "missing" or "invalid"."""

    status: str
    value: float | None = None
    comparator: str = ""
    unit: str = ""
    target_type: str = ""  # "", "cumulative", "annual_rate", "range" ("" = as the column says, level by default)
    high: float | None = None  # upper bound of a range
    notes: tuple = ()  # what was read beyond the number: approximate, footnote, words after the number
    text: str = ""
    cell: Cell | None = None  # the plain parse, when the target failed to read (for the error's wording)
    footnote: str = ""  # a footnote mark removed after the target ("①", "*"), as for Cell.footnote
    base: float | None = None  # a base value written in the target cell's bracket ("（2025 年 1.81）")
    base_year: int | None = None
    base_text: str = ""  # that bracket's words, as written after normalisation ("2025年约76%")


@lru_cache(maxsize=65536)
def parse_target(text: str) -> Target:
    """A target cell: a plain value ("≥80", "超4") or a plan's own forms.

    "〔13.5〕" five-year cumulative; "年均增长7%以上" annual rate (≥ 7 %/年); "95～98", "95-98", "-3～-1" a range;
    "稳步提高", "保持在合理区间", "保持全省前列" qualitative (no number); "接近7.5", "7.5左右", "约7.5"
    approximate (the number, with a note); ">7、力争…" the number, with the words kept as a note.
    """
    plain = parse_text(text)
    if plain.status != "invalid":
        notes = (f"脚注标记“{plain.footnote}”已去除",) if plain.footnote else ()
        return Target(plain.status, plain.value, plain.comparator, plain.unit, notes=notes, text=text, cell=plain, footnote=plain.footnote)
    if plain.reason:
        return Target("invalid", text=text, cell=plain)
    body, footnote = strip_footnote(text)
    notes = (f"脚注标记“{footnote}”已去除",) if footnote else ()
    s = normalize_text(body).translate(_MINUS_SIGNS)
    found = _target_form(s, text)
    if found is None:
        return Target("invalid", text=text, cell=plain)
    return Target(found.status, found.value, found.comparator, found.unit, found.target_type, found.high, notes + found.notes, text,
                  footnote=footnote, base=found.base, base_year=found.base_year, base_text=found.base_text)


# Forms the 十五五 boxes print (issue 17), compared after normalisation.
# "78%左右(2025年约76%)", "缩小至1.77(2025年1.81)": the target, then the base value of a year in brackets.
_BRACKETED_BASE = re.compile(r"^(?P<head>.+?)[(（](?P<year>(?:19|20)\d{2})年?(?P<base>[^()（）]+)[)）]$")
# "“十五五”年均增长5.0左右": the plan the number belongs to, written before it.
_PLAN_PREFIX = re.compile(r"^[“”\"']?十[二三四五]五[“”\"']?(?:时期|期间)?")
# "缩小至1.77", "降至…", "控制在…": the number is a ceiling, lower is better.
LOWER_PREFIXES = ("缩小至", "缩小到", "下降至", "下降到", "降低至", "降低到", "降至", "降到", "压减至", "减少至", "减少到", "控制在")
# "力争达到5%左右", "努力实现…": a word of effort before the target; kept as words, not part of the number.
EFFORT_PREFIXES = ("力争", "努力", "争取")
_POINTS_UP = re.compile(r"^(?P<verb>提高|提升|增加|上升)(?P<num>\d+(?:\.\d+)?)个?百分点(?P<bound>以上|及以上)?$")
# "2.1∶1": a ratio to 1 (U+2236 or a colon), read as its first term.
_RATIO_TO_ONE = re.compile(r"(?<=\d)[∶:]1(?![\d.])")


def _plan_forms(s: str, text: str) -> Target | None:
    """A bracketed base, a ceiling word, a word of effort or a ratio to 1 around an otherwise readable target."""
    bracket = _BRACKETED_BASE.match(s)
    if bracket:
        base = parse_text(re.sub(r"^(?:约|为|是)", "", bracket.group("base")))  # "约76%": about 76
        head = _as_target(bracket.group("head"), text)
        if base.status == "number" and head is not None and head.status == "number":
            words = f"{bracket.group('year')}年{bracket.group('base')}"
            return replace(head, base=base.value, base_year=int(bracket.group("year")), base_text=words,
                           notes=head.notes + (f"括号内为基期：{words}",))
    plan = _PLAN_PREFIX.match(s)
    if plan and s[plan.end() :]:
        head = _as_target(s[plan.end() :], text)
        if head is not None and head.status != "invalid":
            return replace(head, notes=head.notes + (f"目标另有文字：“{plan.group(0)}”",))
    for word in LOWER_PREFIXES:
        if s.startswith(word) and len(s) > len(word):
            head = _as_target(s[len(word) :], text)
            if head is not None and head.status == "number":
                return replace(head, comparator=head.comparator or "<=", notes=head.notes + (f"“{word}”：目标为上限（越低越好）",))
    for word in EFFORT_PREFIXES:
        if s.startswith(word) and len(s) > len(word):
            head = _as_target(s[len(word) :], text)
            if head is not None and head.status != "invalid":
                return replace(head, notes=head.notes + (f"目标另有文字：“{word}”",))
    points = _POINTS_UP.match(s)
    if points:  # "提高1个百分点以上": a change over the plan in 百分点, not a level of 1 %
        comparator = ">=" if points.group("bound") else ""
        return Target("number", float(points.group("num")), comparator, "百分点", "cumulative",
                      notes=(f"“{points.group('verb')}…百分点”：规划期内的累计变化",), text=text)
    if _RATIO_TO_ONE.search(s):
        head = _as_target(_RATIO_TO_ONE.sub("", s, count=1), text)
        if head is not None and head.status == "number" and not head.unit:
            return replace(head, notes=head.notes + ("比值“∶1”，按前项读取",))
    return None


def _as_target(s: str, text: str) -> Target | None:
    """A part of a cell read as a target: a plain value, else one of the target forms."""
    plain = parse_text(s)
    if plain.status == "number":
        return Target("number", plain.value, plain.comparator, plain.unit, text=text)
    return _target_form(s, text)


def _target_form(s: str, text: str) -> Target | None:
    cumulative = _CUMULATIVE.match(s)
    if cumulative:  # "〔13.5〕", "［25—27］" (a total's range), "【350左右】", "［完成…目标］" (a total in words)
        inner = parse_text(cumulative.group(1))
        if inner.status == "number":
            return Target("number", inner.value, inner.comparator, inner.unit, "cumulative", text=text)
        form = _target_form(cumulative.group(1), text)
        if form is not None and form.status == "number" and form.target_type in ("", "range"):
            return replace(form, target_type="cumulative", notes=form.notes + (("累计区间",) if form.high is not None else ()))
        return form if form is not None and form.status == "qualitative" else None
    rate = _RATE_WORDS.match(s)
    if rate and s[rate.end() :]:
        inner = _target_form(s[rate.end() :], text) or Target("invalid")
        plain = parse_text(s[rate.end() :])
        if plain.status == "number":
            return Target("number", plain.value, plain.comparator, plain.unit, "annual_rate", text=text)
        if inner.status == "number" and inner.target_type == "":
            return Target("number", inner.value, inner.comparator, inner.unit, "annual_rate", notes=inner.notes, text=text)
        if inner.status == "number" and inner.target_type == "range":  # "年均 5—5.5%": a range of yearly rates
            return replace(inner, notes=inner.notes + (f"“{rate.group(0)}”：每年的增速在此区间",))
        return None
    found = _plan_forms(s, text)
    if found is not None:
        return found
    ranged = _RANGE.match(s)  # "95～98", and negative ranges such as "-3～-1" (low end first)
    # "-3-1" is refused: -3 to 1, or a mistyped -3～-1? A negative low end with "-" between needs a signed high end.
    if ranged and not (ranged.group("low").startswith("-") and ranged.group("sep") == "-" and ranged.group("high")[0] not in "+-"):
        low, high = parse_text(ranged.group("low") + ranged.group("u1")), parse_text(ranged.group("high") + ranged.group("u2"))
        if low.status == high.status == "number" and not low.comparator and not high.comparator:
            unit = high.unit or low.unit
            if (not low.unit or low.unit == unit) and low.value <= high.value:
                return Target("number", low.value, "", unit, "range", high.value, text=text)
        # "4.5-5,努力争取更好结果": a range with words after it is read below, at its separator
    for word, where in APPROXIMATE_TARGET_WORDS:
        if where == "before" and s.startswith(word) or where == "after" and s.endswith(word):
            rest = s[len(word) :] if where == "before" else s[: -len(word)]
            inner = parse_text(rest)
            if inner.status == "number":
                return Target("number", inner.value, inner.comparator, inner.unit, notes=(f"近似目标（“{word}”）",), text=text)
            return None
    for sep in ("、", "，", ",", "；", ";", "（", "("):  # ">7、力争投入强度高于…": the number leads
        head, _, tail = s.partition(sep)
        if tail and head:
            inner = _target_form(head, text) if parse_text(head).status != "number" else None
            plain = parse_text(head)
            if plain.status == "number":
                return Target("number", plain.value, plain.comparator, plain.unit, notes=(f"目标另有文字：“{sep if sep in '（(' else ''}{tail}”",), text=text)
            if inner is not None and inner.status == "number":
                return Target(inner.status, inner.value, inner.comparator, inner.unit, inner.target_type, inner.high, inner.notes + (f"目标另有文字：“{tail}”",), text)
    if not re.search(r"\d", s) and any(word in s for word in QUALITATIVE_WORDS):
        return Target("qualitative", text=text)
    return None


# ---------------------------------------------------------------- quick path
# What a comparator word alone means (a 目标比较符 column), from the cell parser's own table.
_COMPARATOR_OF = {**dict(COMPARATOR_PREFIXES), "==": "=="}
# The commonest target forms, parsed without the general parser's per-cell cost.
_QUICK_WORDS = ("≥", ">=", ">", "≤", "<=", "<", "超")
_QUICK = re.compile(r"^\s*(" + "|".join(map(re.escape, sorted(_QUICK_WORDS, key=len, reverse=True))) + r")?\s*(-?\d+(?:\.\d+)?)\s*$")
_QUICK_COMPARATOR = {None: "", **{w: _COMPARATOR_OF[w] for w in _QUICK_WORDS}}


def _quick_numbers(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The commonest text forms ("≥80", "3.5") in one pass; NaN where cells.parse_text must decide."""
    codes, uniques = _factorize(texts)
    values = np.full(len(uniques), np.nan)
    comparators = _filled(len(uniques), "")
    for k, text in enumerate(uniques):  # once per distinct text: targets such as "≥95" repeat across regions
        match = _QUICK.match(text)
        if match and sane_magnitude(value := float(match.group(2))):  # "1e400" as 400 digits: the general path refuses it
            values[k] = value
            comparators[k] = _QUICK_COMPARATOR[match.group(1)]
    return values[codes], comparators[codes]


def _normalized(text) -> str:
    return normalize_text(text) if isinstance(text, str) else ""


def _normalize_unique(texts: np.ndarray) -> np.ndarray:
    """normalize_text over a column, computed once per distinct value (names repeat across regions)."""
    return _per_distinct(texts, _normalized)
