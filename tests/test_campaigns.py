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
