"""What the gap table is computed from, per indicator and region, picked column-wise from the tidy frame:
the latest actual (up to as_of), its target, the baseline, the plan years, the comparator and which way is better,
how the indicator's values move (rules.units). No Python loop per indicator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.rules.numbers import floats
from analysis.rules.plans import plan_for_years
from analysis.rules.targets import LOWER, default_comparator
from analysis.rules.units import bounded_by_100_array, is_percent_unit, moves_by_points_array

OPTIONAL_COLUMNS = {
    "target_type": "",
    "target_high": np.nan,
    "target_text": "",
    "reported_status": "",
    "plan": "",
    "plan_base_year": pd.NA,
    "plan_target_year": pd.NA,
}


def gather(frame: pd.DataFrame, as_of, chosen) -> dict:
    """Every input of the gap table as arrays, one element per indicator and region (`chosen`: a Plan or None)."""
    f = frame.reset_index(drop=True)
    for column, default in OPTIONAL_COLUMNS.items():
        if column not in f.columns:
            f[column] = default
    d = _groups(f)
    d.update(_actuals(d, as_of))
    d.update(_targets(d, f))
    d.update(_baselines(d, chosen))
    d.update(_directions(d))
    return d


def _groups(f: pd.DataFrame) -> dict:
    g = f.groupby(["indicator_id", "region"], sort=False, dropna=False).ngroup().to_numpy()
    first = np.unique(g, return_index=True)[1]
    value = f["value"].to_numpy(dtype=float, na_value=np.nan)
    year = floats(f["year"])
    return dict(g=g, n=int(g.max()) + 1 if len(g) else 0, meta=f.iloc[first].reset_index(drop=True),
                kind=f["kind"].astype(str).to_numpy(), value=value, year=year, has_value=~np.isnan(value),
                has_year=~np.isnan(year), row_type=text(f["target_type"]).to_numpy())


def _actuals(d: dict, as_of) -> dict:
    """The latest actual (up to as_of)."""
    is_actual = (d["kind"] == "actual") & d["has_value"] & d["has_year"]
    if as_of is not None:
        is_actual &= d["year"] <= as_of
    a_idx = pick(is_actual, d["g"], d["year"], d["n"], last=True)
    return dict(is_actual=is_actual, actual=take(d["value"], a_idx), y=take(d["year"], a_idx))


def _targets(d: dict, f: pd.DataFrame) -> dict:
    """The first target at or after the data year; else the latest one before it (the plan has ended)."""
    g, year, n = d["g"], d["year"], d["n"]
    is_target = (d["kind"] == "target") & d["has_year"] & (d["has_value"] | (d["row_type"] == "qualitative"))
    ya = d["y"][g]
    after = np.isnan(ya) | (year >= ya)
    t_idx = pick(is_target, g, np.where(after, year, 1e6 - year), n)
    has_target = t_idx >= 0
    ttype = take_obj(d["row_type"], t_idx, "")
    return dict(
        has_target=has_target, target=take(d["value"], t_idx), t_year=take(year, t_idx),
        comparator_written=take_obj(text(f["comparator"]).to_numpy(), t_idx, ""),
        ttype=np.where(has_target & (ttype == ""), "level", ttype),
        t_high=take(floats(f["target_high"]), t_idx), t_text=take_obj(text(f["target_text"]).to_numpy(), t_idx, ""),
    )


def _baselines(d: dict, chosen) -> dict:
    """Plan years (the `plan` parameter, else the frame's plan columns, else the plan ending in the target year)
    and the baseline: a baseline row, else the actual of the plan's base year; only if earlier than the data year."""
    g, year, n, meta, t_year, y = d["g"], d["year"], d["n"], d["meta"], d["t_year"], d["y"]
    plan_base = _plan_years(meta, "plan_base_year", chosen.base_year if chosen else None)
    plan_end = _plan_years(meta, "plan_target_year", chosen.target_year if chosen else None)
    known = {ty: _plan_base_for(ty) for ty in np.unique(t_year[~np.isnan(t_year)])}
    derived = np.array([known.get(ty, np.nan) for ty in t_year], float) if n else np.empty(0)

    is_base = (d["kind"] == "baseline") & d["has_value"] & d["has_year"]
    b_idx = pick(is_base, g, year, n)
    base_years = np.where(np.isnan(plan_base), np.where(b_idx >= 0, take(year, b_idx), derived), plan_base)
    from_actual = pick(d["is_actual"] & (year == base_years[g]), g, year, n)
    b_idx = np.where(b_idx >= 0, b_idx, from_actual)
    baseline, b_year = take(d["value"], b_idx), take(year, b_idx)
    usable = ~np.isnan(baseline) & (np.isnan(y) | (b_year < y))
    baseline, b_year = np.where(usable, baseline, np.nan), np.where(usable, b_year, np.nan)
    t_year = np.where(np.isnan(t_year) & ~d["has_target"], plan_end, t_year) if n else t_year
    return dict(baseline=baseline, b_year=b_year, start=np.where(np.isnan(b_year), base_years, b_year),
                t_year=t_year, shown_t_year=np.where(d["has_target"], t_year, np.nan))


def _directions(d: dict) -> dict:
    """The comparator (written, else from the direction), which way is better, how the values move."""
    meta, written, ttype, n = d["meta"], d["comparator_written"], d["ttype"], d["n"]
    direction = text(meta["direction"]).to_numpy()
    comparator = np.where(written != "", written,
                          np.where(direction == "lower", default_comparator(True), default_comparator(False)))
    comparator = np.where(d["has_target"] & (ttype != "qualitative") & ~((ttype == "range") & (written == "")),
                          comparator, written)
    lower = np.where(np.isin(direction, ["higher", "lower"]), direction == "lower", np.isin(comparator, LOWER))
    unit, names = text(meta["unit"]), text(meta["name"])
    percent = unit.map({u: is_percent_unit(u) for u in unit.unique()}).to_numpy(dtype=bool) if n else np.zeros(0, bool)
    return dict(comparator=comparator, lower=lower, unit=unit, percent=percent,
                linear=moves_by_points_array(unit, names), bounded=bounded_by_100_array(unit, names))


def pick(mask, g, key, n, last=False):
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


def text(column: pd.Series) -> pd.Series:
    """A column as text, "" where empty (an all-empty text column may arrive as float NaN)."""
    return column.astype(object).where(column.notna(), "").astype(str)


def take(values, idx):
    return np.where(idx >= 0, values[np.maximum(idx, 0)] if len(values) else np.nan, np.nan)


def take_obj(values, idx, empty):
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
