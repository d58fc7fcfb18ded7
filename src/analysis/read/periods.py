"""The table's plan period, and a year and kind for every value column (README, Reading workbooks)."""

from __future__ import annotations

from analysis.read.excel import SheetGrid
from analysis.read.headers import Column, Header, _KIND_ZH_SHORT
from analysis.read.table import _Options
from analysis.rules.plans import PLANS, Plan, plan_for_years, plan_in_text
from analysis.rules.problems import Problem


def _settle_years(sheet: SheetGrid, header: Header, title_text: str, file: str, options: _Options) -> Plan | None:
    """The table's plan period, and a year and kind for every value column (the rule in README).

    1. Years written in headers win ("2025年目标值", "基期(2020年)").
    2. The plan period comes from those headers, else the `plan` parameter, else the plan named in the
       title or sheet name ("十五五"), else the bare years of a plan table, else the plan holding the
       latest actual year (an assumption, said as a warning).
    3. Bare years: with an explicit target column they are actuals. Without one, the plan's end-year
       column is the target and the first bare year before it the base; when the plan is not known,
       a table whose first and last bare years are a plan's base and end years (2020年 … 2025年), or whose
       first two bare years are five years apart (2020年 | 2025年 | 2021年 …), is such a plan table.
    4. Headers without a year take the period's years (基期 → base, 目标/年均/累计 → end, 中期 → middle).
    """
    values = [c for c in header.columns if c.field == "value"]
    explicit_targets = [c for c in values if c.kind == "target" and c.hint in ("", "level_or_rate") and not c.bare and not c.span]
    dated = lambda kind: next((c.year for c in values if c.kind == kind and c.year is not None and not c.bare and not c.span), None)
    base, end = dated("baseline"), dated("target")
    # A header over a period ("2021—2025年累计", "“十四五”累计") gives the period: its end, and the year before its start.
    spanned = next((c for c in values if c.span), None)
    known, named_by = _known_plan(sheet, title_text, options)
    bare = [c for c in values if c.bare]
    if not explicit_targets and bare:
        base, end = _read_bare_years(bare, base, end, known, named_by, spanned)
    elif bare:
        for c in bare:
            c.how = "表中另有目标列，只写年份的列为实际值"
    if spanned is not None:
        base = spanned.span[0] - 1 if base is None else base
        end = spanned.span[1] if end is None else end
        if known is None:
            named_by = f"按列“{spanned.label}”的期间 {spanned.span[0]}—{spanned.span[1]} 年"
    period, named_by = _period_of(base, end, known, named_by)
    if period is not None and base is None:
        _base_year_columns(values, period)
    yearless = [c for c in values if c.year is None]
    assumed = False
    if period is None and yearless:
        period, named_by, assumed = _assumed_period(values, named_by)
    _year_yearless(sheet, header, yearless, period, named_by, assumed, file, options)
    return period


def _known_plan(sheet: SheetGrid, title_text: str, options: _Options) -> tuple[Plan | None, str]:
    """The plan the caller gave, else the one the title or sheet name names; and how it was known."""
    known = options.plan
    if known is not None:
        return known, "按参数 plan/base_year/target_year"
    known = plan_in_text(title_text + " " + sheet.name)
    if known is not None:
        return known, f"按标题中的“{known.name}”"
    return None, ""


def _read_bare_years(bare: list[Column], base, end, known: Plan | None, named_by: str, spanned) -> tuple:
    """Bare year columns of a table with no explicit target column: a plan table's end and base, else actuals."""
    years = [c.year for c in bare]
    plan_end = None
    if end is None and known is not None and known.target_year in years:
        plan_end, why = known.target_year, f"规划表期末年份列，{named_by}"
    elif end is None and spanned is not None and spanned.span[1] in years:
        plan_end, why = spanned.span[1], f"规划表期末年份列，与“{spanned.label}”列的期末一致"
    elif end is None and known is None:
        first, last = years[0], max(years)
        if any(p.base_year == first and p.target_year == last for p in PLANS.values()):
            plan_end, why = last, f"规划表：首列 {first} 年为基期、末列 {last} 年为期末，表中无单独目标列"
        elif len(years) >= 2 and years[1] - years[0] == 5:
            plan_end, why = years[1], f"规划表：{years[0]} 年与 {years[1]} 年两列相隔五年，其后为跟踪年份，表中无单独目标列"
    if plan_end is None:
        for c in bare:
            c.how = "只写年份的列按实际值读取" if end is not None else "只写年份的列按实际值读取；表中没有目标列"
        return base, end
    for c in bare:
        if c.year == plan_end:
            c.kind, c.how = "target", why
            break
    if base is None:
        first_bare = next((c for c in bare if c.kind == "actual" and c.year < plan_end), None)
        if first_bare is not None:
            first_bare.kind, first_bare.how = "baseline", "规划表首个年份列为基期"
            base = first_bare.year
    return base, plan_end


def _period_of(base, end, known: Plan | None, named_by: str) -> tuple[Plan | None, str]:
    """The period: headers, then parameter, then title, then the plans the written years belong to."""
    period = None
    if base is not None and end is not None and end > base:
        period = plan_for_years(base, end)
        if known is not None and (known.base_year, known.target_year) == (base, end):
            period = known
    elif known is not None and (base is None or base == known.base_year) and (end is None or end == known.target_year):
        period = known
    elif base is not None or end is not None:
        try:
            period = plan_for_years(base, end)
            named_by = f"按表头年份推定为“{period.name}”"
        except ValueError:
            period = None
        if period is not None and known is not None and (base in (None, known.base_year)) and (end in (None, known.target_year)):
            period = known
    return period, named_by


def _assumed_period(values: list[Column], named_by: str) -> tuple[Plan | None, str, bool]:
    """Nothing names the period: the five-year plan holding the latest actual year, an assumption."""
    actual_years = [c.year for c in values if c.kind == "actual" and c.year is not None]
    if actual_years:
        latest = max(actual_years)
        period = next((p for p in PLANS.values() if p.target_year - p.base_year == 5 and p.base_year < latest <= p.target_year), None)
        if period is not None:
            return period, f"由实际值年份 {latest} 推定为“{period.name}”", True
    return None, named_by, False


def _year_yearless(sheet: SheetGrid, header: Header, yearless: list[Column], period: Plan | None, named_by: str,
                   assumed: bool, file: str, options: _Options) -> None:
    """Headers without a year take the period's (基期 → base, 目标 → end, 中期 → middle), each said; no period: an error."""
    for c in yearless:
        cell = sheet.cell(header.row + header.height - 1, c.index)
        if period is None:
            options.problems.append(
                Problem(
                    "error",
                    file,
                    f"列标题“{c.label}”没有写年份，也无法确定规划期",
                    "带年份的列名，如“2025年目标值”“基期(2020年)”",
                    "在列名中写明年份；或读取时给出规划期：load_indicators(..., plan=\"十五五\")，命令行 --plan 十五五",
                    sheet.name,
                    cell,
                )
            )
            continue
        if c.kind == "baseline":
            c.year = period.base_year
        elif c.kind == "midterm_target":
            c.year = period.base_year + -(-(period.target_year - period.base_year) // 2)
        else:
            c.year = period.target_year
        c.how, c.assumed = f"列名无年份，{named_by}", assumed
        options.choice(
            "warning" if assumed else "note",
            file,
            f"列“{c.label}”没有写年份，读作 {c.year} 年{_KIND_ZH_SHORT[c.kind]}（{named_by}）",
            sheet.name,
            cell,
            f"如不对，请把列名写成“{c.year}年{_KIND_ZH_SHORT[c.kind]}”那样带年份的形式，或给出 plan 参数",
        )


def _base_year_columns(values: list[Column], period: Plan) -> None:
    """A plan box's only year column before its targets is the plan's base year ("2025年", "2025年⏎预计",
    "2025 年(含预估)", "2025年⏎完成值" beside "2030年目标"): its numbers are the base, not a tracked actual."""
    actuals = [c for c in values if c.kind == "actual" and c.year is not None and not c.span]
    ends = [c for c in values if c.kind == "target" and c.year == period.target_year]
    if not actuals or not ends or any(c.year != period.base_year for c in actuals):
        return
    for c in actuals:
        c.kind = "baseline"
        c.how = f"规划表中唯一的年份列是规划期基期 {c.year} 年，读作基期值"
