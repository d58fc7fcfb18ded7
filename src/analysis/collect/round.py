"""The collection round: check every returned form on its own, say who has returned what, merge the good ones.

`python -m analysis collect RETURNS_DIR --regions 昌江区,珠山区 --out DIR` writes
- 报送情况.xlsx: one row per expected region (文件, 修改时间, 状态 合格 / 有错误 / 未报送 / 重复报送, 错误数,
  缺报指标数, 主要错误), then a row for each return that belongs to no expected region;
- 汇总.xlsx: the valid returns merged in the project's layout with a 地区 column (load_indicators reads it);
- 错误清单.xlsx: every problem as 文件 › 工作表 › 单元格.
A return's region comes from its content (地区 column or title); the file name only when the content
names none, and a file name naming another region is reported. Returns are only ever read.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from analysis.collect.template import SYMBOLS, columns_for
from analysis.read.loader import read_indicators
from analysis.rules.plans import plan_for_years
from analysis.rules.problems import Problem
from analysis.write.safeio import inert_text, save_workbook

STATUS_OK, STATUS_ERRORS, STATUS_MISSING, STATUS_DUPLICATE = "合格", "有错误", "未报送", "重复报送"
STATUS_UNKNOWN = "名单外地区"
REPORT_HEADERS = ["地区", "文件", "修改时间", "状态", "错误数", "缺报指标数", "主要错误"]
FIRST_ERRORS = 3  # how many errors 报送情况 spells out


@dataclass
class Return:
    path: Path
    region: str = ""
    region_from: str = ""  # "content" or "file name"
    frame: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)
    missing: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass
class Round:
    rows: list[dict]
    returns: list[Return]
    problems: list[Problem]
    merged: pd.DataFrame

    @property
    def complete(self) -> bool:
        """Every expected region returned one valid file with every indicator filled in."""
        return all(r["状态"] == STATUS_OK and r["缺报指标数"] == 0 for r in self.rows)


def _return_files(folder: Path) -> list[Path]:
    """Every file in the folder except hidden ones and Excel's lock files (~$…)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def _identify(ret: Return, regions: list[str]) -> None:
    """The region a return is for: its content first, the file name as a fallback; a mismatch is reported."""
    named = [r for r in regions if r in ret.path.stem]
    content = set()
    if ret.frame is not None and not ret.frame.empty:
        content = set(ret.frame["region"].dropna()) - {ret.path.stem}  # the stem is the loader's last resort
    file = str(ret.path)
    if len(content) > 1:
        ret.problems.append(Problem("error", file, f"一份报送表中有多个地区（{'、'.join(sorted(content))}）",
                                    "每个地区单独一个文件", "按地区拆分后重新报送"))
        ret.region, ret.region_from = "、".join(sorted(content)), "content"
        return
    if content:
        ret.region, ret.region_from = content.pop(), "content"
        if named and ret.region not in named:
            ret.problems.append(Problem("warning", file, f"文件名显示为“{named[0]}”，但表内地区为“{ret.region}”，已按表内地区认定",
                                        "文件名与表内地区一致", "核实是哪个地区的数据，改正文件名或表内地区"))
        return
    if named:
        ret.region, ret.region_from = named[0], "file name"
        ret.problems.append(Problem("note", file, f"表内未写地区，按文件名认定为“{named[0]}”"))


def _missing(frame: pd.DataFrame) -> int:
    """Indicators with no actual value in the year being reported: the latest year any indicator has a value for.

    (A form has a column for every year of the plan; the later ones are still empty.)
    """
    actual = frame[frame["kind"] == "actual"]
    if actual.empty:
        return 0
    filled = actual.loc[actual["value"].notna(), "year"]
    year = filled.max() if len(filled) else actual["year"].max()
    latest = actual[actual["year"] == year]
    return int(latest.groupby("indicator_id")["value"].apply(lambda v: v.isna().all()).sum())


def collect(folder, regions: list[str]) -> Round:
    """Check every file in `folder` on its own and match the returns to the expected `regions`."""
    folder = Path(folder)
    returns = []
    for path in _return_files(folder):
        result = read_indicators([path])
        ret = Return(path, frame=result.frame, problems=list(result.problems))
        _identify(ret, regions)
        if ret.frame is not None and not ret.frame.empty:
            ret.missing = _missing(ret.frame)
        returns.append(ret)
    problems: list[Problem] = []
    rows = []
    for region in regions:
        mine = [r for r in returns if r.region == region]
        if not mine:
            rows.append(_row(region, None, STATUS_MISSING, [], 0))
        elif len(mine) > 1:
            names = "、".join(r.path.name for r in mine)
            for r in mine:
                r.problems.append(Problem("error", str(r.path), f"“{region}”报送了{len(mine)}份文件（{names}），未纳入汇总",
                                          "每个地区一份", "确认以哪一份为准，删去其余文件后重新汇总"))
            rows.append(_row(region, mine, STATUS_DUPLICATE, [e for r in mine for e in r.errors], max(r.missing for r in mine)))
        else:
            r = mine[0]
            rows.append(_row(region, mine, STATUS_ERRORS if r.errors else STATUS_OK, r.errors, r.missing))
    for r in returns:
        if r.region not in regions:
            found = f"地区“{r.region}”不在报送名单中" if r.region else "无法确定是哪个地区的报送表（表内和文件名中都没有名单中的地区）"
            r.problems.append(Problem("error", str(r.path), found, f"名单中的地区：{'、'.join(regions)}",
                                      "核对地区名称，或在 --regions 中加入该地区"))
            rows.append(_row(r.region or "（未识别）", [r], STATUS_UNKNOWN, r.errors, r.missing))
    for r in returns:
        problems += r.problems
    valid = [mine[0] for region in regions if len(mine := [r for r in returns if r.region == region]) == 1 and not mine[0].errors]
    merged = pd.concat([r.frame for r in valid], ignore_index=True) if valid else pd.DataFrame()
    return Round(rows, returns, problems, merged)


def _row(region: str, returns: list[Return] | None, status: str, errors: list[Problem], missing: int) -> dict:
    files = "、".join(r.path.name for r in returns) if returns else ""
    times = "、".join(_mtime(r.path) for r in returns) if returns else ""
    first = "；".join(e.found for e in errors[:FIRST_ERRORS]) + ("……" if len(errors) > FIRST_ERRORS else "")
    return {"地区": region, "文件": files, "修改时间": times, "状态": status, "错误数": len(errors),
            "缺报指标数": missing, "主要错误": first}


def _mtime(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------- outputs


def _sheet(ws, headers: list[str], rows: list[list], widths: list[int]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in rows:
        ws.append([inert_text(v) for v in row])
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for j, width in enumerate(widths):
        ws.column_dimensions[ws.cell(1, j + 1).column_letter].width = width
    ws.freeze_panes = "A2"


def _save(wb: Workbook, path: Path) -> Path:
    return save_workbook(wb, path)


def merged_rows(frame: pd.DataFrame) -> tuple[list[str], list[list]]:
    """The merged returns in the template's layout (one row per region and indicator, with 地区)."""
    if frame.empty:
        return [], []
    base = frame.loc[frame["kind"] == "baseline", "year"].dropna()
    target = frame.loc[frame["kind"] == "target", "year"].dropna()
    actual = frame.loc[frame["kind"] == "actual", "year"].dropna()
    base_year = int(base.min()) if len(base) else int(actual.min()) - 1
    target_year = int(target.max()) if len(target) else int(actual.max())
    columns = columns_for(plan_for_years(base_year, max(target_year, base_year + 1)))
    rows = []
    for (region, indicator), part in frame.groupby(["region", "indicator_id"], sort=False):
        head = part.iloc[0]
        row = dict.fromkeys(columns)
        row.update({"指标代码": indicator, "领域": head["area"], "指标名称": head["name"], "英文名称": head.get("name_en") or None,
                    "单位": head["unit"], "指标方向": "逆向" if head["direction"] == "lower" else "正向",
                    "指标属性": head.get("indicator_type") or None, "地区": region, "来源": head.get("source") or None,
                    "备注": head.get("note") or None})
        for r in part.itertuples():
            value = "—" if r.value != r.value else r.value
            key = {"baseline": f"{int(r.year)}年基期值", "actual": f"{int(r.year)}年", "target": f"{int(r.year)}年目标值"}.get(r.kind)
            if key in row:
                row[key] = value
                if r.kind == "target":
                    row["目标比较符"] = SYMBOLS.get(r.comparator, None)
        rows.append([row[c] for c in columns])
    return columns, rows


def write_outputs(result: Round, out_dir) -> list[Path]:
    """报送情况.xlsx, 汇总.xlsx and 错误清单.xlsx in `out_dir` (each written atomically)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.active.title = "报送情况"
    _sheet(wb.active, REPORT_HEADERS, [[r[h] for h in REPORT_HEADERS] for r in result.rows], [12, 30, 18, 10, 8, 10, 70])
    written = [_save(wb, out / "报送情况.xlsx")]
    wb = Workbook()
    wb.active.title = "汇总"
    columns, rows = merged_rows(result.merged)
    _sheet(wb.active, columns or ["指标名称", "地区"], rows, [14] * max(len(columns), 2))
    written.append(_save(wb, out / "汇总.xlsx"))
    wb = Workbook()
    wb.active.title = "错误清单"
    listed = [[Path(p.file).name, p.sheet, p.cell, {"error": "错误", "warning": "警告", "note": "说明"}[p.severity], p.found, p.expected, p.fix]
              for p in result.problems]
    _sheet(wb.active, ["文件", "工作表", "单元格", "级别", "问题", "应为", "建议"], listed, [28, 12, 8, 6, 50, 30, 40])
    written.append(_save(wb, out / "错误清单.xlsx"))
    return written


def summary_lines(result: Round) -> list[str]:
    """What the terminal shows after a round."""
    counts = pd.Series([r["状态"] for r in result.rows]).value_counts()
    lines = ["报送情况：" + "、".join(f"{k}{v}个" for k, v in counts.items())]
    for r in result.rows:
        if r["状态"] != STATUS_OK or r["缺报指标数"]:
            detail = f"，缺报{r['缺报指标数']}项指标" if r["缺报指标数"] else ""
            lines.append(f"  {r['地区']}：{r['状态']}{detail}" + (f"（{r['主要错误']}）" if r["主要错误"] else ""))
    return lines


# ---------------------------------------------------------------- an example round (notebook 06, tests)


def fill_form(form, target, values: list, year: int, region: str | None = None) -> Path:
    """Fill a region form's `year` column with `values` (top to bottom) and save it as `target`, as a county would.

    `region` rewrites the form's 地区 cells (a return sent in by a region that is not on the list).
    The form itself is only read.
    """
    wb = load_workbook(form)
    ws = wb["指标"]
    header = [c.value for c in ws[1]]
    col = header.index(f"{year}年") + 1
    for row, value in zip(range(2, ws.max_row + 1), values):
        ws.cell(row, col).value = value
    if region:
        for row in range(2, ws.max_row + 1):
            ws.cell(row, header.index("地区") + 1).value = region
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return Path(target)


EXAMPLE_TIME = 1735603200  # 2024-12-31 00:00 UTC: example returns carry a fixed time, so outputs repeat


def example_returns(forms: list[Path], folder, year: int) -> Path:
    """Returns as a round really brings them in, from the first three regions' forms: one good; one with a
    number written as words; one region sending twice; a region not on the list; a file that is not Excel.
    Any further region on the list sends nothing. Written into `folder` (created), which is returned."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n = _form_rows(forms[0])
    first, second, third = (form_region(f) for f in forms[:3])
    fill_form(forms[0], folder / f"{first}_指标报送表_{year}.xlsx", [1.0] * n, year)
    fill_form(forms[1], folder / f"{second}_指标报送表_{year}.xlsx", ["约15万"] + [1.0] * (n - 1), year)
    fill_form(forms[2], folder / f"{third}_第一次.xlsx", [1.0] * n, year)
    fill_form(forms[2], folder / f"{third}_更正.xlsx", [1.0] * (n - 1) + ["—"], year)
    fill_form(forms[0], folder / f"高新区_指标报送表_{year}.xlsx", [1.0] * n, year, region="高新区")
    (folder / "扫描件.xlsx").write_bytes(b"%PDF-1.4 not a workbook")
    for p in folder.iterdir():
        os.utime(p, (EXAMPLE_TIME, EXAMPLE_TIME))
    return folder


def _form_rows(form: Path) -> int:
    wb = load_workbook(form, read_only=True)
    try:
        rows = wb["指标"].iter_rows(min_row=2, values_only=True)
        return sum(1 for row in rows if any(v not in (None, "") for v in row))
    finally:
        wb.close()  # read-only workbooks hold the file open (Windows would lock it)


def form_region(form: Path) -> str:
    """The region a form was written for (its 地区 column)."""
    wb = load_workbook(form, read_only=True)
    try:
        ws = wb["指标"]
        header = [c.value for c in next(ws.iter_rows(max_row=1))]
        return next(ws.iter_rows(min_row=2, max_row=2, values_only=True))[header.index("地区")]
    finally:
        wb.close()
