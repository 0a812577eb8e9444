"""Responsible parties on real sentences from the seeds (guide §2)."""
import pytest

from nlp.entities.departments import inline_parties, is_party, responsibility_list, subject_parties


def names(spans):
    return [(p.name, p.role) for p in spans or []]


@pytest.mark.parametrize("clause, expected", [
    ("县住建局、县市监局要加强对液化气充装站点的监管", [("县住建局", "lead"), ("县市监局", "lead")]),
    ("市安监局、市住建局要拿出实招", [("市安监局", "lead"), ("市住建局", "lead")]),
    ("各乡镇场、专项整治各牵头单位和各相关单位要召开会议",
     [("各乡镇场", "lead"), ("专项整治各牵头单位", "lead"), ("各相关单位", "lead")]),
    ("区安委办要严格实行警示提醒书", [("区安委办", "lead")]),
    ("主要领导、带班领导、值班人员要保证24小时通讯畅通", [("主要领导", "lead"), ("带班领导", "lead"), ("值班人员", "lead")]),
    ("各县(区)负责人也要带头深入到重点领域", [("各县(区)负责人", "lead")]),
    ("区级领导要对各自分管领域和分管的企事业单位", [("区级领导", "lead")]),
])
def test_subjects_from_seed_sentences(clause, expected):
    assert names(subject_parties(clause)) == expected


@pytest.mark.parametrize("clause, expected", [
    ("县住建、发改、水利、交通、公路等部门要对在建工程项目塔吊", ["县住建部门", "县发改部门", "县水利部门", "县交通部门", "县公路部门"]),
    ("市交警大队、交通局等相关部门要加强协同配合", ["市交警大队", "市交通局"]),
    ("编办、人事和财政部门要在机构设置、人员配备和工作经费等方面进行认真研究", ["编办", "人事部门", "财政部门"]),
    ("消防、建筑、施工、危化等行业部门也要扑下身子", ["消防行业部门", "建筑行业部门", "施工行业部门", "危化行业部门"]),
])
def test_coordinated_short_forms_expand(clause, expected):
    assert [n for n, _ in names(subject_parties(clause))] == expected


def test_collective_and_each_parties():
    assert names(subject_parties("各地各部门要对整治情况开展回头看")) == [("各地", "lead"), ("各部门", "lead")]
    assert names(subject_parties("各级各部门要切实履行好安全生产监管职责")) == [("各级各部门", "lead")]
    assert names(subject_parties("任何单位和个人不得在禁采区从事河道采砂活动")) == [("任何单位", "lead"), ("任何个人", "lead")]


def test_subject_after_a_time_or_topic_clause():
    assert names(subject_parties("清明期间,镇林业站、各村要严格落实进山路口值守")) == [("镇林业站", "lead"), ("各村", "lead")]
    assert names(subject_parties("在建筑施工行业,市安监局、市住建局要拿出实招")) == [("市安监局", "lead"), ("市住建局", "lead")]


def test_no_party_for_we_objects_and_topics():
    assert subject_parties("我们要时刻绷紧安全生产这根弦") is None
    assert subject_parties("对存在的薄弱环节要立即补齐") is None
    assert subject_parties("督促企业落实安全生产主体责任") is None
    assert not is_party("重点检查燃气经营单位")


def test_support_roles():
    assert names(inline_parties("各巡查督导组要全方位了解,会同区安委办加强问题线索的收集梳理")) == [("区安委办", "support")]
    assert names(inline_parties("镇安办要加强督办检查,与镇效能办一起制定方案")) == [("镇效能办", "support")]
    assert names(inline_parties("由县应急管理局牵头,开展联合检查")) == [("县应急管理局", "lead")]


def test_responsibility_lists():
    assert names(responsibility_list("开展排查(牵头单位:县应急管理局;配合单位:县公安局、县交通运输局)")) == [
        ("县应急管理局", "lead"), ("县公安局", "support"), ("县交通运输局", "support")]
    assert names(responsibility_list("全面排查液化气充装站点。(县住建局、县市场监管局)")) == [
        ("县住建局", "lead"), ("县市场监管局", "lead")]
    assert names(responsibility_list("责任单位:县应急局、县公安局", first_is_lead=True)) == [
        ("县应急局", "lead"), ("县公安局", "support")]
    assert responsibility_list("要加强值班值守(特别是节假日期间)") is None


def test_shared_each_level_prefix():
    assert [n for n, _ in names(subject_parties("全区各级党委、政府和区级部门务必要时刻保持高度警觉"))] == [
        "全区各级党委", "全区各级政府", "区级部门"]


@pytest.mark.parametrize("clause, expected", [
    ("各采石场要在6月底前全部完成由上而下分台阶开采的改造", [("各采石场", "lead")]),
    ("特种设备使用单位要建立健全安全技术档案", [("特种设备使用单位", "lead")]),
    ("项目经理是项目安全生产第一责任人，要坚持每月带班检查不少于10天", [("项目经理", "lead")]),
    ("开发区环保分局、安监分局要建立联合检查机制", [("开发区环保分局", "lead"), ("开发区安监分局", "lead")]),
    ("各项工作要抓紧推进", []),
    ("园区各企业主要负责人要对照重大事故隐患判定标准", [("园区各企业主要负责人", "lead")]),
])
def test_kinds_of_duty_holders_and_zone_bodies(clause, expected):
    assert names(subject_parties(clause)) == expected


def test_time_and_team_words_are_not_parties():
    assert not is_party("每季度至少带队")
    assert not is_party("由县安委会办公室")
    assert names(inline_parties("县级挂牌督办的重大隐患，由县安委会办公室负责跟踪督办")) == [("县安委会办公室", "lead")]
