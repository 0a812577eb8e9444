"""Responsible parties: who must do a task, with lead/support roles (guide §2).

Recognition does not depend on a closed list: a party is a phrase in subject position
(before 要/必须/负责/牵头…), after 由/请/会同/配合, or in a responsibility list, whose
last characters are an organisation or duty-holder ending (局, 委, 办, 大队, 部门, 单位,
乡镇, 领导, 负责人 …). The lexicon (nlp/data/departments.txt) supplies those endings, the
short names used in coordinated forms (县住建、发改、水利部门) and collective parties.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from ..data import rows

LEVEL = r"(?:全省|全市|全县|全区|全镇|各级|各|省|市|州|县|区|镇|乡|街道|[xX×]{1,2})"
_LEVEL_PREFIX = re.compile(r"^(全省|全市|全县|全区|省|市|州|县|区|镇|乡|[xX×]{1,2})(?!场|政|容|委|直)")
# Words that can open a subject phrase but are not part of it.
_LEAD_IN = re.compile(r"^(?:同时|此外|另外|其次|再次|最后|特别是|尤其是|并且|而且|因此|为此|所以|各位|也请|还请|并请|请|要求|由|希望|建议|责成|一些|有的|然后|其中|届时|对此|当前|目前|今后|下一步|下步|近期|这段时间|现在|随后|从现在起|从现在开始|从即日起|即日起|自即日起)[,，、:：]?")
_DIRECTIVE_AFTER_SUBJECT = re.compile(
    r"(?:(?<![主重需只紧])要(?!求|点|素|害|地|塞|冲)|必须|务必|应当|应该|应(?!急)|需要|需(?!求)|须(?!知)|负责(?!人|同志)|牵头(?!单位|部门)|"
    r"一定要|也要|还要|都要|均要|切实|将|进一步|立即|迅速|抓紧|认真|全面|严格|加强|及时|主动|继续|积极|着力|"
    r"按照|根据|结合|定期|每月|每季度|每周|每年|于|会同|联合|配合(?!单位|部门)|协助(?!单位)|做好|开展|落实|"
    r"督促|组织(?!部)|加快|牢固|坚持|不得|严禁|禁止|不能|可以|依法|依据|在(?!建|地|线|岗|职)|对(?!口)|就|"
    r"围绕|针对|聚焦|深入|全力|持续|尽快|具体负责|统筹|共同|分别|同步|同时|牵头负责)"
)
_SPLIT_PARTS = re.compile(r"、|和|及|以及|与|,|，|包括|会同|联合|配合|协同|协助")
_BRACKET_LIST = re.compile(
    r"[（(]\s*((?:(?:牵头|责任|主责|配合|协助|参与|协办|主办|承办|主管)(?:单位|部门)?|责任人)\s*[:：](?:[^()（）]|[（(][^()（）]{1,8}[)）]){2,200}?)[)）]"
)
_BRACKET_PLAIN = re.compile(r"[（(]([^()（）:：]{2,120})[)）]\s*[。;；]?$")
_ROLE_LABEL = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|主责单位|主办单位|主管部门|承办单位|配合单位|配合部门|协助单位|协办单位|参与单位|责任人)\s*[:：]")
_FIRST_IS_LEAD_NOTE = re.compile(r"(列|排)(在)?(第一位|首位)的(为|是)牵头")


@dataclass(frozen=True)
class PartySpan:
    name: str
    role: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class _Lexicon:
    cores: tuple[str, ...]
    suffixes: tuple[str, ...]
    parties: frozenset[str]
    notparties: frozenset[str]
    suffix_re: re.Pattern[str]
    core_re: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    cores, suffixes, parties, notparties = [], [], set(), set()
    for kind, value in rows("departments.txt"):
        {"core": cores.append, "suffix": suffixes.append, "party": parties.add, "notparty": notparties.add}[kind](value)
    suffixes.sort(key=len, reverse=True)
    cores.sort(key=len, reverse=True)
    suffix_re = re.compile("(?:" + "|".join(map(re.escape, suffixes)) + r")(?:[(（][^()（）]{1,6}[)）])?$")
    core_re = re.compile(f"^{LEVEL}?(?:" + "|".join(map(re.escape, cores)) + ")$")
    return _Lexicon(tuple(cores), tuple(suffixes), frozenset(parties), frozenset(notparties), suffix_re, core_re)


_VERBISH = re.compile(r"((?<![主重])要|是|认真|思考|切实|积极|加快|督促|指导|帮助|引导|推动|监督|要求|宣传(?!部)|大力|重点(?!行业|企业|单位|部门|镇)|加大|检查(?!组)|的问题|进行|开展|加强|落实|推进|做好|确保|实现|已经|了|着|过|把|将|使(?!用)|让|被|对|从|向|在.{2,}中|如果|凡是|一旦|通过|组织(?!部)|深入|迅速|部署)")
# 各 + a kind of holder; not 各项/各类/各环节… (kinds of work, places or time).
_EACH_COLLECTIVE = re.compile(r"^各(?!项|类|种|环节|方面|阶段|时段|领域|行业|岗位|工序|地段|路段|部位|个|位|级|自|方|条|处|次|年|月|日|期)"
                              r"[\u4e00-\u9fff]{2,6}$")
_OK_INNER = re.compile(r"(负有安全监管责任的|分管安全生产的|所有的|有关|相关|其他|各个|各)")


def is_party(phrase: str) -> bool:
    """Whether ``phrase`` names an organisation, a collective or a duty-holder."""
    lx = lexicon()
    p = phrase.strip()
    if not p or len(p) > 24 or p in lx.notparties:
        return False
    bare = re.sub(r"[(（][^()（）]{1,8}[)）]$", "", p)  # 各县(市、区), 各乡(镇)
    if p in lx.parties or bare in lx.parties:
        return True
    if (lx.core_re.match(p) or lx.core_re.match(bare)) and _LEVEL_PREFIX.match(p):
        return True  # 县住建; a bare short name (组织, 宣传) is a verb as often as a body
    if p.startswith(("大家", "我们", "你们", "咱们", "由", "每", "在")) or p.endswith("带队"):
        return False
    if _EACH_COLLECTIVE.match(p) and not _VERBISH.search(p[1:]):
        return True  # 各采石场, 各渔船船东: every one of a kind of duty-holder
    if re.search(r"[,，。;；:：“”《》]", p):
        return False
    if not lx.suffix_re.search(p):
        return False
    body = _OK_INNER.sub("", p)
    if _VERBISH.search(body) and not re.search(r"(负责人|负责同志|安委会|安委办)$", p):
        # "对企业" / "加强对…的单位" are not names; titles like 分管安全生产的同志 are.
        if not re.search(r"(的同志|的行业部门|的单位|的部门|的企业|的煤矿)$", p) or re.search(r"(对|把|将|从|向|被|使|让|开展|进行|加强)", body):
            return False
    return True


def _split_parts(chunk: str) -> list[tuple[str, str]]:
    """Split a subject phrase into parts, each with the word that joined it."""
    parts, pos, joiner = [], 0, ""
    protected = [(i, i + len(c)) for c in lexicon().cores if ("和" in c or "及" in c or "与" in c)
                 for i in [chunk.find(c)] if i >= 0]
    protected += [(m.start(), m.end()) for m in re.finditer(r"[(（][^()（）]*[)）]", chunk)]
    for m in _SPLIT_PARTS.finditer(chunk):
        if any(a <= m.start() < b for a, b in protected):
            continue
        # 安委会 contains 会 but not 会同; 和/及/与 inside names (自然资源和规划局) are kept
        # when the phrase before them is not itself a party.
        piece = chunk[pos : m.start()]
        if m.group(0) in ("和", "及", "与") and not (is_party(piece) or lexicon().core_re.match(piece)):
            continue
        parts.append((piece, joiner))
        joiner = m.group(0)
        pos = m.end()
    parts.append((chunk[pos:], joiner))
    return [(p.strip(), j) for p, j in parts if p.strip()]


_ETC = re.compile(r"等(?:有关|相关|其他)?((?:行业)?(?:主管)?(?:部门|单位|企业))?$")


def _drop_etc(name: str) -> str:
    """市交通局等相关部门 → 市交通局; 气象等部门 → 气象部门 (the list's shared ending)."""
    m = _ETC.search(name)
    if not m or m.start() == 0:
        return name
    head = name[: m.start()]
    if lexicon().suffix_re.search(head) and not lexicon().core_re.match(head):
        return head
    return head + (m.group(1) or "")


_EACH_EACH = re.compile(r"^各([^各]{1,4}?)各(.{1,12})$")


def _split_each(name: str, joiner: str) -> list[tuple[str, str]]:
    """各地各部门 names two parties (各地, 各部门); 各级各部门 is one (各级 qualifies)."""
    m = _EACH_EACH.match(name)
    if not m or m.group(1) == "级":
        return [(name, joiner)]
    return [("各" + m.group(1), joiner), ("各" + m.group(2), "、")]


_DUTY_HOLDER = re.compile(r"^([^,，。;；是]{2,30}?)是[^,，。;；]{0,24}(?:责任人|责任主体|第一责任人|直接责任人)[,，](?:要|必须|务必|应当)")
# A zone's own bodies share its name: 开发区环保分局、安监分局 → …, 开发区安监分局.
_ZONE_PREFIX = re.compile(r"^(开发区|高新区|经开区|化工园区|工业园区|园区)")
_EACH_LEVEL = re.compile(r"^(?:全[省市县区镇])?各级")
_GENERIC_BODY = re.compile(r"(政府|党委|部门|单位|党组|组织)")


def _core_prefix(name: str) -> str:
    """The short-name part at the start of ``name`` (县水利部门 → 县水利), if known."""
    lx = lexicon()
    level = _LEVEL_PREFIX.match(name)
    rest = name[level.end():] if level else name
    for core in lx.cores:  # longest first
        if rest.startswith(core):
            return name[: len(name) - len(rest) + len(core)]
    return ""


def expand_coordinated(names: list[str]) -> list[str]:
    """县住建、发改、水利部门 → 县住建部门, 县发改部门, 县水利部门; 市交警大队、交通局 → …, 市交通局."""
    if len(names) < 2:
        return names
    lx = lexicon()
    last = names[-1]
    suffix = ""
    m = lx.suffix_re.search(last)
    if m:
        suffix = m.group(0)
        # The shared ending may be longer than the suffix (消防、危化行业部门): it is what
        # follows the last item's own short name.
        core = _core_prefix(last)
        if not core and len(names) >= 2 and not lx.suffix_re.search(names[-2]):
            core = last[: len(_LEVEL_PREFIX.sub("", names[-2]))]  # same length as its neighbours
        if core and len(last) - len(core) > len(suffix):
            suffix = last[len(core):]
    level_m = _LEVEL_PREFIX.match(names[0]) or _ZONE_PREFIX.match(names[0])
    level = level_m.group(1) if level_m else ""
    each = _EACH_LEVEL.match(names[0])
    if each:
        # 全区各级党委、政府 → 全区各级党委, 全区各级政府
        names = [names[0]] + [n if not _GENERIC_BODY.fullmatch(n) else each.group(0) + n for n in names[1:]]
    if names[0].startswith("任何"):
        # 任何单位和个人 → 任何单位, 任何个人
        names = [names[0]] + [n if n.startswith("任何") else "任何" + n for n in names[1:]]
    out = []
    for n in names:
        bare = n
        short = _LEVEL_PREFIX.sub("", n)
        if (suffix and not lx.suffix_re.search(n) and len(short) <= 5 and not short.startswith(("各", "有关", "相关", "其他", "全"))
                and (lx.core_re.match(n) or not is_party(n))):
            bare = n + suffix
        if level and not _LEVEL_PREFIX.match(bare) and not _ZONE_PREFIX.match(bare) \
                and not bare.startswith(("各", "全", "有关", "相关", "其他")) and len(bare) <= 10:
            core = bare
            if lx.core_re.match(level + core) or lx.core_re.match(re.sub("(" + "|".join(map(re.escape, lx.suffixes)) + ")$", "", core)):
                bare = level + core
        out.append(bare)
    return out


def subject_parties(clause: str) -> list[PartySpan] | None:
    """Parties in subject position of ``clause``; None when the clause has no subject."""
    found = _subject_parties(clause)
    return None if found is None else list(found)


@functools.lru_cache(maxsize=8192)
def _subject_parties(clause: str) -> tuple[PartySpan, ...] | None:
    # Pure and called several times per sentence (features, splitting, assembly): cached.
    found = _find_subject(clause)
    return None if found is None else tuple(found)


def _find_subject(clause: str) -> list[PartySpan] | None:
    text = clause
    offset = 0
    while True:
        m = _LEAD_IN.match(text)
        if not m or not m.group(0):
            break
        offset += m.end()
        text = text[m.end():]
    if re.match(r"^(?:会同|配合|协助|联合|协同|和|与|及|并)", text):
        return None  # a clause that continues the previous subject's action
    duty = _DUTY_HOLDER.match(text)
    if duty:
        # 项目经理是项目安全生产第一责任人，要…… : the holder named before 是 acts.
        found = _parties_of_chunk(clause, duty.group(1), offset)
        if found is not None:
            return found
    # The subject stands before the first directive word whose preceding text is a list
    # of parties; an opening clause without one (着力提升……，编办、人事和财政部门要……)
    # moves the search to the next clause.
    for n, m in enumerate(_DIRECTIVE_AFTER_SUBJECT.finditer(text)):
        if n >= 4:
            break
        chunk = text[: m.start()]
        if not chunk:
            continue
        for cut in _chunk_options(chunk):
            found = _parties_of_chunk(clause, chunk[cut:], offset + cut)
            if found is not None:
                if text[m.start():].startswith(("配合", "协助")):
                    found = [PartySpan(p.name, "support", p.start, p.end) for p in found]
                return found
        if not re.search(r"[,，]", text[m.start():]):
            break
    return None


def _chunk_options(chunk: str) -> list[int]:
    """Where a subject may start inside the text before the directive: after the last
    comma (清明期间，镇林业站、各村要……) or at the start (一些煤矿，必须……)."""
    stripped = chunk.rstrip(",， ")
    cuts = []
    last = max(stripped.rfind(","), stripped.rfind("，"))
    if last >= 0:
        tail = stripped[last + 1 :]
        if _ADVERB_ONLY.fullmatch(tail):
            # 各安委会成员单位，既要……: the subject stands before the comma.
            before = stripped[:last]
            prev = max(before.rfind(","), before.rfind("，"))
            cuts.append(prev + 1)
        else:
            cuts.append(last + 1)
    cuts.append(0)
    return cuts


_ADVERB_ONLY = re.compile(r"(既|也|还|都|均|又|更|则|就|首先|同时|不仅|不但|不只)?")


def _parties_of_chunk(clause: str, chunk: str, offset: int) -> list[PartySpan] | None:
    chunk = re.sub(r"[,，]\s*(既|也|还|都|均|又|更|则|就)?$", "", chunk.rstrip(" "))
    chunk = re.sub(r"(不仅|不但|不只)$", "", chunk)  # 镇长不仅要……，还要……
    if not chunk or len(chunk) > 48:
        return None
    parts = _split_parts(chunk)
    if not parts:
        return None
    parts = [q for p, j in parts for q in _split_each(p, j)]
    names = [_drop_etc(p) for p, _ in parts]
    if not all(is_party(p) or lexicon().core_re.match(p) or (i < len(names) - 1 and len(p) <= 6) for i, p in enumerate(names)):
        return None
    names = expand_coordinated(names)
    if not all(is_party(n) for n in names):
        return None
    out = []
    for (orig, joiner), name in zip(parts, names):
        role = "support" if joiner in ("会同", "配合", "协助") and out else "lead"
        start = clause.find(orig, offset)
        out.append(PartySpan(name, role, start, start + len(orig) if start >= 0 else -1))
    return out


_SUPPORT_INLINE = re.compile(r"(?:会同|协同|配合|协助|与)([^,，。;；]{2,40}?)(?=(?:等(?:有关|相关)?(?:部门|单位))?(?:加强|开展|做好|对|共同|一起|一道|进行|抓好|组织|推进|落实|制定|研究|建立|实施|排查|检查|督促|在|于|完成|全面|切实|认真|积极|深入|进一步|严格|\d|[xX]|,|，|。|;|；|$))")
_SUPPORT_AFTER = re.compile(r"(?:^|[,，;；])([^,，。;；]{2,40}?)(?:要|也要|等?(?:单位|部门))?(?:积极|全力|密切|主动)?(?:配合|协助)(?=[,，。;；]|$)")
_BY_LEAD = re.compile(r"由([^,，。;；]{2,40}?)(?:牵头|负责|统筹|组织)")


def inline_parties(sentence: str) -> list[PartySpan]:
    """Parties named inside a sentence: 由X牵头 (lead), 会同/配合/协助X (support)."""
    out: list[PartySpan] = []
    for m in _BY_LEAD.finditer(sentence):
        names = [p for p, _ in _split_parts(m.group(1))]
        names = expand_coordinated(names)
        for n in names:
            if is_party(n):
                out.append(PartySpan(n, "lead", m.start(1), m.end(1)))
    for m in _SUPPORT_INLINE.finditer(sentence):
        if m.group(0).startswith("与") and not re.match(r"(?:等(?:有关|相关)?(?:部门|单位))?(?:一起|一道|共同)", sentence[m.end():]):
            continue  # 与X一起/共同 makes X a partner; other 与 are conjunctions
        names = [_drop_etc(p) for p, _ in _split_parts(m.group(1))]
        names = expand_coordinated(names)
        for n in names:
            n2 = re.sub(r"等$", "", n)
            if is_party(n2):
                out.append(PartySpan(n2, "support", m.start(1), m.end(1)))
    for m in _SUPPORT_AFTER.finditer(sentence):
        # 市住建局要牵头，市市场监管局、市消防救援支队配合，…… : the helpers of the lead.
        names = expand_coordinated([_drop_etc(p) for p, _ in _split_parts(m.group(1))])
        out += [PartySpan(n, "support", m.start(1), m.end(1)) for n in names if is_party(n)]
    return out


def responsibility_list(text: str, *, first_is_lead: bool = False) -> list[PartySpan] | None:
    """Parties of a responsibility list: （牵头单位：A；配合单位：B、C）, 责任单位：A、B, or a
    plain bracketed list of names. None when ``text`` holds no such list."""
    m = _BRACKET_LIST.search(text)
    body = m.group(1) if m else None
    if body is None:
        lm = _ROLE_LABEL.search(text)
        if lm and (lm.start() == 0 or text[: lm.start()].strip() in ("", "(", "（")):
            body = text[lm.start():]
    if body is not None:
        return _labelled_list(body, first_is_lead)
    pm = _BRACKET_PLAIN.search(text)
    if pm:
        names = [n for n, _ in _split_parts(pm.group(1))]
        names = expand_coordinated([re.sub(r"等$", "", n) for n in names])
        if names and all(is_party(n) for n in names):
            return _roles_for_plain(names, first_is_lead)
    return None


def _roles_for_plain(names: list[str], first_is_lead: bool) -> list[PartySpan]:
    return [PartySpan(n, "lead" if (not first_is_lead or i == 0) else "support") for i, n in enumerate(names)]


def _until_unmatched_close(value: str) -> str:
    """The text before the bracket that closes the list (各县（市、区）政府 keeps its own)."""
    depth = 0
    for i, ch in enumerate(value):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth == 0:
                return value[:i]
            depth -= 1
    return value


def _labelled_list(body: str, first_is_lead: bool) -> list[PartySpan]:
    out: list[PartySpan] = []
    pieces = _ROLE_LABEL.split(body)
    # pieces: [before, label1, value1, label2, value2, ...]
    for i in range(1, len(pieces) - 1, 2):
        label, value = pieces[i], pieces[i + 1]
        value = _until_unmatched_close(re.split(r"[;；。]", value)[0])
        names = [re.sub(r"等$", "", n) for n, _ in _split_parts(value)]
        names = [n for n in expand_coordinated(names) if n]
        if label.startswith(("配合", "协助", "协办", "参与")):
            out.extend(PartySpan(n, "support") for n in names)
        elif label.startswith("牵头") or label.startswith(("主责", "主办", "主管")):
            out.extend(PartySpan(n, "lead") for n in names)
        else:  # 责任单位: every party leads unless the document says the first listed leads
            out.extend(_roles_for_plain(names, first_is_lead))
    return out


def first_listed_leads(document_text: str) -> bool:
    return bool(_FIRST_IS_LEAD_NOTE.search(document_text))


__all__ = ["PartySpan", "is_party", "subject_parties", "inline_parties", "responsibility_list",
           "expand_coordinated", "first_listed_leads", "lexicon"]
