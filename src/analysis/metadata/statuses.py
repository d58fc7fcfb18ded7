"""Every status of the gap table as data: code, Chinese label (mid-term and final), symbol, colours, order, role.

One edit here changes a status everywhere: the gap table's labels, chart bars, legends and the status grid's
symbols, the xlsx status cells and its legend, the Word draft, the sentences that name indicators.

Colours: blues for good news, oranges for bad (safe for red-green colour blindness); lightness falls with
severity, so the order survives grayscale printing (achieved lightest, regressing darkest); hatches tell
statuses apart where colour cannot; text on each fill meets WCAG AA (contrast ≥ 4.5); symbols keep the
region × indicator grid legible without colour at all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    fill: str  # "#RRGGBB"
    text: str  # text colour on that fill
    hatch: str  # matplotlib hatch pattern ("" = solid)
    edge: str  # outline for a bar on white paper (pale fills would vanish without it)

    @property
    def fill_hex(self) -> str:
        """RRGGBB without "#", as openpyxl wants it."""
        return self.fill.lstrip("#").upper()

    @property
    def text_hex(self) -> str:
        return self.text.lstrip("#").upper()


@dataclass(frozen=True)
class Status:
    code: str
    label: str  # mid-term (and annual monitoring) label
    final_label: str  # at or after the plan's end (总结评估): 完成 / 基本完成 / 未完成
    symbol: str  # printed in the status grid's cells
    style: Style
    note: str  # what it means (the xlsx 说明 sheet's legend)
    attention: bool = False  # a briefing names these indicator by indicator
    paced: bool = False  # a judgement of progress against elapsed time (序时进度)
    met: bool = False  # the target is met


# Best first: legends, grids, counts and pivots follow this order.
_ALL = (
    Status("achieved", "已达到目标", "完成", "✓", Style("#DEEBF7", "#000000", "", "#6BAED6"),
           "实际值已满足目标要求。", met=True),
    Status("basically_achieved", "基本完成", "基本完成", "◎", Style("#C7E9C0", "#000000", "--", "#41AB5D"),
           "期末未达到目标，但完成度在“基本完成”幅度之内。", attention=True),
    Status("ahead", "快于序时进度", "快于序时进度", "↑", Style("#B9D7EC", "#000000", "", "#4292C6"),
           "尚未达到目标，目标进度快于序时进度。", paced=True),
    Status("on_track", "符合序时进度", "符合序时进度", "→", Style("#8CBEDE", "#000000", "...", "#2171B5"),
           "尚未达到目标，目标进度与序时进度基本相当。", paced=True),
    Status("lagging", "滞后于序时进度", "滞后于序时进度", "↓", Style("#FD8D3C", "#000000", "////", "#D94801"),
           "尚未达到目标，目标进度慢于序时进度。", attention=True, paced=True),
    Status("regressing", "逆向变化", "逆向变化", "×", Style("#A63603", "#FFFFFF", "xxxx", "#7F2704"),
           "实际值较基期向偏离目标的方向变化。", attention=True, paced=True),
    Status("not_achieved", "尚未达到目标", "未完成", "○", Style("#E6550D", "#000000", "\\\\\\\\", "#A63603"),
           "尚未达到目标，且因缺少基期值等无法与序时进度比较；期末评估中为“未完成”。", attention=True),
    Status("judge", "需人工判断", "需人工判断", "？", Style("#FFF2AE", "#000000", "++", "#BF9000"),
           "定性目标，无法由数据判断方向，需人工判断。", attention=True),
    Status("no_target", "无量化目标", "无量化目标", "—", Style("#F2F2F2", "#404040", "", "#BDBDBD"),
           "规划未设定量化目标。"),
    Status("no_data", "无数据", "无数据", "·", Style("#D9D9D9", "#404040", "", "#969696"),
           "缺少实际值，无法评估。"),
)
STATUS = {s.code: s for s in _ALL}
STATUSES = tuple(STATUS)  # codes, best first
UNKNOWN = Status("", "", "", "?", Style("#BDBDBD", "#000000", "", "#808080"), "")

# Plan phases: before the target year (中期) and at or after it (期末 / 总结评估).
PHASE_ZH = {"midterm": "中期", "final": "期末"}


def status(code) -> Status:
    """The status of a code; a neutral grey with the code as its label for anything unknown."""
    found = STATUS.get(str(code))
    return found if found is not None else Status(str(code), str(code), str(code), UNKNOWN.symbol, UNKNOWN.style, "")


def status_label(code: str, phase: str = "midterm") -> str:
    """The Chinese label of a status in a phase: achieved is 已达到目标 mid-term, 完成 at the plan's end."""
    found = status(code)
    return found.final_label if phase == "final" else found.label


def style(code) -> Style:
    """The colours of a status code (a neutral grey for anything unknown)."""
    return status(code).style


def codes(where) -> tuple[str, ...]:
    """The status codes, best first, for which where(Status) holds: codes(lambda s: s.attention)."""
    return tuple(s.code for s in _ALL if where(s))
