"""Every number of the gap table, column by column (NaN where undefined), by the formulas of docs/methodology.md:
gap, 完成度, 序时进度, 目标进度, 进度比, the pace still needed, the growth so far, the projection."""

from __future__ import annotations

import numpy as np

from analysis.rules.numbers import denoise
from analysis.rules.targets import distance_array, meets_array
from analysis.rules.units import PERCENT_CEILING, projection, yearly_change


def measure(d: dict) -> dict:
    """The gap table's numbers from gather()'s inputs `d`."""
    m = _subject(d)
    m.update(_distance(d, m))
    m["completion"] = _completion(d, m)
    m.update(_progress(d, m))
    m["required"] = _required(d, m)
    m.update(_growth_and_projection(d, m))
    m.update(base=d["baseline"], base_year=d["b_year"], target=d["target"], target_year=d["t_year"], year=d["y"],
             actual=d["actual"])
    return m


def _subject(d: dict) -> dict:
    """What is compared with the target: the value; the change since the base year (cumulative, or the value
    itself without a baseline); the average annual growth achieved so far (annual rate)."""
    a, b, ttype = d["actual"], d["baseline"], d["ttype"]
    cumulative, rate, qualitative = ttype == "cumulative", ttype == "annual_rate", ttype == "qualitative"
    subject = np.where(cumulative, np.where(np.isnan(b), a, a - b), a)
    origin = np.where(cumulative, 0.0, b)
    achieved_rate = _achieved_rate(d)
    return dict(subject=np.where(rate, achieved_rate, subject), origin=np.where(rate, np.nan, origin),
                achieved_rate=achieved_rate, numeric=~np.isnan(d["target"]) & ~qualitative,
                cumulative=cumulative, rate=rate, qualitative=qualitative,
                is_range=(d["comparator"] == "") & ~np.isnan(d["t_high"]))


def _distance(d: dict, m: dict) -> dict:
    comp, t, high, subject, numeric = d["comparator"], d["target"], d["t_high"], m["subject"], m["numeric"]
    met = meets_array(subject, comp, t, high) & numeric
    d_now = distance_array(subject, comp, t, high)
    gap = np.where(met, 0.0, denoise(d_now))
    return dict(met=met, d_now=d_now, d_base=distance_array(m["origin"], comp, t, high),
                gap=np.where(numeric & ~np.isnan(subject), gap, np.nan))


def _completion(d: dict, m: dict):
    comp, t, high, lower = d["comparator"], d["target"], d["t_high"], d["lower"]
    subject, met, is_range = m["subject"], m["met"], m["is_range"]
    with np.errstate(invalid="ignore", divide="ignore"):
        completion = np.select(
            [is_range & met, is_range & (subject < t), is_range, comp == "==", lower & (subject == 0), lower, t == 0],
            [100.0, 100 * subject / t, 100 * high / subject, 100 - 100 * np.abs(subject - t) / np.abs(t),
             np.where(met, 100.0, np.nan), 100 * t / subject, np.where(met, 100.0, 0.0)],
            default=100 * subject / t,
        )
    return np.where(m["numeric"] & ~np.isnan(subject) & np.isfinite(completion), completion, np.nan)


def _progress(d: dict, m: dict) -> dict:
    """序时进度, 目标进度, 进度比; moved away from the target, a "==" target overshot."""
    comp, t, high, ty, y, start = d["comparator"], d["target"], d["t_high"], d["t_year"], d["y"], d["start"]
    subject, origin, met, numeric, rate = m["subject"], m["origin"], m["met"], m["numeric"], m["rate"]
    d_now, d_base = m["d_now"], m["d_base"]
    with np.errstate(invalid="ignore", divide="ignore"):
        span = ty - start
        elapsed = np.where(span > 0, 100 * np.minimum(y - start, span) / span, np.nan)
        base_met = meets_array(origin, comp, t, high)
        achievement = np.select(
            [np.isnan(origin) | ~numeric, base_met | (t == origin), m["is_range"] | (comp == "==")],
            [np.full(d["n"], np.nan), np.where(met, 100.0, np.nan),
             np.where(d_base > 0, 100 * (d_base - d_now) / d_base, np.nan)],
            default=100 * (subject - origin) / (t - origin),
        )
        achievement = np.where(rate, np.nan, achievement)
        moved_away = numeric & ~met & ~np.isnan(origin) & (d_now - d_base > 1e-9 * np.maximum(np.abs(t), 1))
        overshot = (comp == "==") & ~met & ~np.isnan(origin) & (np.sign(subject - t) != np.sign(origin - t))
        pace = np.where(elapsed > 0, achievement / elapsed, np.nan)
        pace = np.where(rate & (t != 0), m["achieved_rate"] / t, pace)
        pace = np.where(rate & (t == 0), np.nan, pace)
    return dict(elapsed=elapsed, achievement=achievement, moved_away=moved_away, overshot=overshot, pace=pace)


def _required(d: dict, m: dict):
    """The yearly change still needed: by points for %, 百分点 and indices, else a compound rate (rules.units);
    for an annual-rate target, the growth needed each remaining year to average x over the whole plan."""
    a, b, by, t, ty, y, start = d["actual"], d["baseline"], d["b_year"], d["target"], d["t_year"], d["y"], d["start"]
    rate = m["rate"]
    with np.errstate(invalid="ignore", divide="ignore"):
        left = ty - y
        towards = np.select([m["is_range"] & (m["subject"] < t), m["is_range"]], [t, d["t_high"]], default=t)
        required = np.where(d["linear"], yearly_change(a, towards, left, True), cagr(a, towards, left))
        level_needed = b * (1 + t / 100) ** (ty - by)
        rate_required = np.where(d["percent"], (t * (ty - start) - m["achieved_rate"] * (y - start)) / left,
                                 cagr(a, level_needed, left))
    required = np.where(rate, rate_required, required)
    required = np.where(m["cumulative"] | m["qualitative"] | ~m["numeric"], np.nan, required)
    return np.where(m["met"] & ~rate, 0.0, np.where(left > 0, required, np.nan))


def _growth_and_projection(d: dict, m: dict) -> dict:
    """Growth since the base year, and the anticipated value at the target year if that pace goes on (mid-term)."""
    a, b, by, ty, y, start = d["actual"], d["baseline"], d["b_year"], d["t_year"], d["y"], d["start"]
    cumulative, rate, subject = m["cumulative"], m["rate"], m["subject"]
    with np.errstate(invalid="ignore", divide="ignore"):
        years_since = y - by
        growth = np.where(d["linear"], yearly_change(b, a, years_since, True), cagr(b, a, years_since))
        growth = np.where(years_since > 0, growth, np.nan)
        growth = np.where(rate, m["achieved_rate"], np.where(cumulative, np.nan, growth))
        projected = projection(b, by, a, y, ty, d["linear"])
        projected = np.where(cumulative, subject + subject / (y - start) * (ty - y), projected)
        ok = (m["numeric"] & ~rate & (y < ty) & ((years_since > 0) | (cumulative & (y - start > 0)))
              & ~np.isnan(subject))
        projected = np.where(ok, projected, np.nan)
        # A share of a whole (合格率 in %) is never projected past 100 % or below 0 (cumulative changes are not shares).
        projected = np.where(d["bounded"] & ~cumulative, np.clip(projected, 0.0, PERCENT_CEILING), projected)
        projected_met = meets_array(projected, d["comparator"], d["target"], d["t_high"])
    return dict(growth=growth, projected=projected, projected_met=projected_met)


def _achieved_rate(d: dict):
    """Average annual growth since the base: mean of the yearly rates (% units), else CAGR from the baseline."""
    n, g, year, value, y, start = d["n"], d["g"], d["year"], d["value"], d["y"], d["start"]
    window = d["is_actual"] & (year > start[g]) & (year <= y[g])
    sums = np.bincount(g[window], weights=value[window], minlength=n) if n else np.zeros(0)
    counts = np.bincount(g[window], minlength=n) if n else np.zeros(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_rate = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return np.where(d["percent"], mean_rate, cagr(d["baseline"], d["actual"], y - d["b_year"]))


def cagr(start, end, years):
    """Compound annual growth in percent; undefined for non-positive values or no time."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = (years > 0) & (start > 0) & (end > 0)
        return np.where(ok, 100 * ((end / np.where(ok, start, 1)) ** (1 / np.where(ok, years, 1)) - 1), np.nan)


def growth_ratio(baseline, baseline_year, actual, year, target, target_year) -> float:
    """Actual growth rate since the baseline divided by the rate needed from baseline to target."""
    out = growth_ratios(*(np.array([v], float) for v in (baseline, baseline_year, actual, year, target, target_year)))
    return float(out[0])


def growth_ratios(b, by, a, y, t, ty):
    """growth_ratio element by element (Eurostat's ratio; linear where a value is not positive)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        positive = (b > 0) & (a > 0) & (t > 0)
        actual_rate = np.where(positive, (a / b) ** (1 / (y - by)) - 1, (a - b) / (y - by))
        needed_rate = np.where(positive, (t / b) ** (1 / (ty - by)) - 1, (t - b) / (ty - by))
        ratio = actual_rate / needed_rate
    ok = ~np.isnan(b) & (y > by) & (ty > by) & (needed_rate != 0)
    return np.where(ok, ratio, np.nan)
