"""The region of rows without a region cell: the given one, the place in the title, 全国, or the file name."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from analysis.read.arrays import _filled
from analysis.read.cells import _normalize_unique, normalize_text
from analysis.read.headers import _REGION_IN_TITLE




# A title naming a national document (国发〔2026〕30号, 国务院…, 全国…): its table is the country's, 全国.
_NATIONAL_TITLE = re.compile(r"国发〔|国发\[|国办发|国务院|全国|中华人民共和国|国民经济和社会发展第.{1,3}个五年规划纲要")


def _region_name(region) -> str | None:
    """The region= parameter as a place name (spaces and line breaks gone), or None when not given."""
    name = normalize_text(str(region)) if region is not None else ""
    return name or None


def region_default(title_text: str, file: str, region: str | None) -> tuple[str, str]:
    """(region, how it was found) for rows without a region cell: the given one › a place in the title ›
    全国 for a national document's title › the file name (said in the validate summary)."""
    if region:
        return region, "given"
    place = _region_from_title(title_text)
    if place:
        return place, "title"
    if _NATIONAL_TITLE.search(normalize_text(title_text)):
        return "全国", "national"
    return Path(file).stem, "file"


def _regions(column, title_text: str, file: str, region: str | None, rows: int):
    """Each row's region: its own region cell, else the file's region, else the place in the title."""
    default = region_default(title_text, file, region)[0]
    if column is None:
        return _filled(rows, default)
    values = _normalize_unique(column)
    return np.where(values != "", values, default)


def _region_from_title(title_text: str) -> str:
    title = re.sub(r"\d{4}年|[“”\"'《》]", "", normalize_text(title_text))
    for match in _REGION_IN_TITLE.finditer(title):
        name = match.group(1)
        if name[0] not in "全本我各":
            return name
    return ""
