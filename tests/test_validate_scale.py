"""validate at national scale (2,800 regions × 30 indicators): the summary fits a screen, and 有基期值 is counted the
way assess finds base values (a 基期值 row, or the actual of the plan's base year)."""

import pytest
from openpyxl import Workbook

import analysis as an

REGIONS, AREAS, PER_AREA = 2800, 5, 6  # 30 indicators in 5 areas
HEADER = ["地区", "领域", "指标名称", "单位", "2020年", "2021年", "2022年", "2023年", "2025年目标"]


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    path = tmp_path_factory.mktemp("nation") / "全国县区.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("县区指标")
    ws.append(["全国各县（市、区）“十四五”规划指标监测表"])
    ws.append(HEADER)
    for k in range(REGIONS):
        for a in range(AREAS):
            for i in range(PER_AREA):
                ws.append([f"第{k:04d}县", f"领域{a + 1}", f"指标{a + 1}-{i + 1}", "%", 50.0, 51.0, 52.0, 53.0, 60])
    wb.save(path)
    return an.validate([path])


def test_summary_fits_a_screen(national):
    assert national.ok
    text = an.summary(national)
    lines = text.splitlines()
    assert len(lines) <= 40, len(lines)
    assert "共 30 个指标，2800 个地区" in text
    # 2,800 × 5 region-area rows, shown as 5 rows per area; each area: 2,800 regions × 6 indicators = 16,800
    assert "各地区、各领域的数据情况共 14000 行，下表按领域汇总（地区指标数 = 各地区指标数之和）；各地区明细：an.coverage(frame)" in text
    table = [line.split() for line in lines if line.startswith("领域") and line.split()[0] != "领域"]
    assert table == [[f"领域{a}", "2800", "16800", "16800", "16800", "16800"] for a in range(1, 6)]


def test_base_values_counted_as_assess_finds_them(national):
    cover = an.coverage(national.frame)
    assert len(cover) == REGIONS * AREAS
    # no 基期值 column: the 2020 actual is the base of the 十四五 plan, as assess takes it (84,000 of 84,000)
    assert cover["有基期值"].sum() == REGIONS * AREAS * PER_AREA
