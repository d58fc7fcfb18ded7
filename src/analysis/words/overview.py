"""Sentences over many indicators: 总体情况, one line per area, the comparison of regions on an indicator."""

from __future__ import annotations

import pandas as pd

from analysis.assess.rows import has_target, is_final, is_met, lower_better, records, target_type_of, value_decimals
from analysis.metadata.fields import NO_AREA_ZH
from analysis.metadata.statuses import status_label
from analysis.rules.numbers import fmt, plain
from analysis.words.indicator import FINAL_WORDS, goal, indicator_name, one_line, value_text

# Statuses a briefing must name indicator by indicator.
WARNING_STATUSES = ("lagging", "regressing", "not_achieved")


# Order of the verdict words in counts, and their "all of them" forms.
JUDGE = status_label("judge")
COUNT_WORDS = ("已达到", "完成", "基本完成", "尚未达到", "未完成", JUDGE, "暂无数据")


ALL_WORDS = {"已达到": "均已达到", "完成": "均已完成", "基本完成": "均基本完成", "尚未达到": "均未达到",
             "未完成": "均未完成", JUDGE: "均" + JUDGE, "暂无数据": "均暂无数据"}


# Statuses a briefing names indicator by indicator (final phase: 未完成 and 基本完成 under those labels).
NAMED_STATUSES = WARNING_STATUSES + ("basically_achieved", "judge")


def _area_name(rows: list[dict]) -> str:
    return next((one_line(r["area"]) for r in rows if r["area"]), NO_AREA_ZH)


def _goal_phrase(targeted: list[dict], plan=None) -> str:
    """"2025年目标" ("“十四五”期末目标") when every target is for the same year and phase, else "目标"."""
    basis = [r for r in targeted if r["actual"] is not None] or targeted  # no data: no phase to speak of
    years = {(r["target_year"], is_final(r), target_type_of(r) in ("cumulative", "annual_rate")) for r in basis}
    if len(years) == 1 and None not in next(iter(years)):
        first = dict(basis[0], target_type="level")  # the counts speak of targets, whatever their type
        return goal(first, plan)
    return "量化目标" if all(r["target"] is not None for r in targeted) else "目标"


def _verdict_word(r: dict) -> str:
    """The word a row is counted under: 已达到 / 尚未达到 mid-term, 完成 / 基本完成 / 未完成 final."""
    if r["actual"] is None:
        return "暂无数据"
    if r["status"] == "judge":
        return JUDGE
    if is_final(r):
        return FINAL_WORDS.get(r["status"], "完成" if is_met(r) else "未完成")
    return "已达到" if is_met(r) else "尚未达到"


def _counts(rows: list[dict], unit: str = "项") -> str:
    """"其中已达到1项、尚未达到2项"; "均未达到" / "均已完成" when there is one verdict only."""
    words = [_verdict_word(r) for r in rows]
    present = [w for w in COUNT_WORDS if w in words]
    if len(present) == 1:
        return ALL_WORDS[present[0]] if len(words) > 1 else present[0]
    return "其中" + "、".join(f"{w}{words.count(w)}{unit}" for w in present)


def area_sentence(table_for_one_area: pd.DataFrame, plan=None) -> str:
    """One line for an area: how many indicators, how many have targets, met / not met, which lag."""
    rows = records(table_for_one_area)
    plan = plan or table_for_one_area.attrs.get("assess", {}).get("plan")
    area, n = _area_name(rows), len(rows)
    targeted = [r for r in rows if has_target(r)]
    if not targeted:
        return f"{area}：{n}项指标{'均' if n > 1 else ''}未设定量化目标。"
    if len(targeted) == n:
        head = f"{n}项指标{'均' if n > 1 else ''}设有"
    else:
        head = f"{n}项指标中，{len(targeted)}项设有"
    text = f"{area}：{head}{_goal_phrase(targeted, plan)}，{_counts(targeted)}"
    with_region = len({r["region"] for r in rows if r["region"]}) > 1
    for label, names in _warnings(targeted, with_region).items():
        text += f"；{label}的有{'、'.join(names)}"
    return text + "。"


def area_values_sentence(table_for_one_area: pd.DataFrame) -> str | None:
    """The indicators of an area that have data but no target, by value, as the bureau's own report words them:
    "在市场安全监管方面，食品监督抽查合格率为97.4%，举报按时核查率为97.6%（以上2项未设定量化目标）。"
    (None when there are none; the indicators with targets get their own sentences.)"""
    rows = [r for r in records(table_for_one_area) if r["actual"] is not None and not has_target(r)]
    if not rows:
        return None
    with_region = len({r["region"] for r in rows if r["region"]}) > 1
    values = "，".join(f"{indicator_name(r, with_region)}为{value_text(r, one_line(r['unit'] or ''))}" for r in rows)
    which = "以上指标" if len(rows) == 1 else f"以上{len(rows)}项"
    return f"在{_area_name(rows)}方面，{values}（{which}未设定量化目标）。"


def _warnings(rows: list[dict], with_region: bool) -> dict[str, list[str]]:
    """Names of lagging / regressing / unmet (未完成, 基本完成, 需人工判断) indicators under their own label."""
    found: dict[str, list[str]] = {}
    for status in NAMED_STATUSES:
        for r in rows:
            if r["status"] == status and r["actual"] is not None:
                label = r["status_label"] or status_label(status, "final" if is_final(r) else "midterm")
                found.setdefault(label, []).append(indicator_name(r, with_region))
    return found


def _place(rows: list[dict]) -> str:
    regions = list(dict.fromkeys(r["region"] for r in rows if r["region"]))
    return regions[0] if len(regions) == 1 else (f"{len(regions)}个地区" if regions else "")


def final_counts(rows: list[dict], unit: str = "个指标", count_unit: str = "个") -> str:
    """"28个指标中完成25个、未完成3个，完成率89.3%" as final evaluations count (rows in the final phase).

    The rate is 完成 ÷ the indicators judged (基本完成 is not 完成); rows without data or needing a person's
    judgement are named after it ("另有暂无数据1个").
    """
    words = [_verdict_word(r) for r in rows]
    judged = [w for w in words if w in ("完成", "基本完成", "未完成")]
    done = judged.count("完成")
    parts = [f"{w}{judged.count(w)}{count_unit}" for w in ("完成", "基本完成", "未完成") if judged.count(w)]
    if judged:
        text = f"{len(judged)}{unit}中{'、'.join(parts)}，完成率{fmt(done / len(judged) * 100, 1)}%"
    else:
        text = ""
    others = [f"{w}{words.count(w)}{count_unit}" for w in (JUDGE, "暂无数据") if words.count(w)]
    if others:
        text += ("；另有" if text else "") + "、".join(others)
    return text


def as_of_text(table: pd.DataFrame) -> str:
    """The one reading of "as of" for every place that states it (summary.md, the Word draft, index.md):
    the latest data year, and the as-of year assess was given when it is later than the data
    ("2025年（最新数据为2024年）"); "2024年" when they agree or none was given; "" without data."""
    years = pd.to_numeric(table["year"], errors="coerce").dropna() if "year" in table else pd.Series(dtype=float)
    if years.empty:
        return ""
    latest = int(years.max())
    as_of = table.attrs.get("assess", {}).get("as_of")
    if as_of is not None and int(as_of) > latest:
        return f"{plain(as_of)}年（最新数据为{latest}年）"
    return f"{latest}年"


def overall_sentence(table: pd.DataFrame, plan=None) -> str:
    """The whole-pack paragraph: how many indicators (and regions), how many with targets, how many met.

    Mid-term: "…6项设有2025年目标，其中已达到2项、尚未达到4项，达标率33.3%；滞后于序时进度2项…".
    Final: "…设有“十四五”期末目标的6个指标中完成4个、未完成2个，完成率66.7%。"
    """
    rows = records(table)
    plan = plan or table.attrs.get("assess", {}).get("plan") or None
    ids = list(dict.fromkeys(r["indicator_id"] for r in rows))
    regions = list(dict.fromkeys(r["region"] for r in rows if r["region"]))
    targeted = [r for r in rows if has_target(r)]
    when = f"截至{as_of_text(table)}，" if as_of_text(table) else ""
    where = regions[0] if len(regions) == 1 else (f"{len(regions)}个地区" if regions else "")
    several = len(regions) > 1
    if several:
        head = f"{when}{where}共监测{len(ids)}项指标（{len(rows)}个地区指标）"
    else:
        head = f"{when}{where}共监测{len(ids)}项指标"
    if not targeted:
        return head + "，均未设定量化目标。"
    unit = "个地区指标" if several else "项"
    final = [r for r in targeted if is_final(r) and r["actual"] is not None]
    midterm = [r for r in targeted if not is_final(r) and r["actual"] is not None]
    no_data = [r for r in targeted if r["actual"] is None]
    # Rows without data are counted with the final evaluation when every row with data is final.
    (final if final and not midterm else midterm).extend(no_data)
    clauses = []
    if final:
        what = "个地区指标" if several else "个指标"
        counted = final_counts(final, what)
        clauses.append(f"设有{_goal_phrase(final, plan)}的{counted}" if counted[:1].isdigit() else counted)
    if midterm:
        met = sum(r["actual"] is not None and is_met(r) for r in midterm)
        counted = _counts(midterm, "个" if several else "项")
        text = f"{len(midterm)}{unit}设有{_goal_phrase(midterm, plan)}，{counted}"
        if met and len(midterm) > 1:
            text += f"，达标率{fmt(met / len(midterm) * 100, 1)}%"
        clauses.append(("其余" if final else "") + text)
        # 尚未达到 is already counted above; the pace statuses (滞后、逆向) are worth their own clause.
        warned = {label: len(names) for label, names in _warnings(midterm, several).items()
                  if label != status_label("not_achieved")}
        if warned:
            clauses.append("，".join(f"{label}{count}{unit}" for label, count in warned.items()))
    return f"{head}；" + "；".join(clauses) + "。"


def region_comparison(table_for_one_indicator: pd.DataFrame, plan=None) -> str | None:
    """"每万人口执业药师数：5个地区中3个已达到2025年目标，最低的是昌江区（2人）。" (None: fewer than two regions).

    In the final phase: "5个地区中3个完成“十四五”期末目标".
    """
    rows = [r for r in records(table_for_one_indicator) if r["region"]]
    valued = [r for r in rows if r["actual"] is not None]
    if len({r["region"] for r in rows}) < 2 or not valued:
        return None
    n, name = len(rows), indicator_name(rows[0])
    unit = one_line(rows[0]["unit"] or "")
    lower = lower_better(rows[0])
    worst = (max if lower else min)(valued, key=lambda r: r["actual"])
    best = (min if lower else max)(valued, key=lambda r: r["actual"])
    value = lambda r: f"{r['region']}（{fmt(r['actual'], value_decimals(r['actual']))}{unit}）"  # noqa: E731
    targeted = [r for r in rows if has_target(r)]
    if targeted:
        met = sum(r["actual"] is not None and is_met(r) for r in targeted)
        goal = _goal_phrase(targeted, plan)
        final = all(is_final(r) for r in targeted)
        reached, missed = ("完成", "未完成") if final else ("已达到", "未达到")
        if met == len(targeted) == n:
            verdict = f"{n}个地区均{'已' if final else ''}{reached}{goal}"
        elif met == 0:
            verdict = (f"{n}个地区均{missed}{goal}" if len(targeted) == n
                       else f"{n}个地区中设有目标的{len(targeted)}个均{missed}{goal}")
        else:
            verdict = f"{n}个地区中{met}个{reached}{goal}"
    else:
        verdict = f"{n}个地区均未设定量化目标"
    word = ("最高" if lower else "最低"), ("最低" if lower else "最高")
    return f"{name}：{verdict}，{word[1]}的是{value(best)}，{word[0]}的是{value(worst)}。"


GAP_TABLE_FILES = "简报材料包的 tables/gap_table.xlsx（及 gap_table.csv，由 05 简报导出写出）"


def first_rows_sentence(total: int, shown: int, regions: int, where: str = GAP_TABLE_FILES) -> str:
    """What a notebook table shows when the regions are many: "共84000行（2800个地区），这里只显示前20行；
    全部行见简报材料包的 tables/gap_table.xlsx（…）。" (`where`: the file or `.frame` that holds them all)."""
    return f"共{total}行（{regions}个地区），这里只显示前{shown}行；全部行见{where}。"


def by_region_sentence(regions: int) -> str:
    """Why a notebook leaves out the counts by region when the regions are many."""
    return (f"数据有{regions}个地区，分地区的统计不在这里逐行列出：各地区每项指标的结论见{GAP_TABLE_FILES}，"
            "各指标的地区排名见 tables/rankings.csv。")


COVERAGE_FRAME = "这张表的 .frame（如 an.coverage(frame).frame）"


def top_bottom_sentence(regions: int, n: int, rankings_file: str) -> str:
    """What notebook 04 draws for its indicator when the regions are many."""
    return (f"数据有{regions}个地区，这里画出该指标在各地区的分布，以及排名前{n}位和后{n}位的地区；"
            f"全部地区的排名见简报材料包的 {rankings_file}。")


def counts_marks_sentence() -> str:
    """What notebook 03 shows when the regions are many, in place of the overview and bullet marks."""
    return ("地区较多，这里只显示按领域统计的评估结论图（各评估结论的地区指标数）；每个指标的分布图"
            "（目标线、中位数和已达到目标的比例）和排名前后几位的地区写入简报材料包。")
