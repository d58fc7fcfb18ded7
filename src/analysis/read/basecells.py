"""Base-year cells as the 十五五 boxes print them (issue 17): a number with words around it.

A base column holds the last year before the plan, often an estimate: "5.0%（2025）" (the year restated),
"21.5（2024年）" (another year's number), "8%左右", "6左右∗", "预计2.65%", "预计≥10%", "“十四五”年均增长4.0" (the
last plan's average rate), "2.21∶1" (a ratio), or words only ("与经济增长基本同步"). Each is read into a number,
its comparator, its own year and the words beyond the number, which the loader keeps in the row's note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.read.cells import APPROXIMATE_WORDS, normalize_text, parse_text, strip_footnote

_YEAR_AFTER = re.compile(r"[(（]\s*((?:19|20)\d{2})\s*年?\s*[)）]$")
_ESTIMATE_BEFORE = ("预计", "预估", "约")
_PLAN_BEFORE = re.compile(r"^[“”\"']?十[二三四五]五[“”\"']?(?:时期|期间)?(?:年均增长|年均增速|年均|累计)?")
_RATIO_TO_ONE = re.compile(r"(?<=\d)[∶:]1$")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class BaseCell:
    """A base cell: `status` "number", "words" (no number to read) or "invalid"."""

    status: str
    value: float | None = None
    comparator: str = ""
    unit: str = ""
    year: int | None = None  # the year the cell itself names ("（2024年）"), None when it names none
    words: tuple = ()  # what the cell says beyond the number, in Chinese, for the row's note
    footnote: str = ""


@lru_cache(maxsize=4096)
def parse_base(text: str) -> BaseCell:
    """Read a base cell that the plain parser refused; "invalid" when it holds no such form."""
    body, footnote = strip_footnote(text)
    s = normalize_text(body)
    words, year = [], None
    dated = _YEAR_AFTER.search(s)
    if dated:
        year, s = int(dated.group(1)), s[: dated.start()]
        words.append(f"括号内注明为 {year} 年数据")
    for word in _ESTIMATE_BEFORE:
        if s.startswith(word) and len(s) > len(word):
            s = s[len(word) :]
            words.append(f"“{word}”：预计数")
            break
    plan = _PLAN_BEFORE.match(s)
    if plan and plan.group(0) and len(s) > plan.end():
        s = s[plan.end() :]
        words.append(f"{plan.group(0)}：上一规划期的数")
    for word in APPROXIMATE_WORDS:
        if s.endswith(word) and len(s) > len(word):
            s = s[: -len(word)]
            words.append(f"“{word}”：约数")
            break
    if _RATIO_TO_ONE.search(s):
        s = _RATIO_TO_ONE.sub("", s)
        words.append("比值“∶1”，按前项读取")
    cell = parse_text(s) if s else None
    if cell is not None and cell.status == "number" and words:
        return BaseCell("number", cell.value, cell.comparator, cell.unit, year, tuple(words), footnote or cell.footnote)
    if len(_HAN.findall(s)) >= 2 and not re.search(r"\d{2,}\.\d|\d+\s*[/、，,]", s):
        return BaseCell("words", year=year, words=tuple(words))
    return BaseCell("invalid")
