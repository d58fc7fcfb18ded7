"""Command line: `python -m analysis validate|report|template`.

An analyst never sees a Python traceback here: every failure is a sentence saying what went wrong
and what to do (`--debug` shows the traceback for developers).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

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
        from .problems import InputError

        from .safeio import OutputRefused
        from .textsafe import terminal

        if isinstance(exc, (InputError, OutputRefused)):
            print(terminal(str(exc)), file=sys.stderr)
            return EXIT_INPUT
        if args.debug:
            traceback.print_exc()
        print(terminal(f"出错了：{exc}（{type(exc).__name__}）。加 --debug 可查看技术细节。"), file=sys.stderr)
        return EXIT_FAILURE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="规划指标差距分析（indicator-gap suite）")
    parser.add_argument("--debug", action="store_true", help="出错时显示技术细节（traceback）")
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="校验指标工作簿：列出每个问题的位置和修改建议")
    validate.add_argument("paths", nargs="+", type=Path, help="一个或多个 .xlsx / .csv 文件")
    validate.set_defaults(run=_validate)

    report = sub.add_parser("report", help="生成简报材料包（差距表、图表、简报句子、已运行的笔记本）")
    report.add_argument("--data", nargs="+", type=Path, default=None, help="输入工作簿（默认：随项目附带的中期评估数据）")
    report.add_argument("--as-of", type=int, default=None, help="评估截至年份（默认：各指标最新一年）")
    report.add_argument("--out", type=Path, default=None, help="输出文件夹（默认：reports/）")
    report.add_argument("--method", choices=["cn", "eurostat"], default="cn", help="评估方法（默认 cn：时间过半、任务过半）")
    report.set_defaults(run=_report)

    template = sub.add_parser("template", help="生成空白指标模板（含下拉列表和填写说明）")
    template.add_argument("out", type=Path, help="模板保存路径，如 指标模板.xlsx")
    template.set_defaults(run=_template)
    for command in (validate, report, template):
        command.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return parser


def _validate(args) -> int:
    from .validate import summary, validate

    from .textsafe import terminal

    result = validate(args.paths)
    print(terminal(summary(result)))
    return EXIT_OK if result.ok else EXIT_INPUT


def _report(args) -> int:
    from .report import build_report

    return build_report(data=args.data, as_of=args.as_of, out=args.out, method=args.method)


def _template(args) -> int:
    from .template import write_template

    path = write_template(args.out)
    print(f"已生成模板：{path}")
    return EXIT_OK


def _utf8_console() -> None:
    """Chinese messages must print on a Windows console that defaults to a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except AttributeError:
            pass


if __name__ == "__main__":
    sys.exit(main())
