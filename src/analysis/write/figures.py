"""Figures saved: PNG (300 dpi) and SVG, byte-identical on every run, and the figure plan's A4 pages.

Charts (analysis.charts) only draw; this module writes their files and cuts long charts (the overview, the status
grid) into pages that each fit an A4 page of 24 cm.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.charts.fonts import SVG_HASHSALT
from analysis.charts.overview import overview_rows, row_units
from analysis.charts.style import as_text


def save(fig: Figure, path_stem, description: str | None = None, svg: bool = False) -> list[Path]:
    """Write `<stem>.png` (300 dpi) and, with `svg`, `<stem>.svg`, byte-identical on every run, each atomically.

    A temporary file in the same folder is renamed over the target, so a crash never leaves half a file.
    Paper size is kept exactly (no tight bbox): a 16 cm figure pastes into Word at 16 cm. `description`
    (what the figure shows, in words) is stored in both files' title metadata.
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    outputs = [
        (stem.with_name(stem.name + ".png"), "png", {"Software": None}),
        (stem.with_name(stem.name + ".svg"), "svg", {"Date": None}),
    ][: 2 if svg else 1]
    if description:
        for _, _, metadata in outputs:
            metadata.update({"Title": description, "Description": description})
    written = []
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "savefig.bbox": "standard", "svg.fonttype": "path"}):
        engine = fig.get_layout_engine()
        try:
            for path, fmt_, metadata in outputs:
                _atomic_savefig(fig, path, fmt_, metadata)
                written.append(path)
                # The layout is solved once (for the PNG); the SVG reuses it: same size, same positions.
                fig.set_layout_engine("none")
        finally:
            fig.set_layout_engine(engine)
    return written


def _atomic_savefig(fig: Figure, path: Path, fmt_: str, metadata: dict) -> None:
    # A unique hidden name in the same folder, so os.replace is an atomic rename on the same filesystem.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        # zlib level 1, not Pillow's 6: a chart (mostly flat colour) encodes in half the time for ~15 % more bytes.
        extra = {"pil_kwargs": {"compress_level": 1}} if fmt_ == "png" else {}
        fig.savefig(tmp, format=fmt_, dpi=300, metadata=metadata, facecolor="white", **extra)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


# Indicator rows on one status-grid page (5 cm + 0.55 cm per row stays within 24 cm).
GRID_ROWS = 34

# Row units on one overview page: 3.4 cm + 0.62 cm per unit stays within an A4 page's 24 cm.
PAGE_UNITS = 32


def overview_pages(table: pd.DataFrame, units: float = PAGE_UNITS) -> list[tuple[str, pd.DataFrame]]:
    """The overview split into A4 pages: (what the page shows, its rows of the gap table).

    Several regions: one page per region (a region too long for one page continues on the next, by area).
    One region: pages by area. Every page fits `units` row units, so its figure is at most 24 cm tall.
    """
    rows = overview_rows(table)
    several = table["region"].map(as_text).nunique() > 1
    groups = [(as_text(r), part) for r, part in rows.groupby("region", sort=False)] if several else [("", rows)]
    pages: list[tuple[str, pd.DataFrame]] = []
    for region, part in groups:
        chunks, current, used = [], [], 0.0
        for _, area_rows in part.groupby("area", sort=False):
            need = sum(row_units(area_rows, False)) + 1
            if current and used + need > units:
                chunks.append(pd.concat(current))
                current, used = [], 0.0
            current.append(area_rows)
            used += need
        if current:
            chunks.append(pd.concat(current))
        for k, chunk in enumerate(chunks, 1):
            label = region + (f"（{k}/{len(chunks)}）" if len(chunks) > 1 else "")
            pages.append((label, chunk.drop(columns=[c for c in chunk.columns if c.startswith("_")])))
    return pages


def grid_pages(table: pd.DataFrame, rows_per_page: int = GRID_ROWS) -> list[pd.DataFrame]:
    """The gap table cut into status-grid pages of whole areas, each at most `rows_per_page` indicators."""
    order = list(dict.fromkeys(table["indicator_id"]))
    area_of = dict(zip(table["indicator_id"], table["area"].map(as_text)))
    pages, current = [], []
    for area in dict.fromkeys(area_of[i] for i in order):
        ids = [i for i in order if area_of[i] == area]
        while ids:
            if len(current) + len(ids) > rows_per_page and current:
                pages.append(current)
                current = []
            take = ids[: rows_per_page - len(current)]
            current += take
            ids = ids[len(take):]
    if current:
        pages.append(current)
    return [table[table["indicator_id"].isin(ids)] for ids in pages]
