"""Chinese text in matplotlib, without relying on any system font.

The static Noto Sans SC shipped by the PyPI package ``pylopdf-fonts-zh-cn`` is registered with matplotlib and
put first in ``font.sans-serif``; ``style()`` holds the restrained print look shared by every chart.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib as mpl
import pylopdf_fonts_zh_cn
from matplotlib import font_manager

# The family name inside NotoSansSC-Regular.otf (what matplotlib looks fonts up by).
FAMILY = "Noto Sans SC"

# Fixed salt: SVG ids (clip paths, glyph defs) become the same on every run.
SVG_HASHSALT = "indicator-gap"

# Colours shared by the charts: near-black text, mid-grey secondary text.
INK = "#262626"
MUTED = "#6b6b6b"
RULE = "#bfbfbf"


def font_path() -> Path:
    """Path of the bundled static Noto Sans SC (static, so it renders Regular, not the Thin of variable fonts)."""
    return Path(pylopdf_fonts_zh_cn.sans_path())


def style() -> dict:
    """rcParams for a restrained print look at 16 cm width (8–10 pt text, thin rules, no chart junk)."""
    return {
        "font.size": 9,
        "axes.titlesize": 10,
        "axes.titlelocation": "left",
        "axes.titlepad": 6,
        "axes.labelsize": 8.5,
        "axes.labelcolor": INK,
        "axes.edgecolor": MUTED,
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "axes.facecolor": "white",
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "xtick.color": INK,
        "ytick.color": INK,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "xtick.major.size": 3,
        "ytick.major.size": 3,
        "legend.fontsize": 8,
        "legend.frameon": False,
        "text.color": INK,
        "hatch.linewidth": 0.6,
        "figure.facecolor": "white",
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "savefig.facecolor": "white",
        # Text stays vector outlines in SVG, so readers need no Chinese font installed.
        "svg.fonttype": "path",
        "svg.hashsalt": SVG_HASHSALT,
    }


def _registered(path: str) -> bool:
    fonts = font_manager.fontManager.ttflist
    # The path as it was added, first: resolving every registered font's path costs ~10 ms, on every chart.
    if any(f.fname == path for f in fonts):
        return True
    real = os.path.realpath(path)
    return any(os.path.realpath(f.fname) == real for f in fonts)


def is_active() -> bool:
    """True when the font is registered and first in ``font.sans-serif`` with ``font.family`` sans-serif."""
    family = mpl.rcParams["font.family"]
    sans = mpl.rcParams["font.sans-serif"]
    return (
        _registered(os.fspath(font_path()))
        and list(family) == ["sans-serif"]
        and bool(sans)
        and sans[0] == FAMILY
        and mpl.rcParams["svg.hashsalt"] == SVG_HASHSALT
    )


def use_chinese_font() -> str:
    """Register Noto Sans SC, put it first in ``font.sans-serif`` and apply ``style()``; return the family name.

    Safe to call many times: the font file is added once and the family is never listed twice.
    ``axes.unicode_minus`` is left alone because Noto Sans SC has the U+2212 minus sign.
    """
    path = os.fspath(font_path())
    if not _registered(path):
        font_manager.fontManager.addfont(path)
    # Keep the previous families after Noto as fallbacks for glyphs it may lack.
    rest = [f for f in mpl.rcParams["font.sans-serif"] if f != FAMILY]
    mpl.rcParams["font.sans-serif"] = [FAMILY, *rest]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams.update(style())
    return FAMILY


def ensure_chinese_font() -> None:
    """Call ``use_chinese_font()`` only if needed, so later tweaks of other rcParams by the analyst survive."""
    if not is_active():
        use_chinese_font()
