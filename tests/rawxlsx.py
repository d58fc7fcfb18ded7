"""Build .xlsx files from raw XML text: the spellings Excel never writes but other tools may (issue 16).

`book(path, sheets, strings=None, styles=None)` writes a minimal workbook whose parts are exactly the
bytes given; `sheet_xml(cells)` spells cells the way Excel does, for comparison.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{overrides}</Types>"
)
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
# Cell style 1 shows a percentage (built-in format 10, "0.00%"); style 0 is General.
PERCENT_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
    '<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill/></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"/></cellXfs></styleSheet>'
)


def workbook_xml(names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
    return f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{sheets}</sheets></workbook>'


def workbook_rels(count: int, strings: bool, styles: bool) -> str:
    rels = [f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1)]
    if strings:
        rels.append(f'<Relationship Id="rId{count + 1}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles:
        rels.append(f'<Relationship Id="rId{count + 2}" Type="{REL}/styles" Target="styles.xml"/>')
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>'


def book(path: Path, sheets: dict, strings: str | bytes | None = None, styles: str | bytes | None = PERCENT_STYLES,
         workbook: str | None = None, extra: list[tuple[str, bytes]] = ()) -> Path:
    """Write `sheets` ({name: sheet XML text or bytes}) as a workbook; text parts are encoded as UTF-8."""
    names = list(sheets)
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>' for i in range(1, len(names) + 1))
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES.format(overrides=overrides)),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook or workbook_xml(names)),
        ("xl/_rels/workbook.xml.rels", workbook_rels(len(names), strings is not None, styles is not None)),
    ]
    parts += [(f"xl/worksheets/sheet{i}.xml", sheets[n]) for i, n in enumerate(names, 1)]
    if strings is not None:
        parts.append(("xl/sharedStrings.xml", strings))
    if styles is not None:
        parts.append(("xl/styles.xml", styles))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*parts, *extra]:
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def sheet_xml(rows: str) -> str:
    """A worksheet as Excel writes it around `rows` (the <row> elements)."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>{rows}</sheetData></worksheet>'


def strings_xml(items: list[str]) -> str:
    body = "".join(f"<si><t>{s}</t></si>" for s in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(items)}" uniqueCount="{len(items)}">{body}</sst>'
