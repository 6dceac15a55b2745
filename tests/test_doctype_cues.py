"""文种 detection on the shapes real public documents come in (issue 13): news-style 简报 without a
期号 line, texts without a title line, traditional characters, 印发 of a 办法 without 书名号,
综合性 vs 专项 报告."""

from __future__ import annotations

import pytest

from wenfeng.api import check_text

CASES = [
    # 工作动态 / 政务信息: a dated opening with 召开, no title, no 期号
    ("12月18日下午，县政务公开办在县政务服务中心四楼会议室召开了全县政府信息公开工作会议。\n"
     "会议传达了考评工作通知，对下一步工作进行了安排部署。", "简报"),
    ("近日，2024年度基层政务公开工作推进会在县政府三楼会议室召开。\n会议指出，要抓好落实。", "简报"),
    # a news headline and a dateline / byline
    ("惠安县召开政务公开推进会\n2021年5月21日上午，召开政务公开工作推进会。", "简报"),
    ("本报讯 3月21日下午，县长主持召开县政府常务会议。\n（本报记者 李某）", "简报"),
    # a 请示 without a title line, addressed by a colon line
    ("县人民政府：\n我局办公用车老化严重，恳请县人民政府给予补助资金5万元。", "请示"),
    ("關於解決抗旱資金的請示\n縣農業局：\n我鄉旱災嚴重，共需經費5萬元。\n妥否，請批示。", "请示"),
    # a 批复 without a title line
    ("你校报送的《关于申请危旧教室翻修费的请示》收悉。经研究，批复如下：\n同意翻修。\n特此批复。",
     "批复"),
    # 印发 a 办法 whose name has no 书名号
    ("许昌市人民政府关于印发许昌市价格调节基金管理办法的通知\n各县（市、区）人民政府：\n"
     "现印发给你们，请遵照执行。", "政策性文件"),
    # no title line: the body issues a 规则
    ("各乡镇人民政府，市级各部门：\n《禄丰市人民政府常务会议议事规则》已经市政府常务会议通过，"
     "现印发给你们，请认真遵照执行。", "政策性文件"),
    # the annual reports
    ("各位代表：\n现在，我代表区人民政府，向大会报告工作，请予审议。", "综合性报告"),
    ("本年度报告根据《中华人民共和国政府信息公开条例》要求编制。\n一、概述", "综合性报告"),
    ("县人民政府关于2023年工作情况的报告\n市人民政府：\n2023年，全县经济稳定增长。\n特此报告。",
     "综合性报告"),
    ("关于2023年度安全生产工作情况的报告\n市人民政府：\n全年未发生较大事故。\n特此报告。", "专项报告"),
    # a title split over two lines, in traditional characters
    ("省人民政府關于\n進一步優化營商環境的若干意見\n各市、州、縣人民政府：\n現提出如下意見。", "意见"),
    # a 通报 inside a 督查简报 carrier: the carrier's name, a 期号 line without 第, then the title
    ("寿县政务督查\n20期\n寿县人民政府督查室 2022年8月19日\n关于印发主要任务\n上半年落实情况的通报\n"
     "各乡镇人民政府：\n现将落实情况通报如下。", "通报"),
    # a 工作提示单 asks subordinate bodies to act: a 通知 in effect
    ("关于做好近期防汛工作的提示单\n各乡镇：\n请于今日起加强巡查。", "通知"),
    ("市应急管理局工作提示单\n各县（市、区）应急管理局：\n近期气温持续偏高，请做好防火工作。", "通知"),
    # a speech whose first line is its 称呼
    ("同志们：\n今天下午大会就要正式开幕了。", "讲话"),
    # no title: a 汇报 to visiting leaders, a 纪要 in traditional characters, a 主持词 whose
    # chair's lines name the 议程 item instead of “下面，请……讲话”
    ("各位领导：\n下面，我就今年以来的工作情况向各位领导作简要汇报。\n一、主要工作", "汇报材料"),
    ("尊敬的各位老同志：\n现将上半年工作情况汇报如下：\n一、基本情况", "汇报材料"),
    # “下面，我就……作简要汇报” without 向 (recall6)
    ("各位专家，各位领导：\n在此，我代表镇党委、政府表示欢迎。下面，我就创建国家卫生镇工作情况作简要汇报。\n"
     "一、基本概况", "汇报材料"),
    # a meeting report opening with a sentence of purpose, then the dated 召开 (recall6)
    ("为了深入贯彻落实区委工作会议精神，安排2017年工作任务，扎实做好今年各项工作。4月17日下午，"
     "某镇召开2017年全镇农业农村工作会议。\n会议期间，镇长与各村签订了责任书。", "简报"),
    ("11月14日上午在區建委召開重點工程項目建設協調會，現將會議紀要如下：\n一、教育項目", "纪要"),
    ("同誌們：\n今天會議的議程有三項。\n會議進行第一項，請副市長宣讀《工作意見》。", "主持词"),
    ("同志们：\n现在开始第一项议程，请副县长李明同志宣读表彰决定。", "主持词"),
    # the statutory types by their own closings and lead-ins, without a title line
    ("各乡镇人民政府：\n现将上半年重点工作督查情况通报如下：\n一、总体情况", "通报"),
    ("为加强森林防火管理，现就有关事项通告如下：\n一、禁止野外用火。\n特此通告。", "通告"),
    ("各乡镇：\n为加快推进农村公路建设，现就有关事项提出如下意见：\n一、总体要求", "意见"),
    ("各乡（镇）政府，县直各单位：\n为办好民生实事，现将有关事项通知如下：\n一、征集日期", "通知"),
    # a 批复 that says “现将主要内容批复如下”; the answer to a deputy's 建议 is a 函
    ("市城乡建设局：\n你局报来的《关于调整工程概算的函》收悉。经研究，原则同意，现将主要内容批复如下：\n"
     "一、核定总投资。", "批复"),
    ("王明代表：\n您在镇人民代表大会上提出的《关于硬化村道的建议》收悉，现答复如下：\n感谢您的关心。",
     "函"),
    # a title over three lines: the organ's name, then “关于……”, then “……的复函”
    ("××镇人民政府\n关于镇第二十届人民代表大会第一次\n会议第9号建议的复函\n王明代表：\n"
     "您提出的建议收悉，现答复如下：\n感谢您的关心。", "函"),
    # 纪要 without a title: “现将会议确定事项纪要如下”, “会议原则通过”, also in traditional characters
    ("xx年xx月xx日，縣長主持召開了縣政府第xx次常務會議，現將會議確定事項紀要如下：\n一、關于預算調整",
     "纪要"),
    ("10月31日，县长主持召开县政府常务会议。\n审议《绩效考核实施方案》。会议原则通过该方案，"
     "责成县妇联修改完善后发文。", "纪要"),
    # a dateline after a headline the site ran into the first paragraph
    ("迎检座谈会。中国某县网3月25日讯（记者 李某）25日下午，县整治办组织成员单位座谈。", "简报"),
    # an answer to a body addressed as 贵 is a 函; a subordinate's 请示 answered without “批复如下”
    ("贵单位《关于商请支持开展调研的函》收悉。经研究，我局同意派员参加。", "函"),
    ("你县《关于调整城区规划的请示》收悉。经研究，同意调整。", "批复"),
    # a 报告 without a title line or 特此报告
    ("市人民政府：\n现将我县2023年安全生产工作情况报告如下：\n一、基本情况", "专项报告"),
    # a news headline with no 文种 word and none of the usual verbs, a body without a dated opening
    ("双峰县多部门联合整治城区“六乱”\n为推进环境卫生整洁行动，我县决定近期对城区“六乱”进行集中整治。",
     "简报"),
    # 政务信息 opening with a lead clause of purpose, then the date and 召开 (no title line)
    ("为进一步提升全镇政务公开工作水平，8月26日上午，横渡镇组织召开政务公开重点工作推进会。\n"
     "会议强调，要规范公开流程。", "简报"),
    # the same opening in a notice that goes on to 通知如下 stays a 通知
    ("为贯彻落实老区建设工作精神，11月30日下午，市人民政府召开了电视电话会议。现将有关事项通知如下：\n"
     "一、加强领导\n各乡镇要负总责。", "通知"),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[1] + str(i) for i, c in enumerate(CASES)])
def test_doctype_is_detected(text, expected):
    assert check_text(text).doctype.name == expected


def test_a_speech_that_reports_to_the_meeting_stays_a_speech():
    """“向大家汇报” is a 汇报's cue only in that shape; a speech asking for reports is a speech."""
    text = "同志们：\n今天召开会议，主要是部署下半年工作。各乡镇要按月汇报进展。"
    assert check_text(text).doctype.name == "讲话"
    told = "同志们：\n今天召开会议，部署防汛工作。\n各乡镇要及时向县政府作汇报，不得迟报漏报。"
    assert check_text(told).doctype.name == "讲话"


def test_an_ordinary_notice_is_not_taken_for_a_briefing():
    text = ("关于召开全县安全生产工作会议的通知\n各乡镇：\n定于5月20日上午召开全县安全生产工作会议。\n"
            "特此通知。\n县政府办公室\n2024年5月10日")
    assert check_text(text).doctype.name == "通知"


@pytest.mark.parametrize("title", ["某县人民政府办公室2023年工作总结", "某乡2024年安全生产目标责任书",
                                   "某县2024年重点工作任务分解表", "关于某县城区环境整治情况",
                                   "某县2023年脱贫攻坚工作情况"])
def test_a_title_that_names_what_the_text_is_is_not_a_headline(title):
    """The news-headline shape is tried last and not on titles that name a kind of text."""
    text = f"{title}\n一年来，我们按照年初部署，扎实推进各项工作。"
    assert check_text(text).doctype.name != "简报"
