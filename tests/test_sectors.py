"""Sector classifier (guide §5) on hard cases, general items and explanations."""
from nlp.sectors import classify, explain_sector


def sectors(text):
    return sorted(t.name for t in classify([text])[0])


def test_hard_multi_label_cases():
    assert sectors("县住建局要会同县市场监管局开展液化气充装站点专项检查,严厉打击违规充装行为") == ["城市建设", "特种设备"]
    assert "工业园区" in sectors("化工园区管委会要督促园区内危险化学品企业落实重大危险源包保责任")
    assert "危险化学品和烟花爆竹" in sectors("化工园区管委会要督促园区内危险化学品企业落实重大危险源包保责任")
    assert sectors("教育局要会同公安交警部门开展校车安全专项检查") == ["道路运输"]
    assert sectors("各乡镇要加强渔船安全管理,严禁渔船超员出海") == ["交通运输和渔业船舶"]
    assert "工业小微企业" in sectors("督促工贸企业落实有限空间作业审批制度")


def test_general_and_natural_disaster_items_have_no_sector():
    assert sectors("各级各部门要严格落实领导带班和24小时值班制度") == []
    assert sectors("要认真学习领会习近平总书记关于安全生产的重要论述") == []
    assert sectors("各乡镇要做好森林防火和防汛抗旱各项准备工作") == []


def test_sectors_named_in_a_list_are_all_kept():
    got = sectors("重点检查消防、道路交通、建筑施工、危险化学品、烟花爆竹和特种设备等行业")
    assert {"消防", "道路运输", "建筑施工", "危险化学品和烟花爆竹", "特种设备"} <= set(got)


def test_coal_mines_are_not_non_coal_mines():
    assert "非煤矿山" not in sectors("各煤矿要立即开展一次井下安全隐患排查")


def test_explanations_name_the_words_that_pushed_the_sector():
    words = explain_sector("县消防救援大队要开展电动自行车违规充电专项整治", "消防")
    assert any("电动" in w or "充电" in w or "消防" in w for w in words)
    tag = classify(["县消防救援大队要开展电动自行车违规充电专项整治"], explain=True)[0][0]
    assert tag.name == "消防" and 0.0 < tag.score <= 1.0 and tag.evidence
