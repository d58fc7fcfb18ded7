"""The status of every row (评估结论), by the rules of docs/methodology.md: mid-term pace (relative band, absolute
band, Eurostat), final verdicts, qualitative targets by the direction of change; the bureau's verdict compared."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.assess.measure import growth_ratios
from analysis.metadata.statuses import status_label

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
OUR_CLASS = {
    "achieved": "met",
    "basically_achieved": "basically",
    "ahead": "on_pace",
    "on_track": "on_pace",
    "lagging": "unmet",
    "regressing": "unmet",
    "not_achieved": "unmet",
}


def statuses(m, phase, d, judged) -> tuple[np.ndarray, np.ndarray]:
    """Status codes and labels for every row. `judged`: method, band, limits, tolerance, basically_band."""
    final, rate = phase == "final", d["ttype"] == "annual_rate"
    paced, label = _pace(m, rate, final, judged)
    with np.errstate(invalid="ignore"):
        regress = m["moved_away"] | (rate & (m["subject"] * m["target"] < 0))
    midterm = np.where(regress, "regressing", np.where(m["overshot"], "not_achieved", paced))
    label = np.where(regress | m["overshot"], "", label)
    label = np.where((midterm == "regressing") & (judged["method"] == "eurostat"), status_label("regressing"), label)

    status = np.where(final, _final(m, rate, judged["basically_band"]), midterm)
    met_now = m["met"] & ~(rate & ~final)
    status = np.where(met_now, "achieved", status)
    label = np.where(final | met_now, "", label)
    status, label = _qualitative(m, d, final, status, label)

    has_target, has_actual = d["has_target"], ~np.isnan(d["actual"])
    status = np.where(has_target, status, "no_target")
    status = np.where(has_actual, status, "no_data")
    label = np.where(has_target & has_actual, label, "")
    labels = np.array([lab or status_label(s, p) for s, p, lab in zip(status, phase, label)], object)
    return status, labels


def _pace(m, rate, final, judged):
    """Mid-term pace: the relative band (进度比), the absolute band (± tolerance points) or Eurostat's classes."""
    pace, limits, tolerance = m["pace"], judged["limits"], judged["tolerance"]
    label = np.full(len(pace), "", dtype=object)
    if judged["band"] == "relative":
        paced = np.select([pace >= limits["ahead"], pace >= limits["on_track"], ~np.isnan(pace)],
                          ["ahead", "on_track", "lagging"], default="not_achieved")
    else:
        ach, el = np.where(rate, pace * 100, m["achievement"]), np.where(rate, 100.0, m["elapsed"])
        paced = np.select([ach >= el + tolerance, ach >= el - tolerance, ~np.isnan(ach) & ~np.isnan(el)],
                          ["ahead", "on_track", "lagging"], default="not_achieved")
    if judged["method"] == "eurostat":
        ratio = growth_ratios(m["base"], m["base_year"], m["actual"], m["year"], m["target"], m["target_year"])
        ratio = np.where(rate, pace, ratio)
        for floor, code, text in reversed(EUROSTAT_CLASSES):
            hit = ratio >= floor
            paced = np.where(hit, code, np.where(np.isnan(ratio), "not_achieved", paced))
            label = np.where(hit & ~final, text, label)
        label = np.where(np.isnan(ratio), "", label)
    return paced, label


def _final(m, rate, basically_band):
    """Final phase: 基本完成 within the band (完成度, or 进度比 for annual rates), else 未完成 (完成 is set after)."""
    with np.errstate(invalid="ignore"):
        closeness = np.where(rate, m["pace"] * 100, m["completion"]) if rate.any() else m["completion"]
        basically = (closeness >= basically_band) if basically_band is not None else np.zeros(len(rate), bool)
    return np.where(basically, "basically_achieved", "not_achieved")


def _qualitative(m, d, final, status, label):
    """Qualitative targets: the direction of change since the base year, where the words give one."""
    qual = d["ttype"] == "qualitative"
    if not qual.any():
        return status, label
    want = _qualitative_direction(d["t_text"])
    with np.errstate(invalid="ignore"):
        change = m["actual"] - m["base"]
        good_keep = np.where(d["lower"], change <= 0, change >= 0)
        wants = [want == "higher", want == "lower", want == "keep"]
        good = np.select(wants, [change > 0, change < 0, good_keep], False)
        bad = np.select(wants, [change < 0, change > 0, ~good_keep], False)
    decidable = qual & (want != "") & ~np.isnan(change)
    q_status = np.where(good, np.where(final, "achieved", "on_track"),
                        np.where(final, "not_achieved", np.where(bad, "regressing", "lagging")))
    return np.where(qual, np.where(decidable, q_status, "judge"), status), np.where(qual, "", label)


def _qualitative_direction(texts) -> np.ndarray:
    """"higher", "lower", "keep" or "" from the words of a qualitative target (decided once per distinct text)."""
    classes = ((JUDGE_WORDS, ""), (LOWER_WORDS, "lower"), (RAISE_WORDS, "higher"), (KEEP_WORDS, "keep"))
    lookup = {t: _first_class(t, classes) for t in set(texts)}
    return np.array([lookup[t] for t in texts], dtype=object)


def reported_class(text: str) -> str:
    """How the bureau's verdict reads: "met", "basically", "unmet", "on_pace" or "" (not readable)."""
    classes = ((REPORTED_UNMET, "unmet"), (REPORTED_BASICALLY, "basically"), (REPORTED_MET, "met"),
               (REPORTED_ON_PACE, "on_pace"))
    return _first_class(str(text or ""), classes)


def _first_class(text: str, classes) -> str:
    """The label of the first (words, label) pair with a word in `text` (order decides: 未完成 before 完成)."""
    return next((label for words, label in classes if any(w in text for w in words)), "")


def agreement(status, reported) -> pd.arrays.BooleanArray:
    """status_agrees: True/False where the bureau gave a readable verdict and we judged the indicator, else NA."""
    lookup = {t: reported_class(t) for t in set(reported)}
    out = []
    for s, r in zip(status, reported):
        theirs, ours = lookup[r], OUR_CLASS.get(s, "")
        out.append(pd.NA if not theirs or not ours else theirs == ours)
    return pd.array(out, dtype="boolean")
