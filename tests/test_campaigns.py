"""Campaigns (guide §4): lexicon names, quoted and unquoted programme names, cleaning."""
from nlp.entities.campaigns import find_campaigns


def names(text):
    return [n for n, _, _ in find_campaigns(text)]


def test_lexicon_names_and_variants():
    assert names("我们要深入开展安全生产专项整治三年行动,聚焦重点领域") == ["安全生产专项整治三年行动"]
    assert names("在三年专项行动中要以高危行业为重点") == ["安全生产专项整治三年行动"]
    assert names("狠抓打非治违、隐患整治和安全基础工作") == ["打非治违"]
    assert names("要结合安全生产月、安全生产万里行等活动") == ["安全生产月", "安全生产万里行"]


def test_quoted_names_are_cleaned():
    assert names("全面推进“四化五色双向管理”工作") == ["四化五色双向管理"]
    assert names("严防,要深入开展“三治理一注重”") == ["三治理一注重"]
    assert names("开展“大排查、大教育、大整治”活动") == ["大排查、大教育、大整治"]


def test_unquoted_programme_names_generalise():
    assert names("县住建局要开展燃气安全专项整治行动") == ["燃气安全专项整治行动"]


def test_principles_and_slogans_are_not_campaigns():
    assert names("按照“党政同责、一岗双责、齐抓共管、失职追责”的要求") == []
    assert names("坚持“三个必须”和“属地管理”要求") == []
    assert names("推进“四不两直”安全检查") == []


def test_a_bare_three_year_action_is_the_one_the_document_names():
    from nlp.entities.campaigns import three_year_action

    item = "各牵头部门要对照三年行动任务清单,逐项推进落实"
    assert names(item) == ["安全生产专项整治三年行动"]  # without context: the 2020–2022 action
    doc = "关于印发《安全生产治本攻坚三年行动实施方案》的通知\n" + item
    assert [n for n, _, _ in find_campaigns(item, three_year_action(doc))] == ["安全生产治本攻坚三年行动"]
    assert names("部署燃气安全三年行动") == ["燃气安全三年行动"]  # a topic's own action, not the national one


def test_named_programmes_after_a_quote_keep_their_kind():
    assert names("区住建局要持续深化“平安工地”创建活动,6月底前对全区在建项目开展一次专项检查") == ["平安工地创建活动"]
    assert names("要把“安全管家”帮扶行动覆盖到园区全部规上工业企业") == ["安全管家帮扶行动"]
    assert names("县水利局要联合开展河道非法采砂“打非治违”行动") == ["打非治违"]  # once, not twice


def test_working_rules_and_single_inspections_are_not_campaigns():
    assert names("各学校要对实验室危险化学品严格实行“双人双锁”管理") == []
    assert names("落实“一渡一员”管理制度,严禁渡船超载") == []
    assert names("对排查出的重大事故隐患实行“一单四制”管理") == ["一单四制"]  # a named one, from the lexicon
    assert names("各乡镇要在“五一”节前组织开展一次安全大检查") == []
    assert names("按照国务院关于集中开展安全生产大检查的安排部署") == ["安全生产大检查"]


def test_plans_for_some_action_are_not_named_programmes():
    assert names("各市政府要于4月底前制定本地区专项行动实施方案") == []
    assert names("请各市安委会办公室于每月10日前将上月专项行动进展情况报省安委会办公室") == []
