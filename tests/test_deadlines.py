"""Deadlines (guide §3): every kind, dates resolved against the document year."""
import pytest

from nlp.entities.deadlines import find_deadlines, holiday_date, pick_deadline


def one(text, year=2024):
    d = pick_deadline(find_deadlines(text, year))
    return None if d is None else (d.deadline.text, d.deadline.kind, d.deadline.date, d.deadline.recurrence)


@pytest.mark.parametrize("text, expected", [
    ("各单位要于2024年3月15日前报送", ("2024年3月15日前", "by", "2024-03-15", None)),
    ("年底前全部整改到位", ("年底前", "by", "2024-12-31", None)),
    ("6月底前完成一轮全覆盖检查", ("6月底前", "by", "2024-06-30", None)),
    ("“五一”节前,要将县级领导防汛挂联乡镇分工方案下发下去", ("“五一”节前", "by", "2024-05-01", None)),
    ("并于xx月xx日前进行上报", ("xx月xx日前", "by", None, None)),
    ("县发改委要于x月x前完成整改", ("x月x前", "by", None, None)),
    ("于4月10日召开全县安全生产工作会议", ("4月10日", "on", "2024-04-10", None)),
    ("集中三个月时间,在全区开展一次全面彻底的安全生产大检查", ("集中三个月时间", "period", None, None)),
    ("6月至9月开展夏季安全大检查", ("6月至9月", "period", "2024-06-01", None)),
    ("国庆期间加强值班值守", ("国庆期间", "period", "2024-10-01", None)),
    ("两节期间严格落实领导带班制度", ("两节期间", "period", None, None)),
    ("原则上每周进行一次安全生产随机明查暗访", ("原则上每周进行", "recurring", None, "weekly")),
    ("各专项整治要做到“每月一调度、每季一通报、每年一总结”", ("每月一调度", "recurring", None, "monthly")),
    ("每季度报送一次工作进展", ("每季度报送", "recurring", None, "quarterly")),
    ("必须立即停下来", ("立即", "immediate", None, None)),
    ("即日起开展打非治违专项行动", ("即日起", "immediate", None, None)),
    ("发现问题要尽快整改", ("尽快", "immediate", None, None)),
])
def test_deadline_kinds(text, expected):
    assert one(text) == expected


def test_no_deadline_for_vague_words():
    for text in ("要及时整改", "适时组织开展检查", "定期召开会议", "长期坚持", "争取早日完成"):
        assert one(text) is None


def test_year_unknown_means_no_date():
    assert one("年底前全部整改到位", None) == ("年底前", "by", None, None)
    assert one("“五一”节前完成", None)[2] is None


def test_lunar_holidays_resolve_in_the_documents_year():
    assert holiday_date("春节", 2024) == "2024-02-10"
    assert holiday_date("中秋", 2023) == "2023-09-29"
    assert holiday_date("元旦", 2025) == "2025-01-01"
    assert holiday_date("春节", None) is None


def test_specific_date_beats_vague_time():
    assert one("要立即组织力量,于6月15日前完成整改") == ("6月15日前", "by", "2024-06-15", None)


@pytest.mark.parametrize("text, expected", [
    ("各县(区)要于每周四前将本周工作情况报市安委办", ("每周四前", "recurring", None, "weekly")),
    ("发生特种设备事故的,要在1小时内报告", ("1小时内", "by", None, None)),
    ("6月份,各子公司要结合“安全生产月”活动,组织开展安全知识竞赛", ("6月份", "period", "2023-06-01", None)),
    ("2020年6月,组织开展第19个“安全生产月”活动", ("2020年6月", "period", "2020-06-01", None)),
    ("区教育局要会同区交警大队,在暑假前对全区中小学校车开展一次安全检查", ("暑假前", "by", None, None)),
    ("这些问题,各有关单位要立行立改", ("立行立改", "immediate", None, None)),
    ("5月1日至5日,各街道要严格执行领导带班和24小时值班制度", ("5月1日至5日", "period", "2023-05-01", None)),
    ("明年1月底前完成全部整改", ("明年1月底前", "by", "2024-01-31", None)),
    ("中秋、国庆期间,各县区要组织开展安全检查", ("中秋、国庆期间", "period", "2023-09-29", None)),
    ("市公安局交警支队要在节日期间加强路面管控", ("节日期间", "period", None, None)),
])
def test_more_deadline_forms(text, expected):
    p = pick_deadline(find_deadlines(text, 2023))
    d = p.deadline
    assert (d.text, d.kind, d.date, d.recurrence) == expected


def test_a_month_in_a_reference_is_not_a_deadline():
    assert pick_deadline(find_deadlines("按照省政府2023年6月印发的方案要求,逐项抓好落实", 2023)) is None


def test_the_year_a_document_names_dates_its_deadlines():
    from nlp.splitter import year_in_text

    assert year_in_text("2024年全县安全生产工作要点\n一、…2019年以来…") == 2024
    assert year_in_text("工作要点\n2021年以来……2022年……2022年底前完成") == 2022
    assert year_in_text("讲话\n2015年,全县共排查隐患……2015年……今年是2016年") == 2016
    assert year_in_text("方案\n2024年至2026年,分三个阶段推进") == 2024
    assert year_in_text("没有年份的讲话") is None


@pytest.mark.parametrize("text, expected", [
    ("对系统推送的预警信息,必须在30分钟内处置", ("30分钟内", "by", None, None)),
    ("县教育局要每学期至少开展一次交通安全主题教育", ("每学期", "recurring", None, "half-yearly")),
    ("区应急管理局要建立预警信息处置情况月度通报制度", ("月度通报制度", "recurring", None, "monthly")),
    ("各施工企业要在“安全生产月”期间组织全员开展一次安全教育培训", ("“安全生产月”期间", "period", "2023-06-01", None)),
])
def test_rhythms_short_limits_and_the_safety_month(text, expected):
    p = pick_deadline(find_deadlines(text, 2023))
    d = p.deadline
    assert (d.text, d.kind, d.date, d.recurrence) == expected


def test_a_festival_already_past_in_the_documents_year_is_next_years():
    from nlp.pipeline import extract_tasks

    doc = "各乡镇要在春节前对独居老人家庭开展一次用电用气安全检查;各单位要在2019年3月底前完成整改。"
    got = [(t.deadline.text, t.deadline.date) for t in extract_tasks(doc, date="2019-11-20")]
    assert ("春节前", "2020-01-25") in got       # the coming Spring Festival, not February 2019
    assert ("2019年3月底前", "2019-03-31") in got  # a stated year is kept
