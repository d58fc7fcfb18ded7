"""The one status palette: every chart bar, legend patch and xlsx status cell takes its colours from here.

Ground floor: imports only schema. Blues for good news, oranges for bad (safe for red-green colour blindness);
lightness falls with severity, so the order survives grayscale printing (achieved lightest, regressing darkest);
hatches tell statuses apart where colour cannot; text on each fill meets WCAG AA (contrast ≥ 4.5).
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.metadata.fields import STATUSES


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


STATUS_PALETTE: dict[str, Style] = {
    "achieved": Style("#DEEBF7", "#000000", "", "#6BAED6"),
    "basically_achieved": Style("#C7E9C0", "#000000", "--", "#41AB5D"),
    "ahead": Style("#B9D7EC", "#000000", "", "#4292C6"),
    "on_track": Style("#8CBEDE", "#000000", "...", "#2171B5"),
    "lagging": Style("#FD8D3C", "#000000", "////", "#D94801"),
    "regressing": Style("#A63603", "#FFFFFF", "xxxx", "#7F2704"),
    "not_achieved": Style("#E6550D", "#000000", "\\\\\\\\", "#A63603"),
    "judge": Style("#FFF2AE", "#000000", "++", "#BF9000"),
    "no_target": Style("#F2F2F2", "#404040", "", "#BDBDBD"),
    "no_data": Style("#D9D9D9", "#404040", "", "#969696"),
}
UNKNOWN = Style("#BDBDBD", "#000000", "", "#808080")

assert set(STATUS_PALETTE) == set(STATUSES), "every status needs a style"


def style(status) -> Style:
    """The style of a status code (a neutral grey for anything unknown)."""
    return STATUS_PALETTE.get(str(status), UNKNOWN)
