"""What a tidy frame holds, in sentences (notebook 01): indicators, years, baselines, targets, empty cells."""

from __future__ import annotations

import pandas as pd

from analysis.assess.gap import assess


def data_sentence(frame: pd.DataFrame) -> str:
    """What the tidy frame holds, in one sentence computed from it (notebook 01)."""
    if frame.empty:
        return "没有读到任何指标。"
    present = frame[frame["value"].notna()]
    ids = frame["indicator_id"].nunique()
    regions = frame["region"].nunique()
    years = sorted(int(y) for y in present.loc[present["kind"] == "actual", "year"].dropna().unique())
    with_kind = {k: present.loc[present["kind"] == k, "indicator_id"].nunique() for k in ("baseline", "target")}
    # Baselines as assess reads them (a baseline row, else the actual of the plan's base year), so this sentence
    # and the gap table agree on which indicators have a 目标进度.
    rows = with_kind["baseline"]
    with_kind["baseline"] = int(assess(frame).groupby("indicator_id")["baseline"].apply(lambda b: b.notna().any()).sum())
    span = (f"{years[0]}–{years[-1]}年" if len(years) > 1 else f"{years[0]}年") if years else "无"
    text = f"共{ids}项指标" + (f"、{regions}个地区" if regions > 1 else "") + f"；实际值年份：{span}"
    text += f"；{with_kind['baseline']}项有基期值"
    if with_kind["baseline"] > rows:
        taken = with_kind["baseline"] - rows
        text += "（均取规划基期年份的实际值）" if rows == 0 else f"（其中{taken}项取规划基期年份的实际值）"
    text += f"，{with_kind['target']}项有目标值。"
    if with_kind["baseline"] < ids:
        text += f"没有基期值的{ids - with_kind['baseline']}项无法计算目标进度（只比较实际值与目标）；"
    if with_kind["target"] < ids:
        text += f"没有目标值的{ids - with_kind['target']}项只记录现状，不作判断；"
    if len(years) < 2:
        text += "每个指标只有一个年份，没有趋势可画；"
    return text.rstrip("；") + ("。" if not text.endswith("。") else "")


def missing_sentence(missing: pd.DataFrame) -> str:
    """How many cells are empty, by kind, from validate.missing_values() (notebook 01)."""
    if missing.empty:
        return "没有留空的单元格。"
    kinds = missing["类型"].value_counts(sort=False)
    listed = "、".join(f"{k}{n}个" for k, n in kinds.items())
    return f"共有{len(missing)}个单元格留空或填“—”（{listed}）：表中如实留空，没有推算；补齐后重新运行即可。"
