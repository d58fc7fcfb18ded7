"""Command line: `python -m analysis validate|report|template`.

An analyst never sees a Python traceback here: every failure is a sentence saying what went wrong
and what to do (`--debug` shows the traceback for developers).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from analysis.pack.params import ParameterError, check_method, check_plan
from analysis.read.loader import load_indicators
from analysis.read.validate import validate
from analysis.rules.dates import parse_as_of
from analysis.rules.plans import PLANS, resolve_plan
from analysis.rules.problems import InternalError, Step, UserError
from analysis.rules.textsafe import terminal
from analysis.words.validation import summary

EXIT_OK, EXIT_INPUT, EXIT_FAILURE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _utf8_console()
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # the last line of defence: a sentence, not a traceback

        if isinstance(exc, UserError):
            print(terminal(str(exc)), file=sys.stderr)
            return EXIT_INPUT
        if args.debug:
            traceback.print_exc()
        if not isinstance(exc, InternalError):  # raised outside any named step
            exc = InternalError(f"python -m analysis {args.command}", f"{exc}（{type(exc).__name__}）")
        print(terminal(str(exc)), file=sys.stderr)
        return EXIT_FAILURE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="规划指标差距分析（indicator-gap suite）")
    parser.add_argument("--debug", action="store_true", help="出错时显示技术细节（traceback）")
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="校验指标工作簿：列出每个问题的位置和修改建议")
    validate.add_argument("paths", nargs="+", type=Path, help="一个或多个 .xlsx / .csv 文件")
    _plan_options(validate)
    _region_option(validate)
    validate.set_defaults(run=_validate)

    report = sub.add_parser("report", help="生成简报材料包（差距表、图表、简报句子、已运行的笔记本）")
    report.add_argument("--data", nargs="+", type=Path, default=None, help="输入工作簿（默认：随项目附带的中期评估数据）")
    report.add_argument("--as-of", default=None,
                        help="评估截至：年份（如 2024，即该年12月31日）或日期（如 2023-12-31）；默认各指标最新一年")
    report.add_argument("--out", type=Path, default=None, help="输出文件夹（默认：reports/）")
    report.add_argument("--method", default="cn", help="评估方法：cn（默认，时间过半、任务过半）或 eurostat（增速比）")
    _plan_options(report)
    _region_option(report)
    report.add_argument("--source", default=None,
                        help="图表和表格的资料来源，如 \"资料来源：市统计局\"（默认：取工作簿标题）")
    report.add_argument("--svg", action="store_true", help="图表另存一份 SVG（默认只有 PNG 300dpi）")
    report.add_argument("--per-region", action=argparse.BooleanOptionalAction, default=None,
                        help="每个地区一页总览，各写入 regions/ 下一个文件夹（默认：地区不超过12个时写入）")
    report.set_defaults(run=_report)

    template = sub.add_parser("template", help="生成空白指标模板；加 --regions 时为每个地区生成一份报送表")
    template.add_argument("out", type=Path, help="模板保存路径，如 指标模板.xlsx；加 --regions 时为输出文件夹")
    _collection_options(template)
    template.add_argument("--from", dest="plan_file", type=Path, default=None, help="规划指标工作簿：预填指标、单位、目标和往年数据")
    template.add_argument("--plan", default=None, help="规划期，如 十五五（默认：当前所处的规划期）")
    template.add_argument("--year", type=int, default=None, help="本次报送的年份（只开放该年一列）")
    template.set_defaults(run=_template)

    collect = sub.add_parser("collect", help="汇总各地区报送表：报送情况、汇总表、错误清单")
    collect.add_argument("returns", type=Path, help="存放各地区报送文件的文件夹")
    _collection_options(collect, required=True)
    collect.add_argument("--out", type=Path, required=True, help="输出文件夹")
    collect.set_defaults(run=_collect)
    for command in (validate, report, template, collect):
        command.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return parser


def _plan_options(command) -> None:
    command.add_argument("--plan", default=None,
                         help="规划期：十三五、十四五、十五五、2035远景（表头没有年份时用；默认从表头和标题识别）")
    command.add_argument("--base-year", default=None, help="基期年份，如 2025（与 --target-year 一起代替 --plan）")
    command.add_argument("--target-year", default=None, help="目标年份，如 2030")


def _region_option(command) -> None:
    command.add_argument("--region", default=None,
                         help="地区名称，如 福建省：用于表中没有地区列、标题中也没有地名的表（默认：取自标题或文件名）")


def _plan_of(args):
    """The plan period asked for on the command line (a plans.Plan or None); ParameterError in Chinese."""

    return check_plan(args.plan, args.base_year, args.target_year)


def _refuse(exc: Exception) -> int:
    """A bad option value: its Chinese sentence on stderr, exit 1 (the input was wrong, not the tool)."""

    print(terminal(str(exc)), file=sys.stderr)
    return EXIT_INPUT


def _validate(args) -> int:

    try:
        plan = _plan_of(args)
    except ParameterError as exc:
        return _refuse(exc)
    with Step("读取并校验工作簿"):
        result = validate(args.paths, plan=plan, region=args.region)
    with Step("生成校验摘要"):
        text = summary(result)
    print(terminal(text))
    return EXIT_OK if result.ok else EXIT_INPUT


def _report(args) -> int:
    # deferred: nbclient, matplotlib and openpyxl load only for the command that needs them
    from analysis.pack.report import build_report

    try:
        plan = _plan_of(args)
        method = check_method(args.method)
        try:
            parse_as_of(args.as_of)
        except ValueError as exc:
            raise ParameterError(f"选项 --as-of：{exc}。") from None
        source = _source(args.source)
    except ParameterError as exc:
        return _refuse(exc)
    return build_report(data=args.data, as_of=args.as_of, out=args.out, method=method, plan=plan, source=source,
                        svg=args.svg, per_region=args.per_region, region=args.region)


def _source(text):
    """--source: one line of text; "资料来源：" is added when it does not start with it."""

    if text is None:
        return None
    line = " ".join(str(text).split())
    if not line:
        raise ParameterError("选项 --source 为空：应为资料来源的文字，如 --source \"市统计局2025年统计公报\"。")
    return line if line.startswith("资料来源") else f"资料来源：{line}"


def _template(args) -> int:
    # deferred: nbclient, matplotlib and openpyxl load only for the command that needs them
    from analysis.collect.template import write_template

    if args.regions:  # word helper (issue 11): the collection round's forms
        return _region_forms(args)
    path = write_template(args.out, **({"plan": args.plan} if args.plan else {}))
    print(f"已生成模板：{path}")
    return EXIT_OK


# ---- the collection round (word helper, issue 11)


def _collection_options(command, required: bool = False) -> None:
    command.add_argument("--regions", type=_region_list, required=required, default=None,
                         help="地区名单，用逗号分隔，如 昌江区,珠山区")


def _region_list(text: str) -> list[str]:
    regions = [r.strip() for r in text.replace("，", ",").replace("、", ",").split(",") if r.strip()]
    if not regions:
        raise argparse.ArgumentTypeError("地区名单为空；应为用逗号分隔的地区名，如 昌江区,珠山区")
    return list(dict.fromkeys(regions))


def _region_forms(args) -> int:
    import datetime

    # deferred: nbclient, matplotlib and openpyxl load only for the command that needs them
    from analysis.collect.template import write_region_forms

    frame = None
    if args.plan_file:

        frame = load_indicators([args.plan_file])
    plan = resolve_plan(args.plan) if args.plan else None
    if plan is None and frame is not None and "plan" in frame and frame["plan"].fillna("").ne("").any():
        plan = resolve_plan(frame.loc[frame["plan"].fillna("").ne(""), "plan"].iloc[0])
    if plan is None:  # the plan in progress this year
        year = args.year or datetime.date.today().year
        plan = next((p for p in PLANS.values() if p.base_year < year <= p.target_year and p.name.startswith("十")), None)
    paths = write_region_forms(args.out, args.regions, plan=plan, year=args.year, plan_frame=frame)
    print(f"已生成{len(paths)}份报送表（{plan.label}规划期）：{args.out}")
    for path in paths:
        print(f"  {path.name}")
    return EXIT_OK


def _collect(args) -> int:
    # deferred: nbclient, matplotlib and openpyxl load only for the command that needs them
    from analysis.collect.round import (
        collect,
        summary_lines,
        write_outputs,
    )

    if not args.returns.is_dir():
        print(f"找不到报送文件夹：{args.returns}。请给出存放各地区报送文件的文件夹。", file=sys.stderr)
        return EXIT_INPUT
    result = collect(args.returns, args.regions)
    write_outputs(result, args.out)
    print("\n".join(summary_lines(result)))
    print(f"已写入：{args.out / '报送情况.xlsx'}、汇总.xlsx、错误清单.xlsx")
    return EXIT_OK if result.complete else EXIT_INPUT


def _utf8_console() -> None:
    """Chinese messages must print on a Windows console that defaults to a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except AttributeError:
            pass


if __name__ == "__main__":
    sys.exit(main())
