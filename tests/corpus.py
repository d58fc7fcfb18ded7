"""Bad and odd input files, built by the tests (never committed as binaries).

Each builder writes its files into a directory and returns their paths. `CASES` lists every corpus
case with what `python -m analysis validate` must answer: the exit code and the words that must
appear (file, sheet, cell, what was found). Binary formats that no installed library writes (an
.xls, an encrypted workbook) are written byte by byte: a minimal compound file (CFB) holding a
minimal BIFF8 workbook stream, or the two streams Office puts in a password-protected file.
"""

from __future__ import annotations

import re
import struct
import zipfile
from xml.sax.saxutils import escape
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from openpyxl import Workbook, load_workbook

SHEET = "主要指标"
HEADER = ["指标名称", "单位", "指标方向", "2023年实际值", "规划目标(2025年)"]
ROWS = [
    ["市场主体数量", "万户", "正向", 15.2, 18],
    ["食品抽验量", "批次/千人/年", "正向", 4.95, 5],
    ["食品监督抽查合格率", "%", "正向", 97.4, "≥98"],
    ["每万人口执业药师数", "人", "正向", 2.5, 3.5],
    ["特种设备万台死亡率", "人/万台", "逆向", 0, "≤0.3"],
]


def table(**changes) -> list[list]:
    """The standard table (header on row 1, indicators on rows 2–6) with some cells changed: D5="待定"."""
    rows = [list(HEADER)] + [list(r) for r in ROWS]
    for ref, value in changes.items():
        col, row = ord(ref[0]) - 65, int(ref[1:]) - 1
        rows[row][col] = value
    return rows


def write_xlsx(path, sheets: dict, *, merges=None, hidden_sheets=(), hidden_rows=None, formulas=None) -> Path:
    """sheets: {name: rows}. Strings are stored as text even when they start with "=", except `formulas`
    ({sheet: {"D3": "=SUM(1,2)"}}), which openpyxl saves as formulas without a cached value."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(r, c, value)
                if isinstance(value, str):
                    cell.data_type = "s"
        for ref, formula in (formulas or {}).get(name, {}).items():
            ws[ref] = formula
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
        for r in (hidden_rows or {}).get(name, []):
            ws.row_dimensions[r].hidden = True
        if name in hidden_sheets:
            ws.sheet_state = "hidden"
    wb.save(path)
    return Path(path)


def rewrite_zip(src: Path, dst: Path, replace: dict | None = None, add: dict | None = None) -> Path:
    """Copy a zip member by member, replacing or adding members ({name: bytes})."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info)))
        for name, data in add.items():
            new.writestr(name, data)
    return dst


def standard(directory: Path, name="指标.xlsx", **changes) -> Path:
    return write_xlsx(directory / name, {SHEET: table(**changes)})


_INLINE = re.compile(r'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.S)
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(src: Path, dst: Path) -> Path:
    """Move a workbook's inline strings (what openpyxl writes) into xl/sharedStrings.xml (what Excel writes)."""
    with zipfile.ZipFile(src) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    strings: list[str] = []

    def to_shared(match: re.Match) -> str:
        strings.append(match.group(3))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{len(strings) - 1}</v></c>'

    sheet = _INLINE.sub(to_shared, sheet)
    sst = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    sst += f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
    sst += "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>"
    types = types.replace("</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>')
    rels = rels.replace("</Relationships>", f'<Relationship Id="rIdSst" Type="{SST_REL}" Target="sharedStrings.xml"/></Relationships>')
    replace = {"xl/worksheets/sheet1.xml": sheet.encode(), "[Content_Types].xml": types.encode()}
    replace["xl/_rels/workbook.xml.rels"] = rels.encode()
    return rewrite_zip(src, dst, replace=replace, add={"xl/sharedStrings.xml": sst.encode()})


# ---------------------------------------------------------------- compound files (.xls, encrypted)

_SECTOR = 512
_FREE, _END, _FATSECT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_MINI_CUTOFF = 4096


def _dir_entry(name: str, kind: int, start=_END, size=0, child=_NONE, right=_NONE) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, _NONE, right, child, bytes(16), 0, 0, 0, start, size
    )


def write_cfb(streams: dict) -> bytes:
    """A minimal compound file (version 3, 512-byte sectors) with up to 3 streams at its root.

    Streams are padded to the 4096-byte mini-stream cutoff so that they live in ordinary sectors.
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    assert len(names) <= 3
    fat, entries, data = [_FATSECT, _END], [], []
    for k, name in enumerate(names):
        payload = streams[name].ljust(_MINI_CUTOFF, b"\0")
        count = -(-len(payload) // _SECTOR)
        first = len(fat)
        fat += list(range(first + 1, first + count)) + [_END]
        data.append(payload.ljust(count * _SECTOR, b"\0"))
        right = k + 2 if k + 1 < len(names) else _NONE
        entries.append(_dir_entry(name, 2, first, len(payload), right=right))
    assert len(fat) <= _SECTOR // 4
    directory = b"".join([_dir_entry("Root Entry", 5, child=1)] + entries).ljust(_SECTOR, b"\0")
    fat_sector = struct.pack(f"<{_SECTOR // 4}I", *(fat + [_FREE] * (_SECTOR // 4 - len(fat))))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6),
        0, 1, 1, 0, _MINI_CUTOFF, _END, 0, _END, 0,
    )  # fmt: skip
    difat = struct.pack("<109I", 0, *([_FREE] * 108))
    return header + difat + fat_sector + directory + b"".join(data)


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _sheet_stream(rows: list[list], strings: list[str], last_row: int | None = None) -> bytes:
    cells = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                strings.append(value)
                cells.append(_record(0x00FD, struct.pack("<HHHI", r, c, 15, len(strings) - 1)))  # LABELSST
            elif value is not None:
                cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 15, float(value))))  # NUMBER
    width = max(len(r) for r in rows)
    last = len(rows) if last_row is None else last_row
    dimensions = _record(0x0200, struct.pack("<IIHHH", 0, last, 0, width, 0))
    return _bof(0x10) + dimensions + b"".join(cells) + _record(0x000A)


def biff8_workbook(sheet_name: str, rows: list[list], last_row: int | None = None) -> bytes:
    """The "Workbook" stream of an Excel 97–2003 file with one sheet (strings in the SST, UTF-16).
    `last_row` overrides the row count in the sheet's DIMENSIONS record (to write a damaged file)."""
    strings: list[str] = []
    sheet = _sheet_stream(rows, strings, last_row)
    sst = struct.pack("<II", len(strings), len(strings))
    sst += b"".join(struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings)
    xf = struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    name = struct.pack("<BB", len(sheet_name), 1) + sheet_name.encode("utf-16-le")

    def globals_(sheet_pos: int) -> bytes:
        parts = [_bof(0x05), _record(0x0042, struct.pack("<H", 1200))]  # BOF, CODEPAGE = UTF-16
        parts += [_record(0x00E0, xf)] * 16  # 15 style XFs + 1 cell XF
        parts += [_record(0x0085, struct.pack("<IBB", sheet_pos, 0, 0) + name), _record(0x00FC, sst), _record(0x000A)]
        return b"".join(parts)

    return globals_(len(globals_(0))) + sheet


# ---------------------------------------------------------------- builders


def not_excel_csv(d: Path) -> list[Path]:
    path = d / "指标表.xlsx"
    path.write_text("指标名称,单位,2023年实际值\n市场主体数量,万户,15.2\n", encoding="utf-8")
    return [path]


def not_excel_text(d: Path) -> list[Path]:
    path = d / "说明.xlsx"
    path.write_text("这是一份会议纪要，不是数据表。\n", encoding="gb18030")
    return [path]


def not_excel_binary(d: Path) -> list[Path]:
    path = d / "图片.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return [path]


def zip_not_workbook(d: Path) -> list[Path]:
    path = d / "报告.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return [path]


def truncated(d: Path) -> list[Path]:
    full = standard(d, "完整.xlsx").read_bytes()
    path = d / "截断.xlsx"
    path.write_bytes(full[: len(full) // 2])
    (d / "完整.xlsx").unlink()
    return [path]


def zero_bytes(d: Path) -> list[Path]:
    path = d / "空文件.xlsx"
    path.write_bytes(b"")
    return [path]


def empty_workbook(d: Path) -> list[Path]:
    return [write_xlsx(d / "空工作簿.xlsx", {"Sheet1": []})]


def encrypted(d: Path) -> list[Path]:
    path = d / "加密.xlsx"
    info = struct.pack("<HHI", 4, 4, 0x40) + bytes(200)  # "agile" encryption version 4.4
    path.write_bytes(write_cfb({"EncryptionInfo": info, "EncryptedPackage": bytes(5000)}))
    return [path]


def real_xls(d: Path) -> list[Path]:
    rows = [list(HEADER)] + [list(r) for r in ROWS if isinstance(r[4], (int, float))]
    path = d / "旧版.xls"
    path.write_bytes(write_cfb({"Workbook": biff8_workbook(SHEET, rows)}))
    return [path]


def xls_damaged_dimensions(d: Path) -> list[Path]:
    """A damaged .xls whose DIMENSIONS record claims 3 billion rows: the reader aborts on it."""
    rows = [list(HEADER)] + [list(r) for r in ROWS if isinstance(r[4], (int, float))]
    path = d / "损坏.xls"
    path.write_bytes(write_cfb({"Workbook": biff8_workbook(SHEET, rows, last_row=0xBA000004)}))
    return [path]


def stray_far_cell(d: Path) -> list[Path]:
    """A value typed into the very last cell of a sheet (XFD1048576) next to a normal table."""
    wb_path = d / "远处单元格.xlsx"
    write_xlsx(wb_path, {SHEET: table(), "备用": [["说明"]]})
    wb = load_workbook(wb_path)
    wb[SHEET]["XFD1048576"] = "x"
    wb.save(wb_path)
    return [wb_path]


def ole_not_workbook(d: Path) -> list[Path]:
    path = d / "旧文档.xls"
    path.write_bytes(write_cfb({"WordDocument": bytes(5000)}))
    return [path]


def no_header(d: Path) -> list[Path]:
    rows = [["会议纪要"], ["一、会议时间：2023年5月"], ["二、参会人员：略"], [None, "张三", "李四"]]
    return [write_xlsx(d / "纪要.xlsx", {"Sheet1": rows})]


def not_numbers(d: Path) -> list[Path]:
    return [standard(d, D5="约九成", E4="待定")]


def formula_no_value(d: Path) -> list[Path]:
    return [write_xlsx(d / "公式.xlsx", {SHEET: table()}, formulas={SHEET: {"D3": "=SUM(1,2)"}})]


def duplicate_sheets(d: Path) -> list[Path]:
    other = [list(HEADER), ["市场主体数量", "万户", "正向", 16.1, 18]]
    return [write_xlsx(d / "重复.xlsx", {SHEET: table(), "补充表": other})]


def duplicate_files(d: Path) -> list[Path]:
    title = ["景德镇市市场监管主要指标"]
    first = write_xlsx(d / "上报一.xlsx", {SHEET: [title] + table()})
    other = [title, list(HEADER), ["市场主体数量", "万户", "正向", 16.1, 18]]
    return [first, write_xlsx(d / "上报二.xlsx", {"汇总": other})]


def target_against_direction(d: Path) -> list[Path]:
    return [standard(d, E6="≥80")]


def year_typo(d: Path) -> list[Path]:
    rows = table()
    rows[0].append("20222年实际值")
    for row in rows[1:]:
        row.append(1)
    return [write_xlsx(d / "年份.xlsx", {SHEET: rows})]


def year_out_of_range(d: Path) -> list[Path]:
    rows = table()
    rows[0].append("1989年实际值")
    for row in rows[1:]:
        row.append(1)
    return [write_xlsx(d / "年份.xlsx", {SHEET: rows})]


def year_typo_only_year_column(d: Path) -> list[Path]:
    """The table's only value column has a malformed year: the header itself is what is wrong."""
    rows = [["指标名称", "单位", "20222年实际值"], ["市场主体数量", "万户", 15.2], ["食品抽验量", "批次/千人/年", 4.95]]
    return [write_xlsx(d / "年份.xlsx", {SHEET: rows})]


def missing_file(d: Path) -> list[Path]:
    return [d / "不存在.xlsx"]


def directory(d: Path) -> list[Path]:
    path = d / "文件夹.xlsx"
    path.mkdir()
    return [path]


def unreadable(d: Path) -> list[Path]:
    path = standard(d, "锁定.xlsx")
    path.chmod(0)
    return [path]


def zip_bomb(d: Path) -> list[Path]:
    """600 MB of zeros in one sheet part: about 2.7 MB on disk at the fastest compression level."""
    path = write_xlsx(d / "炸弹.xlsx", {SHEET: table()})
    bomb = d / "炸弹2.xlsx"
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new:
        for info in old.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                new.writestr(info.filename, old.read(info))
        with new.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(600):
                member.write(chunk)
    path.unlink()
    return [bomb.rename(path)]


def zip_bomb_many_parts(d: Path) -> list[Path]:
    """Many parts of 7 MB each: none is large enough for the ratio test, together they pass 512 MB."""
    path = d / "炸弹.xlsx"
    chunk = bytes(7 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for k in range(80):
            archive.writestr(f"xl/media/image{k}.bin", chunk)
    return [path]


def several_problems(d: Path) -> list[Path]:
    return [standard(d, D2="约九成", D4="待定", E6="≥80")]


def hidden_sheet(d: Path) -> list[Path]:
    sheets = {SHEET: table(), "旧数据": table(D2=99)}
    return [write_xlsx(d / "隐藏表.xlsx", sheets, hidden_sheets={"旧数据"})]


def no_unit(d: Path) -> list[Path]:
    return [standard(d, B3=None)]


def hidden_rows(d: Path) -> list[Path]:
    return [write_xlsx(d / "隐藏行.xlsx", {SHEET: table()}, hidden_rows={SHEET: [4]})]


def _csv(d: Path, name: str, encoding: str) -> list[Path]:
    lines = [",".join(HEADER)] + [",".join(str(v) for v in row) for row in ROWS]
    path = d / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return [path]


def csv_utf8(d: Path) -> list[Path]:
    return _csv(d, "指标_utf8.csv", "utf-8")


def csv_utf8_bom(d: Path) -> list[Path]:
    return _csv(d, "指标_bom.csv", "utf-8-sig")


def csv_gbk(d: Path) -> list[Path]:
    return _csv(d, "指标_gbk.csv", "gbk")


def csv_gb18030(d: Path) -> list[Path]:
    return _csv(d, "指标_gb18030.csv", "gb18030")


VBA_PROJECT = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"Module1\"\nSub Auto_Open()\nShell \"calc\"\nEnd Sub\n"
MACRO_CONTENT_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def xlsm_with_macro(d: Path) -> list[Path]:
    plain = standard(d, "原始.xlsx")
    with zipfile.ZipFile(plain) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    types = types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MACRO_CONTENT_TYPE)
    types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
        ' Target="vbaProject.bin"/></Relationships>',
    )
    path = rewrite_zip(
        plain,
        d / "宏.xlsm",
        replace={"[Content_Types].xml": types.encode(), "xl/_rels/workbook.xml.rels": rels.encode()},
        add={"xl/vbaProject.bin": VBA_PROJECT},
    )
    plain.unlink()
    return [path]


LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10 if k > 1 else "&lol;" * 10}">' for k in range(1, 10))
    + "]>\n"
)


def _with_entities(d: Path, part: str, name: str, inject: Callable[[str], str]) -> list[Path]:
    plain = with_shared_strings(standard(d, "原始.xlsx"), d / "共享.xlsx")
    with zipfile.ZipFile(plain) as archive:
        xml = archive.read(part).decode()
    changed = inject(xml)
    assert changed != xml
    path = rewrite_zip(plain, d / name, replace={part: changed.encode()})
    for leftover in ("原始.xlsx", "共享.xlsx"):
        (d / leftover).unlink()
    return [path]


def _strip_decl(xml: str) -> str:
    return xml.split("?>", 1)[1].lstrip() if xml.startswith("<?xml") else xml


def laughs_workbook(d: Path) -> list[Path]:
    inject = lambda xml: LAUGHS + _strip_decl(xml).replace(f'name="{SHEET}"', 'name="&lol9;"')  # noqa: E731
    return _with_entities(d, "xl/workbook.xml", "实体_工作簿.xlsx", inject)


def laughs_shared_strings(d: Path) -> list[Path]:
    inject = lambda xml: LAUGHS + _strip_decl(xml).replace("<t>市场主体数量</t>", "<t>&lol9;</t>")  # noqa: E731
    return _with_entities(d, "xl/sharedStrings.xml", "实体_共享字符串.xlsx", inject)


def laughs_sheet(d: Path) -> list[Path]:
    """The payload in a sheet part, which only the cell reader parses; an unused DTD is refused too."""
    inject = lambda xml: LAUGHS + _strip_decl(xml)  # noqa: E731
    return _with_entities(d, "xl/worksheets/sheet1.xml", "实体_工作表.xlsx", inject)


def external_entity(d: Path) -> list[Path]:
    doctype = '<?xml version="1.0"?>\n<!-- exported -->\n<!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    inject = lambda xml: doctype + _strip_decl(xml).replace("<t>市场主体数量</t>", "<t>&xxe;</t>")  # noqa: E731
    return _with_entities(d, "xl/sharedStrings.xml", "外部实体.xlsx", inject)


def shared_strings_ok(d: Path) -> list[Path]:
    """Control case: the same workbook with shared strings and no DTD reads normally."""
    path = with_shared_strings(standard(d, "原始.xlsx"), d / "共享字符串.xlsx")
    (d / "原始.xlsx").unlink()
    return [path]


def corrupt_member(d: Path) -> list[Path]:
    """The zip directory is intact but a sheet's compressed bytes are damaged (a bad download)."""
    plain = standard(d, "原始.xlsx")
    data = bytearray(plain.read_bytes())
    with zipfile.ZipFile(plain) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 10, start + min(info.compress_size, 200) - 10):
        data[k] ^= 0x5A
    path = d / "损坏.xlsx"
    path.write_bytes(bytes(data))
    plain.unlink()
    return [path]


def html_fake_xls(d: Path) -> list[Path]:
    path = d / "系统导出.xls"
    cells = "".join(f"<td>{escape(str(v))}</td>" for v in HEADER)
    path.write_text(f"<html><head><meta charset='utf-8'></head><body><table><tr>{cells}</tr></table></body></html>", "utf-8")
    return [path]


def utf16_text_renamed(d: Path) -> list[Path]:
    path = d / "导出.xlsx"
    path.write_bytes("\t".join(HEADER).encode("utf-16"))
    return [path]


def csv_utf16_tabs(d: Path) -> list[Path]:
    """Excel's "Unicode 文本" export: UTF-16 with a BOM, tab-separated, saved as .txt."""
    lines = ["\t".join(HEADER)] + ["\t".join(str(v) for v in row) for row in ROWS]
    path = d / "Unicode文本.txt"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    return [path]


def csv_with_nul(d: Path) -> list[Path]:
    path = d / "乱码.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\r\n\x00\x00\x00,1,2\r\n")
    return [path]


def csv_huge_field(d: Path) -> list[Path]:
    path = d / "超长.csv"
    path.write_text(",".join(HEADER) + '\r\n"' + "很长" * 100_000 + '",万户,正向,1,2\r\n', "utf-8")
    return [path]


def unknown_direction(d: Path) -> list[Path]:
    return [standard(d, C3="向上")]


def estimates_and_two_numbers(d: Path) -> list[Path]:
    """Texts that hold a number but not a value: an estimate, and two numbers in one cell."""
    return [standard(d, D2="15万余", D3="4.95 5", D4="97左右")]


def government_layout(d: Path) -> list[Path]:
    """Title rows, a two-row merged header, full-width digits, "—" markers, names broken over lines."""
    rows = [
        ["景德镇市市场监督管理局“十四五”规划主要指标中期进展情况表"] + [None] * 6,
        ["填报单位：规划科    数据时点：2023年"] + [None] * 6,
        ["序号", "指标名称", "单位", "指标值", None, None, "备注"],
        [None, None, None, "基期(2020年)", "2023年\n实际值", "规划目标\n(2025年)", None],
        ["一、优化营商环境"] + [None] * 6,
        ["1", " 市场主体\n数量 ", "万户", "—", "１５.２", "—", None],
        ["2", "企业开办“一日办结”率", " % ", "——", "９９％", "≥９５", "始终保持全省第1"],
        ["二、市场安全监管"] + [None] * 6,
        ["3", "食品监督抽查　合格率", "%", 96.5, 97.4, "不低于98", None],
        ["4", "特种设备万台死亡率", "人/万台", "0.3", "０", "≤０.３", "暂无"],
        ["5", "食品抽验量", "批次/千人/年", None, "4.95", "暂无", None],
        ["注：“—”表示无此项数据。"] + [None] * 6,
    ]
    merges = ["A1:G1", "A2:G2", "A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4", "A5:G5", "A8:G8", "A12:G12"]
    return [write_xlsx(d / "政府版式.xlsx", {"表1": rows}, merges={"表1": merges})]


# ---------------------------------------------------------------- the corpus


@dataclass
class Case:
    """One corpus case. `expect` must all appear in the output; `places` are "sheet › cell" pairs
    that must appear on error lines; `errors` is the number of errors listed, when it matters."""

    name: str
    build: Callable[[Path], list[Path]]
    code: int
    expect: list[str] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)
    errors: int | None = None
    absent: list[str] = field(default_factory=list)
    xfail: str = ""  # a known gap outside this suite's files, with the change it needs


CASES = [
    Case("csv_renamed_xlsx", not_excel_csv, 1, ["不是 Excel 文件", "CSV 或文本文件"]),
    Case("text_renamed_xlsx", not_excel_text, 1, ["不是 Excel 文件"]),
    Case("binary_renamed_xlsx", not_excel_binary, 1, ["不是 Excel 文件", "未知格式"]),
    Case("zip_but_not_workbook", zip_not_workbook, 1, ["没有 Excel 工作簿内容"]),
    Case("truncated_xlsx", truncated, 1, ["损坏"]),
    Case("zero_bytes", zero_bytes, 1, ["0 字节"]),
    Case("empty_workbook", empty_workbook, 1, ["工作簿是空的"]),
    Case("password_protected", encrypted, 1, ["密码"]),
    Case("xls_damaged_dimensions", xls_damaged_dimensions, 1, ["文件已损坏", "异常终止"]),
    Case("stray_far_cell", stray_far_cell, 1, ["数据区域过大", "Ctrl+End"], [(SHEET, "XFD1048576")]),
    Case("ole_not_workbook", ole_not_workbook, 1, ["旧版 Office 文件", "没有 Excel 工作簿"]),
    Case("no_header", no_header, 1, ["找不到指标表的表头"]),
    Case("not_numbers", not_numbers, 1, ["约九成", "待定"], [(SHEET, "D5"), (SHEET, "E4")], errors=2),
    Case("formula_without_value", formula_no_value, 1, ["公式没有保存计算结果"], [(SHEET, "D3")], errors=1),
    Case("duplicate_two_sheets", duplicate_sheets, 1, ["不同的数值", "15.2", "16.1", f"{SHEET} › D2", "补充表 › D2"]),
    Case("duplicate_two_files", duplicate_files, 1, ["不同的数值", "上报一.xlsx › 主要指标 › D3", "上报二.xlsx › 汇总 › D3"]),
    Case("target_against_direction", target_against_direction, 1, ["矛盾", "越低越好"], [(SHEET, "E6")], errors=1),
    Case("year_typo", year_typo, 1, ["20222年实际值", "年份无法识别"], [(SHEET, "F1")], errors=1),
    Case("year_out_of_range", year_out_of_range, 1, ["1989年实际值", "1990–2050"], [(SHEET, "F1")], errors=1),
    Case(
        "year_typo_only_year_column",
        year_typo_only_year_column,
        1,
        ["20222年实际值", "年份无法识别"],
        [(SHEET, "C1")],
        errors=1,
    ),
    Case("missing_file", missing_file, 1, ["文件不存在"]),
    Case("directory", directory, 1, ["文件夹"]),
    Case("unreadable_file", unreadable, 1, ["没有权限"]),
    Case("zip_bomb_ratio", zip_bomb, 1, ["压缩炸弹", "已拒绝解压"]),
    Case("zip_bomb_total_size", zip_bomb_many_parts, 1, ["体积过大", "已拒绝解压"]),
    Case("several_problems", several_problems, 1, ["约九成", "待定", "矛盾"], [(SHEET, "D2"), (SHEET, "D4"), (SHEET, "E6")], errors=3),
    Case("old_xls", real_xls, 0, ["旧版 .xls", "校验通过", "3 个指标"]),
    Case("hidden_sheet", hidden_sheet, 0, ["隐藏的工作表", "旧数据", "校验通过", "5 个指标"]),
    Case("no_unit", no_unit, 0, ["没有单位", "食品抽验量", "校验通过"]),
    Case("hidden_rows", hidden_rows, 0, ["1 个隐藏行", "第 4 行", "已照常读取", "5 个指标", "校验通过"]),
    Case("csv_utf8", csv_utf8, 0, ["编码识别为 UTF-8", "5 个指标", "校验通过"], absent=["BOM"]),
    Case("csv_utf8_bom", csv_utf8_bom, 0, ["编码识别为 UTF-8（带BOM）", "5 个指标", "校验通过"]),
    Case("csv_gbk", csv_gbk, 0, ["编码识别为 GB18030/GBK", "5 个指标", "校验通过"]),
    Case("csv_gb18030", csv_gb18030, 0, ["编码识别为 GB18030/GBK", "5 个指标", "校验通过"]),
    Case("xlsm_with_macro", xlsm_with_macro, 0, ["宏", "未运行", "5 个指标", "校验通过"]),
    Case("billion_laughs_workbook", laughs_workbook, 1, ["不安全", "实体"]),
    Case("billion_laughs_shared_strings", laughs_shared_strings, 1, ["不安全", "实体"]),
    Case("billion_laughs_sheet", laughs_sheet, 1, ["不安全", "实体"]),
    Case("external_entity", external_entity, 1, ["不安全", "实体"], absent=["root:"]),
    Case("shared_strings_control", shared_strings_ok, 0, ["5 个指标", "校验通过"]),
    Case("corrupt_zip_member", corrupt_member, 1, ["损坏"]),
    Case("html_fake_xls", html_fake_xls, 1, ["不是 Excel 文件", "HTML"]),
    Case("utf16_text_renamed_xlsx", utf16_text_renamed, 1, ["不是 Excel 文件", "UTF-16"]),
    Case("csv_utf16_tabs", csv_utf16_tabs, 0, ["编码识别为 UTF-16", "5 个指标", "校验通过"]),
    Case("csv_with_nul", csv_with_nul, 1, ["空字符"]),
    Case("csv_huge_field", csv_huge_field, 1, ["CSV 文件格式错误"]),
    Case("unknown_direction", unknown_direction, 1, ["向上", "无法识别"], [(SHEET, "C3")], errors=1),
    Case("estimates_and_two_numbers", estimates_and_two_numbers, 1, ["15万余", "4.95 5", "97左右"], [(SHEET, "D2"), (SHEET, "D3"), (SHEET, "D4")], errors=3),
    Case("government_layout", government_layout, 0, ["5 个指标", "景德镇市", "校验通过"], absent=["错误"]),
]


# ---------------------------------------------------------------- safety cases (issue 7)
# Native crashes, hangs and memory: files of a few KB that made the cell reader abort (SIGABRT,
# "memory allocation of 549755813888 bytes failed") or a scan run for hours, and text that acts on
# the terminal. Each is built by rewriting the sheet XML of the standard workbook.

SHEET_PART = "xl/worksheets/sheet1.xml"


def _sheet_variant(d: Path, name: str, change: Callable[[str], str]) -> list[Path]:
    src = standard(d, name="原始.xlsx")
    with zipfile.ZipFile(src) as archive:
        xml = archive.read(SHEET_PART).decode("utf-8")
    path = rewrite_zip(src, d / name, replace={SHEET_PART: change(xml).encode("utf-8")})
    src.unlink()
    return [path]


FAR_ROW = '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'


def small_dimension_far_cell(d: Path) -> list[Path]:
    """The sheet states <dimension ref="A1:E6"/> but holds a value in XFD1048576."""
    return _sheet_variant(d, "尺寸不实.xlsx", lambda x: x.replace("</sheetData>", FAR_ROW + "</sheetData>"))


def far_cell_first_no_dimension(d: Path) -> list[Path]:
    """No <dimension>, and the far cell comes first in the sheet."""
    return _sheet_variant(
        d, "远处在前.xlsx", lambda x: re.sub(r"<dimension[^>]*/>", "", x).replace("<sheetData>", "<sheetData>" + FAR_ROW)
    )


def cells_without_reference(d: Path) -> list[Path]:
    """Cells without r="…" (allowed: they take the next column), and a last row of 20 of them."""
    far = '<row r="1048576">' + '<c t="n"><v>1</v></c>' * 20 + "</row>"
    return _sheet_variant(
        d, "无引用.xlsx", lambda x: re.sub(r'<c r="[A-Z]+\d+"', "<c", x).replace("</sheetData>", far + "</sheetData>")
    )


def shared_strings_huge_count(d: Path) -> list[Path]:
    """The shared-string table claims four billion strings."""
    src = with_shared_strings(standard(d, "原始.xlsx"), d / "共享.xlsx")
    with zipfile.ZipFile(src) as archive:
        sst = archive.read("xl/sharedStrings.xml").decode("utf-8")
    sst = re.sub(r'(<sst[^>]*?)\s*count="\d+"', r"\1", sst).replace("<sst ", '<sst count="4000000000" ', 1)
    path = rewrite_zip(src, d / "字符串数.xlsx", replace={"xl/sharedStrings.xml": sst.encode("utf-8")})
    (d / "原始.xlsx").unlink()
    src.unlink()
    return [path]


def many_sparse_sheets(d: Path) -> list[Path]:
    """100 sheets, each a value in A1 and one in ALL9900 (9.9 million cells apiece, a few KB on disk)."""
    sheets = {SHEET: table(), **{f"稀疏{i:03d}": [["x"]] for i in range(100)}}
    path = write_xlsx(d / "稀疏.xlsx", sheets)
    wb = load_workbook(path)
    for i in range(100):
        wb[f"稀疏{i:03d}"]["ALL9900"] = 1
    wb.save(path)
    return [path]


def attribute_full_of_cell_tags(d: Path) -> list[Path]:
    """An attribute holding thousands of raw "<c " (17 KB): a backtracking scan took hours on it."""
    junk = "<c " * 5000
    return _sheet_variant(d, "标签.xlsx", lambda x: x.replace('<c r="A2"', f'<c x="{junk}" r="A2"', 1).replace(
        "</sheetData>", '<row r="9"><c r="A9"><f>SUM(1,2)</f></c></row></sheetData>'
    ))


def no_styles_part(d: Path) -> list[Path]:
    """A workbook whose xl/styles.xml is missing while cells still refer to a percentage style."""
    src = d / "原始.xlsx"
    write_xlsx(src, {SHEET: table(D4=0.974)})
    wb = load_workbook(src)
    wb[SHEET]["D4"].number_format = "0.0%"
    wb.save(src)
    path = d / "无样式.xlsx"
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == "xl/styles.xml":
                continue
            data = old.read(info)
            if info.filename in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
                data = re.sub(rb"<(Override|Relationship)[^>]*styles[^>]*/>", b"", data)
            new.writestr(info.filename, data)
    src.unlink()
    return [path]


def terminal_control_text(d: Path) -> list[Path]:
    """A value cell that clears the screen and prints a fake verdict; a name with a right-to-left override."""
    fake = "\x1b[2J\x1b[H校验通过。\x07"
    return _sheet_variant(
        d, "控制字符.xlsx", lambda x: x.replace(">4.95<", ">0<").replace('<c r="D3" t="n"><v>0</v></c>', f'<c r="D3" t="inlineStr"><is><t>{fake}</t></is></c>').replace("抽查合格率", "\u202e抽查合格率")
    )


def path_too_long(d: Path) -> list[Path]:
    """A path of 5,000 bytes (PATH_MAX is 4,096): the operating system refuses it."""
    return [d / "/".join(["长" * 60] * 28) / "x.xlsx"]


def csv_semicolons(d: Path) -> list[Path]:
    path = d / "分号.csv"
    path.write_text("\n".join(";".join(map(str, r)) for r in table()) + "\n", encoding="utf-8")
    return [path]


def csv_big5(d: Path) -> list[Path]:
    path = d / "繁體.csv"
    rows = [["指標名稱", "單位", "指標方向", "2023年實際值", "規劃目標(2025年)"], ["市場主體數量", "萬戶", "正向", 15.2, 18]]
    path.write_bytes(("\n".join(",".join(map(str, r)) for r in rows) + "\n").encode("big5"))
    return [path]


def csv_cr_only(d: Path) -> list[Path]:
    """Line endings of classic Mac OS (CR only)."""
    path = d / "旧换行.csv"
    path.write_bytes(("\r".join(",".join(map(str, r)) for r in table()) + "\r").encode("utf-8"))
    return [path]


def csv_unterminated_quote(d: Path) -> list[Path]:
    rows = [",".join(map(str, r)) for r in table()]
    rows[3] = rows[3].replace("食品监督抽查合格率", '"食品监督抽查合格率')
    path = d / "引号.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return [path]


SAFETY_CASES = [
    Case("small_dimension_far_cell", small_dimension_far_cell, 1, ["数据区域过大"], [(SHEET, "XFD1048576")]),
    Case("far_cell_first_no_dimension", far_cell_first_no_dimension, 1, ["数据区域过大"], [(SHEET, "XFD1048576")]),
    Case("cells_without_reference", cells_without_reference, 1, ["数据区域过大", "T1048576"], [(SHEET, "A1048576")]),
    Case("shared_strings_huge_count", shared_strings_huge_count, 1, ["共享字符串表", "4,000,000,000"]),
    Case("many_sparse_sheets", many_sparse_sheets, 1, ["合计过大", "20,000,000"]),
    Case("attribute_full_of_cell_tags", attribute_full_of_cell_tags, 1, []),
    Case("no_styles_part", no_styles_part, 0, ["缺少样式部分", f"工作表“{SHEET}”", "校验通过"]),
    Case("terminal_control_text", terminal_control_text, 1, ["控制字符", "单元格 D3"], [(SHEET, "D3")], absent=["\x1b", "\x07", "\u202e"]),
    Case("path_too_long", path_too_long, 1, ["路径过长"]),
    Case("csv_semicolons", csv_semicolons, 0, ["分号", "5 个指标", "校验通过"]),
    Case("csv_big5", csv_big5, 1, ["编码识别为 Big5"]),
    Case("csv_cr_only", csv_cr_only, 0, ["换行", "5 个指标"]),
    Case("csv_unterminated_quote", csv_unterminated_quote, 1, ["引号", "第 4 行"]),
]
CASES += SAFETY_CASES
