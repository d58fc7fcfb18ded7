"""The byte-level scans of sheet XML that give what calamine does not: percentage formats, lost formulas."""

from analysis.excel import _formulas_without_value, _percent_cells, _percent_style_ids

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
