"""Five-year plans as data: which years a plan named in a table, a title or a parameter covers.

Ground floor: every stage may import this; it imports nothing from the package. No other module
may hard-code a plan's base or target year: they come from the table's headers, its title, or the
`plan` / `base_year` / `target_year` parameters, resolved here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    """A plan period: `base_year` is the last year before it (its 基期), `target_year` its end."""

    name: str  # as analysts write it: 十四五
    base_year: int
    target_year: int

    @property
    def label(self) -> str:
        """How a briefing names it: “十四五”."""
        return f"“{self.name}”" if self.name.startswith("十") else self.name

    def elapsed_share(self, year: int) -> float:
        """Share of the plan period passed at the end of `year` (0 at the base year, 1 at the end)."""
        return (year - self.base_year) / (self.target_year - self.base_year)


# Known plans. 2035 远景 goals are counted from the 14th plan's base year, as the outline sets them.
PLANS = {
    "十二五": Plan("十二五", 2010, 2015),
    "十三五": Plan("十三五", 2015, 2020),
    "十四五": Plan("十四五", 2020, 2025),
    "十五五": Plan("十五五", 2025, 2030),
    "2035远景": Plan("2035远景", 2020, 2035),
}
_ALIASES = {
    "12th": "十二五", "13th": "十三五", "14th": "十四五", "15th": "十五五",
    "2035": "2035远景", "远景": "2035远景", "2035年远景": "2035远景", "2035年远景目标": "2035远景",
}
_IN_TEXT = re.compile(r"十[二三四五]五")


def get_plan(name: str) -> Plan:
    """The plan called `name` (十四五, “十四五”, 14th, 2035远景); ValueError naming the choices otherwise."""
    key = re.sub(r"[“”\"'\s规划时期]", "", str(name))
    key = _ALIASES.get(key.lower(), key)
    if key in PLANS:
        return PLANS[key]
    raise ValueError(f"未知的规划期“{name}”，可选：{'、'.join(PLANS)}（或直接给出基期年份和目标年份）")


def plan_in_text(text: str) -> Plan | None:
    """The plan a title names (“十四五”市场监管规划… → 十四五), or None."""
    match = _IN_TEXT.search(text or "")
    return PLANS[match.group(0)] if match else None


def plan_for_years(base_year: int | None, target_year: int | None) -> Plan:
    """A plan from its years: a named plan when they match one, else an unnamed period."""
    for plan in PLANS.values():
        if (base_year is None or plan.base_year == base_year) and (target_year is None or plan.target_year == target_year):
            if base_year is not None or target_year is not None:
                return plan
    if base_year is None or target_year is None:
        raise ValueError("规划期需要同时给出基期年份和目标年份")
    if target_year <= base_year:
        raise ValueError(f"目标年份（{target_year}）应晚于基期年份（{base_year}）")
    return Plan(f"{base_year}—{target_year}年", base_year, target_year)


def resolve_plan(plan: str | Plan | None = None, base_year: int | None = None, target_year: int | None = None) -> Plan | None:
    """The plan an analyst asked for (by name or by years), or None when nothing was given."""
    if isinstance(plan, Plan):
        return plan
    if plan:
        named = get_plan(plan)
        if base_year is None and target_year is None:
            return named
        return plan_for_years(base_year or named.base_year, target_year or named.target_year)
    if base_year is None and target_year is None:
        return None
    return plan_for_years(base_year, target_year)
