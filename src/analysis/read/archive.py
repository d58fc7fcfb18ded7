"""The workbook as a zip: limits checked before unpacking, the parts the reader reads, and their canonical form.

`refuse_archive` judges the zip before anything is unpacked (bomb, password, DTD, duplicate members);
`Parts` holds the XML parts calamine will read and replaces any part not in the one form the byte
scans vouch for (see xmlform) by its canonical rewrite, so that scans and reader read the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from defusedxml import ElementTree as SafeET

from analysis.read.xmlform import READER_ERRORS, FormError, Rewritten, form_problem, hidden_markup, rewrite, string_count, value_problem
from analysis.rules.problems import Problem

# …and the workbook as a whole: 100 sparse sheets just under the sheet limit would still take 9 GiB.
MAX_WORKBOOK_CELLS = 20_000_000
# Refuse a workbook that unpacks to more than this (a "zip bomb" claims little and unpacks to a lot).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
# …or whose parts unpack to more than this many times their packed size (real sheets: 5–30×).
MAX_COMPRESSION_RATIO = 200
# Ratios are only judged on parts large enough to matter.
RATIO_MIN_BYTES = 8 * 1024 * 1024
# An XML part whose prolog (before the root element) is longer than this is refused unread.
MAX_PROLOG_BYTES = 1024 * 1024
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN_PERCENT_FORMATS = {9, 10}



UNSAFE_XML = (
    "工作簿中含有不安全的 XML 实体声明（DTD，可能是“实体膨胀”或外部实体攻击），已拒绝解析",
    "由 Excel 等软件保存的普通 .xlsx 文件（不含实体声明）",
    "不要打开来源不明的文件；确认来源可信后，在 Excel 中打开并另存为新的 .xlsx",
)
def refuse_archive(archive: zipfile.ZipFile) -> tuple | None:
    """Why a zip must not be unpacked (bomb, not a workbook, password, DTD), judged before reading it."""
    bomb = _zip_bomb_reason(archive)
    if bomb:
        return bomb, f"解压后不超过 {MAX_UNPACKED_BYTES // 2**20} MB 的工作簿", "确认文件来源可信；真实的指标表远小于此"
    infos = archive.infolist()
    twin = _duplicate([info.filename for info in infos])
    if twin:
        return (
            f"压缩包中同一个部件“{twin}”出现了不止一次（不同软件会读到不同的一份）",
            "每个部件只出现一次的 .xlsx 文件",
            "在 Excel 中打开并另存为新的 .xlsx；如打不开，请让发送方重新导出",
        )
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        return (
            "压缩包里没有 Excel 工作簿内容（可能是 Word/其他 Office 文件或普通 zip）",
            "Excel 工作簿（.xlsx）",
            "确认发来的是 Excel 文件；如是其他文件改了扩展名，请向发送方索取 Excel 版本",
        )
    if any(info.flag_bits & 0x1 for info in infos):
        return "压缩包中的内容设有密码", "未加密的 Excel 工作簿", "请发送方提供未加密的 .xlsx 文件"
    if any(declares_dtd(archive, info) for info in infos if info.filename.lower().endswith((".xml", ".rels", ".vml"))):
        return UNSAFE_XML
    return None


_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)


def declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True when an XML part declares a DTD before its root element. Office never writes one, and
    entity declarations are how "billion laughs" and external-entity attacks work."""
    head = b""
    with archive.open(info) as part:
        while True:
            chunk = part.read(16384)
            head += chunk
            verdict = _prolog_verdict(_as_utf8(head), at_end=not chunk)
            if verdict is not None:
                return verdict
            if len(head) > MAX_PROLOG_BYTES:
                return True


def _prolog_verdict(text: bytes, at_end: bool) -> bool | None:
    """DTD found (True), root element reached without one (False), or undecided yet (None)."""
    pos = 3 if text.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG_ITEM.match(text, pos):
        pos = match.end()
    rest = text[pos : pos + 9]
    if rest.upper().startswith(b"<!DOCTYPE"):
        return True
    if at_end:
        return False
    if len(rest) < 9 or rest.startswith((b"<?", b"<!--")):
        return None
    return False


def _as_utf8(head: bytes) -> bytes:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="ignore").encode("utf-8")
    return head


@dataclass
class Meta:
    parts: dict  # sheet name → zip part
    names: list  # every sheet name, in order (duplicates kept)
    hidden: set
    percent_styles: set
    has_styles: bool = True


# The cell reader reserves room for as many shared strings as the file claims: a claimed count of four
# billion aborts the process. Real workbooks: the count of <si> items in the part, give or take.
def shared_strings_refusal(data: bytes) -> tuple | None:
    """Why the shared strings (canonical bytes) must not reach the reader: a claimed count far above the items."""
    root = re.search(rb"<sst\b[^>]{0,4096}>", data[:8192])
    head = root.group(0) if root else b""
    items = string_count(data)
    for name in (b"count", b"uniqueCount"):
        claimed = re.search(rb"\s" + name + rb"""\s*=\s*["'](\d{1,20})["']""", head)
        if claimed and int(claimed.group(1)) > max(items, 1) * 64 + MAX_WORKBOOK_CELLS // 10:
            return (
                f"共享字符串表声明了 {int(claimed.group(1)):,} 个字符串，实际只有 {items:,} 个（文件已损坏或被改动）",
                "声明数与实际字符串数一致的 .xlsx 文件",
                "在 Excel 中打开并另存为新的 .xlsx；如打不开，请让发送方重新导出",
            )
    return None


def read_workbook_meta(archive: zipfile.ZipFile) -> Meta:
    book = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        for rel in SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels")):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            rels[rel.get("Id")] = os.path.normpath(part).replace(os.sep, "/")
    parts, hidden, names = {}, set(), []
    for sheet in book.iterfind("m:sheets/m:sheet", NS):
        name = sheet.get("name")
        names.append(name)
        parts[name] = rels.get(sheet.get(REL_NS), "")
        if sheet.get("state") in ("hidden", "veryHidden"):
            hidden.add(name)
    has_styles = "xl/styles.xml" in archive.namelist()
    styles = archive.read("xl/styles.xml") if has_styles else b""
    return Meta(parts, names, hidden, percent_style_ids(styles), has_styles)


def percent_style_ids(styles_xml: bytes) -> set[int]:
    """Indexes of cell styles whose number format shows a percentage."""
    if not styles_xml:
        return set()
    root = SafeET.fromstring(styles_xml)
    percent_formats = set(BUILTIN_PERCENT_FORMATS)
    for fmt in root.iterfind("m:numFmts/m:numFmt", NS):
        code = re.sub(r'"[^"]*"|\\.', "", fmt.get("formatCode", ""))  # a quoted "%" is literal text
        if "%" in code:
            percent_formats.add(int(fmt.get("numFmtId")))
    xfs = root.find("m:cellXfs", NS)
    if xfs is None:
        return set()
    return {i for i, xf in enumerate(xfs) if int(xf.get("numFmtId", 0)) in percent_formats}


def _zip_bomb_reason(archive: zipfile.ZipFile) -> str:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            return f"压缩比异常（{info.filename} 压缩后 {info.compress_size} 字节，声称解压后 {info.file_size} 字节），疑似“压缩炸弹”，已拒绝解压"
    if total > MAX_UNPACKED_BYTES:
        return f"解压后体积过大（{total // 2**20} MB），已拒绝解压"
    return ""




def _duplicate(names: list[str]) -> str:
    """The first name that occurs twice, ignoring case (Excel does), or ""."""
    seen = set()
    for name in names:
        if name.casefold() in seen:
            return name
        seen.add(name.casefold())
    return ""


def duplicate_sheet(names: list[str]) -> str:
    return _duplicate([n or "" for n in names])


class Refused(Exception):
    """A workbook that cannot be read right: the sentence for the analyst, with the sheet and cell."""

    def __init__(self, found: str, expected: str, fix: str, sheet: str = "", cell: str = ""):
        super().__init__(found)
        self.fields = (found, expected, fix, sheet, cell)

    def problem(self, file: str) -> Problem:
        return Problem("error", file, *self.fields)


NEW_ERRORS = "含较新版本 Excel 的错误值，如 #SPILL!"
RESAVE = "在 Excel 中打开并另存为新的 .xlsx；如打不开，请让发送方重新导出"
_OTHER_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml")


@dataclass
class Parts:
    """The XML parts the reader reads, as bytes, each in the canonical form once make_canonical has run."""

    sheets: dict  # sheet name → bytes
    members: dict  # sheet name → zip member
    others: dict  # zip member → bytes: workbook, its relationships, styles, shared strings
    strings_member: str | None
    has_macros: bool
    replaced: set = field(default_factory=set)  # members rewritten
    found: dict = field(default_factory=dict)  # sheet → Rewritten
    reasons: dict = field(default_factory=dict)  # sheet or member → why it was rewritten
    strings_total: int = 0
    new_errors: dict = field(default_factory=dict)  # sheet → {(row, col): "#SPILL!"} found by the scan

    @classmethod
    def load(cls, archive: zipfile.ZipFile, sheet_members: dict) -> "Parts":
        names = archive.namelist()
        present = set(names)
        strings = next((n for n in names if n.lower() == "xl/sharedstrings.xml"), None)
        others = {m: archive.read(m) for m in names if m in _OTHER_PARTS or m == strings}
        sheets = {n: archive.read(m) for n, m in sheet_members.items() if m in present}
        macros = any(n.lower().endswith("vbaproject.bin") for n in names)
        return cls(sheets, {n: sheet_members[n] for n in sheets}, others, strings, macros)

    @property
    def strings(self) -> bytes | None:
        return self.others.get(self.strings_member) if self.strings_member else None

    def make_canonical(self) -> None:
        """Rewrite every non-sheet part not in the canonical form (sheets are judged with their cell scan)."""
        for member, data in self.others.items():
            why = form_problem(data) or hidden_markup(data)
            if why:
                try:
                    self.others[member] = rewrite(data).data
                except FormError as exc:
                    raise Refused(f"工作簿的部件 {member} 无法读取（{exc}）", "由 Excel/WPS 保存的 .xlsx 文件", RESAVE) from None
                self.replaced.add(member)
                self.reasons[member] = why
        if self.strings is not None:
            refusal = shared_strings_refusal(self.strings)
            if refusal:
                raise Refused(*refusal)
            self.strings_total = string_count(self.strings)

    def rewrite_sheet(self, sheet: str, why: str) -> None:
        """The sheet in the canonical form, or Refused naming the sheet (and the cell) when it cannot be read right."""
        if why == NEW_ERRORS and self._patch_errors(sheet):
            return
        try:
            done = rewrite(self.sheets[sheet], self.strings_total)
        except FormError as exc:
            raise Refused(f"工作表的 XML 无法读取（{exc}）", "由 Excel/WPS 保存的 .xlsx 文件", RESAVE, sheet) from None
        if done.bad_strings:
            cell, index = done.bad_strings[0]
            more = f"，共 {len(done.bad_strings)} 个单元格如此" if len(done.bad_strings) > 1 else ""
            raise Refused(
                f"单元格引用的共享字符串序号“{index[:20]}”不存在（共享字符串表共 {self.strings_total} 项{more}），文件已损坏或被改动",
                "引用存在的共享字符串的 .xlsx 文件", RESAVE, sheet, cell,
            )
        self.sheets[sheet] = done.data
        self.replaced.add(self.members[sheet])
        self.found[sheet] = done
        self.reasons[sheet] = why

    def _patch_errors(self, sheet: str) -> bool:
        """A canonical sheet whose only oddity is a newer error value: each `<v>#SPILL!</v>` becomes `<v>#N/A</v>`
        (an error the reader knows; it reads as empty) and the true error is kept aside. Only when every such
        value in the XML is one of the error cells the scan found (never a text that reads "#SPILL!")."""
        errors = self.new_errors.get(sheet, {})
        data = self.sheets[sheet]
        for value in set(errors.values()):
            spelled = b"<v>%s</v>" % value.encode()
            if value == "#错误" or data.count(spelled) != sum(v == value for v in errors.values()):
                return False
            data = data.replace(spelled, b"<v>#N/A</v>")
        self.sheets[sheet] = data
        self.replaced.add(self.members[sheet])
        self.found[sheet] = Rewritten(data, errors=dict(errors))  # no note: the loader names each error cell
        return True

    def value_problem(self, sheet: str, error_cells: dict) -> str:
        """Why the reader's values of this sheet may differ from its XML ("" for a rewritten sheet or none)."""
        if sheet in self.found:
            return ""
        why = value_problem(self.sheets[sheet], self.strings_total)
        if not why and any(v not in READER_ERRORS for v in error_cells.values()):
            why = NEW_ERRORS
            self.new_errors[sheet] = {k: v for k, v in error_cells.items() if v not in READER_ERRORS}
        return why

    def errors(self, sheet: str) -> dict:
        """Cached errors the reader does not know, kept aside by the rewrite: {(row, col): "#SPILL!"}."""
        done: Rewritten | None = self.found.get(sheet)
        return dict(done.errors) if done else {}

    def notes(self, file: str) -> list[Problem]:
        """One note per rewritten part: every reading the loader chooses is shown."""
        notes = []
        for key, why in self.reasons.items():
            where = {"sheet": key} if key in self.sheets else {}
            part = "" if where else f"部件 {key} 的"
            notes.append(Problem("note", file, f"{part}XML 不是 Excel 的常见写法（{why}），已完整解析后按标准写法读取", **where))
        return notes

    def source(self, path) -> "str | io.BytesIO":
        """What the reader reads: the file itself, or (when a part was rewritten) the same zip, uncompressed,
        with the rewritten parts in place."""
        if not self.replaced:
            return str(path)
        by_member = {**self.others, **{self.members[s]: d for s, d in self.sheets.items()}}
        buffer = io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as dst:
            for info in src.infolist():
                data = by_member[info.filename] if info.filename in self.replaced else src.read(info)
                dst.writestr(info.filename, data)
        buffer.seek(0)
        return buffer
