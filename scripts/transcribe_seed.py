"""Write the bundled workbook transcribed from the bureau's mid-term evaluation report.

This is how data/raw/mid_term_indicators.xlsx was made, kept so anyone can check the transcription
against ../shared/seed/ line by line. It writes to the path given and refuses to overwrite an
existing file: data/raw is immutable once committed.

    python scripts/transcribe_seed.py data/raw/mid_term_indicators.xlsx

Transcription rules (see README, "Where the bundled data comes from"):
- every number is the report's; a baseline or target the report does not state is "—";
- values describe the situation when the report was written (2023: it calls March 2023 "今年3月");
- a claim without a number (已提前达到2025年规划值) goes in 报告表述, never into a made-up target.
"""

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

TITLE = "景德镇市市场监督管理局“十四五”规划主要指标中期进展情况表"
SUBTITLE = "数据时点：2023年（中期评估报告撰写时）    资料来源：市市场监管局“十四五”规划实施中期评估报告"
MISSING = "—"
PCT = "0.0%"  # real sheets store 97.4 % as 0.974 with a percentage format
PCT2 = "0.00%"

S1 = "在优化营商环境方面,我市现有市场主体15.2万户,市场主体登记总体继续保持较快增长态势;借助“一网通办”平台,我市企业开办“一日办结”率高达99%(始终保持全省第1);市场监管行政审批事项网上可办率高达100%。"
S2 = "在市场安全监管方面,食品抽验量次数已达4.95批次/千人/年,食品监督抽查为合格率为97.4%,药品监督抽查合格率为99.64%,不合格食品国抽和省抽(按时)处置完成率均为100%;2021年以来未发生任何特种设备死亡事故。"
S3 = "一般事项“双随机、一公开”抽查比例已经实现5%;消费者投诉按时办结率高达99.5%,举报按时核查率高达97.6%。"
S4 = "在质量强省基础方面,重点工业产品监督抽查合格率高达96.5%;公共服务质量满意度为82.16%,制造业质量竞争力指数为86.51;全省社会公用计量标准共有62项(计划2025年有80项),国家重点管理计量器具受检率已实现100%。"
S5 = "在知识产权保护运用方面,每万人口有效发明专利拥有量9.75件(计划2025年达11件),每万人口高价值发明专利拥有量3.59件(计划2025年超4件),专利密集型产业增加值占国内生产总值的比重10%,国家地理标志保护产品2个;"
S6 = "商标有效注册量3.59万件,每万户市场主体商标拥有量2284件,均已提前达到2025年规划值。"
S7 = "目前我市共有执业药师410名,已注册406名,目前每万人口执业药师数为2.5人,该项指标2025年3.5人尚存在一定差距,主要原因是我市药学专业人才较少,属地高校开设相关专业较少,企业员工薪资待遇偏低。"
EARLY = "已提前达到2025年规划值"

# (id, name, English name, unit, direction, 2023 value, number format, 2025 target, claim, source, note)
SECTIONS = [
    ("一、优化营商环境", [
        ("market_entities", "市场主体数量", "Registered market entities", "万户", "正向", 15.2, None, MISSING, "", S1, "报告原文“现有市场主体15.2万户”"),
        ("one_day_startup_rate", "企业开办“一日办结”率", "Business start-ups completed within one day", "%", "正向", 0.99, PCT, MISSING, "始终保持全省第1", S1, ""),
        ("online_approval_rate", "市场监管行政审批事项网上可办率", "Regulatory approvals available online", "%", "正向", 1.0, PCT, MISSING, "", S1, ""),
    ]),
    ("二、市场安全监管", [
        ("food_sampling_per_1000", "食品抽验量", "Food safety sampling", "批次/千人/年", "正向", 4.95, None, MISSING, "", S2, "报告原文“食品抽验量次数已达4.95批次/千人/年”"),
        ("food_inspection_pass_rate", "食品监督抽查合格率", "Food supervisory sampling pass rate", "%", "正向", 0.974, PCT, MISSING, "", S2, ""),
        ("drug_inspection_pass_rate", "药品监督抽查合格率", "Drug supervisory sampling pass rate", "%", "正向", 0.9964, PCT2, MISSING, "", S2, ""),
        ("nonconforming_food_disposal_rate", "不合格食品国抽和省抽按时处置完成率", "Non-conforming food (national and provincial sampling) disposed of on time", "%", "正向", 1.0, PCT, MISSING, "", S2, "报告原文“国抽和省抽(按时)处置完成率均为100%”，合为一项"),
        ("special_equipment_deaths", "特种设备死亡事故", "Fatal special-equipment accidents", "起", "逆向", 0, None, MISSING, "2021年以来未发生任何特种设备死亡事故", S2, "报告原文“未发生任何”，记为0起（2021年至报告时累计）"),
        ("random_inspection_share", "一般事项“双随机、一公开”抽查比例", "Share of general items covered by random inspections", "%", "正向", 0.05, PCT, MISSING, "", S3, ""),
        ("complaints_on_time_rate", "消费者投诉按时办结率", "Consumer complaints closed on time", "%", "正向", 0.995, PCT, MISSING, "", S3, ""),
        ("reports_on_time_rate", "举报按时核查率", "Reports verified on time", "%", "正向", 0.976, PCT, MISSING, "", S3, ""),
        ("pharmacists_per_10k", "每万人口执业药师数", "Licensed pharmacists per 10,000 people", "人", "正向", 2.5, None, 3.5, "尚存在一定差距", S7, "执业药师410名，已注册406名（见“补充数据”）"),
    ]),
    ("三、质量强省基础", [
        ("industrial_product_pass_rate", "重点工业产品监督抽查合格率", "Key industrial products sampling pass rate", "%", "正向", 0.965, PCT, MISSING, "", S4, ""),
        ("public_service_quality_satisfaction", "公共服务质量满意度", "Public service quality satisfaction", "%", "正向", 0.8216, PCT2, MISSING, "", S4, ""),
        ("manufacturing_quality_index", "制造业质量竞争力指数", "Manufacturing quality competitiveness index", "", "正向", 86.51, None, MISSING, "", S4, "指数，无单位"),
        ("public_measurement_standards", "社会公用计量标准数量", "Public measurement standards", "项", "正向", 62, None, 80, "", S4, "报告原文为“全省社会公用计量标准共有62项(计划2025年有80项)”"),
        ("measuring_instruments_inspected_rate", "国家重点管理计量器具受检率", "Key measuring instruments inspected", "%", "正向", 1.0, PCT, MISSING, "", S4, ""),
    ]),
    ("四、知识产权保护运用", [
        ("invention_patents_per_10k", "每万人口有效发明专利拥有量", "Valid invention patents per 10,000 people", "件", "正向", 9.75, None, 11, "", S5, ""),
        ("high_value_patents_per_10k", "每万人口高价值发明专利拥有量", "High-value invention patents per 10,000 people", "件", "正向", 3.59, None, "超4", "", S5, "报告原文“计划2025年超4件”，即严格大于4件"),
        ("patent_intensive_industry_share", "专利密集型产业增加值占国内生产总值比重", "Patent-intensive industries' share of GDP", "%", "正向", 0.10, PCT, MISSING, "", S5, ""),
        ("geographical_indication_products", "国家地理标志保护产品", "National geographical indication products", "个", "正向", 2, None, MISSING, "", S5, ""),
        ("valid_trademarks", "商标有效注册量", "Valid registered trademarks", "万件", "正向", 3.59, None, MISSING, EARLY, S6, "报告称已提前达到2025年规划值，但未给出规划值"),
        ("trademarks_per_10k_entities", "每万户市场主体商标拥有量", "Trademarks per 10,000 market entities", "件", "正向", 2284, None, MISSING, EARLY, S6, "报告称已提前达到2025年规划值，但未给出规划值"),
    ]),
]

HEADER_TOP = ["序号", "指标代码", "指标名称", "英文名称", "单位", "指标方向", "指标属性", "指标值", None, None, "报告表述", "报告原文", "备注"]
HEADER_SUB = [None, None, None, None, None, None, None, "基期(2020年)", "2023年实际值", "规划目标(2025年)", None, None, None]

FOOTNOTE = (
    "注：1.数据摘自市市场监管局“十四五”规划实施中期评估报告（一、(一)主要目标指标进展情况；每万人口执业药师数摘自药品监管一段）。"
    "2.报告未载明2020年基期值、指标属性和多数2025年目标值，表中以“—”或空白表示，未作推算。"
    "3.“2023年实际值”为报告撰写时的数值。"
)

# (item, value, unit, qualifier, year, area, sentence)
SUPPORTING = [
    ("执业药师总数", 410, "名", "", 2023, "药品监管", S7),
    ("已注册执业药师数", 406, "名", "", 2023, "药品监管", S7),
    ("入驻“智慧监管”平台药品零售企业", 464, "家", "", 2023, "药品监管", "我市入驻“智慧监管”平台企业464家,入驻率达98%以上,已基本完成指标任务。"),
    ("“智慧监管”平台入驻率", 98, "%", "以上", 2023, "药品监管", "我市入驻“智慧监管”平台企业464家,入驻率达98%以上,已基本完成指标任务。"),
    ("专利质押融资件数", 59, "件", "", 2022, "知识产权", "2022年全市完成专利质押融资59件、金额10.185亿元"),
    ("专利质押融资金额", 10.185, "亿元", "", 2022, "知识产权", "2022年全市完成专利质押融资59件、金额10.185亿元"),
    ("“一照通办”涵盖部门", 21, "个", "", 2023, "营商环境", "我市“一照通办”系统已经涵盖了21个部门120个事项,事项覆盖率达到43.17%。"),
    ("“一照通办”涵盖事项", 120, "个", "", 2023, "营商环境", "我市“一照通办”系统已经涵盖了21个部门120个事项,事项覆盖率达到43.17%。"),
    ("“一照通办”事项覆盖率", 43.17, "%", "", 2023, "营商环境", "我市“一照通办”系统已经涵盖了21个部门120个事项,事项覆盖率达到43.17%。"),
    ("先进陶瓷分析检测中心场地面积", 7000, "平方米", "", 2023, "陶瓷试验区", "目前已建成实验室场地和办公场地7000平米,总投资近4000万元,其中设备采购近3000余万元,首批60台套检测设备已经入场安装调试"),
    ("先进陶瓷分析检测中心总投资", 4000, "万元", "近", 2023, "陶瓷试验区", "总投资近4000万元,其中设备采购近3000余万元"),
    ("先进陶瓷分析检测中心首批检测设备", 60, "台套", "", 2023, "陶瓷试验区", "首批60台套检测设备已经入场安装调试,大部分投入运行"),
    ("陶瓷行业质量基础设施“一站式”服务企业", 50, "家", "余", 2023, "陶瓷试验区", "共服务陶瓷企业50余家"),
    ("试验区建设中牵头承担任务", 6, "项", "", 2023, "陶瓷试验区", "在该重大战略中(共同)牵头承担了6项任务,均按要求稳步推进。"),
    ("包装饮用水生产加工企业（全部落实挂点监管）", 13, "家", "", 2023, "食品安全", "对全市13家包装饮用水生产加工企业全部落实具体挂点监管人员"),
    ("成品粮生产企业（全部落实挂点监管）", 23, "家", "", 2023, "食品安全", "对全市23家成品粮生产企业全部落实具体挂点监管人员"),
    ("食品安全党政同责细化举措", 17, "条", "", 2023, "食品安全", "细化了17条具体举措"),
    ("学校供餐单位“明厨亮灶”覆盖率", 100, "%", "", 2023, "食品安全", "我市学校供餐单位“明厨亮灶”覆盖率达到100%。"),
]

# The key-task ledger (重点任务台账) of sections 一(二)(三): only what the report states. A due date
# only where the report gives one, the status in the report's own words (the loader normalises it,
# task_aliases.json), the lead unit as the report names it (我局 = 市市场监管局), the source verbatim.
LEDGER_HEADER = ["序号", "领域", "重点任务", "牵头单位", "完成时限", "完成状态", "进展情况", "报告原文", "备注"]
BUREAU = "市市场监管局"
LEDGER = [
    ("国家陶瓷文化传承创新试验区建设", "筹建先进陶瓷分析检测中心", BUREAU, "", "大部分投入运行",
     "已建成实验室场地和办公场地7000平米，首批60台套检测设备已经入场安装调试",
     "一是筹建先进陶瓷分析检测中心。目前已建成实验室场地和办公场地7000平米,总投资近4000万元,其中设备采购近3000余万元,首批60台套检测设备已经入场安装调试,大部分投入运行", ""),
    ("国家陶瓷文化传承创新试验区建设", "“景德镇制”区域品牌保护与重塑", BUREAU, "", "稳步推进",
     "制定地方标准和团体标准，发布“景德镇制”新标识，启动防伪溯源工作；《“景德镇制”保护条例(草案)》已市政府常务会、市人大常委会研究通过",
     "起草的《“景德镇制”保护条例(草案)》已市政府常务会、市人大常委会研究通过", "报告称试验区6项任务“均按要求稳步推进”"),
    ("国家陶瓷文化传承创新试验区建设", "中国质量认证中心陶瓷艺术品鉴证委员会建设", BUREAU, "", "正在推进中",
     "牵头成立了陶瓷艺术品鉴证专业委员会，为市场提供第三方鉴证服务",
     "该项目正在推进中", ""),
    ("国家陶瓷文化传承创新试验区建设", "陶瓷行业质量基础设施一站式服务", BUREAU, "", "稳步推进",
     "2022年在高新区局、昌南新区局分别设立“一站式”服务站，共服务陶瓷企业50余家",
     "我局于2022年在高新区局、昌南新区局分别设立陶瓷行业质量基础设施“一站式”服务站", "报告称试验区6项任务“均按要求稳步推进”"),
    ("国家陶瓷文化传承创新试验区建设", "知识产权快速维权中心升格为知识产权保护中心", BUREAU, "", "获批复成立",
     "2021年3月获批复成立景德镇市知识产权保护中心(副处级)",
     "2021年3月获批复成立景德镇市知识产权保护中心(副处级)", ""),
    ("国家陶瓷文化传承创新试验区建设", "陶瓷领域知识产权质押等担保服务", BUREAU, "持续推进", "持续推进",
     "2022年全市完成专利质押融资59件、金额10.185亿元",
     "持续推进知识产权质押融资“入园惠企”专项行动", ""),
    ("食品药品安全监管", "学校供餐单位“明厨亮灶”", BUREAU, "", "已全面完成",
     "学校供餐单位“明厨亮灶”覆盖率达到100%",
     "学校供餐单位已全面完成,我市学校供餐单位“明厨亮灶”覆盖率达到100%", ""),
    ("食品药品安全监管", "10家网红餐厅接入“互联网+明厨亮灶智慧监管”", BUREAU, "2023年10月底", "逐步覆盖",
     "分阶段对学校食堂、集中供餐企业、典型网红餐饮和九集小镇等餐饮商家逐步覆盖",
     "预计2023年10月底前完成10家网红餐厅接入", "报告为预计完成时间"),
    ("食品药品安全监管", "九集小镇50%以上餐饮企业接入“明厨亮灶”平台", BUREAU, "2023年11月底", "逐步覆盖",
     "分阶段对学校食堂、集中供餐企业、典型网红餐饮和九集小镇等餐饮商家逐步覆盖",
     "11月底前完成九集小镇50%以上餐饮企业的平台接入", "报告原文“11月底前”，年份据同句“2023年10月底前”"),
    ("食品药品安全监管", "达到食品安全治理示范城市创建标准", "市食安办", "2025年前", "",
     "市食品安全委员会在全市范围内部署开展食品安全治理示范创建",
     "助推我市2025年前达到食品安全治理示范城市创建标准", "报告未载明完成状态"),
    ("食品药品安全监管", "药品零售企业入驻“智慧监管”平台", BUREAU, "", "已基本完成指标任务",
     "入驻“智慧监管”平台企业464家，入驻率达98%以上",
     "我市入驻“智慧监管”平台企业464家,入驻率达98%以上,已基本完成指标任务。", "“基本完成”计为推进中（未全部完成）"),
    ("严格规范公正文明执法", "筹建技术执法专班", BUREAU, "", "筹建",
     "实施以技术手段开展电子执法取证新模式，筹建技术执法专班(含专业人员，设备)",
     "筹建技术执法专班(含专业人员,设备)", ""),
]

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def indicators_sheet(ws) -> None:
    width = len(HEADER_TOP)
    ws.append([TITLE])
    ws.append([SUBTITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws["A1"].font = Font(size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(HEADER_TOP)
    ws.append(HEADER_SUB)
    for col in range(1, width + 1):
        if HEADER_SUB[col - 1] is None:
            ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    ws.merge_cells(start_row=3, start_column=8, end_row=3, end_column=10)
    for row in ws.iter_rows(min_row=3, max_row=4):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BOX
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
    number = 0
    for section, rows in SECTIONS:
        ws.append([section])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for code, name, english, unit, direction, value, fmt, target, claim, source, note in rows:
            number += 1
            ws.append([number, code, name, english, unit, direction, None, MISSING, value, target, claim, source, note])
            if fmt:
                ws.cell(ws.max_row, 9).number_format = fmt
            for cell in ws[ws.max_row]:
                cell.border = BOX
                cell.alignment = Alignment(vertical="center", wrap_text=cell.column in (3, 4, 11, 12, 13))
    ws.append([FOOTNOTE])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[ws.max_row].height = 48
    for letter, w in zip("ABCDEFGHIJKLM", [5, 14, 26, 30, 10, 8, 8, 10, 12, 12, 18, 50, 30]):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = "D5"


def supporting_sheet(ws) -> None:
    ws.append(["报告中的其他数据（支撑性数据，非规划指标）"])
    ws.append(["事项", "数值", "单位", "限定", "年份", "所属方面", "报告原文"])
    for row in SUPPORTING:
        ws.append(list(row))
    for letter, w in zip("ABCDEFG", [36, 10, 8, 6, 6, 12, 60]):
        ws.column_dimensions[letter].width = w


def tasks_sheet(ws) -> None:
    ws.append(["重点任务台账（摘自中期评估报告一、(二)重大战略任务落实情况、(三)重大工程项目实施情况）"])
    ws.append(LEDGER_HEADER)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for i, row in enumerate(LEDGER, 1):
        ws.append([i, *row])
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, w in zip("ABCDEFGHI", [5, 20, 30, 12, 12, 14, 40, 50, 24]):
        ws.column_dimensions[letter].width = w


def main(out: str) -> None:
    path = Path(out)
    if path.exists():
        raise SystemExit(f"{path} exists; data/raw is never overwritten. Delete it by hand if you mean to.")
    wb = Workbook()
    wb.active.title = "主要指标"
    indicators_sheet(wb.active)
    supporting_sheet(wb.create_sheet("补充数据"))
    tasks_sheet(wb.create_sheet("重点任务"))
    wb.properties.creator = "indicator-gap"
    wb.save(path)


if __name__ == "__main__":
    main(sys.argv[1])
