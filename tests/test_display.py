"""How gap-table cells are shown in the Markdown table, the notebooks and the Word draft (write/display.py)."""

from analysis.write.display import display


def test_a_share_under_100_never_shows_as_100():
    # 99.77 of a 99.8 target: completion 99.9699…% — half up would print 100.0 %, which reads as met.
    assert display("completion_pct", 99.77 / 99.8 * 100, 2) == "99.9%"
    assert display("completion_pct", 99.94, 2) == "99.9%"
    assert display("completion_pct", 71.449, 2) == "71.4%"
    assert display("completion_pct", 98.47, 2) == "98.5%"  # far from 100: half up as everywhere
    assert display("completion_pct", 100.0, 2) == "100.0%" and display("completion_pct", 102.857, 2) == "102.9%"


def test_values_years_and_flags():
    assert display("actual", 2.5, 2) == "2.50" and display("year", 2023.0, 0) == "2023"
    assert display("projected_met", True, 0) == "是" and display("actual", None, 2) == "—"
