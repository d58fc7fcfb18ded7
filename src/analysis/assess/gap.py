"""Progress against target: the gap table.

One row per indicator and region (metadata.fields.GAP_FIELDS), computed column-wise over all indicators at once
(no Python loop per indicator: a national county table of 84,000 rows takes well under a second).
Every rule is written out with a worked example in docs/methodology.md; keep the two in step.

The rules it applies that other stages share live on the ground floor: rules.targets (is a target met, which
way is better), rules.units (which values move by points, the projection), rules.plans (plan periods).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metadata.fields import GAP_COLUMNS
from analysis.metadata.statuses import status_label
from analysis.rules.numbers import denoise, floats, fmt, places_for
from analysis.rules.plans import Plan, plan_for_years, resolve_plan
from analysis.rules.targets import LOWER, default_comparator, distance_array, meets_array
from analysis.rules.units import (
    PERCENT_CEILING,
    bounded_by_100_array,
    gap_unit,
    is_percent_unit,
    moves_by_points_array,
    projection,
    yearly_change,
)

METHODS = ("cn", "eurostat")
BANDS = ("relative", "absolute")
# 进度比 (achievement ÷ 序时进度) thresholds of the default relative band, calibrated in docs/methodology.md
# on checked values of the NDRC's mid-term review of the 14th national plan: ≥ 1.3 快于, ≥ 0.75 符合, below 滞后.
DEFAULT_THRESHOLDS = {"ahead": 1.3, "on_track": 0.75}
# Eurostat's classes of the ratio of actual to required growth, with the status each maps to.
EUROSTAT_CLASSES = [
    (0.95, "on_track", "显著进展"),
    (0.60, "lagging", "进展适中"),
    (0.0, "lagging", "进展不足"),
]
# Words of a qualitative target (稳步提高, 持续下降, 保持稳定) that say which way the indicator should move.
RAISE_WORDS = ("提高", "提升", "增加", "增长", "扩大", "上升", "增强", "加快", "加大")
LOWER_WORDS = ("下降", "降低", "减少", "压减", "缩小", "控制在", "减轻")
KEEP_WORDS = ("保持", "稳定", "不低于", "不减", "巩固", "维持")
# Words that tie the target to a band or to another quantity ("保持在合理区间", "与经济增长同步", "高于GDP增长",
# "视情提出"): the change since the base year says nothing about them, so a person judges (checked first).
JUDGE_WORDS = ("区间", "视情", "同步", "高于", "快于", "相适应", "相匹配")
# How the bureau's own verdict (完成情况) is read for status_agrees; negative words are checked first.
REPORTED_UNMET = ("未完成", "未达到", "未达标", "未实现", "滞后", "差距", "不及", "落后", "未能")
REPORTED_BASICALLY = ("基本完成", "基本达到", "基本实现")
REPORTED_MET = ("完成", "达到", "达标", "实现", "超额", "提前")
REPORTED_ON_PACE = ("符合", "快于", "序时", "顺利", "正常推进")
OPTIONAL_COLUMNS = {
    "target_type": "",
    "target_high": np.nan,
    "target_text": "",
    "reported_status": "",
    "plan": "",
    "plan_base_year": pd.NA,
    "plan_target_year": pd.NA,
}


# ---------------------------------------------------------------- shared rules


def growth_ratio(baseline, baseline_year, actual, year, target, target_year) -> float:
    """Actual growth rate since the baseline divided by the rate needed from baseline to target."""
    out = _growth_ratio(*(np.array([v], float) for v in (baseline, baseline_year, actual, year, target, target_year)))
    return float(out[0])


def _growth_ratio(b, by, a, y, t, ty):
    with np.errstate(invalid="ignore", divide="ignore"):
        positive = (b > 0) & (a > 0) & (t > 0)
        actual_rate = np.where(positive, (a / b) ** (1 / (y - by)) - 1, (a - b) / (y - by))
        needed_rate = np.where(positive, (t / b) ** (1 / (ty - by)) - 1, (t - b) / (ty - by))
        ratio = actual_rate / needed_rate
    ok = ~np.isnan(b) & (y > by) & (ty > by) & (needed_rate != 0)
    return np.where(ok, ratio, np.nan)


def _cagr(start, end, years):
    """Compound annual growth in percent; undefined for non-positive values or no time."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = (years > 0) & (start > 0) & (end > 0)
        return np.where(ok, 100 * ((end / np.where(ok, start, 1)) ** (1 / np.where(ok, years, 1)) - 1), np.nan)


# ---------------------------------------------------------------- the gap table


def assess(
    frame: pd.DataFrame,
    as_of: int | None = None,
    method: str = "cn",
    *,
    band: str = "relative",
    thresholds: dict | None = None,
    tolerance: float = 5.0,
    plan: str | Plan | None = None,
    basically_band: float | None = None,
) -> pd.DataFrame:
    """The gap table for a tidy frame from load_indicators().

    as_of: use only actual values of this year or earlier (default: the latest of each indicator).
    method: "cn" compares progress made towards the target (目标进度) with time elapsed (序时进度);
        "eurostat" uses the ratio of actual to required compound annual growth.
    band: "relative" (default) judges the 进度比 = 目标进度 ÷ 序时进度 against `thresholds`
        (default DEFAULT_THRESHOLDS, {"ahead": 1.3, "on_track": 0.75}); "absolute" uses ± `tolerance` points.
    plan: the plan period ("十四五", "十五五", a plans.Plan) for tables whose years are unknown;
        otherwise the frame's plan columns, its baseline rows, or the plan ending in the target year.
    basically_band: in the final phase, a target missed with 完成度 ≥ this many percent is 基本完成
        (e.g. 95); None (default) keeps the verdict to 完成 / 未完成.
    """
    if method not in METHODS:
        raise ValueError(f"未知的评估方法“{method}”，可选：{'、'.join(METHODS)}")
    if band not in BANDS:
        raise ValueError(f"未知的进度判断方式“{band}”，可选：relative（进度比）、absolute（百分点容差）")
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    if not limits["ahead"] >= limits["on_track"] >= 0:
        raise ValueError(f"进度比阈值应满足 ahead ≥ on_track ≥ 0，收到 {limits}")
    chosen = resolve_plan(plan)

    f = frame.reset_index(drop=True)
    for column, default in OPTIONAL_COLUMNS.items():
        if column not in f.columns:
            f[column] = default
    g = f.groupby(["indicator_id", "region"], sort=False, dropna=False).ngroup().to_numpy()
    n = int(g.max()) + 1 if len(g) else 0
    first = np.unique(g, return_index=True)[1]
    meta = f.iloc[first].reset_index(drop=True)

    kind = f["kind"].astype(str).to_numpy()
    value = f["value"].to_numpy(dtype=float, na_value=np.nan)
    year = floats(f["year"])
    has_value, has_year = ~np.isnan(value), ~np.isnan(year)
    row_type = _text(f["target_type"]).to_numpy()

    # Latest actual (up to as_of).
    is_actual = (kind == "actual") & has_value & has_year
    if as_of is not None:
        is_actual &= year <= as_of
    a_idx = _pick(is_actual, g, year, n, last=True)
    actual, y = _take(value, a_idx), _take(year, a_idx)

    # Target: the first at or after the data year; else the latest one before it (the plan has ended).
    is_target = (kind == "target") & has_year & (has_value | (row_type == "qualitative"))
    ya = y[g]
    after = np.isnan(ya) | (year >= ya)
    t_idx = _pick(is_target, g, np.where(after, year, 1e6 - year), n)
    has_target = t_idx >= 0
    target, t_year = _take(value, t_idx), _take(year, t_idx)
    comparator_written = _take_obj(_text(f["comparator"]).to_numpy(), t_idx, "")
    ttype = _take_obj(row_type, t_idx, "")
    ttype = np.where(has_target & (ttype == ""), "level", ttype)
    t_high = _take(floats(f["target_high"]), t_idx)
    t_text = _take_obj(_text(f["target_text"]).to_numpy(), t_idx, "")

    # Plan years: the `plan` parameter, else the frame's plan columns, else the plan that ends in the target year.
    plan_base = _plan_years(meta, "plan_base_year", chosen.base_year if chosen else None)
    plan_end = _plan_years(meta, "plan_target_year", chosen.target_year if chosen else None)
    known = {ty: _plan_base_for(ty) for ty in np.unique(t_year[~np.isnan(t_year)])}
    derived = np.array([known.get(ty, np.nan) for ty in t_year], float) if n else np.empty(0)

    # Baseline: a baseline row; else the actual of the plan's base year; only if earlier than the data year.
    is_base = (kind == "baseline") & has_value & has_year
    b_idx = _pick(is_base, g, year, n)
    base_years = np.where(np.isnan(plan_base), np.where(b_idx >= 0, _take(year, b_idx), derived), plan_base)
    from_actual = _pick(is_actual & (year == base_years[g]), g, year, n)
    b_idx = np.where(b_idx >= 0, b_idx, from_actual)
    baseline, b_year = _take(value, b_idx), _take(year, b_idx)
    usable = ~np.isnan(baseline) & (np.isnan(y) | (b_year < y))
    baseline, b_year = np.where(usable, baseline, np.nan), np.where(usable, b_year, np.nan)
    start = np.where(np.isnan(b_year), base_years, b_year)
    t_year = np.where(np.isnan(t_year) & ~has_target, plan_end, t_year) if n else t_year
    shown_t_year = np.where(has_target, t_year, np.nan)

    direction_col = _text(meta["direction"]).to_numpy()
    comparator = np.where(comparator_written != "", comparator_written,
                          np.where(direction_col == "lower", default_comparator(True), default_comparator(False)))
    comparator = np.where(has_target & (ttype != "qualitative") & ~((ttype == "range") & (comparator_written == "")),
                          comparator, comparator_written)
    lower = np.where(np.isin(direction_col, ["higher", "lower"]), direction_col == "lower",
                     np.isin(comparator, LOWER))
    unit = _text(meta["unit"])
    percent = unit.map({u: is_percent_unit(u) for u in unit.unique()}).to_numpy(dtype=bool) if n else np.zeros(0, bool)
    linear = moves_by_points_array(unit, _text(meta["name"]))
    bounded = bounded_by_100_array(unit, _text(meta["name"]))

    ctx = dict(n=n, g=g, is_actual=is_actual, year=year, value=value, percent=percent, linear=linear, bounded=bounded)
    m = _measure(actual, y, target, t_year, comparator, t_high, ttype, baseline, b_year, start, lower, ctx)
    phase = np.where(np.isnan(y) | np.isnan(t_year), "", np.where(y >= t_year, "final", "midterm"))
    status, labels = _statuses(m, phase, has_target, ttype, t_text, lower, method, band, limits, tolerance,
                               basically_band, ~np.isnan(actual))
    labels = np.array([lab or status_label(s, p) for s, p, lab in zip(status, phase, labels)], object)

    reported = _text(meta["reported_status"]).to_numpy()
    table = pd.DataFrame(
        {
            "indicator_id": meta["indicator_id"].to_numpy(),
            "region": meta["region"].to_numpy(),
            "area": meta["area"].to_numpy(),
            "name": meta["name"].to_numpy(),
            "unit": unit.to_numpy(),
            "year": pd.array(y, dtype="Float64").astype("Int64"),
            "actual": actual,
            "target_year": pd.array(shown_t_year, dtype="Float64").astype("Int64"),
            "target": target,
            "comparator": comparator,
            "baseline_year": pd.array(b_year, dtype="Float64").astype("Int64"),
            "baseline": baseline,
            "gap": m["gap"],
            "completion_pct": denoise(m["completion"]),
            "achievement_pct": denoise(m["achievement"]),
            "elapsed_pct": denoise(m["elapsed"]),
            "required_growth_pct": denoise(m["required"]),
            "actual_growth_pct": denoise(m["growth"]),
            "status": status,
            "status_label": labels,
            "direction": np.where(lower, "lower", "higher"),
            "indicator_type": _text(meta["indicator_type"]).to_numpy(),
            "target_type": ttype,
            "target_high": t_high,
            "target_text": t_text,
            "phase": phase,
            "pace_ratio": denoise(m["pace"]),
            "projected": denoise(m["projected"]),
            "projected_met": _bool_array(m["projected_met"], ~np.isnan(m["projected"])),
            "reported_status": reported,
            "status_agrees": _agreement(status, reported),
        },
        columns=GAP_COLUMNS,
    )
    # How the table was judged, for the 说明 sheet and chart legends (exports describe the method actually used).
    table.attrs["assess"] = {"method": method, "band": band, "thresholds": limits, "tolerance": tolerance,
                             "basically_band": basically_band, "plan": chosen.name if chosen else "",
                             "as_of": as_of}
    return table


def _pick(mask, g, key, n, last=False):
    """Per group, the row index with the smallest (or, last=True, largest) key among rows in mask; −1 if none."""
    out = np.full(n, -1, dtype=np.int64)
    idx = np.flatnonzero(mask)
    if not len(idx):
        return out
    order = idx[np.lexsort((key[idx], g[idx]))]
    gs = g[order]
    edge = np.r_[gs[1:] != gs[:-1], True] if last else np.r_[True, gs[1:] != gs[:-1]]
    out[gs[edge]] = order[edge]
    return out


def _text(column: pd.Series) -> pd.Series:
    """A column as text, "" where empty (an all-empty text column may arrive as float NaN)."""
    return column.astype(object).where(column.notna(), "").astype(str)


def _take(values, idx):
    return np.where(idx >= 0, values[np.maximum(idx, 0)] if len(values) else np.nan, np.nan)


def _take_obj(values, idx, empty):
    if not len(values):
        return np.full(len(idx), empty, dtype=object)
    return np.where(idx >= 0, values[np.maximum(idx, 0)], empty).astype(object)


def _plan_years(meta, column, given) -> np.ndarray:
    if given is not None:
        return np.full(len(meta), float(given))
    return floats(meta[column])


def _plan_base_for(target_year: float) -> float:
    """Base year of the known plan that ends in this year (2025 → 2020, 2030 → 2025), else NaN."""
    try:
        return float(plan_for_years(None, int(target_year)).base_year)
    except ValueError:
        return np.nan


def _measure(a, y, t, ty, comp, high, ttype, b, by, start, lower, ctx) -> dict:
    """Every number of the gap table, column by column (NaN where undefined)."""
    n = ctx["n"]
    nan = np.full(n, np.nan)
    cumulative, rate, qualitative = ttype == "cumulative", ttype == "annual_rate", ttype == "qualitative"
    # Cumulative targets compare the change since the base year (or the value itself without a baseline).
    subject = np.where(cumulative, np.where(np.isnan(b), a, a - b), a)
    origin = np.where(cumulative, 0.0, b)
    # Annual-rate targets compare the average annual growth achieved so far.
    achieved_rate = _achieved_rate(a, y, b, by, start, ctx)
    subject = np.where(rate, achieved_rate, subject)
    origin = np.where(rate, np.nan, origin)
    numeric = ~np.isnan(t) & ~qualitative

    met = meets_array(subject, comp, t, high) & numeric
    d_now = distance_array(subject, comp, t, high)
    d_base = distance_array(origin, comp, t, high)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(met, 0.0, denoise(d_now))
        gap = np.where(numeric & ~np.isnan(subject), gap, np.nan)

        is_range = (comp == "") & ~np.isnan(high)
        below = subject < t
        completion = np.select(
            [is_range & met, is_range & below, is_range, comp == "==", lower & (subject == 0), lower, t == 0],
            [100.0, 100 * subject / t, 100 * high / subject, 100 - 100 * np.abs(subject - t) / np.abs(t),
             np.where(met, 100.0, np.nan), 100 * t / subject, np.where(met, 100.0, 0.0)],
            default=100 * subject / t,
        )
        completion = np.where(numeric & ~np.isnan(subject) & np.isfinite(completion), completion, np.nan)

        span = ty - start
        elapsed = np.where(span > 0, 100 * np.minimum(y - start, span) / span, np.nan)

        base_met = meets_array(origin, comp, t, high)
        classic = 100 * (subject - origin) / (t - origin)
        by_distance = 100 * (d_base - d_now) / d_base
        achievement = np.select(
            [np.isnan(origin) | ~numeric, base_met | (t == origin), is_range | (comp == "==")],
            [nan, np.where(met, 100.0, np.nan), np.where(d_base > 0, by_distance, np.nan)],
            default=classic,
        )
        achievement = np.where(rate, np.nan, achievement)
        moved_away = numeric & ~met & ~np.isnan(origin) & (d_now - d_base > 1e-9 * np.maximum(np.abs(t), 1))
        overshot = (comp == "==") & ~met & ~np.isnan(origin) & (np.sign(subject - t) != np.sign(origin - t))

        pace = np.where(elapsed > 0, achievement / elapsed, np.nan)
        pace = np.where(rate & (t != 0), achieved_rate / t, pace)
        pace = np.where(rate & (t == 0), np.nan, pace)

        left = ty - y
        percent = ctx["percent"]
        towards = np.select([is_range & below, is_range], [t, high], default=t)
        # One rule (rules.units) for how a value moves: by points (%, 百分点, indices) or by a compound rate.
        required = np.where(ctx["linear"], yearly_change(a, towards, left, True), _cagr(a, towards, left))
        # Annual rate: the growth still needed each remaining year to average x over the whole plan.
        level_needed = b * (1 + t / 100) ** (ty - by)
        rate_required = np.where(percent, (t * (ty - start) - achieved_rate * (y - start)) / left, _cagr(a, level_needed, left))
        required = np.where(rate, rate_required, required)
        required = np.where(cumulative | qualitative | ~numeric, np.nan, required)
        required = np.where(met & ~rate, 0.0, np.where(left > 0, required, np.nan))

        years_since = y - by
        growth = np.where(ctx["linear"], yearly_change(b, a, years_since, True), _cagr(b, a, years_since))
        growth = np.where(years_since > 0, growth, np.nan)
        growth = np.where(rate, achieved_rate, np.where(cumulative, np.nan, growth))

        # Anticipated value at the target year if the pace since the base year goes on (midterm only).
        projected = projection(b, by, a, y, ty, ctx["linear"])
        projected = np.where(cumulative, subject + subject / (y - start) * (ty - y), projected)
        ok = numeric & ~rate & (y < ty) & ((years_since > 0) | (cumulative & (y - start > 0))) & ~np.isnan(subject)
        projected = np.where(ok, projected, np.nan)
        # A share of a whole (合格率 in %) is never projected past 100 % or below 0 (cumulative changes are not shares).
        projected = np.where(ctx["bounded"] & ~cumulative, np.clip(projected, 0.0, PERCENT_CEILING), projected)
        projected_met = meets_array(projected, comp, t, high)
    return dict(subject=subject, origin=origin, met=met, gap=gap, completion=completion, elapsed=elapsed,
                achievement=achievement, moved_away=moved_away, overshot=overshot, pace=pace, required=required,
                growth=growth, projected=projected, projected_met=projected_met, base=b, base_year=by, target=t,
                target_year=ty, year=y, actual=a, numeric=numeric)


def _achieved_rate(a, y, b, by, start, ctx):
    """Average annual growth since the base: mean of the yearly rates (% units), else CAGR from the baseline."""
    n, g, year, value = ctx["n"], ctx["g"], ctx["year"], ctx["value"]
    window = ctx["is_actual"] & (year > start[g]) & (year <= y[g])
    sums = np.bincount(g[window], weights=value[window], minlength=n) if n else np.zeros(0)
    counts = np.bincount(g[window], minlength=n) if n else np.zeros(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_rate = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return np.where(ctx["percent"], mean_rate, _cagr(b, a, y - by))


def _qualitative_direction(texts) -> np.ndarray:
    """"higher", "lower", "keep" or "" from the words of a qualitative target (decided once per distinct text)."""
    classes = ((JUDGE_WORDS, ""), (LOWER_WORDS, "lower"), (RAISE_WORDS, "higher"), (KEEP_WORDS, "keep"))
    lookup = {t: _first_class(t, classes) for t in set(texts)}
    return np.array([lookup[t] for t in texts], dtype=object)


def _statuses(m, phase, has_target, ttype, t_text, lower, method, band, limits, tolerance, basically_band, has_actual):
    """Status codes (and method-specific labels) for every row, by the rules of docs/methodology.md."""
    n = len(phase)
    final, rate = phase == "final", ttype == "annual_rate"
    status = np.full(n, "not_achieved", dtype=object)
    label = np.full(n, "", dtype=object)
    pace, met, away = m["pace"], m["met"], m["moved_away"]

    # Mid-term pace (both methods start from here; eurostat replaces the band below).
    if band == "relative":
        paced = np.select([pace >= limits["ahead"], pace >= limits["on_track"], ~np.isnan(pace)],
                          ["ahead", "on_track", "lagging"], default="not_achieved")
    else:
        ach, el = np.where(rate, pace * 100, m["achievement"]), np.where(rate, 100.0, m["elapsed"])
        paced = np.select([ach >= el + tolerance, ach >= el - tolerance, ~np.isnan(ach) & ~np.isnan(el)],
                          ["ahead", "on_track", "lagging"], default="not_achieved")
    if method == "eurostat":
        ratio = _growth_ratio(m["base"], m["base_year"], m["actual"], m["year"], m["target"], m["target_year"])
        ratio = np.where(rate, pace, ratio)
        for floor, code, text in reversed(EUROSTAT_CLASSES):
            hit = ratio >= floor
            paced = np.where(hit, code, np.where(np.isnan(ratio), "not_achieved", paced))
            label = np.where(hit & ~final, text, label)
        label = np.where(np.isnan(ratio), "", label)
    with np.errstate(invalid="ignore"):
        regress = away | (rate & (m["subject"] * m["target"] < 0))
    midterm = np.where(regress, "regressing", np.where(m["overshot"], "not_achieved", paced))
    label = np.where(regress | m["overshot"], "", label)
    label = np.where((midterm == "regressing") & (method == "eurostat"), "逆向变化", label)

    # Final phase: 完成 / 基本完成 / 未完成.
    with np.errstate(invalid="ignore"):
        if rate.any():
            closeness = np.where(rate, pace * 100, m["completion"])
        else:
            closeness = m["completion"]
        basically = (closeness >= basically_band) if basically_band is not None else np.zeros(n, bool)
    final_status = np.where(basically, "basically_achieved", "not_achieved")

    status = np.where(final, final_status, midterm)
    status = np.where(met & ~(rate & ~final), "achieved", status)
    label = np.where(final | (met & ~(rate & ~final)), "", label)

    # Qualitative targets: the direction of change since the base year, where the words give one.
    qual = ttype == "qualitative"
    if qual.any():
        want = _qualitative_direction(t_text)
        with np.errstate(invalid="ignore"):
            change = m["actual"] - m["base"]
            good_keep = np.where(lower, change <= 0, change >= 0)
            good = np.select([want == "higher", want == "lower", want == "keep"], [change > 0, change < 0, good_keep], False)
            bad = np.select([want == "higher", want == "lower", want == "keep"], [change < 0, change > 0, ~good_keep], False)
        decidable = qual & (want != "") & ~np.isnan(change)
        q_status = np.where(good, np.where(final, "achieved", "on_track"),
                            np.where(final, "not_achieved", np.where(bad, "regressing", "lagging")))
        status = np.where(qual, np.where(decidable, q_status, "judge"), status)
        label = np.where(qual, "", label)

    status = np.where(has_target, status, "no_target")
    status = np.where(has_actual, status, "no_data")
    label = np.where(has_target & has_actual, label, "")
    return status, label


def _bool_array(values, known) -> pd.arrays.BooleanArray:
    return pd.array([bool(v) if k else pd.NA for v, k in zip(values, known)], dtype="boolean")


def reported_class(text: str) -> str:
    """How the bureau's verdict reads: "met", "basically", "unmet", "on_pace" or "" (not readable)."""
    classes = ((REPORTED_UNMET, "unmet"), (REPORTED_BASICALLY, "basically"), (REPORTED_MET, "met"),
               (REPORTED_ON_PACE, "on_pace"))
    return _first_class(str(text or ""), classes)


def _first_class(text: str, classes) -> str:
    """The label of the first (words, label) pair with a word in `text` (order decides: 未完成 before 完成)."""
    return next((label for words, label in classes if any(w in text for w in words)), "")


OUR_CLASS = {
    "achieved": "met",
    "basically_achieved": "basically",
    "ahead": "on_pace",
    "on_track": "on_pace",
    "lagging": "unmet",
    "regressing": "unmet",
    "not_achieved": "unmet",
}


def _agreement(status, reported) -> pd.arrays.BooleanArray:
    """status_agrees: True/False where the bureau gave a readable verdict and we judged the indicator, else NA."""
    lookup = {t: reported_class(t) for t in set(reported)}
    out = []
    for s, r in zip(status, reported):
        theirs, ours = lookup[r], OUR_CLASS.get(s, "")
        out.append(pd.NA if not theirs or not ours else theirs == ours)
    return pd.array(out, dtype="boolean")


# ---------------------------------------------------------------- claims


def check_claims(frame: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Each claim the source makes (已提前达到…, 尚存在差距) beside what the numbers can say about it."""
    claims = frame[frame["claim"].fillna("") != ""].drop_duplicates(["indicator_id", "region"])
    merged = claims[["indicator_id", "region", "claim"]].merge(table, on=["indicator_id", "region"], how="left")
    rows = []
    for r in merged.itertuples(index=False):
        rows.append(
            {
                "indicator_id": r.indicator_id,
                "region": r.region,
                "name": r.name,
                "claim": r.claim,
                "status_label": r.status_label,
                "verdict": _verdict(r),
            }
        )
    return pd.DataFrame(rows, columns=["indicator_id", "region", "name", "claim", "status_label", "verdict"])


def _verdict(r) -> str:
    claim = r.claim
    says_met = any(w in claim for w in ("已提前达到", "已达到", "已实现", "提前实现"))
    says_gap = any(w in claim for w in ("差距", "未达到", "滞后"))
    if r.status == "no_target":
        if says_met:
            return "无法核实：报告称已达到规划值，但未给出规划值（表中无目标值）"
        return "无目标值，仅作记录"
    if r.status == "no_data":
        return "无法核实：没有实际值"
    achieved = r.status == "achieved"
    gap = f"尚差{fmt(r.gap, places_for(r.actual, r.target))}{gap_unit(r.unit)}，完成度{fmt(r.completion_pct, 1)}%"
    if says_met:
        return "数据支持：已达到目标" if achieved else f"数据不支持：尚未达到目标，{gap}"
    if says_gap:
        return "数据不支持：已达到目标" if achieved else f"数据支持：{gap}"
    return "仅作记录"


__all__ = ["assess", "growth_ratio", "check_claims", "reported_class"]
