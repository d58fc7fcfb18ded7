"""Notebook 06's collection round in one call: forms issued (or an example round), returns checked, outputs written.

`collection_round(...)` returns a `RoundView`; each section of the notebook shows one of its parts (the files
that came back, who returned what, the errors, the merged table), so the notebook holds calls and prose only.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.assess.rows import plan_of_row
from analysis.collect.round import Round, collect, example_returns, write_outputs
from analysis.collect.template import write_region_forms
from analysis.config import DATA_PROCESSED, PROJECT_ROOT
from analysis.metadata.fields import TIDY_HEADERS_ZH
from analysis.read.loader import load_indicators
from analysis.read.validate import inputs
from analysis.rules.plans import Plan, plan_for_years, resolve_plan
from analysis.rules.problems import UserError
from analysis.write.display import Shown
from analysis.write.safeio import staged_dir
from analysis.write.styler import styled

MERGED_COLUMNS = ["region", "area", "name", "unit", "value"]
MERGED_SHOWN = 8  # rows of the merged table a notebook shows (the file holds them all)


def round_plan(plan, frame: pd.DataFrame) -> Plan:
    """The plan the forms are issued for: PLAN as written ("十五五", "2021-2025"), else the plan of the data's
    target years; a Chinese sentence when neither says."""
    text = str(plan).strip() if plan is not None else ""
    if "-" in text and text.replace("-", "").replace("年", "").isdigit():
        first, last = (int(t.strip().removesuffix("年")) for t in text.split("-", 1))
        return plan_for_years(first, last)
    try:
        found = resolve_plan(text or None)
    except ValueError as exc:
        raise UserError(f"参数 PLAN 的值“{plan}”无法识别：{exc}；可写 PLAN = \"十五五\" 或 \"2026-2030\"。") from None
    years = frame.loc[frame["kind"] == "target", "year"].dropna() if len(frame) else pd.Series(dtype=float)
    found = found or (plan_of_row({"target_year": int(years.mode().iloc[0])}) if len(years) else None)
    if found is None:
        raise UserError("参数 PLAN 未给出，规划指标工作簿中也没有目标年份：请写明规划期，如 PLAN = \"十五五\"。")
    return found


@dataclass
class RoundView:
    result: Round
    files: list[str]  # the names of the files that came back
    out: Path
    written: list[Path]
    year: int

    def returned(self):
        """The files in the returns folder, by name."""
        return styled(pd.DataFrame({"回收的文件": self.files}))

    def status(self):
        """One row per region on the list, then any return that belongs to none."""
        return styled(pd.DataFrame(self.result.rows).drop(columns=["修改时间"]))

    def errors(self):
        """Every error as 文件 › 工作表 › 单元格 and what was found."""
        rows = [{"文件": Path(p.file).name, "工作表": p.sheet, "单元格": p.cell, "问题": p.found}
                for p in self.result.problems if p.severity == "error"]
        return styled(pd.DataFrame(rows, columns=["文件", "工作表", "单元格", "问题"]))

    def merged(self) -> Shown:
        """What was written and whether the round is complete, with the first rows of the merged table as
        load_indicators reads 汇总.xlsx back."""
        merged = load_indicators(self.out / "汇总.xlsx")
        rows = merged[(merged["kind"] == "actual") & (merged["year"] == self.year)][MERGED_COLUMNS]
        done = "各地区均已合格报送。" if self.result.complete else "尚有地区未报送、报送有误或缺报指标，见报送情况。"
        sentence = f"已写入 {_shown(self.out)} 文件夹：" + "、".join(p.name for p in self.written) + "；" + done
        return Shown([sentence, styled(rows.head(MERGED_SHOWN).rename(columns=TIDY_HEADERS_ZH))], merged)


def collection_round(returns=None, regions=(), *, data=None, plan=None, year: int, out=None) -> RoundView:
    """Check a folder of returned forms against the list of regions and write 报送情况, 汇总 and 错误清单 into
    `out` (default data/processed/collection, replaced as a whole). With returns=None an example round is
    played from the plan workbook `data`: forms issued for `plan`, returns as counties really send them."""
    regions = list(regions)
    with tempfile.TemporaryDirectory(prefix="round-") as work:
        if returns is None:
            frame = load_indicators(inputs(data))
            forms = write_region_forms(Path(work) / "下发", regions, plan=round_plan(plan, frame), year=year,
                                       plan_frame=frame)
            folder = example_returns(forms, Path(work) / "回收", year)
        else:
            folder = Path(returns)
            if not folder.is_dir():
                raise UserError(f"参数 RETURNS 的文件夹“{folder}”不存在（在“{folder.resolve().parent}”中查找）：请检查路径。")
        files = sorted(p.name for p in folder.iterdir())
        result = collect(folder, regions)
    target = Path(out) if out else DATA_PROCESSED / "collection"
    with staged_dir(target) as staging:
        written = [target / p.name for p in write_outputs(result, staging)]
    return RoundView(result, files, target, written, year)


def _shown(path: Path) -> str:
    """A folder as the analyst finds it: relative to the project when inside it (no machine path in outputs)."""
    try:
        return Path(path).resolve().relative_to(PROJECT_ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)
