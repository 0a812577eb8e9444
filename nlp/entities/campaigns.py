"""Named campaigns (guide §4): lexicon names plus generalisation from patterns.

Patterns: quoted names that end like a programme (…行动, …整治, …攻坚, …管理, …清单,
…大检查), and unquoted …专项整治行动 / …专项行动 / …攻坚行动 names. Principles and slogans
(党政同责、一岗双责, 三个必须, 五落实) and documents (十五条硬措施) are not campaigns.
"""
from __future__ import annotations

import functools
import re
from ..data import rows

_GENERIC_AROUND = re.compile(r"^(?:深入推进|扎实推进|全面推进|持续推进|深入开展|扎实开展|全面开展|集中开展|继续开展|开展|推进|深化|落实|组织|实施|抓好|做好|以)+|(?:工作|活动|各项工作)+$")
_NOT_CAMPAIGN = re.compile(r"(党政同责|一岗双责|齐抓共管|失职追责|三个必须|五落实|五到位|一必须|四不两直|硬措施|条措施|红线|底线|两个维护|四个意识|两个至上|生命至上|人民至上|管行业必须|管业务必须|管生产经营必须|三个避让|四个一律|五个一批|属地管理|分级管理|闭环管理|网格化管理|责任清单|任务清单|问题清单|隐患清单|整改清单|攻坚战)")
_QUOTED = re.compile(r"[“\"]([^“”\"]{2,24})[”\"]\s*([\u4e00-\u9fff]{0,4}?行动(?![态力员])|创建活动|专项活动|活动|专项整治|工程|机制|管理|制度)?")
# A quoted rule or method run as a management system (“双人双锁”管理, “六不发航”制度) is a
# working rule, not a programme; named ones that are programmes are in the lexicon.
_RULE_TAIL = {"机制", "管理", "制度"}
_PROGRAMME_END = re.compile(r"(行动|整治|攻坚|管理|清单|大检查|大排查|大整治|专项|活动月|月|工程|一注重|四制|双向管理|一推|一函)$")
_UNQUOTED = re.compile(
    r"([\u4e00-\u9fff]{2,14}?(?:专项整治行动|专项行动|攻坚行动|整治行动|百日行动|三年行动|专项治理行动))"
)
_VERB_PREFIX = re.compile(r"^.*?(?:开展|推进|深化|实施|组织|启动|落实|抓好|做好|部署|结合|围绕|按照|通过|借助|持续|继续|全面|集中|扎实|深入|的|和|及|与|、|在|对)")


_NEEDS_BOUNDARY = {"安全大检查", "安全月", "三年专项整治", "专项整治三年", "三年行动"}
_VERBS_BEFORE = {"开展", "推进", "深化", "组织", "落实", "做好", "确保", "全面", "集中", "启动", "部署", "实施", "持续", "继续",
                 "深入", "扎实", "一次", "此次", "这次", "本次", "对照", "按照", "围绕", "推动", "纳入", "结合", "聚焦", "贯彻",
                 "本地区", "地区", "本行业", "本部门", "本单位", "全市", "全县", "全区", "全省", "全镇"}
# Words that cannot be inside an unquoted programme name: cut the name after the last of them
# (4月底前制定本地区专项行动 is a plan for some action, not a named one).
_NAME_STOP = re.compile(r".*[0-9前后将于把对在从向由给本上该此这其各制定报送进展情况的了和及与、]")
_UNQUOTED_SUFFIX = re.compile(r"(专项整治行动|专项行动|攻坚行动|整治行动|百日行动|三年行动|专项治理行动)$")
_GENERIC_SCOPE = {"地区", "行业", "部门", "单位", "辖区", "领域", "系统", "全域", "这次", "此次", "今年", "年度"}
_ORGAN_AFTER = re.compile(r"(?:工作)?(?:领导小组|专班|指挥部)?办公室")
_SCOPE_END = re.compile(r"(地区|行业|领域|部门|单位|辖区|系统|全域|专题|专项)$")


def _topic_before(left: str) -> bool:
    """Whether the words just before a bare 三年行动 name a topic of its own (燃气安全)
    rather than a verb or a scope (对照 / 本行业领域 三年行动: the national one)."""
    m = re.search(r"[\u4e00-\u9fff]{1,10}$", left)
    if not m:
        return False
    words = _NAME_STOP.sub("", _VERB_PREFIX.sub("", m.group(0)))
    return len(words) >= 3 and not _SCOPE_END.search(words) and words not in _VERBS_BEFORE


_THREE_YEAR = {"安全生产专项整治三年行动", "安全生产治本攻坚三年行动"}


@functools.lru_cache(maxsize=1)
def _lexicon() -> list[tuple[str, str]]:
    """(variant, canonical) pairs, longest variant first."""
    pairs = []
    for canon, variants in rows("campaigns.txt"):
        pairs += [(v.strip(), canon) for v in variants.split("|") if v.strip()]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return pairs


def clean_name(name: str) -> str:
    """Strip quotes and the generic words around a campaign name."""
    n = name.replace("“", "").replace("”", "").replace('"', "").strip()
    prev = None
    while prev != n:
        prev = n
        n = _GENERIC_AROUND.sub("", n).strip()
    return n


@functools.lru_cache(maxsize=16)
def three_year_action(document: str) -> str | None:
    """Which three-year action a bare 三年行动 in ``document`` means: the one it names in
    full (专项整治 2020–2022, 治本攻坚 2024–2026), or None when it names neither or both."""
    named = {canon for variant, canon in _lexicon() if canon in _THREE_YEAR and variant != "三年行动" and variant in document}
    return named.pop() if len(named) == 1 else None


def find_campaigns(text: str, three_year: str | None = None) -> list[tuple[str, int, int]]:
    """Campaign names in ``text`` as ``(canonical name, start, end)``, in order, no repeats.

    ``three_year``: what a bare 三年行动 means here (``three_year_action`` of the document)."""
    plain = text.replace("“", "").replace("”", "").replace('"', "")
    # Map offsets of the quote-free text back to ``text``.
    back = [i for i, ch in enumerate(text) if ch not in "“”\""]
    back.append(len(text))
    hits: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    def overlaps(s: int, e: int) -> bool:
        return any(s < b and a < e for a, b in taken)

    for variant, canon in _lexicon():
        for m in re.finditer(re.escape(variant), plain):
            s, e = back[m.start()], back[m.end() - 1] + 1
            before = plain[max(0, m.start() - 3) : m.start()]
            if variant in _NEEDS_BOUNDARY and variant != "三年行动" and m.start() >= 2 and re.match(r"[\u4e00-\u9fff]{2}", before[-2:]) \
                    and before[-2:] not in _VERBS_BEFORE and before not in _VERBS_BEFORE:
                continue  # 消防安全月, 燃气安全三年行动: a topic's own programme, not the named one
            if canon == "安全生产大检查" and re.search(r"一[次轮场][^,，。;；]{0,10}$", plain[: m.start()]):
                continue  # 开展一次全面的安全大检查: one inspection, not the named campaign
            after = plain[m.end() : m.end() + 10]
            if _ORGAN_AFTER.match(after) or (variant.endswith("月") and after[:1] in "度份底末初报"):
                continue  # 专项整治三年行动领导小组办公室 is an office (its 专班 is the action's); 安全生产月度考核 a monthly review
            if variant == "三年行动" and _topic_before(plain[: m.start()]):
                continue  # 燃气安全三年行动: a topic's own action (found below as a name)
            if overlaps(s, e):
                continue
            if canon in _THREE_YEAR and variant == "三年行动" and three_year:
                canon = three_year  # the bare 三年行动 is the one the document is about
            hits.append((canon, s, e))
            taken.append((s, e))
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        tail = m.group(2) or ""
        if overlaps(m.start(), m.end()):
            continue
        if tail in _RULE_TAIL or re.match(r"\s*(?:的)?(?:要求|原则|方针|理念|思路|标准|方式|模式)", text[m.end():]):
            continue  # “先停用、后鉴定、再整治”要求: a requirement, not a programme
        # 创建活动 / 帮扶行动 after the quote belong to the name; a bare 活动 does not.
        name = clean_name(inner) + (tail if tail != "活动" else "")
        if _NOT_CAMPAIGN.search(name):
            continue
        if (tail and tail != "活动") or _PROGRAMME_END.search(inner):
            if re.search(r"[,，。;；]", name) or len(name) < 3:
                continue
            hits.append((name, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _UNQUOTED.finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        name = _VERB_PREFIX.sub("", m.group(1))
        name = _NAME_STOP.sub("", clean_name(name))
        topic = _UNQUOTED_SUFFIX.sub("", name)
        if len(name) < 6 or len(topic) < 3 or topic in _GENERIC_SCOPE or _SCOPE_END.search(topic) \
                or _NOT_CAMPAIGN.search(name) or _ORGAN_AFTER.match(text[m.end() : m.end() + 10]) \
                or re.match(r"(专项|攻坚|整治|百日|三年)", name):
            continue
        hits.append((name, m.end() - len(name), m.end()))
        taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h[1])
    seen: set[str] = set()
    out = []
    for h in hits:
        if h[0] not in seen:
            seen.add(h[0])
            out.append(h)
    return out


__all__ = ["find_campaigns", "clean_name", "three_year_action"]
