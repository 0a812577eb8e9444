"""Scoring follows guide §8 exactly."""
from nlp.evaluate import evaluate, match_items, norm_dept


def test_department_names_compare_without_level_prefixes():
    assert norm_dept("全区各部门") == norm_dept("各部门") == "部门"
    assert norm_dept("县住建局") == norm_dept("住建局")
    assert norm_dept("市场监管局") == "市场监管局"  # 市 of 市场 is not a prefix
    assert norm_dept("区域协调办") == "区域协调办"
    assert norm_dept("乡镇") == "乡镇"  # 乡 of 乡镇 stays; at least two characters kept
    assert norm_dept("各县（市、区）") == norm_dept("各县(市、区)")


def test_items_match_one_to_one_by_similarity():
    gold = [{"text": "各乡镇要立即开展燃气安全隐患排查"}, {"text": "县住建局要加强工地检查"}]
    pred = [{"text": "各乡镇要立即开展燃气安全隐患排查,确保不留死角"}, {"text": "完全无关的句子内容"}]
    m = match_items(gold, pred)
    assert [(i, j) for i, j, _ in m] == [(0, 0)]


def test_end_to_end_counts_misses():
    gold = [{"doc_id": "d", "tasks": [
        {"text": "各乡镇要立即开展燃气安全隐患排查", "departments": [{"name": "各乡镇", "role": "lead"}],
         "deadline": {"text": "立即", "kind": "immediate", "date": None, "recurrence": None},
         "campaigns": [], "sectors": ["城市建设"]},
        {"text": "县住建局要加强工地检查", "departments": [{"name": "县住建局", "role": "lead"}],
         "deadline": None, "campaigns": [], "sectors": ["建筑施工"]}]}]
    pred = {"tasks": [{"text": "各乡镇要立即开展燃气安全隐患排查", "departments": [{"name": "乡镇", "role": "lead"}],
                       "deadline": {"text": "立即开展", "kind": "immediate", "date": None, "recurrence": None},
                       "campaigns": [], "sectors": ["城市建设"]}]}
    s = evaluate(gold, lambda g: pred).as_dict()
    assert s["tasks"]["p"] == 1.0 and s["tasks"]["r"] == 0.5
    assert s["matched"]["departments"]["f1"] == 1.0
    assert s["end_to_end"]["departments"]["r"] == 0.5
    assert s["matched"]["deadline"]["f1"] == 1.0
    assert s["deadline_kind_accuracy"] == 1.0
