"""Notebook parameters checked like any other input, and the load → assess step every notebook starts with.

A parameter typed the wrong way (AS_OF = "2023" as text, METHOD = "CN", a DATA path that does not exist)
gets a Chinese sentence saying what was found, what is expected and how to fix it — never a numpy error
from deep inside the assessment. PLAN is passed on only to functions that accept a `plan=` argument.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pandas as pd

from analysis.assess.gap import assess
from analysis.read.loader import load_indicators
from analysis.read.validate import inputs
from analysis.rules.plans import Plan, plan_for_years, resolve_plan
from analysis.rules.problems import UserError

METHODS = {"cn": "时间过半、任务过半", "eurostat": "Eurostat 增速比"}


class ParameterError(UserError, ValueError):
    """A notebook or command parameter that cannot be used; the message is the Chinese sentence."""


def check_as_of(as_of) -> int | None:
    """None, or a year as int: 2023, "2023", "2023年", 2023.0 are accepted; anything else is explained."""
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return None
    if isinstance(as_of, bool):
        raise ParameterError(f"参数 AS_OF 的值 {as_of!r} 不是年份：应为 2020–2035 之间的年份，如 AS_OF = 2024；不指定请写 None。")
    text = str(as_of).strip().removesuffix("年")
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not (number == number and number == int(number) and 2000 <= number <= 2100):
        raise ParameterError(
            f"参数 AS_OF 的值 {as_of!r} 不是年份：应为评估截至年份，如 AS_OF = 2024（不加引号）；"
            "不指定请写 AS_OF = None（各指标取最新一年）。"
        )
    return int(number)


def check_method(method) -> str:
    key = str(method or "cn").strip().lower()
    if key not in METHODS:
        choices = "、".join(f'"{k}"（{v}）' for k, v in METHODS.items())
        raise ParameterError(f"参数 METHOD 的值 {method!r} 无法识别：应为 {choices} 之一，如 METHOD = \"cn\"。")
    return key


def check_data(data) -> list[Path] | None:
    """None (the bundled data) or a list of existing files; a missing file is named with the folder looked in."""
    if data is None or (isinstance(data, (list, tuple)) and not data):
        return None
    paths = [Path(p) for p in ([data] if isinstance(data, (str, Path)) else data)]
    for p in paths:
        if not p.is_file():
            raise ParameterError(
                f"参数 DATA 中的文件“{p}”不存在（在文件夹“{p.resolve().parent}”中查找）：请检查路径和文件名，"
                "Windows 路径可写作 r\"D:\\数据\\指标.xlsx\" 或使用正斜杠。"
            )
    return paths


_YEARS = re.compile(r"^\s*(\d{4})\s*年?\s*[-—–~～至到]+\s*(\d{4})\s*年?\s*$")


def check_plan(plan=None, base_year=None, target_year=None):
    """The plan period as a plans.Plan, or None: a name ("十四五", "十五五", "2035远景"), years written
    "2021-2027" / "2021—2027年", or base_year / target_year; anything else is explained."""

    if isinstance(plan, Plan):
        return plan
    if plan is not None and not isinstance(plan, str):
        raise ParameterError(f"参数 PLAN 的值 {plan!r} 应为规划名称文字，如 PLAN = \"十四五\"；不指定请写 None。")
    years = [check_year(v, name) for v, name in ((base_year, "基期年份"), (target_year, "目标年份"))]
    text = (plan or "").strip()
    match = _YEARS.match(text)
    try:
        if match:
            return plan_for_years(int(match.group(1)), int(match.group(2)))
        return resolve_plan(text or None, *years)
    except ValueError as exc:
        raise ParameterError(f"规划期参数无法使用：{exc}。") from None


def check_year(value, what: str = "年份") -> int | None:
    """A year such as 2025 (or "2025", "2025年"); None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().removesuffix("年")
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
        raise ParameterError(f"{what}“{value}”不是年份：应为四位数年份，如 2025。")
    return int(text)


def check_parameters(data=None, as_of=None, method="cn", plan=None):
    """(DATA, AS_OF, METHOD, PLAN) checked and normalised; raises ParameterError with a Chinese sentence.

    PLAN comes back as a plans.Plan (or None): a name, or years written "2021-2027".
    """
    return check_data(data), check_as_of(as_of), check_method(method), check_plan(plan)


def accepts(func, name: str) -> bool:
    """Whether `func` takes a keyword argument `name` (other helpers are adding `plan=`)."""
    try:
        parameters = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    return name in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


def load_and_assess(data=None, as_of=None, method="cn", plan=None, region=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check the parameters, load the workbooks and assess them: (tidy frame, gap table).

    region: the place name of tables whose title names none ("福建省"; the notebooks' REGION)."""

    data, as_of, method, plan = check_parameters(data, as_of, method, plan)
    extra = {"plan": plan} if plan else {}
    named = {"region": region} if region else {}
    frame = load_indicators(inputs(data), **(extra if accepts(load_indicators, "plan") else {}), **named)
    if plan and not accepts(load_indicators, "plan") and not accepts(assess, "plan"):
        raise ParameterError(f"参数 PLAN = {plan!r}：当前版本尚不支持按规划期读取，请写 PLAN = None。")
    table = assess(frame, as_of=as_of, method=method, **(extra if accepts(assess, "plan") else {}))
    return frame, table
