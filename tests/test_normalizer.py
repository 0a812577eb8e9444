"""Normalize stage on what the seeds contain: traditional text with pinyin glosses,
web boilerplate, page-number breaks — with offsets back to the source."""
import re

import opencc

from nlp.normalizer import normalize


def test_traditional_with_pinyin_glosses_becomes_clean_simplified(seed_texts):
    n = normalize(seed_texts["002"])
    assert "市长在全市安全生产工作会议暨安委会全体成员会议上的讲话" in n.text
    assert "(chǎn)" not in n.text and "(shí)" not in n.text
    assert "安全生產" not in n.text
    assert {"traditional", "pinyin-glosses"} <= set(n.fixes)


def test_table_of_contents_and_site_notices_are_removed(seed_texts):
    n = normalize(seed_texts["002"])
    assert "您的位置" not in n.text
    assert "目录" not in n.text
    assert "省略512字" not in n.text and "正式会员" not in n.text
    assert "相关文章" not in n.text and "文章搜索" not in n.text
    # the heading appears once, in the body, not again in a table of contents
    assert n.text.count("二是健全隐患动态台账") == 1


def test_web_boilerplate_lines_removed(seed_texts):
    for key in ("000", "001"):
        n = normalize(seed_texts[key])
        assert "由互联网用户分享整理" not in n.text
        assert "文章地址" not in n.text
    n3 = normalize(seed_texts["003"])
    for junk in ("下面是小编为大家整理的", "猜您喜欢", "热门推荐", "相关范文推荐"):
        assert junk not in n3.text


def test_page_number_breaks_rejoined(seed_texts):
    n = normalize(seed_texts["004"])
    assert "全区各级各相关部门" in n.text
    assert "全区各级党委、政府和区级部门" in n.text
    assert not n.text.startswith("1、")
    assert "\n2、" not in n.text


def test_true_list_items_stay():
    text = "工作要求如下:\n1、加强组织领导。\n2、落实工作责任。\n3、强化督导检查。"
    assert normalize(text).text == text


def test_lone_page_number_lines_dropped_and_sentence_rejoined():
    text = "各乡镇要在汛期前完成对辖区内所有山塘水库的\n- 2 -\n全面排查,建立隐患台账。"
    assert normalize(text).text == "各乡镇要在汛期前完成对辖区内所有山塘水库的全面排查,建立隐患台账。"


def test_fullwidth_ascii_folded():
    n = normalize("县应急局要于６月３０日前完成排查（含复查），报送ＸＸ科。")
    assert n.text == "县应急局要于6月30日前完成排查(含复查),报送XX科。"


def test_pdf_hard_wraps_rejoined():
    paras = [
        "各县区、各有关部门要切实加强对辖区内危险化学品生产经营单位的安全监管,建立健全隐患排查治理台账,确保隐患整改到位。",
        "县住建局要会同县市场监管局对全县液化气充装站点开展一次全覆盖检查,严厉打击违规充装、非法经营等行为,6月底前完成。",
        "各乡镇要组织力量对辖区内经营性自建房开展安全隐患排查,对存在结构安全隐患的房屋立即停止使用并落实管控措施。",
    ]
    wrapped = "\n".join("\n".join(p[i : i + 25] for i in range(0, len(p), 25)) for p in paras)
    assert normalize(wrapped).text == "\n".join(paras)


def test_offsets_point_back_to_the_source(seed_texts):
    src = seed_texts["002"]
    n = normalize(src)
    t2s = opencc.OpenCC("t2s")
    i = n.text.index("市安监局、市住建局要拿出实招")
    s, e = n.source_span(i, i + len("市安监局、市住建局要拿出实招"))
    without_glosses = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", src[s:e])
    assert t2s.convert(without_glosses) == "市安监局、市住建局要拿出实招"
    # every character maps to a source character of the same (simplified) form
    for k in range(0, len(n.text), 37):
        ch = n.text[k]
        if not ch.isspace():
            assert t2s.convert(src[n.offsets[k]]) == ch


def test_offsets_across_removed_glosses(seed_texts):
    src = seed_texts["002"]
    n = normalize(src)
    i = n.text.index("安全生产")
    s, e = n.source_span(i, i + 4)
    assert src[s:e].startswith("安全生產(chǎn)") or src[s:e] == "安全生產"


def test_empty_and_tiny_inputs():
    assert normalize("").text == ""
    assert normalize("要").text == "要"
    assert normalize("\n\n  \n").text == ""
