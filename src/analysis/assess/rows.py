"""The gap table row by row: rows as plain Python values, what a row's target and phase are, counts by status.

Words, tables and the Word draft read gap-table rows through these, so they agree on every fact they state."""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from analysis.metadata.fields import GAP_COLUMNS, GAP_HEADERS_ZH, NO_AREA_ZH
from analysis.metadata.statuses import STATUSES, status_label
from analysis.rules.numbers import decimals
from analysis.rules.plans import Plan, plan_for_years, resolve_plan
from analysis.rules.targets import lower_is_better
from analysis.rules.targets import meets as _meets


def clean_value(v):
    """One cell as a plain Python value; None wherever the value is undefined (NaN, NA, ±inf)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        return float(v) if math.isfinite(float(v)) else None
    return str(v)


def value_decimals(x) -> int:
    """How many decimals the data itself carries: 2.5 → 1, 80.0 → 0, 9.75 → 2."""
    if not isinstance(x, (int, float)):  # text in a number column has no precision to carry
        return 0
    return decimals(x)


def row_places(r: dict) -> int:
    """One precision for a row's actual, target, baseline and gap, so they line up in a table."""
    return max(value_decimals(r[c]) for c in ("actual", "target", "baseline"))


def projection_places(r: dict) -> int:
    """The decimals a projection prints with, in sentences and on the trend chart alike: the row's own
    (actual, target, its upper bound, baseline)."""
    return max(value_decimals(r.get(c)) for c in ("actual", "target", "target_high", "baseline"))


def projection_of(table: pd.DataFrame, indicator_id, region=None) -> tuple[int, float, int] | None:
    """The gap table's projection for one indicator (in `region`; None: its first region): (target year, value,
    decimals to print it with). The trend chart draws and labels this one, so the chart and the sentence show the
    same number ("预计2025年可达161件" beside "外推 161"). None where the table has no projection."""
    rows = table[table["indicator_id"] == indicator_id]
    if region is not None:
        rows = rows[rows["region"] == region]
    if not len(rows):
        return None
    r = as_row(rows.iloc[0])
    if r["projected"] is None or r["target_year"] is None:
        return None
    return int(r["target_year"]), r["projected"], projection_places(r)


def indicator_places(rows: list[dict]) -> dict:
    """One precision per indicator across its regions (97.0 and 97.6 both print with one decimal)."""
    per: dict = {}
    for r in rows:
        per[r["indicator_id"]] = max(per.get(r["indicator_id"], 0), row_places(r))
    return per


def gap_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Check the column contract; reorder to GAP_COLUMNS if only the order differs."""
    missing = [c for c in GAP_COLUMNS if c not in table.columns]
    extra = [c for c in table.columns if c not in GAP_COLUMNS]
    if missing or extra:
        raise ValueError(f"gap table does not match schema.GAP_COLUMNS: missing {missing}, unexpected {extra}")
    return table[GAP_COLUMNS]


def records(table: pd.DataFrame) -> list[dict]:
    """Rows as dicts of clean Python values, in the table's order (the values clean_value gives, cleaned a
    column at a time: 84,000 rows in well under a second rather than three)."""
    frame = gap_frame(table)
    columns = [_clean_column(frame[c]) for c in GAP_COLUMNS]
    return [dict(zip(GAP_COLUMNS, values)) for values in zip(*columns)]


def _clean_column(column: pd.Series) -> list:
    """One column as clean_value would give each cell: plain floats with None where not finite, plain ints
    and bools, and every other dtype cell by cell."""
    kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else "O"
    if kind == "f":
        values = column.to_numpy()
        cleaned = values.tolist()
        for i in np.flatnonzero(~np.isfinite(values)).tolist():
            cleaned[i] = None
        return cleaned
    if kind in "iub":
        return column.to_numpy().tolist()
    return [v if type(v) is str else clean_value(v) for v in column.to_numpy(dtype=object)]


def as_row(row) -> dict:
    """A gap-table row (dict or Series) as clean Python values; columns it lacks are None."""
    get = row.get if hasattr(row, "get") else (lambda c: getattr(row, c, None))
    return {c: clean_value(get(c)) for c in GAP_COLUMNS}


def is_final(r: dict) -> bool:
    """The final evaluation: the assessed phase, else the data year at or after the target year."""
    if r.get("phase") in ("midterm", "final"):
        return r["phase"] == "final"
    return r["year"] is not None and r["target_year"] is not None and r["year"] >= r["target_year"]


def target_type_of(r: dict) -> str:
    return r.get("target_type") or "level"


def has_target(r: dict) -> bool:
    """A numeric target, or a qualitative one (稳步提高) judged by direction or by a person."""
    return r["target"] is not None or (target_type_of(r) == "qualitative" and bool(r.get("target_text")))


def lower_better(r: dict) -> bool:
    """Whether lower is better for a row: its `direction` wins (assess fills it in), else its comparator
    (rules.targets.lower_is_better, the one rule); every sentence asks here."""
    direction = r.get("direction")
    return lower_is_better(r.get("comparator"), direction if direction in ("higher", "lower") else None)


def is_met(r: dict) -> bool:
    """Trust the assessed status; compare the numbers (assess.meets, the one rule) only when there is none."""
    if r["status"] in STATUSES:
        return r["status"] == "achieved"
    if r["actual"] is None or r["target"] is None:
        return False
    high = r.get("target_high")
    return _meets(r["actual"], r["comparator"] or "", r["target"], math.nan if high is None else high)


def resolve_quietly(plan) -> Plan | None:
    try:
        return resolve_plan(plan) if plan else None
    except ValueError:
        return None


def plan_of_row(r: dict, plan=None) -> Plan | None:
    """The plan a row's target belongs to: the one given when it ends in the target year, else by the year."""
    ty = r["target_year"]
    if ty is None:
        return None
    given = resolve_quietly(plan)
    if given is not None and given.target_year == int(ty):
        return given
    try:
        return plan_for_years(None, int(ty))
    except ValueError:
        return None


def evaluation_kind(table: pd.DataFrame, plan=None) -> str:
    """总结评估 (data at or after the target year), 中期评估 (≥ 40 % of the plan period passed) or 年度监测.

    The latest data year against the plan: 2025 for 十四五 is 总结评估; 2022–2024 中期评估 (2023 is the
    usual mid-term year, and mid-term reviews written in 2023 often stand on 2022 data); 2021 年度监测.
    """
    rows = records(table)
    years = [r["year"] for r in rows if r["year"] is not None]
    if not years:
        return "评估"
    year = max(years)
    p = resolve_quietly(plan)
    if p is None:
        ends = sorted({r["target_year"] for r in rows if r["target_year"] is not None})
        p = next((plan_of_row({"target_year": ty}) for ty in ends if ty >= year), None) or (
            plan_of_row({"target_year": ends[-1]}) if ends else None)
    if p is None:
        finals = [is_final(r) for r in rows if r["target_year"] is not None and r["year"] is not None]
        return "总结评估" if finals and all(finals) else "评估"
    if year >= p.target_year:
        return "总结评估"
    return "中期评估" if p.elapsed_share(year) >= 0.4 else "年度监测"


def plan_of_table(table: pd.DataFrame, plan=None) -> Plan | None:
    """The plan a table is evaluated against: the one given, the one assess was told, else by its target years."""
    p = resolve_quietly(plan) or resolve_quietly(table.attrs.get("assess", {}).get("plan"))
    if p is not None:
        return p
    years = table["target_year"].dropna() if "target_year" in table else pd.Series(dtype=float)
    if years.empty:
        return None
    return plan_of_row({"target_year": int(years.mode().iloc[0])})


def status_pivot(table: pd.DataFrame, by: str = "area") -> pd.DataFrame:
    """Count of indicators by `by` (area or region) and status, Chinese axis names, statuses best first."""
    labels = {s: status_label(s) for s in STATUSES}
    frame = gap_frame(table)
    present = [s for s in STATUSES if s in set(frame["status"])] + [
        s for s in dict.fromkeys(frame["status"]) if s not in STATUSES]
    label_of = {s: (frame.loc[frame["status"] == s, "status_label"].iloc[0] or labels.get(s, s)) for s in present}
    counts = pd.crosstab(frame[by].fillna(NO_AREA_ZH), frame["status"]).reindex(columns=present, fill_value=0)
    counts = counts.reindex(list(dict.fromkeys(frame[by].fillna(NO_AREA_ZH))))
    counts.columns = pd.Index([label_of[s] for s in present], name="评估结论")
    counts.index.name = GAP_HEADERS_ZH.get(by, by)
    counts["合计"] = counts.sum(axis=1)
    return counts
