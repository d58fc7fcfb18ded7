"""Every well-formed spelling of a sheet reads as Excel's own spelling does, or is refused (issue 16).

The byte guards look for cells as Excel writes them; the cell reader reads every spelling. Each family
the issue found (prefixes, single quotes, UTF-16, character references, comments and CDATA in <v>, bad
shared-string indices, duplicate members and sheet names, Excel-365 errors, renamed files) is built here
from raw XML and must be read right or refused with a sentence naming the file, sheet and cell. The
last test writes the same cells in random spellings (fixed seeds) and compares the tidy frames.
"""

from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import corpus
import rawxlsx
from analysis.read.excel import open_workbook
from analysis.read.loader import read_indicators

# The cells of one small indicator table: (ref, kind, value, percent-styled). Kinds: s text, n number, e error.
CELLS = [
    ("A1", "s", "指标名称", False), ("B1", "s", "单位", False), ("C1", "s", "2023年实际值", False),
    ("D1", "s", "规划目标(2025年)", False), ("E1", "s", "备注", False),
    ("A2", "s", "市场主体数量", False), ("B2", "s", "万户", False), ("C2", "n", "15.2", False), ("D2", "n", "18", False),
    ("A3", "s", "抽检合格率", False), ("B3", "s", "%", False), ("C3", "n", "0.974", True), ("D3", "n", "0.98", True),
    ("E3", "s", "A&B <含符号>", False),
    ("A4", "s", "投诉按时办结率", False), ("B4", "s", "%", False), ("C4", "n", "0.9", True), ("D4", "n", "0.95", True),
]
STRINGS = list(dict.fromkeys(v for _, kind, v, _ in CELLS if kind == "s"))


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def canonical_rows(cells=CELLS) -> str:
    rows: dict = {}
    for ref, kind, value, percent in cells:
        style = ' s="1"' if percent else ""
        if kind == "s":
            cell = f'<c r="{ref}"{style} t="s"><v>{STRINGS.index(value)}</v></c>'
        elif kind == "e":
            cell = f'<c r="{ref}"{style} t="e"><v>{value}</v></c>'
        else:
            cell = f'<c r="{ref}"{style}><v>{value}</v></c>'
        rows.setdefault(int(ref[1:]), []).append(cell)
    return "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in rows.items())


def canonical_book(path: Path, cells=CELLS) -> Path:
    return rawxlsx.book(path, {"指标": rawxlsx.sheet_xml(canonical_rows(cells))}, strings=rawxlsx.strings_xml([esc(s) for s in STRINGS]))


def tidy(path: Path):
    """The problems and the tidy frame, less what comes from the file's name (region, file, id)."""
    result = read_indicators(path)
    frame = result.frame.drop(columns=["indicator_id", "region", "file"], errors="ignore").reset_index(drop=True)
    return result, frame


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    result, frame = tidy(canonical_book(tmp_path_factory.mktemp("canon") / "标准.xlsx"))
    assert result.ok, [p.found for p in result.errors]
    values = frame[frame["kind"] == "actual"].set_index("name")["value"]
    assert values["市场主体数量"] == 15.2 and values["抽检合格率"] == pytest.approx(97.4)  # the percent style holds
    return frame


def refused_with_place(result, file: str, sheet: str = "", cell: str = "") -> None:
    assert not result.ok
    error = result.errors[0]
    assert Path(error.file).name == file
    assert error.sheet == sheet and error.cell == cell, (error.sheet, error.cell, error.found)


# ---------------------------------------------------------------- the families, one by one


def spelled(path: Path, rows: str, root: str | None = None, strings: str | None = None) -> Path:
    sheet = root.format(rows=rows) if root else rawxlsx.sheet_xml(rows)
    return rawxlsx.book(path, {"指标": sheet}, strings=strings or rawxlsx.strings_xml([esc(s) for s in STRINGS]))


def test_prefixed_elements_keep_percent_styles_and_errors(tmp_path: Path, expected):
    rows = canonical_rows().replace("<c ", "<x:c ").replace("</c>", "</x:c>").replace("<row ", "<x:row ")
    rows = rows.replace("</row>", "</x:row>").replace("<v>", "<x:v>").replace("</v>", "</x:v>")
    root = f'<x:worksheet xmlns:x="{rawxlsx.MAIN}"><x:sheetData>{{rows}}</x:sheetData></x:worksheet>'
    result, frame = tidy(spelled(tmp_path / "前缀.xlsx", rows, root))
    assert result.ok, [p.found for p in result.errors]
    pd.testing.assert_frame_equal(frame, expected)
    assert any("带命名空间前缀" in p.found for p in result.problems if p.severity == "note")


def test_single_quotes_keep_percent_styles(tmp_path: Path, expected):
    result, frame = tidy(spelled(tmp_path / "单引号.xlsx", canonical_rows().replace('"', "'")))
    assert result.ok
    pd.testing.assert_frame_equal(frame, expected)


def test_a_utf16_sheet_is_read_not_empty(tmp_path: Path, expected):
    sheet = rawxlsx.sheet_xml(canonical_rows()).replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    path = rawxlsx.book(tmp_path / "utf16.xlsx", {"指标": sheet}, strings=rawxlsx.strings_xml([esc(s) for s in STRINGS]))
    result, frame = tidy(path)
    assert result.ok
    pd.testing.assert_frame_equal(frame, expected)


@pytest.mark.parametrize("value", ["&#49;5.2", "1<!-- -->5.2", "<![CDATA[15.2]]>", " 15.2 ", "\n15.2\t", "&#x31;&#x35;&#46;2"])
def test_values_spelled_otherwise_read_the_same(tmp_path: Path, expected, value: str):
    rows = canonical_rows().replace('<c r="C2"><v>15.2</v></c>', f'<c r="C2"><v>{value}</v></c>')
    result, frame = tidy(spelled(tmp_path / "值.xlsx", rows))
    assert result.ok, [p.found for p in result.errors]
    pd.testing.assert_frame_equal(frame, expected)


@pytest.mark.parametrize("index", ["abc", "-1", "99", "1.5", ""])
def test_a_shared_string_index_pointing_nowhere_is_refused_at_its_cell(tmp_path: Path, index: str):
    rows = canonical_rows().replace(f'<c r="B2" t="s"><v>{STRINGS.index("万户")}</v></c>', f'<c r="B2" t="s"><v>{index}</v></c>')
    result, _ = tidy(spelled(tmp_path / "序号.xlsx", rows))
    refused_with_place(result, "序号.xlsx", "指标", "B2")
    assert "共享字符串序号" in result.errors[0].found


def test_duplicate_zip_members_are_refused(tmp_path: Path):
    path = tmp_path / "重复.xlsx"
    canonical_book(path)
    other = rawxlsx.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')
    with pytest.warns(UserWarning):  # zipfile itself warns of the duplicate name
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("xl/worksheets/sheet1.xml", other)
    result, _ = tidy(path)
    refused_with_place(result, "重复.xlsx")
    assert "xl/worksheets/sheet1.xml" in result.errors[0].found and "不止一次" in result.errors[0].found


def test_duplicate_sheet_names_are_refused_naming_the_sheet(tmp_path: Path):
    sheets = {"指标": rawxlsx.sheet_xml(canonical_rows()), "指标2": rawxlsx.sheet_xml(canonical_rows())}
    workbook = rawxlsx.workbook_xml(["指标", "指标"])
    path = rawxlsx.book(tmp_path / "同名.xlsx", sheets, strings=rawxlsx.strings_xml([esc(s) for s in STRINGS]), workbook=workbook)
    result, _ = tidy(path)
    refused_with_place(result, "同名.xlsx", "指标")


@pytest.mark.parametrize("error", ["#SPILL!", "#CALC!", "#BLOCKED!", "#GETTING_DATA"])
def test_excel_365_errors_are_errors_at_their_cell(tmp_path: Path, expected, error: str):
    """In a 备注 cell the book reads as before; in a value cell the error is named at that cell."""
    in_note = [*CELLS, ("E2", "e", error, False)]
    result, frame = tidy(canonical_book(tmp_path / "备注.xlsx", in_note))
    assert result.ok, [p.found for p in result.errors]
    pd.testing.assert_frame_equal(frame, expected)
    in_value = [(r, "e", error, p) if r == "C2" else (r, k, v, p) for r, k, v, p in CELLS]
    workbook = open_workbook(canonical_book(tmp_path / "数值.xlsx", in_value), problems := [])
    assert workbook.sheets[0].error_cells == {(1, 2): error}
    result, _ = tidy(tmp_path / "数值.xlsx")
    assert any(p.cell == "C2" and error in p.found for p in result.errors), [(p.cell, p.found) for p in result.problems]
    assert not any("重新下载" in p.fix for p in result.problems)


def test_a_text_that_reads_like_a_new_error_stays_text(tmp_path: Path):
    rows = canonical_rows() + '<row r="5"><c r="A5" t="str"><v>#SPILL!</v></c><c r="B5" t="e"><v>#SPILL!</v></c></row>'
    workbook = open_workbook(spelled(tmp_path / "文字.xlsx", rows), [])
    sheet = workbook.sheets[0]
    assert sheet.rows[4][:2] == ["#SPILL!", ""] and sheet.error_cells == {(4, 1): "#SPILL!"}


def test_renamed_files_are_read_by_their_content(tmp_path: Path):
    xls = corpus.real_xls(tmp_path)[0]
    shutil.copy(xls, tmp_path / "其实是xls.xlsx")
    shutil.copy(corpus.standard(tmp_path, "标准.xlsx"), tmp_path / "其实是xlsx.xls")
    for name, content in (("其实是xls.xlsx", "旧版 .xls"), ("其实是xlsx.xls", "新版 .xlsx")):
        result = read_indicators(tmp_path / name)
        assert result.ok, [p.found for p in result.errors]
        actual = result.frame[result.frame["kind"] == "actual"].set_index("name")["value"]
        assert actual["市场主体数量"] == 15.2
        assert any(f"内容是{content} 工作簿" in p.found for p in result.problems)


def test_a_far_cell_in_another_spelling_is_refused_not_allocated(tmp_path: Path):
    """`<x:c r="XFD1048576">` slipped past the size guard and made the reader ask for 549 GB."""
    for name, cell in (("前缀.xlsx", f'<x:c xmlns:x="{rawxlsx.MAIN}" r="XFD1048576"><x:v>1</x:v></x:c>'),
                       ("单引号.xlsx", "<c r='XFD1048576'><v>1</v></c>")):
        rows = canonical_rows() + f'<row r="1048576">{cell}</row>'
        problems: list = []
        workbook = open_workbook(spelled(tmp_path / name, rows), problems)
        errors = [p for p in problems if p.severity == "error"]
        assert errors and errors[0].sheet == "指标" and errors[0].cell == "XFD1048576", [p.found for p in problems]
        assert workbook is None or all(s.name != "指标" for s in workbook.sheets)


def test_a_wide_csv_line_is_refused_naming_the_line(tmp_path: Path):
    path = tmp_path / "宽.csv"
    path.write_text("指标名称,单位,2023年实际值\n市场主体数量,万户,15.2\n" + "," * 3_000_000 + "\n", encoding="utf-8")
    problems: list = []
    assert open_workbook(path, problems) is None
    assert "第 3 行有 3,000,001 列" in problems[0].found and "16,384" in problems[0].found
    exact = tmp_path / "正好.csv"
    exact.write_text("a" + ",b" * 16_383 + "\n", encoding="utf-8")  # 16,384 columns: Excel's own limit, read
    assert len(open_workbook(exact, []).sheets[0].rows[0]) == 16_384


# ---------------------------------------------------------------- random spellings of the same cells


def _attrs(rng: random.Random, pairs: list) -> str:
    rng.shuffle(pairs)
    out = ""
    for name, value in pairs:
        q = rng.choice("\"'")
        out += f"{rng.choice([' ', '  ', chr(10)])}{name}{rng.choice(['=', ' = '])}{q}{value}{q}"
    return out


def _number(rng: random.Random, text: str) -> str:
    form = rng.randrange(5)
    if form == 1:
        return "".join(f"&#{ord(ch)};" if rng.random() < 0.5 else ch for ch in text)
    if form == 2:
        return f"<![CDATA[{text}]]>"
    if form == 3:
        cut = rng.randrange(len(text) + 1)
        return f"{text[:cut]}<!-- {rng.random()} -->{text[cut:]}"
    if form == 4:
        return f"{rng.choice([' ', chr(10), chr(9)])}{text}{rng.choice([' ', chr(13) + chr(10), ''])}"
    return text


def random_spelling(rng: random.Random) -> tuple[bytes, bytes]:
    """(sheet, shared strings) for CELLS, each part in a random well-formed spelling."""
    p = rng.choice(["", "x:", "main:"])
    declare = f'xmlns:{p[:-1]}="{rawxlsx.MAIN}"' if p else f'xmlns="{rawxlsx.MAIN}"'
    rows, last = {}, {}
    for ref, kind, value, percent in CELLS:
        row, col = int(ref[1:]), ord(ref[0]) - 65
        pairs = [] if (last.get(row, -2) == col - 1 and rng.random() < 0.3) else [("r", ref)]
        last[row] = col
        if percent:
            pairs.append(("s", "1"))
        if kind == "s" and rng.random() < 0.4:
            pairs.append(("t", "inlineStr"))
            body = f"<{p}is><{p}t>{esc(value)}</{p}t></{p}is>"
        elif kind == "s":
            pairs.append(("t", "s"))
            body = f"<{p}v>{_number(rng, str(STRINGS.index(value)))}</{p}v>"
        else:
            body = f"<{p}v>{_number(rng, value)}</{p}v>"
        gap = rng.choice(["", "\n  "])
        rows.setdefault(row, []).append(f"{gap}<{p}c{_attrs(rng, pairs)}>{body}</{p}c>")
    body = "".join(f"<{p}row{_attrs(rng, [('r', str(r))])}>{''.join(c)}</{p}row>" for r, c in rows.items())
    sheet = f'<?xml version="1.0" encoding="{{enc}}"?><{p}worksheet {declare}><{p}sheetData>{body}</{p}sheetData></{p}worksheet>'
    items = "".join(f"<{p}si><{p}t>{esc(s)}</{p}t></{p}si>" for s in STRINGS)
    strings = f'<?xml version="1.0" encoding="{{enc}}"?><{p}sst {declare} count="{len(STRINGS)}">{items}</{p}sst>'
    return tuple(_encoded(rng, text) for text in (sheet, strings))


def _encoded(rng: random.Random, text: str) -> bytes:
    if rng.random() < 0.2:
        return text.replace("{enc}", "UTF-16").encode("utf-16")
    return text.replace("{enc}", "UTF-8").encode("utf-8")


@pytest.mark.parametrize("seed", range(24))
def test_random_spellings_read_as_the_canonical_one_or_are_refused(tmp_path: Path, expected, seed: int):
    sheet, strings = random_spelling(random.Random(seed))
    path = rawxlsx.book(tmp_path / f"拼写{seed}.xlsx", {"指标": sheet}, strings=strings)
    result, frame = tidy(path)
    if result.ok:
        pd.testing.assert_frame_equal(frame, expected)
    else:  # a refusal is a sentence naming the file (and the sheet where the XML is)
        assert all(Path(p.file).name == path.name for p in result.errors)
        assert not any("Traceback" in p.found for p in result.errors)
    assert result.ok, [p.found for p in result.errors]  # every spelling generated here is one Excel can open
