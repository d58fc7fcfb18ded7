"""Linear byte and array scans of a sheet's XML: where the cells are, which are percentages, errors, hidden rows.

The XML is untrusted: every scan here is linear in its length. Tag starts are found with a fixed
pattern, each tag's end with bytes.find, and the scan always moves past what it has looked at, so
no text is examined twice (a backtracking pattern over `<c <c <c …` without a `>` takes hours).
The scans rely on the canonical form that xmlform checks (and rewrites other forms into).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from analysis.read.xmlform import has_pair as _has_pair
from analysis.rules.problems import cell_name


# The cell reader allocates the whole rectangle from the first to the last cell holding a value: one
# stray value in XFD1048576 asks for 17 billion cells and aborts the process. Refuse such sheets.
MAX_SHEET_CELLS = 10_000_000
_TAG_START = re.compile(rb"<(row|c)(?=[\s/>])")
_ATTR_R = re.compile(rb'(?:^|\s)r\s*=\s*"([^"]{0,20})"')
_ATTR_S = re.compile(rb'(?:^|\s)s\s*=\s*"(\d{1,9})"')
_ATTR_HIDDEN = re.compile(rb'(?:^|\s)hidden\s*=\s*"(?:1|true)"')
_REF = re.compile(rb"([A-Z]{1,3})(\d{1,7})")
_HAS_VALUE = re.compile(rb"<v>\s*[^<\s]|<is>|<v\s[^>]{0,200}>\s*[^<\s]")
MAX_TAG_BYTES = 64 * 1024  # a cell or row tag longer than this is damage, not data


@dataclass
class _CellTag:
    row: int  # 0-based
    col: int  # 0-based
    attrs: bytes
    content: bytes | None  # between <c …> and </c>; None for <c …/>


def _scan_tags(sheet_xml: bytes):
    """Yield ("row", row0, attrs) and ("c", _CellTag) in document order; cells without r= take the
    next column of their row (as Excel and the cell reader do), rows without r= the next row."""
    pos, row, col, end_all = 0, -1, -1, len(sheet_xml)
    find = sheet_xml.find
    while match := _TAG_START.search(sheet_xml, pos):
        start = match.end()
        end = find(b">", start, start + MAX_TAG_BYTES)
        if end < 0:
            pos = start
            continue
        attrs = sheet_xml[start:end]
        closed = attrs.endswith(b"/")
        pos = end + 1
        ref = _ATTR_R.search(attrs)
        if match.group(1) == b"row":
            row = int(ref.group(1)) - 1 if ref and ref.group(1).isdigit() else row + 1
            col = -1
            yield "row", row, attrs
            continue
        cell = _REF.fullmatch(ref.group(1)) if ref else None
        if cell:
            col, row = _column_index(cell.group(1)), int(cell.group(2)) - 1
        else:
            col += 1
        content = None
        if not closed:
            close = find(b"</c>", pos, min(end_all, pos + 4 * MAX_TAG_BYTES))
            if close >= 0:
                content = sheet_xml[pos:close]
                pos = close + 4
            else:
                content = b""
        yield "c", _CellTag(max(row, 0), col, attrs, content)


def _holds_value(cell: _CellTag) -> bool:
    return cell.content is not None and _HAS_VALUE.search(cell.content) is not None


def _sheet_extent(sheet_xml: bytes) -> tuple[int, list[str]]:
    """(cells in the rectangle spanned by the cells holding a value, the farthest of them)."""
    top = left = bottom = right = None
    far_row = far_col = None
    for kind, *item in _scan_tags(sheet_xml):
        if kind != "c" or not _holds_value(item[0]):
            continue
        cell = item[0]
        if top is None:
            top = bottom = cell.row
            left = right = cell.col
            far_row = far_col = cell
            continue
        top, left = min(top, cell.row), min(left, cell.col)
        if cell.row > bottom:
            bottom, far_row = cell.row, cell
        if cell.col > right:
            right, far_col = cell.col, cell
    if top is None:
        return 0, []
    far = [cell_name(far_row.row, far_row.col), cell_name(far_col.row, far_col.col)]
    return (bottom - top + 1) * (right - left + 1), list(dict.fromkeys(far))


def _quick_area(sheet_xml: bytes, refs: "_CellRefs | None | bool" = False) -> int | None:
    """The rectangle from A1 to the farthest cell reference, counted without a Python loop when every
    cell tag starts with its own r="…" (Excel, WPS, openpyxl, LibreOffice); None when some do not."""
    if refs is False:
        refs = _CellRefs.of(sheet_xml)
    if refs is None:
        return None
    if not len(refs):
        return 0
    return (refs.max_row() + 1) * (refs.max_col() + 1)


def _upper(codes: np.ndarray) -> np.ndarray:
    """Which uint8 bytes are A–Z, by arithmetic (the subtraction wraps below "A"; a table look-up costs 6× as much)."""
    return (codes - np.uint8(ord("A"))) < 26


def _digit(codes: np.ndarray) -> np.ndarray:
    """Which uint8 bytes are 0–9."""
    return (codes - np.uint8(ord("0"))) < 10


def _after_c(codes: np.ndarray) -> np.ndarray:
    """What may follow "<c" in a cell tag: white space (9–13, 32), "/" or ">"."""
    return ((codes - np.uint8(9)) < 5) | (codes == ord(" ")) | (codes == ord("/")) | (codes == ord(">"))
_WINDOW = 32  # bytes looked at from the start of each cell tag: `<c r="XFD1048576" s="123456789"`
_BLOCK = 4096  # cells per block when the windows are transposed
_SPAN = 1 << 19  # 16-bit words per span when "<c" is searched


class _CellRefs:
    """Every cell tag's reference (and the style that follows it) in a sheet's XML, found with array
    operations: no Python loop over cells, linear in the XML's length whatever it holds.

    Only for the usual form, where every cell tag starts with a well-formed `<c r="B5"` (Excel, WPS,
    openpyxl and LibreOffice all write so): `of()` returns None otherwise, and the tag-by-tag scan
    decides. Each cell's first _WINDOW bytes are copied once (one random access per cell, not one per look).
    """

    def __init__(self, window: np.ndarray, head: np.ndarray, letters: np.ndarray, quote: np.ndarray):
        self.window = window  # (cells, _WINDOW) bytes from each "<c"
        self.head = head  # its first 17 bytes transposed: head[j] is byte j of every cell (fast column access)
        self.letters = letters  # 1–3 letters of the column, at offsets 6 …
        self.quote = quote  # offset of the reference's closing quote; its digits end there

    def __len__(self) -> int:
        return len(self.window)

    @classmethod
    def of(cls, sheet_xml: bytes) -> "_CellRefs | None":
        a = np.frombuffer(sheet_xml, dtype=np.uint8)
        # "<c" at even and at odd offsets, read as 16-bit words (no copy of the XML); order does not matter here.
        even = np.frombuffer(sheet_xml, dtype="<u2", count=len(a) // 2)
        odd = np.frombuffer(sheet_xml, dtype="<u2", offset=1, count=(len(a) - 1) // 2) if len(a) > 2 else even[:0]
        lt_c = ord("<") | ord("c") << 8
        parts = []
        for i in range(0, len(even), _SPAN):  # in spans whose comparison stays in the cache
            parts.append(np.flatnonzero(even[i : i + _SPAN] == lt_c) * 2 + 2 * i)
            parts.append(np.flatnonzero(odd[i : i + _SPAN] == lt_c) * 2 + 2 * i + 1)
        tags = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        if len(tags) and tags.max() > len(a) - _WINDOW:  # a tag in the last bytes: damage, or a tiny part
            return None
        # Each tag's first bytes, copied as one 32-byte item per tag (a strided view of the XML, no copy).
        items = np.ndarray(shape=(max(len(a) - _WINDOW + 1, 0),), dtype=f"V{_WINDOW}", buffer=sheet_xml, strides=(1,))
        window = items[tags].view(np.uint8).reshape(len(tags), _WINDOW)
        c = np.empty((17, len(tags)), dtype=np.uint8)
        for i in range(0, len(tags), _BLOCK):  # transposed in blocks that stay in the cache (4× faster than at once)
            c[:, i : i + _BLOCK] = window[i : i + _BLOCK, :17].T
        cell = _after_c(c[2])  # "<c" followed by a space, "/" or ">": a cell tag (not <cols>, <cfRule>)
        if not cell.all():
            tags, window, c = tags[cell], window[cell], np.ascontiguousarray(c[:, cell])
        if not ((c[2] == ord(" ")) & (c[3] == ord("r")) & (c[4] == ord("=")) & (c[5] == ord('"'))).all():
            return None
        two = _upper(c[7])
        three = two & _upper(c[8])
        ok = _upper(c[6]) & ~(three & _upper(c[9]))
        letters = 1 + two.astype(np.int8) + three  # small integers (offsets < 32): 8× less to compare
        quote = np.zeros(len(tags), dtype=np.int8)  # the first quote at offsets 7–16 (≤ 7 digits)
        for j in range(16, 6, -1):
            quote[c[j] == ord('"')] = j
        first = 6 + letters
        ok &= quote > first  # at least one digit
        for j in range(7, 16):  # every byte between the letters and the quote is a digit
            ok &= _digit(c[j]) | (first > j) | (quote <= j)
        if not ok.all():
            return None
        return cls(window, c, letters, quote)

    def rows(self, which=slice(None)) -> np.ndarray:
        """0-based rows of the cells `which` (an index or mask into the cells)."""
        first, end = 6 + self.letters[which], self.quote[which]
        row = np.zeros(len(first), dtype=np.int64)
        for j in range(7, 16):
            row = np.where((j >= first) & (j < end), row * 10 + self.head[j, which] - ord("0"), row)
        return row - 1

    def cols(self, which=slice(None)) -> np.ndarray:
        """0-based columns of the cells `which`."""
        letters = self.letters[which]
        col = self.head[6, which].astype(np.int64) - 64
        col = np.where(letters >= 2, col * 26 + self.head[7, which] - 64, col)
        col = np.where(letters >= 3, col * 26 + self.head[8, which] - 64, col)
        return col - 1

    def max_row(self) -> int:
        """The largest 0-based row: the longest digit strings, then the largest digit by digit."""
        digits = self.quote - 6 - self.letters
        which = np.flatnonzero(digits == digits.max())
        for k in range(int(digits.max())):
            digit = np.zeros(len(which), dtype=np.uint8)
            for n in np.unique(self.letters[which]):  # rows of the transposed head, not scattered reads
                same = self.letters[which] == n
                digit[same] = self.head[6 + n + k, which[same]]
            which = which[digit == digit.max()]
        return int(self.rows(which[:1])[0])

    def max_col(self) -> int:
        """The largest 0-based column: the most letters, then the largest letter by letter."""
        which = np.flatnonzero(self.letters == self.letters.max())
        for k in range(int(self.letters.max())):
            letter = self.window[which, 6 + k]
            which = which[letter == letter.max()]
        return int(self.cols(which[:1])[0])

    def styled(self, style_ids) -> np.ndarray:
        """The cells (indexes) whose ` s="…"` directly follows the reference (the usual order) and names one of `style_ids`."""
        at = self.quote + 1  # ≤ 17; the longest ` s="123456789"` ends at offset 30
        cells = np.arange(len(self))
        for t, byte in enumerate(b' s="'):
            cells = cells[self.window[cells, at[cells] + t] == byte]
        hit = np.zeros(len(cells), dtype=bool)
        for style in style_ids:
            digits = b'%d"' % style
            if len(digits) > 10:
                continue
            match = np.ones(len(cells), dtype=bool)
            for t, byte in enumerate(digits):
                match &= self.window[cells, at[cells] + 4 + t] == byte
            hit |= match
        return cells[hit]


# What a text cell may hold that UNSAFE_CHARS matches, as it can be written in the XML: the characters
# themselves in UTF-8 (C0 controls, DEL, C1 controls U+0080–U+009F, U+061C, U+200E/F, U+202A–E, U+2066–9) …
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_UNSAFE_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
# … or as character references (&#27; &#x202E;), or as Excel's own escapes (_x001B_), which the reader decodes.
_UNSAFE_REF = re.compile(
    rb"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|12[7-9]|1[3-5]\d|1564|820[67]|823[4-8]|829[4-7])"
    rb"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]|61[cC]|200[eEfF]|202[a-eA-E]|206[6-9]));"
)
_EXCEL_ESCAPE = re.compile(rb"_[xX][0-9A-Fa-f]{4}_")
_XML_DECLARATION = re.compile(rb"<\?xml[^>]{0,200}\?>")
_UTF8_DECLARED = re.compile(rb"""encoding\s*=\s*["']utf-?8["']""", re.I)


def _plain_text(part: bytes) -> bool:
    """True when no text read from this XML part can hold a control or bidi character: the search of
    the cell values after reading is then skipped. Only a verdict of "certainly none"; anything unusual
    (another declared encoding, a UTF-16 part, an escape that decodes to such a character) says False."""
    declared = _XML_DECLARATION.match(part, 3 if part.startswith(b"\xef\xbb\xbf") else 0)
    if declared and b"encoding" in declared.group(0) and not _UTF8_DECLARED.search(declared.group(0)):
        return False
    if _UNSAFE_BYTES.search(part.translate(None, _PLAIN_ASCII)):  # what is left: non-ASCII and control bytes
        return False
    if b"&#" in part and _UNSAFE_REF.search(part):
        return False
    return b"_" not in part or _EXCEL_ESCAPE.search(part) is None  # one byte is found much faster than a pattern


def _far_cells(sheet_xml: bytes) -> list[str]:
    """The cells holding a value that stretch a sheet past MAX_SHEET_CELLS, or [] when it is fine.

    The sheet's own <dimension> is not trusted (a damaged or hostile file states A1:E6 and holds a
    value in XFD1048576): the cell references are counted. Usual files are settled by one vectorised
    pass; only a sheet that looks too large, or whose cells lack r="…", is scanned cell by cell.
    """
    area, far = _checked_extent(sheet_xml)
    return far if area > MAX_SHEET_CELLS else []


def _checked_extent(sheet_xml: bytes, refs: "_CellRefs | None | bool" = False) -> tuple[int, list[str]]:
    quick = _quick_area(sheet_xml, refs)
    if quick is not None and quick <= MAX_SHEET_CELLS:
        return quick, []
    return _sheet_extent(sheet_xml)


def _styled_numbers(sheet_xml: bytes) -> bool:
    """Whether cells refer to a cell style (s="1" or higher) that the workbook does not define."""
    return re.search(rb'<c\s[^>]{0,200}?\bs="[1-9]', sheet_xml) is not None


def _sheet_features(sheet_xml: bytes, refs: "_CellRefs | None", percent_styles: set[int]) -> tuple:
    """What calamine does not tell: percentage cells, formulas without a value, cached errors, hidden rows.
    Each scan is skipped when the bytes it looks for are absent (the usual case for the last three)."""
    return (
        _percent_cells(sheet_xml, percent_styles, refs),
        _formulas_without_value(sheet_xml),
        _error_cells(sheet_xml),
        _hidden_rows(sheet_xml),
    )


def _percent_cells(sheet_xml: bytes, style_ids: set[int], refs: "_CellRefs | None | bool" = False) -> dict:
    """Cells whose style shows a percentage, as {column: array of rows} (0-based).

    Excel, LibreOffice and openpyxl all write `<c r="B5" s="3" …>`; a fast array scan relies on that
    order and is checked against a count of the style attributes, falling back to an order-free scan.
    """
    if not style_ids:
        return {}
    if refs is False:
        refs = _CellRefs.of(sheet_xml)
    expected = sum(sheet_xml.count(b' s="%d"' % i) for i in style_ids)
    if refs is not None:
        hits = refs.styled(sorted(style_ids))
        if len(hits) == expected:
            if not len(hits):
                return {}
            rows, cols = refs.rows(hits), refs.cols(hits)
            return {int(col): rows[cols == col] for col in np.unique(cols)}
    # Another attribute order, or styled rows: scan every cell tag.
    wanted = {str(i).encode() for i in style_ids}
    found: dict = {}
    for kind, *item in _scan_tags(sheet_xml):
        style = _ATTR_S.search(item[0].attrs) if kind == "c" else None
        if style and style.group(1) in wanted:
            found.setdefault(item[0].col, []).append(item[0].row)
    return {col: np.array(rows, dtype=np.int64) for col, rows in found.items()}


def _formulas_without_value(sheet_xml: bytes) -> list[tuple[int, int]]:
    """Cells holding a formula saved without its result (0-based row, column), by a linear scan."""
    if not _has_pair(sheet_xml, b"<f"):
        return []
    return [
        (cell.row, cell.col)
        for kind, *item in _scan_tags(sheet_xml)
        if kind == "c" and (cell := item[0]).content and b"<f" in cell.content and not _HAS_VALUE.search(cell.content)
    ]


# A cell holding a cached error: <c r="E5" t="e"> … <v>#DIV/0!</v>. Linear: a tag, then a bounded look for its value.
_CELL_TAG = re.compile(rb"<c\s([^<>]{0,400})>")
_ERROR_VALUE = re.compile(rb"<v>\s*(#[A-Z0-9/!?_]{1,16})\s*</v>")


def _error_cells(sheet_xml: bytes) -> dict:
    """Cells whose saved value is an Excel error (#DIV/0!, #N/A): calamine reads them as empty. Owned by reading."""
    if not _has_pair(sheet_xml, b'"e') or b't="e"' not in sheet_xml:
        return {}
    found = {}
    for match in _CELL_TAG.finditer(sheet_xml):
        attrs = match.group(1)
        if b't="e"' not in attrs:
            continue
        r = _ATTR_R.search(attrs)
        ref = _REF.fullmatch(r.group(1)) if r else None
        value = _ERROR_VALUE.search(sheet_xml, match.end(), match.end() + 400)
        if ref:
            found[(int(ref.group(2)) - 1, _column_index(ref.group(1)))] = value.group(1).decode() if value else "#错误"
    return found


def _hidden_rows(sheet_xml: bytes) -> frozenset:
    if not _has_pair(sheet_xml, b"dd") or b"hidden" not in sheet_xml:
        return frozenset()
    return frozenset(item[0] for kind, *item in _scan_tags(sheet_xml) if kind == "row" and _ATTR_HIDDEN.search(item[1]))


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1
