"""Task items (guide §1): what is an item, how it is cut, and its fields, on seed text."""
from nlp.pipeline import extract_tasks


def texts(doc, **kw):
    return [t.text for t in extract_tasks(doc, **kw)]


def test_directives_are_items_and_reports_are_not():
    doc = ("今年以来,全县共排查隐患320处,整改到位315处,安全生产形势总体平稳。\n"
           "县住建局要于6月30日前完成全县在建工地塔吊、脚手架专项检查。")
    assert texts(doc) == ["县住建局要于6月30日前完成全县在建工地塔吊、脚手架专项检查"]


def test_attitude_rhetoric_and_framing_are_not_items():
    doc = ("下面,就做好下一阶段巡查督导工作,我再讲三点意见:\n"
           "我们要时刻绷紧安全生产这根弦,警钟长鸣。\n"
           "各乡镇要立即开展一次燃气安全隐患排查。\n"
           "同志们,让我们紧密团结在以习近平同志为核心的党中央周围,为实现安全生产形势持续稳定好转作出新的更大贡献!")
    assert texts(doc) == ["各乡镇要立即开展一次燃气安全隐患排查"]


def test_subheading_is_not_an_item_when_its_body_has_items():
    doc = ("一、找准定位,认真履行职责\n"
           "一是从调查研究入手,充分掌握总体情况。各巡查督导组要全方位、多层次地了解掌握被督导对象的安全生产工作现状。"
           "区安委办要做好相关协调配合工作。")
    assert texts(doc) == ["各巡查督导组要全方位、多层次地了解掌握被督导对象的安全生产工作现状", "区安委办要做好相关协调配合工作"]


def test_split_by_different_parties_inside_a_sentence():
    doc = ("县住建局、县市监局要加强对液化气充装站点的监管,县消防救援大队、县城管局要加强对餐饮特别是路边摊点用气安全检查。")
    tasks = extract_tasks(doc)
    assert [t.text for t in tasks] == ["县住建局、县市监局要加强对液化气充装站点的监管",
                                       "县消防救援大队、县城管局要加强对餐饮特别是路边摊点用气安全检查"]
    assert tasks[0].leads == ["县住建局", "县市监局"]
    assert tasks[1].leads == ["县消防救援大队", "县城管局"]


def test_leading_connector_frame_and_enumerator_are_stripped():
    from nlp.tasks import clean_span

    for raw, expected in [
        ("同时,要注重听取基层一线的意见和建议。", "要注重听取基层一线的意见和建议"),
        ("会议要求,各乡镇要在12月20日前完成冬季消防安全检查。", "各乡镇要在12月20日前完成冬季消防安全检查"),
        ("一是要深化分片负责制。", "要深化分片负责制"),
        ("(三)加强应急值守;", "加强应急值守"),
        ("2.县住建局要开展燃气排查。", "县住建局要开展燃气排查"),
    ]:
        s, e = clean_span(raw, 0, len(raw), first_in_line=True)
        assert raw[s:e] == expected
    # "要求X……" keeps its 要求 (guide §1)
    raw = "要求县园区管委会迅速落实整改,完成销号。"
    s, e = clean_span(raw, 0, len(raw), first_in_line=True)
    assert raw[s:e] == "要求县园区管委会迅速落实整改,完成销号"


def test_subject_inherited_within_a_paragraph():
    doc = "各巡查督导组要强化问题意识,奔着问题去。要认真对照《安全生产巡查督导工作要点》,逐项检查,确保不漏项。"
    tasks = extract_tasks(doc)
    assert tasks[-1].text.startswith("要认真对照")
    assert tasks[-1].leads == ["各巡查督导组"]


def test_we_is_not_a_party_and_breaks_inheritance():
    from nlp.tasks import assemble, candidates

    doc = "各乡镇要全面排查燃气隐患。我们要深入开展安全生产专项整治三年行动,全面排查整治各类安全隐患。要加强宣传教育。"
    cands = candidates(doc)
    tasks = assemble(doc, cands, [1.0] * len(cands))
    assert [t.leads for t in tasks] == [["各乡镇"], [], []]
    assert tasks[1].campaigns == ["安全生产专项整治三年行动"]


def test_penalty_clause_is_cut_off():
    doc = "各企业要在3月底前完成重大危险源安全评估;对逾期未完成的,依法依规严肃追究责任。"
    assert texts(doc) == ["各企业要在3月底前完成重大危险源安全评估"]


def test_bracketed_responsibility_list_gives_parties_and_is_not_in_the_text():
    doc = ("二、重点任务\n(一)全面排查液化石油气充装站、瓶装燃气供应站点,严厉打击违规充装行为,5月底前完成。"
           "(牵头单位:县住建局;配合单位:县市场监管局、县公安局)")
    tasks = extract_tasks(doc, date="2024-03-12")
    assert len(tasks) == 1
    t = tasks[0]
    assert "牵头单位" not in t.text
    assert t.leads == ["县住建局"] and t.supports == ["县市场监管局", "县公安局"]
    assert t.deadline.date == "2024-05-31"


def test_task_table_rows_are_items():
    doc = ("三、任务分工\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
           "1\t开展城镇燃气管道老化更新改造排查\t县住建局\t县发改局、县财政局\t2024年6月30日前\n"
           "2\t开展电动自行车违规停放充电专项整治\t县消防救援大队\t各乡镇\t长期坚持")
    tasks = extract_tasks(doc)
    assert [t.text for t in tasks] == ["开展城镇燃气管道老化更新改造排查", "开展电动自行车违规停放充电专项整治"]
    assert tasks[0].leads == ["县住建局"] and tasks[0].supports == ["县发改局", "县财政局"]
    assert tasks[0].deadline.date == "2024-06-30"
    assert tasks[1].deadline is None
    assert "消防" in tasks[1].sector_names


def test_offsets_point_at_the_text():
    doc = "同志们:\n各乡镇要立即开展一次燃气安全隐患排查,县应急局要于5月底前完成督查。"
    for t in extract_tasks(doc):
        assert doc[t.start : t.end] == t.text


def test_a_paragraph_opening_that_is_a_whole_order_is_an_item_with_its_body():
    # A short title (强化责任落实。) heads its body; a full directive opening does not.
    doc = ("（二）涉及粉尘涉爆的企业要每日清扫作业现场积尘。除尘系统要每季度开展一次全面检查，确保泄爆、隔爆装置完好有效。\n"
           "六、建设单位应当在新建住宅小区同步规划建设电动自行车集中停放场所和充电设施。既有住宅小区充电设施建设，"
           "由各街道办事处、镇人民政府负责组织推进。")
    found = texts(doc)
    assert "涉及粉尘涉爆的企业要每日清扫作业现场积尘" in found
    assert "建设单位应当在新建住宅小区同步规划建设电动自行车集中停放场所和充电设施" in found
    assert any(t.startswith("除尘系统要每季度开展一次全面检查") for t in found)


def roles(task):
    return [(p.name, p.role) for p in task.departments]


def test_lead_then_helpers_stay_one_item():
    doc = "第二，抓实道路交通和水上交通安全。市交通运输局要牵头，市公安局配合，严查“两客一危”车辆超速、超员、疲劳驾驶等违法行为。"
    tasks = [t for t in extract_tasks(doc) if "两客一危" in t.text]
    assert len(tasks) == 1
    assert roles(tasks[0]) == [("市交通运输局", "lead"), ("市公安局", "support")]


def test_a_bracketed_list_on_its_own_after_the_full_stop_gives_the_parties():
    doc = ("（以下各项任务中，各乡镇（街道）均需按照属地管理原则抓好落实，不再列出；责任单位中列第一位的为牵头单位）\n"
           "（十一）立即组织各类应急救援队伍开展一次装备检查和拉动演练，确保遇有险情拉得出、冲得上。（县应急管理局、县消防救援大队）")
    (task,) = extract_tasks(doc)
    assert task.text.startswith("立即组织各类应急救援队伍")
    assert roles(task) == [("县应急管理局", "lead"), ("县消防救援大队", "support"), ("各乡镇（街道）", "support")]


def test_conditions_in_the_same_paragraph_inherit_its_subject():
    doc = ("（一）人员密集场所消防安全。区公安消防大队要会同区商务局、区文体局、区卫生局，对全区商场、市场、宾馆、饭店开展消防安全检查。"
           "凡是疏散通道、安全出口被堵塞、封闭的，一律责令当场整改。")
    last = extract_tasks(doc)[-1]
    assert last.text.startswith("凡是疏散通道")
    assert "区公安消防大队" in last.leads


def test_a_list_closing_a_numbered_point_covers_its_items_without_a_subject():
    doc = ("（一）尾矿库和非煤矿山。对辖区尾矿库逐库开展汛前检查，6月10日前将检查情况报市安监局。"
           "督促露天矿山企业在雨后对边坡进行检查，发现裂缝、滑移等险情立即撤出作业人员。"
           "春运期间，县交警大队要在重点路段设置临时执勤点。（责任单位：各县（市、区）政府、市安监局）")
    tasks = extract_tasks(doc)
    first = next(t for t in tasks if t.text.startswith("对辖区尾矿库"))
    second = next(t for t in tasks if t.text.startswith("督促露天矿山企业"))
    assert first.leads == second.leads == ["各县（市、区）政府", "市安监局"]
