"""The byte-level scans of sheet XML that give what calamine does not: percentage formats, lost formulas."""

from analysis.read.archive import percent_style_ids as _percent_style_ids
from analysis.read.excel import _formulas_without_value, _percent_cells

STYLES = (
    b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0&quot;%&quot;"/></numFmts>'
    b'<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/><xf numFmtId="165"/></cellXfs></styleSheet>'
)


def test_percent_styles_include_builtin_and_custom_but_not_quoted_percent():
    # Style 1 uses custom 0.0%, style 2 builtin 10 (0.00%); style 3 shows a literal "%" after the number.
    assert _percent_style_ids(STYLES) == {1, 2}


def test_percent_cells_in_the_usual_attribute_order():
    xml = b'<row r="3"><c r="B3" s="1" t="n"><v>0.974</v></c><c r="C3" s="0"><v>5</v></c><c r="AA3" s="2"><v>1</v></c></row>'
    cells = _percent_cells(xml, {1, 2})
    assert {col: list(rows) for col, rows in cells.items()} == {1: [2], 26: [2]}


def test_percent_cells_in_another_attribute_order_and_with_styled_rows():
    # A styled row (<row s="1">) and s before r: the fast scan's count disagrees, the full scan decides.
    xml = b'<row r="4" s="1" customFormat="1"><c s="1" r="D4"><v>0.5</v></c><c r="E4"><v>3</v></c></row>'
    assert {col: list(rows) for col, rows in _percent_cells(xml, {1}).items()} == {3: [3]}


def test_formulas_saved_without_a_value_are_found():
    xml = (
        b'<c r="B2"><f>SUM(A1:A2)</f><v></v></c>'  # no cached value
        b'<c r="C2"><f>1+1</f><v>2</v></c>'  # cached: fine
        b'<c r="D2" s="3"><f t="shared" si="0"/></c>'  # shared formula, no value
    )
    assert _formulas_without_value(xml) == [(1, 1), (1, 3)]


# ---------------------------------------------------------------- the byte-level verdict "no control text here"

import re  # noqa: E402
import zipfile  # noqa: E402

import pytest  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from analysis.read.excel import _plain_text, open_workbook  # noqa: E402


@pytest.mark.parametrize(
    "text",
    [
        "\x1b[2J".encode(),  # a raw C0 control
        "\x85".encode(),  # a C1 control (NEL) in UTF-8: C2 85
        "\u202e".encode(),  # right-to-left override in UTF-8: E2 80 AE
        "\u2066".encode(),  # an isolate: E2 81 A6
        "\u061c".encode(),  # Arabic letter mark: D8 9C
        b"&#27;", b"&#0027;", b"&#x1b;", b"&#X1B;", b"&#8238;", b"&#x202E;", b"&#127;", b"&#159;",
        b"_x001B_", b"_x202e_",  # Excel's own escapes, decoded by the reader
    ],
)
def test_text_that_may_hold_control_characters_is_never_called_plain(text):
    xml = b'<?xml version="1.0" encoding="UTF-8"?><sst><si><t>\xe4\xb8\xad' + text + b"</t></si></sst>"
    assert not _plain_text(xml)


@pytest.mark.parametrize(
    "text",
    [
        "市场主体“十四五”—≥95%".encode(),  # quotes, dash and ≥ share the lead byte E2 with the bidi marks
        b"&#20840;&#8220;&#10;&#13;&#9;&#128512;", b"&amp;&lt;", b"a_x_b", "\t\n\r".encode(),
    ],
)
def test_ordinary_text_is_plain(text):
    assert _plain_text(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst><si><t>' + text + b"</t></si></sst>")


def test_another_declared_encoding_is_not_judged():
    assert not _plain_text(b'<?xml version="1.0" encoding="GB2312"?><sst><si><t>abc</t></si></sst>')
    assert not _plain_text("<sst><si><t>abc</t></si></sst>".encode("utf-16"))


@pytest.mark.parametrize("written", ["&#x1B;[2J假&#8238;名", "_x001B_[2J假\u202e名"])
def test_control_characters_written_as_escapes_are_still_removed(tmp_path, written):
    # openpyxl refuses to write ESC, so the cell's XML is patched: the reader decodes the escape, and the
    # loader must still find and remove the ESC sequence "\x1b[2J" whole and U+202E: "假名" is left.
    src, path = tmp_path / "src.xlsx", tmp_path / "escapes.xlsx"
    wb = Workbook()
    wb.active["A1"] = "占位"
    wb.save(src)
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                cell = f'<c r="A1" t="inlineStr"><is><t>{written}</t></is></c>'.encode()
                data = re.sub(rb'<c r="A1".*?</c>', cell.replace(b"\\", b"\\\\"), data)
                assert written.encode() in data
            new.writestr(info, data)
    problems = []
    book = open_workbook(path, problems)
    assert book.sheets[0].rows[0][0] == "假名"
    assert [p.cell for p in problems if "控制字符" in p.found] == ["A1"]


def test_pair_search_finds_a_pair_at_any_offset_and_at_the_very_end():
    from analysis.read.excel import _has_pair

    filler = b"<c>" * 2000  # long enough for the word comparison (6,000 bytes)
    for pad in range(4):  # even and odd offsets
        assert _has_pair(filler + b"x" * pad + b"<f>", b"<f")
        assert _has_pair(filler + b"x" * pad + b"<f", b"<f")  # the last two bytes
        assert _has_pair(b"<f" + b"x" * pad + filler, b"<f")
        assert not _has_pair(filler + b"x" * pad + b"<", b"<f")


LARGE = b'<c r="A1" t="inlineStr"><is><t>&#20840;&#8220;&#8805;&#10;</t></is></c>' * 20_000  # 1.4 MB: the array path


@pytest.mark.parametrize(
    "text",
    [b"\x1b", "\x85".encode(), "\u202e".encode(), b"&#27;", b"&#00027;", b"&#0000008238;", b"&#x202E;", b"&#8238;",
     b"&#1564;", b"&#159;", b"&#12;", b"_x001B_"],
)
def test_large_parts_use_array_scans_that_miss_no_control_character(text):
    # The same forms as above, in a part large enough for the array scans (a reference with a leading
    # zero and five or more digits must not pass as a long, harmless one).
    for where in (0, len(LARGE) // 2, len(LARGE)):
        part = b"<sst><si><t>" + LARGE[:where] + text + LARGE[where:] + b"</t></si></sst>"
        assert not _plain_text(part), (text, where)


def test_large_parts_of_ordinary_text_are_plain():
    assert _plain_text(b"<sst><si><t>" + LARGE + "市场“十四五”—≥95%".encode() + b"</t></si></sst>")
