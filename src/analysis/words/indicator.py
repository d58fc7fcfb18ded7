"""One Chinese briefing sentence per indicator, drafted from its numbers.

The wording rules (docs/methodology.md):
- mid-term (phase "midterm", data year before the target year): 已达到 / 尚差 / 需年均… / 进度… / 按目前增速，预计…;
- final (phase "final", data year at or after the target year): 完成 / 基本完成 / 未完成 against the plan's
  期末目标 (“十四五”期末目标), never 序时进度, no pace and no projection;
- % and 百分点 units: gaps and paces in 个百分点 (linear), never compound growth; one year left: "2025年需…";
- "==" overshot: 超出目标; range: 目标区间; cumulative (〔〕): 累计; annual rate: 年均增长目标; qualitative:
  the direction of change since the base year, or 需人工判断;
- the bureau's own verdict, where it disagrees with ours: 部门自评为“…”，按数据测算为“…”，请核对。"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from analysis.assess.rows import (
    as_row,
    is_final,
    is_met,
    lower_better,
    plan_of_row,
    projection_places,
    target_type_of,
    value_decimals,
)
from analysis.metadata.statuses import STATUS, codes, status_label
from analysis.rules import textsafe
from analysis.rules.numbers import fmt, fmt_short_of, plain, to_decimal
from analysis.rules.targets import COMPARATOR_ZH, is_strict
from analysis.rules.units import change_unit, gap_unit, is_percent_unit, moves_by_points

FINAL_WORDS = {c: STATUS[c].final_label for c in ("achieved", "basically_achieved", "not_achieved")}


# Qualitative targets judged by the direction of change since the base year (assess._statuses).
QUALITATIVE_VERDICTS = {"on_track": "符合目标要求", "lagging": "尚无进展", "regressing": status_label("regressing")}


# Statuses that judge progress against elapsed time; only these are worth a clause in a sentence.
PROGRESS_STATUSES = codes(lambda s: s.paced)


def one_line(s: str) -> str:
    return textsafe.one_line(s).strip()


def indicator_name(r: dict, with_region: bool = False) -> str:
    name = one_line(r["name"] or r["indicator_id"] or "该指标")
    return f"{name}（{r['region']}）" if with_region and r["region"] else name


def plan_period_goal(r: dict, plan=None) -> str:
    """The plan period in a final verdict: “十四五”期末 (a five-year plan), else the target year."""
    p = plan_of_row(r, plan)
    if p is not None and p.name.startswith("十"):
        return f"{p.label}期末"
    return f"{plain(r['target_year'])}年" if r["target_year"] is not None else ""


def goal(r: dict, plan=None) -> str:
    """What the target is called: 2025年目标 (mid-term), “十四五”期末目标 (final); 累计 / 年均增长 targets say so."""
    ttype, final = target_type_of(r), is_final(r)
    if ttype == "annual_rate":
        p = plan_of_row(r, plan)
        return f"{p.label}年均增长目标" if final and p is not None and p.name.startswith("十") else "年均增长目标"
    if final:
        when = plan_period_goal(r, plan)
    else:
        when = f"{plain(r['target_year'])}年" if r["target_year"] is not None else ""
    return f"{when}{'累计' if ttype == 'cumulative' else ''}目标"


def value_text(r: dict, unit: str) -> str:
    """The actual value with its own precision and unit: 97.4%, 4.95批次/千人/年."""
    return f"{fmt(r['actual'], value_decimals(r['actual']))}{unit}"


def target_value(r: dict, unit: str) -> str:
    """The target with its own precision: 4件, not 4.00件 next to an actual of 3.59."""
    return f"{fmt(r['target'], value_decimals(r['target']))}{unit}"


def bound(r: dict, unit: str) -> str:
    """The target as a requirement: 不低于80项, 超过4件, 不高于0起, 区间95～98% (a bare value for "==")."""
    ttype = target_type_of(r)
    if ttype == "range" and r.get("target_high") is not None:
        low, high = r["target"], r["target_high"]
        return f"区间{fmt(low, value_decimals(low))}～{fmt(high, value_decimals(high))}{unit}"
    comparator = r["comparator"] or ""
    word = "" if comparator == "==" else COMPARATOR_ZH.get(comparator, "")
    if ttype == "annual_rate":
        return f"{word}{fmt(r['target'], value_decimals(r['target']))}%"
    return word + target_value(r, unit)


def places_of(r: dict) -> int:
    return max(value_decimals(r["actual"]), value_decimals(r["target"]), value_decimals(r.get("target_high")))


def rounds_to_zero(x, places: int) -> bool:
    return to_decimal(abs(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == 0


def _progress_clause(r: dict) -> str | None:
    """进度滞后于序时进度, 较基期逆向变化; other labels (the Eurostat method's 进展不足) as they are."""
    if r["status"] not in PROGRESS_STATUSES:
        return None
    label = r["status_label"] or status_label(r["status"])
    if label.endswith("序时进度"):
        return "进度" + label
    return "较基期" + label if label == status_label("regressing") else label


def _subject_clauses(r: dict, unit: str) -> list[str]:
    """What a cumulative or annual-rate target is compared with: the change, or the growth, since the base year."""
    ttype = target_type_of(r)
    if ttype == "cumulative" and r["baseline"] is not None:
        change = r["actual"] - r["baseline"]
        word = "增加" if change >= 0 else "减少"
        places = max(value_decimals(r["actual"]), value_decimals(r["baseline"]))
        return [f"较{plain(r['baseline_year'])}年累计{word}{fmt(abs(change), places)}{gap_unit(unit)}"]
    if ttype == "annual_rate" and r["actual_growth_pct"] is not None:
        since = f"{plain(r['baseline_year'])}年以来" if r["baseline_year"] is not None else "基期以来"
        return [f"{since}年均增长{fmt(r['actual_growth_pct'], 1)}%"]
    return []


def _gap_clause(r: dict, unit: str, final: bool) -> str | None:
    """尚差 / 尚需降低 (mid-term), 距目标差 / 高于目标 (final), 超出目标 ("==" overshot), 低于/高于目标区间."""
    ttype = target_type_of(r)
    gap = r["gap"] if r["gap"] is not None else None
    if gap is None:
        if ttype != "level" or r["actual"] is None:
            return None
        gap = r["target"] - r["actual"]
    places = max(1, value_decimals(r["target"])) if ttype == "annual_rate" else places_of(r)  # rates to 0.1 point
    if rounds_to_zero(gap, places):
        return None
    amount = fmt(abs(gap), places) + ("个百分点" if ttype == "annual_rate" else gap_unit(unit))
    subject = r["actual"] if ttype in ("level", "range") else None
    if ttype == "range" and r.get("target_high") is not None and subject is not None:
        return f"{'高于目标区间上限' if subject > r['target_high'] else '低于目标区间下限'}{amount}"
    if r["comparator"] == "==" and subject is not None and subject > r["target"]:
        return f"超出目标{amount}"
    if lower_better(r):
        return f"高于目标{amount}" if final else f"尚需降低{amount}"
    return f"距目标差{amount}" if final else f"尚差{amount}"


def _pace_clause(r: dict, unit: str) -> str | None:
    """What it still takes each year: 需年均增长约18.3%; 需年均提高约0.8个百分点; one year left: 2025年需提高0.6个百分点."""
    required, ty, year = r["required_growth_pct"], r["target_year"], r["year"]
    if required is None or ty is None or year is None or ty <= year:
        return None
    left = int(ty - year)
    ttype = target_type_of(r)
    # The gap table's rule (rules.units.moves_by_points): %, 百分点 and indices by points a year, else a growth rate.
    points = moves_by_points(unit, r["name"]) and ttype != "annual_rate"
    places = max(1, places_of(r)) if points else 1
    if rounds_to_zero(required, places):
        return None
    amount = fmt(abs(required), places) + (change_unit(unit, r["name"]) if points else "%")
    word = ("提高" if required > 0 else "降低") if points else ("增长" if required > 0 else "下降")
    if left == 1:
        return f"{plain(ty)}年需{word}{amount}"
    return f"今后需年均{word}约{amount}" if ttype == "annual_rate" else f"需年均{word}约{amount}"


def _anticipated(r: dict, unit: str) -> str | None:
    """预计2025年可达3.1人 / 预计2025年为0.2起 / 预计2025年累计可达7.0个百分点 (the gap table's `projected`)."""
    projected, ty = r.get("projected"), r["target_year"]
    if projected is None or ty is None or is_final(r):
        return None
    value = f"{fmt(projected, projection_places(r))}{gap_unit(unit) if target_type_of(r) == 'cumulative' else unit}"
    if target_type_of(r) == "cumulative":
        return f"预计{plain(ty)}年累计可达{value}"
    if lower_better(r) or r["comparator"] == "==":
        return f"预计{plain(ty)}年为{value}"
    return f"预计{plain(ty)}年可达{value}"


def _pace_and_projection(r: dict) -> str:
    """The pace and the projection in one voice: never 符合 a pace the projection contradicts.

    Agreeing: "进度滞后于序时进度；按目前增速，预计2025年可达3.1人（难以完成目标）".
    On pace but the projection misses: "进度基本符合序时进度，但按目前增速预计2025年可达3.1人，难以完成目标，需加快".
    Behind pace but the projection meets: "进度滞后于序时进度，但按目前增速预计2025年可达5人，可以完成目标".
    """
    progress = _progress_clause(r)
    anticipated = _anticipated(r, one_line(r["unit"] or ""))
    met = r.get("projected_met")
    if anticipated is None:
        return f"，{progress}" if progress else ""
    if met is None:
        return (f"，{progress}" if progress else "") + f"；按目前增速，{anticipated}"
    on_pace = r["status"] in ("ahead", "on_track")
    if progress and on_pace and not met:
        if r["status"] == "on_track":
            progress = progress.replace(status_label("on_track"), "基本" + status_label("on_track"))
        return f"，{progress}，但按目前增速{anticipated}，难以完成目标，需加快"
    if progress and not on_pace and met:
        return f"，{progress}，但按目前增速{anticipated}，可以完成目标"
    verdict = "（可以完成目标）" if met else "（难以完成目标）"
    return (f"，{progress}" if progress else "") + f"；按目前增速，{anticipated}{verdict}"


def _unmet_clauses(r: dict, unit: str, final: bool, plan=None) -> list[str]:
    """Where the indicator stands against a target it has not met, and (mid-term) what it still takes."""
    ttype, goal_text = target_type_of(r), goal(r, plan)
    overshot = r["comparator"] == "==" and r["actual"] is not None and r["actual"] > r["target"]
    if ttype == "annual_rate" and not final and r["gap"] is not None and rounds_to_zero(r["gap"], places_of(r)):
        clauses = [f"年均增速达到{goal_text}（{bound(r, unit)}）"]
    elif (lower_better(r) or r["completion_pct"] is None or ttype in ("range", "annual_rate")
          or overshot):
        clauses = [f"{goal_text}为{bound(r, unit)}"]
    else:
        # "目标3.5人的71.4%" reads right for >=; a strict ">" must still say 超过.
        target = target_value(r, unit) if not is_strict(r["comparator"]) else f"（{bound(r, unit)}）"
        if ttype == "cumulative":
            target = target.replace(unit, gap_unit(unit)) if unit and is_percent_unit(unit) else target
        # Unmet never reads 100.0 %: 99.97 % of the target shows as 99.9 % (rounded toward the truth).
        clauses = [f"为{goal_text}{target}的{fmt_short_of(r['completion_pct'], 1, 100)}%"]
    clauses += [c for c in (_gap_clause(r, unit, final),) if c]
    if not final:
        clauses += [c for c in (_pace_clause(r, unit),) if c]
    return clauses


def _qualitative_sentence(r: dict, name: str, unit: str, plan=None) -> str:
    """目标为“稳步提高”：较2020年（96%）提高1.5个百分点，按基期以来变化方向判断为符合目标要求 / 需人工判断."""
    text = one_line(r.get("target_text") or "")
    head = f"{name}{fmt(r['actual'], value_decimals(r['actual']))}{unit}" if r["actual"] is not None else f"{name}暂无实际值"
    goal = f"目标为“{text}”" if not is_final(r) else f"{plan_period_goal(r, plan)}目标为“{text}”"
    if r["actual"] is None:
        return f"{head}，{goal}。"
    if r["status"] == "judge" or r["status"] not in (*FINAL_WORDS, *QUALITATIVE_VERDICTS):
        why = "无基期值可比较" if r["baseline"] is None else "无法按数据判断"
        return f"{head}，{goal}，{why}，需人工判断。"
    change = r["actual"] - r["baseline"]
    places = max(value_decimals(r["actual"]), value_decimals(r["baseline"]))
    base = f"较{plain(r['baseline_year'])}年（{fmt(r['baseline'], value_decimals(r['baseline']))}{unit}）" \
        if r["baseline_year"] is not None else f"较基期（{fmt(r['baseline'], value_decimals(r['baseline']))}{unit}）"
    if rounds_to_zero(change, places):
        moved = "持平"
    else:
        moved = f"{'提高' if change > 0 else '下降'}{fmt(abs(change), places)}{gap_unit(unit)}"
    verdict = FINAL_WORDS.get(r["status"], "未完成") if is_final(r) else QUALITATIVE_VERDICTS.get(r["status"], "")
    return f"{head}，{goal}：{base}{moved}，按基期以来变化方向判断为{verdict}。"


def _disagreement(r: dict) -> str:
    """部门自评为“已完成”，按数据测算为“滞后于序时进度”，请核对。 (only where the two disagree)"""
    if r.get("status_agrees") is not False or not r.get("reported_status"):
        return ""
    ours = r["status_label"] or status_label(r["status"], "final" if is_final(r) else "midterm")
    return f"部门自评为“{one_line(r['reported_status'])}”，按数据测算为“{ours}”，请核对。"


def sentence(row, plan=None) -> str:
    """One Chinese briefing sentence for an indicator, drafted from its numbers.

    `plan`: the plan period ("十四五", a plans.Plan) the final verdict names (“十四五”期末); by default the
    plan that ends in the row's target year.
    """
    r = as_row(row)
    return _indicator_sentence(r, plan) + _disagreement(r)


def _indicator_sentence(r: dict, plan=None) -> str:
    name, unit = indicator_name(r), one_line(r["unit"] or "")
    if target_type_of(r) == "qualitative" and r.get("target_text"):
        return _qualitative_sentence(r, name, unit, plan)
    if r["target"] is None:
        return f"{name}为{value_text(r, unit)}，未设定量化目标。" if r["actual"] is not None else f"{name}未设定量化目标。"
    if r["actual"] is None:
        return f"{name}暂无实际值，{goal(r, plan)}为{bound(r, unit)}。"
    final = is_final(r)
    lead = [f"{name}{fmt(r['actual'], value_decimals(r['actual']))}{unit}"] + _subject_clauses(r, unit)
    if is_met(r):
        verb = "完成" if final else "已达到"
        return "，".join(lead) + f"，{verb}{goal(r, plan)}（{bound(r, unit)}）。"
    clauses = lead + _unmet_clauses(r, unit, final, plan)
    if final:
        clauses.append(FINAL_WORDS.get(r["status"], "未完成"))
        return "，".join(clauses) + "。"
    return "，".join(clauses) + _pace_and_projection(r) + "。"
