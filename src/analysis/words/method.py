"""The 计算方法 text: how the table was judged, for the xlsx 说明 sheet and the Word draft's notes on method."""

from __future__ import annotations

from analysis.assess.gap import DEFAULT_THRESHOLDS
from analysis.rules.numbers import plain


def method_text_zh(method: str = "cn", band: str = "relative", thresholds: dict | None = None,
                   tolerance: float = 5.0, basically_band: float | None = None, **_ignored) -> str:
    """The 计算方法 text of the 说明 sheet for the method the table was actually assessed with (table.attrs)."""
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    lines = [
        "完成度：实际值÷目标值×100%（越低越好的指标为目标值÷实际值×100%）。",
        "目标进度：（实际值−基期值）÷（目标值−基期值）×100%，即从基期出发、到目标为止已走完的路程。",
        "序时进度：（数据年份−基期年份）÷（目标年份−基期年份）×100%，即规划期已经过去的时间比例（“时间过半、任务过半”），最多100%。",
        "单位为%或百分点的指标，尚差、所需和实际年均变化均以百分点计（线性），不按复合增速计算。",
        "状态：已满足目标的为“已达到目标”；较基期向偏离目标方向变化（含已超过目标后又回落、“保持”类目标跌破基期水平）的为“逆向变化”；",
    ]
    if method == "eurostat":
        lines.append("　　其余按欧盟统计局（Eurostat）方法：实际年均增速÷所需年均增速，≥95%为“显著进展”，60%–95%为“进展适中”，0–60%为“进展不足”。")
    elif band == "absolute":
        lines.append(f"　　其余比较目标进度与序时进度：相差不超过{plain(tolerance)}个百分点的为“符合序时进度”，高出的为“快于序时进度”，低于的为“滞后于序时进度”。")
    else:
        lines.append(f"　　其余看进度比（目标进度÷序时进度）：≥{plain(limits['ahead'])}为“快于序时进度”，"
                     f"{plain(limits['on_track'])}–{plain(limits['ahead'])}为“符合序时进度”，低于{plain(limits['on_track'])}为“滞后于序时进度”。")
    lines.append("　　缺少基期值、无法比较的为“尚未达到目标”；无量化目标、缺少实际值的分别标注为“无量化目标”“无数据”。")
    final = "完成 / 未完成" if basically_band is None else f"完成 / 基本完成（完成度≥{plain(basically_band)}%）/ 未完成"
    lines.append(f"数据年份达到或晚于目标年份（期末评估）时，只给出最终结论：{final}。")
    return "\n".join(lines)


METHOD_TEXT_ZH = method_text_zh()
