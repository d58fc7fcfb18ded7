"""The one XML form the fast path reads, the checks that vouch for it, and a rewrite of any other form into it.

The byte scans in excel.py (sheet size, percentage styles, cached errors) look for cells as Excel writes
them: `<c r="B5" s="3" t="e"><v>…</v></c>` in UTF-8, the main namespace unprefixed, attributes in double
quotes. The cell reader (calamine) reads every well-formed spelling. So each part is first checked for
that form; a part in another form is parsed in full (xml.parsers.expat, no DTD, no entities) and written
again in the canonical form, and both the scans and the reader then read the rewritten bytes: they can
never disagree about what a sheet holds. What cannot be read right (a shared-string index that points
nowhere, a part too large to rewrite) is refused with a sentence naming the sheet and the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

import numpy as np

from analysis.rules.problems import cell_name

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# A part in another form is rewritten only up to this many elements (about a million cells).
MAX_REWRITE_ELEMENTS = 2_000_000
# The cached errors the cell reader knows; newer Excel errors (#SPILL!, #CALC!) make it refuse the book.
READER_ERRORS = frozenset({"#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DIV/0!"})
EXCEL_ERRORS = READER_ERRORS | {"#GETTING_DATA", "#SPILL!", "#CALC!", "#BLOCKED!", "#FIELD!", "#CONNECT!",
                                "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#EXTERNAL!"}
# Elements the reader takes by their local name, whatever their prefix.
_READ_NAMES = (
    rb"c|row|v|f|is|t|r|si|sst|sheetData|sheet|sheets|worksheet|workbook|cellXfs|xf|numFmts?|styleSheet"
    rb"|mergeCells?|Relationships?|dimension"
)
_PREFIXED = re.compile(rb":(?:" + _READ_NAMES + rb")[\s/>]")
_NAME_BEFORE = re.compile(rb"<[A-Za-z_][\w.-]{0,60}\Z")
_DECLARATION = re.compile(rb"<\?xml[^>]{0,200}\?>")
_UTF8 = re.compile(rb"""encoding\s*=\s*["']utf-?8["']""", re.I)
_SINGLE_QUOTED = re.compile(rb"=[ \t\r\n]*'")
_SHARED_INDEX = re.compile(rb't="s"><v>(\d{1,10})</v>')


def form_problem(part: bytes, cells_usual: bool = False) -> str:
    """Why the byte scans cannot vouch for this part ("" when they can). Run before the reader: what is
    found here could hide a cell from the size guard. `cells_usual`: the array scan found every cell tag
    in the usual `<c r="…"` form, so single quotes cannot hide a cell reference. (Another default
    namespace cannot: the reader, like the scans, takes elements by their local names.)"""
    if part[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in part[:4]:
        return "UTF-16 编码"
    declared = _DECLARATION.match(part, 3 if part.startswith(b"\xef\xbb\xbf") else 0)
    if declared and b"encoding" in declared.group(0) and not _UTF8.search(declared.group(0)):
        return "非 UTF-8 编码"
    for hit in _PREFIXED.finditer(part):
        if _NAME_BEFORE.search(part, max(0, hit.start() - 62), hit.start()):
            return "带命名空间前缀的元素"
    if not cells_usual and b"'" in part and _SINGLE_QUOTED.search(part):
        return "单引号属性"
    return ""


def value_problem(part: bytes, strings: int) -> str:
    """Why the values the reader takes from this part may differ from the XML ("" when they cannot).
    Run while the reader works: a finding discards its reading, and the rewritten part is read instead.
    Array scans, linear whatever the part holds: the offsets of `<v` and `/v` (one each per value), and
    the bytes next to them; a character reference is judged by the value it falls in."""
    why = hidden_markup(part)
    if why:
        return why
    a = np.frombuffer(part, dtype=np.uint8)
    starts = pair_positions(part, b"<v")
    starts = starts[starts + 4 < len(a)]
    ends = pair_positions(part, b"/v")
    ends = ends[(ends >= 2) & (a[np.maximum(ends - 1, 0)] == ord("<"))] - 1  # each "</v"
    if len(starts) and ((a[starts + 2] != ord(">")) | _space(a[starts + 3])).any():
        return "值两端有空白、值中有字符引用或值带属性"
    if len(ends) and _space(a[ends - 1]).any():
        return "值两端有空白、值中有字符引用或值带属性"
    if len(starts) and has_pair(part, b"&#"):
        refs = pair_positions(part, b"&#")
        at = np.searchsorted(starts, refs) - 1  # the last value opened before each reference …
        close = np.searchsorted(ends, starts[np.maximum(at, 0)])  # … and where that value closes
        inside = (at >= 0) & (close < len(ends)) & (ends[np.minimum(close, max(len(ends) - 1, 0))] > refs)
        if inside.any():
            return "值两端有空白、值中有字符引用或值带属性"
    if b't="s"' in part:
        claimed = part.count(b't="s"')
        found = _SHARED_INDEX.findall(part)
        if len(found) != claimed or (found and (max(map(len, found)) > 10 or max(map(int, found)) >= strings)):
            return "共享字符串序号"
    return ""


def _space(codes: np.ndarray) -> np.ndarray:
    return (codes == 32) | (codes == 9) | (codes == 10) | (codes == 13)


def pair_positions(data: bytes, pair: bytes) -> np.ndarray:
    """Sorted offsets where two bytes occur together, by comparing 16-bit words at even and odd offsets."""
    if len(data) < 2:
        return np.zeros(0, dtype=np.int64)
    word = int.from_bytes(pair, "little")
    even = np.frombuffer(data, dtype="<u2", count=len(data) // 2)
    odd = np.frombuffer(data, dtype="<u2", offset=1, count=(len(data) - 1) // 2)
    found = np.concatenate([np.flatnonzero(even == word) * 2, np.flatnonzero(odd == word) * 2 + 1])
    found.sort(kind="stable")
    return found


def has_pair(data: bytes, pair: bytes) -> bool:
    """Whether two bytes occur together, by the same word comparison: 3× faster than `pair in data` when
    the first byte is as common as "<". A quick test before a longer search."""
    if len(data) < 4096:
        return pair in data
    word = int.from_bytes(pair, "little")
    even = np.frombuffer(data, dtype="<u2", count=len(data) // 2)
    odd = np.frombuffer(data, dtype="<u2", offset=1, count=(len(data) - 1) // 2)
    return bool((even == word).any() or (odd == word).any())


def hidden_markup(part: bytes) -> str:
    """A CDATA section or a comment: the reader may drop or split the text around it."""
    if has_pair(part, b"<!") and (b"<![CDATA[" in part or b"<!--" in part):
        return "CDATA 段或注释"
    return ""


def string_count(strings_part: bytes) -> int:
    """How many shared strings a canonical sharedStrings part holds."""
    return strings_part.count(b"<si>") + strings_part.count(b"<si ")


@dataclass
class Rewritten:
    """A part written again in the canonical form, with what the rewrite found."""

    data: bytes
    errors: dict = field(default_factory=dict)  # {(row, col): "#SPILL!"}: errors the reader does not know
    bad_strings: list = field(default_factory=list)  # [(cell, index text)]: shared-string indices pointing nowhere
    trimmed: int = 0  # values written with white space around them


class FormError(ValueError):
    """A part that cannot be rewritten: not well-formed, a DTD, or too large. str() is the reason in Chinese."""


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _escape_attr(text: str) -> str:
    return _escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


_CELL_FIRST = {"r": 0, "s": 1, "t": 2}
_NUMERIC_TYPES = {None, "n", "b", "e", "s", "d"}


class _Writer:
    """expat handlers writing the canonical form (see the module's docstring)."""

    def __init__(self, strings: int | None):
        self.out: list[str] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n']
        self.strings = strings
        self.result = Rewritten(b"")
        self.target = None  # the root element's namespace: written unprefixed
        self.scopes: list[dict] = [{}]  # prefix → namespace declared on the open elements
        self.names: list[str | None] = []  # tags to close (None: a skipped subtree)
        self.skip = 0
        self.elements = 0
        self.row, self.col = -1, -1
        self.cell_type = None
        self.value: list[str] | None = None

    def _name(self, raw: str, declare: dict, attribute: bool) -> str:
        parts = raw.split(" ")
        if len(parts) == 1:
            return parts[0]
        uri, local = parts[0], parts[1]
        if uri == self.target and not attribute:
            return local
        prefix = parts[2] if len(parts) == 3 else f"ns{len(self.scopes)}"
        if prefix == "xml":
            return f"xml:{local}"
        if self.scopes[-1].get(prefix) != uri:
            declare[prefix] = uri
        return f"{prefix}:{local}"

    def start(self, raw: str, attrs: list) -> None:
        self.elements += 1
        if self.elements > MAX_REWRITE_ELEMENTS:
            raise FormError(f"内容过多（超过 {MAX_REWRITE_ELEMENTS:,} 个元素）")
        if self.target is None:
            self.target = raw.split(" ")[0] if " " in raw else ""
        uri, local = (raw.split(" ") + [""])[:2] if " " in raw else ("", raw)
        if self.skip or (uri != self.target and local.encode() and re.fullmatch(_READ_NAMES, local.encode())):
            self.skip += 1  # an element of another namespace the reader would still take by its name
            self.names.append(None)
            return
        declare: dict = {}
        tag = self._name(raw, declare, False)
        pairs = [(self._name(attrs[i], declare, True), attrs[i + 1]) for i in range(0, len(attrs), 2)]
        scope = {**self.scopes[-1], **declare}
        is_root = not self.names
        declarations = ([("xmlns", self.target)] if is_root and self.target else []) + [(f"xmlns:{p}", u) for p, u in declare.items()]
        if uri == MAIN:
            pairs = self._main_element(local, pairs)
        pairs = declarations + pairs if is_root else pairs + declarations  # a cell tag starts with r="…"
        self.scopes.append(scope)
        self.names.append(tag)
        self.out.append(f"<{tag}" + "".join(f' {k}="{_escape_attr(v)}"' for k, v in pairs) + ">")
        if uri == MAIN and local == "v":
            self.value = []

    def _main_element(self, local: str, pairs: list) -> list:
        values = dict(pairs)
        if local == "row":
            r = values.get("r", "")
            self.row = int(r) - 1 if r.strip().isdigit() else self.row + 1
            self.col = -1
        elif local == "c":
            ref = re.fullmatch(r"\s*([A-Z]{1,3})(\d{1,7})\s*", values.get("r", ""))
            if ref:
                self.col = _column(ref.group(1))
                self.row = int(ref.group(2)) - 1
            else:
                self.col += 1
            self.cell_type = (values.get("t") or "").strip() or None
            pairs = sorted(pairs, key=lambda kv: _CELL_FIRST.get(kv[0], 3))
            pairs = [(k, cell_name(max(self.row, 0), self.col)) if k == "r" else (k, v.strip()) for k, v in pairs]
            if "r" not in values:
                pairs.insert(0, ("r", cell_name(max(self.row, 0), self.col)))
        return pairs

    def end(self, raw: str) -> None:
        tag = self.names.pop()
        if tag is None:
            self.skip -= 1
            return
        self.scopes.pop()
        if self.value is not None and tag == "v":
            self.out.append(_escape_text(self._cell_value("".join(self.value))))
            self.value = None
        self.out.append(f"</{tag}>")

    def _cell_value(self, text: str) -> str:
        if self.cell_type not in _NUMERIC_TYPES:
            return text  # a formula's text result: its spaces are part of it
        value = text.strip()
        if value != text:
            self.result.trimmed += 1
        if self.cell_type == "s" and self.strings is not None and not (value.isascii() and value.isdigit() and int(value) < self.strings):
            self.result.bad_strings.append((cell_name(max(self.row, 0), self.col), value))
            return "0"
        if self.cell_type == "e" and value not in READER_ERRORS:
            self.result.errors[(max(self.row, 0), self.col)] = value if value in EXCEL_ERRORS else "#错误"
            return "#N/A"  # an error the reader knows: the cell reads as empty, the true error is kept aside
        return value

    def text(self, data: str) -> None:
        if self.skip:
            return
        if self.value is not None:
            self.value.append(data)
        else:
            self.out.append(_escape_text(data))


def _refuse_dtd(*_args) -> None:
    raise FormError("含有 DTD 或实体声明")


def rewrite(part: bytes, strings: int | None = None) -> Rewritten:
    """The part in the canonical form. `strings`: how many shared strings there are (indices are checked)."""
    writer = _Writer(strings)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True
    parser.ordered_attributes = True
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.StartElementHandler = writer.start
    parser.EndElementHandler = writer.end
    parser.CharacterDataHandler = writer.text
    try:
        parser.Parse(part, True)
    except expat.ExpatError as exc:
        raise FormError(f"XML 格式错误（第 {exc.lineno} 行：{expat.ErrorString(exc.code)}）") from None
    writer.result.data = "".join(writer.out).encode("utf-8")
    return writer.result


def _column(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1
