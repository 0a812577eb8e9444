"""Task stage: which units are task items, and each item with its parties, deadline,
campaigns and section path (guide §1–§4).

Detection is a trained classifier (``models/task_detector.skops``) over cue features and
character n-grams of each sentence; when no model is installed, the cue rules decide.
Assembly (splitting by party, stripping enumerators and frames, responsibility lists,
inherited subjects, deadlines from headings) is rules, one small function each.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .data import regex_table
from .entities.campaigns import find_campaigns, three_year_action
from .entities.deadlines import find_deadlines, pick_deadline
from .entities.departments import (
    PartySpan,
    first_listed_leads,
    inline_parties,
    is_party,
    responsibility_list,
    subject_parties,
)
from .outline import HEADING_MARKERS, INLINE_ENUM, Unit, outline
from .schema import Deadline, Party, Task

_LEADING_NOISE = re.compile(
    r"^(?:同时|此外|另外|其次|再次|最后|然后|因此|为此|对此|另一方面|一方面|总之|特别是|尤其是|并且|而且|"
    r"与此同时|在此基础上|具体来说|具体而言|具体讲|具体地说|其中)\s*[,，、:：]\s*"
)
_FRAME = re.compile(
    r"^(?:会议|通知|文件|方案|意见|省委|市委|县委|区委|省政府|市政府|县政府|区政府|[\u4e00-\u9fff]{1,12}?)(?:要求|强调|指出|明确|提出)\s*[,，:：]\s*"
)
_TRAIL = re.compile(r"[\s。；;，,:：!！?？、]+$")
_TABLE_TASK_COL = re.compile(r"(工作任务|任务内容|重点任务|主要任务|具体任务|整治内容|工作内容|工作措施|任务)")
_TABLE_LEAD_COL = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|主责单位|负责单位|主办单位)")
_TABLE_SUPPORT_COL = re.compile(r"(配合单位|配合部门|协办单位|协助单位|参与单位)")
_TABLE_TIME_COL = re.compile(r"(完成时限|完成时间|时间要求|时限|截止时间|进度安排|时间节点)")
# 以下各项任务，各乡镇（街道）均需……落实，不再列出 (the parties before 均需).
_STANDING_NOTE_BEFORE = re.compile(r"(?:以下|下列)[^，,。]{0,8}(?:任务|工作|事项)中?[，,]?([^，,。；;:：]{2,30}?)均(?:需|要|须|应)")
_STANDING_NOTE = re.compile(r"[（(]?(?:以下|下列|上述|以上)(?:任务|工作)?(?:均需|均由|均要|均须)([^，,。()（）]{2,30}?)(?:落实|负责|配合|参与)[^)）]{0,12}[)）]?")
_PENALTY_TAIL = re.compile(r"[;；,，]\s*(?:对(?:拒不|逾期|违反|不按|未按|因|发现|存在)[^;；。]{0,60}?的|违者|凡[^;；。]{0,30}?的)[,，]?[^;；。]*(?:依法|严肃|追究|查处|问责|处罚|惩戒|取缔|关闭)[^;；。]*$")
_NEW_SUBJECT_SPLIT = re.compile(r"[,，;；]")
_WE = re.compile(r"^(?:我们|大家|我们大家|各位|咱们)")
_MODAL = re.compile(r"(?<![主重需只紧])要(?!求|点|素|害)|必须|务必|应当|[^反供]应(?!急|用|对)|须|需(?!求)|请|不得|严禁|禁止|一律|确保|负责|牵头|立即|抓紧")
_SUBJECT_THEN_MODAL = re.compile(r"^[^,，。;；]{2,30}?(?:要|必须|务必|须|应当|负责|牵头)")
_REPORT_SECTION = re.compile(r"(开展情况|基本情况|工作情况|完成情况|主要做法|经验做法|工作成效|取得的成[效绩]|成绩|存在的?问题|主要问题|突出问题|工作回顾|形势分析|当前形势|不足|原因分析|教训)")
_TASK_SECTION = re.compile(r"(要求|任务|措施|安排|重点|下一步|部署|保障|做好|加强|抓好|强化|落实|推进|开展|严格|完善|健全|提升|压实|深化)")
_FRAME_THEN_DIRECTIVE = re.compile(r"^(?:对于?|凡是?|针对)[^。;；]{1,40}?(?:要|必须|一律|务必|不得|严禁)")
_INHERIT_START = re.compile(r"^(?:要|并要|并|同时要|还要|也要|都要|务必|必须|一定要|切实|确保|严禁|不得|不能|坚决|及时|认真|全面|严格|加强|做好|抓好|进一步)")


_RESP_ONLY = re.compile(r"^[（(]\s*(?:(?:牵头|责任|主责|配合|协助|参与)(?:单位|部门)|责任人)\s*[:：](?:[^()（）]|[（(][^()（）]{1,8}[)）])+[)）][。;；]?$")
_SUPPORT_ONLY = re.compile(r"^(.{2,40}?)(?:也|还|要|都|均|积极|全力|密切|主动|负责)*(?:配合|协助|参与)(?:做好|开展)?(?:相关|有关|此项)?(?:工作)?$")


_PLAIN_LIST = re.compile(r"^[（(]((?:[^()（）:：]|[（(][^()（）]{1,8}[)）]){2,120})[)）][。;；]?$")


def _resp_only(unit_text: str) -> bool:
    """A unit that is only a responsibility list: labelled, or a bracket of party names."""
    if _RESP_ONLY.match(unit_text):
        return True
    m = _PLAIN_LIST.match(unit_text)
    if not m:
        return False
    names = [n for n in re.split(r"[、,，;；]", m.group(1)) if n.strip()]
    return bool(names) and all(is_party(n.strip()) for n in names)


def head_clauses(text: str) -> str:
    """The first two clauses: where a subject stands (清明期间，镇林业站要……)."""
    parts = re.split(r"([,，;；:：])", text, maxsplit=2)
    return "".join(parts[:3])


def cue_patterns() -> dict[str, re.Pattern[str]]:
    """Cue regexes by kind, from nlp/data/task_cues.txt."""
    return regex_table("task_cues.txt")


@dataclass
class Candidate:
    """A unit cleaned to its would-be task text, with the context features need."""

    unit: Unit
    start: int
    end: int
    text: str
    index: int
    doc_len: int
    prev_text: str = ""
    next_text: str = ""
    prev_is_heading: bool = False
    features: list[str] = field(default_factory=list)


def clean_span(text: str, start: int, end: int, *, first_in_line: bool) -> tuple[int, int]:
    """Strip the leading enumerator, connector and reporting frame, and trailing marks."""
    seg = text[start:end]
    changed = True
    while changed:
        changed = False
        if first_in_line:
            for _, pat in HEADING_MARKERS:
                m = pat.match(seg)
                if m:
                    start += m.end()
                    seg = seg[m.end():]
                    changed = True
                    break
        m = INLINE_ENUM.match(seg)
        if m and m.end() > 0:
            start += m.end()
            seg = seg[m.end():]
            changed = True
        m = _LEADING_NOISE.match(seg)
        if m:
            start += m.end()
            seg = seg[m.end():]
            changed = True
        m = _FRAME.match(seg)
        if m and m.end() < len(seg) - 4:
            start += m.end()
            seg = seg[m.end():]
            changed = True
        ws = len(seg) - len(seg.lstrip())
        if ws:
            start += ws
            seg = seg[ws:]
            changed = True
    m = _TRAIL.search(seg)
    if m:
        end = start + m.start()
    return start, end


def unit_features(c: Candidate) -> list[str]:
    """Cue features of a candidate, as tokens for the detector."""
    t = c.text
    u = c.unit
    f: list[str] = []
    cues = cue_patterns()
    for kind, pat in cues.items():
        n = len(pat.findall(t))
        if n:
            f.append(f"CUE_{kind}")
            if n > 1:
                f.append(f"CUE_{kind}_2+")
    subj = subject_parties(head_clauses(t))
    modal = bool(_MODAL.search(t))
    if subj:
        f.append("SUBJECT_PARTY")
        f.append("SUBJECT_MODAL" if modal else "SUBJECT_NO_MODAL")
        if _SUBJECT_THEN_MODAL.search(t[:40]):
            f.append("SUBJECT_YAO")  # "X要……": the plainest directive
    f.append("MODAL" if modal else "NO_MODAL")
    if c.prev_text and _MODAL.search(c.prev_text):
        f.append("PREV_MODAL")
    if c.next_text and _MODAL.search(c.next_text):
        f.append("NEXT_MODAL")
    sec = "".join(u.section[-2:])
    if _REPORT_SECTION.search(sec):
        f.append("SECTION_REPORT")
    if _TASK_SECTION.search(sec):
        f.append("SECTION_TASK")
    if _WE.match(t):
        f.append("SUBJECT_WE")
    if re.match(r"^(?:要|必须|务必|切实|严禁|禁止|不得|坚决|认真|全面|深入|严格|加强|加大|扎实|强化|健全|建立|完善|做好|抓好|开展|督促|落实|确保|进一步|重点|及时|立即|定期)", t):
        f.append("STARTS_IMPERATIVE")
    if re.match(r"^(?:对|凡|对于|针对)", t):
        f.append("STARTS_对")
    if re.match(r"^(?:在|从|按照|根据|结合|围绕|通过|以)", t):
        f.append("STARTS_PREP")
    if re.search(r"了[,，。;；]|了$|了\S{0,6}[,，]", t):
        f.append("HAS_了")
    if u.is_subheading:
        f.append("SUBHEADING")
    if u.heading_level:
        f.append(f"HEADING_{u.heading_level}")
    if u.enumerated:
        f.append("ENUMERATED")
    if u.table_cells is not None:
        f.append("TABLE_ROW")
    if not u.section:
        f.append("NO_SECTION")
    raw_end = c.unit.text.rstrip()[-1:] if c.unit.text.strip() else ""
    f.append({"：": "END_COLON", ":": "END_COLON", ";": "END_SEMI", "；": "END_SEMI", "!": "END_EXCL",
              "！": "END_EXCL", "?": "END_Q", "？": "END_Q", "。": "END_PERIOD"}.get(raw_end, "END_OTHER"))
    if c.prev_text.rstrip().endswith((":", "：")):
        f.append("AFTER_COLON")
    if c.prev_is_heading:
        f.append("AFTER_HEADING")
    n = len(t)
    f.append("LEN_" + ("<8" if n < 8 else "<16" if n < 16 else "<30" if n < 30 else "<60" if n < 60 else "<120" if n < 120 else "120+"))
    # Openings and closings of a speech are rhetoric more often than tasks; in a short text
    # (a pasted paragraph) position says nothing.
    if c.doc_len >= 15:
        pos = c.index / max(1, c.doc_len - 1)
        f.append("POS_" + ("start" if c.index < 3 else "end" if c.doc_len - c.index <= 3 else f"q{min(4, int(pos * 5))}"))
    if u.para_index == 0:
        f.append("PARA_FIRST")
    if u.para_index == u.para_len - 1:
        f.append("PARA_LAST")
    if find_deadlines(t):
        f.append("HAS_DEADLINE")
    if re.search(r"[“\"]", t):
        f.append("HAS_QUOTE")
    return f


def candidates(text: str, units: list[Unit] | None = None) -> list[Candidate]:
    units = units if units is not None else outline(text)
    out: list[Candidate] = []
    for i, u in enumerate(units):
        if u.table_cells is not None:
            s, e = u.start, u.end
        else:
            s, e = clean_span(text, u.start, u.end, first_in_line=u.para_index == 0)
        if e - s < 2:
            continue
        out.append(Candidate(u, s, e, text[s:e], i, len(units)))
    for i, c in enumerate(out):
        c.prev_text = out[i - 1].unit.text if i else ""
        c.prev_is_heading = bool(i and (out[i - 1].unit.is_subheading or out[i - 1].unit.heading_level))
        c.next_text = out[i + 1].unit.text if i + 1 < len(out) else ""
        c.features = unit_features(c)
    return out


def detector_input(c: Candidate) -> str:
    """What the trained detector sees: feature tokens, then the text (see ``analyzer``)."""
    return " ".join(c.features) + "\x1f" + c.text


def cue_analyzer(doc: str) -> list[str]:
    """The cue feature tokens alone: kept apart from the n-grams and not length-normalized,
    so a long sentence's cues weigh as much as a short one's."""
    return doc.partition("\x1f")[0].split()


def analyzer(doc: str) -> list[str]:
    """Character 1–3-grams of the text and of its opening (module level, so it pickles)."""
    _, _, text = doc.partition("\x1f")
    grams: list[str] = []
    head = text[:12]
    grams += ["H:" + head[i : i + 2] for i in range(len(head) - 1)]
    for n in (1, 2, 3):
        grams += [text[i : i + n] for i in range(len(text) - n + 1)]
    return grams


def rule_score(c: Candidate) -> float:
    """Fallback detector: cue rules only (used when no trained model is installed)."""
    f = set(c.features)
    score = 0.0
    if "CUE_directive" in f:
        score += 1.0
    if "SUBJECT_PARTY" in f or "STARTS_IMPERATIVE" in f:
        score += 1.0
    for bad in ("CUE_past", "CUE_own_plan", "CUE_attitude", "CUE_rhetoric", "CUE_framing", "CUE_analysis", "HAS_了"):
        if bad in f:
            score -= 0.8
    if "SUBHEADING" in f or "HEADING_1" in f:
        score -= 1.0
    if "TABLE_ROW" in f:
        score += 2.0
    return 1 / (1 + 2.718281828 ** (-(score - 1.0) * 2))


# ------------------------------------------------------------------ assembly


def _cut_penalty(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    m = _PENALTY_TAIL.search(seg)
    if m and m.start() > 8:
        end = start + m.start()
    return start, end


def split_by_subject(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an item where a clause opens with different responsible parties
    (…县住建局要……，县消防救援大队要……) — guide §1."""
    seg = text[start:end]
    cuts = [0]
    first_subject = subject_parties(re.split(r"[,，;；]", seg, maxsplit=1)[0])
    prev_names = {p.name for p in first_subject} if first_subject else None
    for m in _NEW_SUBJECT_SPLIT.finditer(seg):
        rest = seg[m.end():]
        clause = re.split(r"[,，;；]", rest, maxsplit=1)[0]
        subj = subject_parties(clause)
        if not subj or len(rest) < 6 or m.start() - cuts[-1] < 6:
            continue
        if all(p.role == "support" for p in subj):
            continue  # ……，市市场监管局配合: the helpers of the same task
        names = {p.name for p in subj}
        if prev_names is None and not _MODAL.search(seg[cuts[-1] : m.start()]):
            # A subject after a topic opening without a directive (对打非治违等重点工作，
            # 镇安办要……) is the subject of the whole item.
            prev_names = names
            continue
        if prev_names is None and len(clause) < 8:
            continue  # a short subject-like clause (人员在岗在位) inside a directive
        if names == prev_names:
            continue
        cuts.append(m.end())
        prev_names = names
    spans = []
    for a, b in zip(cuts, cuts[1:] + [len(seg)]):
        s, e = start + a, start + b
        m2 = _TRAIL.search(text[s:e])
        if m2:
            e = s + m2.start()
        if e - s >= 4:
            spans.append((s, e))
    return spans or [(start, end)]


def _table_task(c: Candidate, first_is_lead: bool) -> tuple[str, list[Party], str | None] | None:
    header = c.unit.table_header or []
    cells = c.unit.table_cells or []
    task_col = next((i for i, h in enumerate(header) if _TABLE_TASK_COL.search(h) and not _TABLE_LEAD_COL.search(h)), None)
    if task_col is None or task_col >= len(cells) or len(cells[task_col]) < 4:
        return None
    parties: list[Party] = []
    deadline_text = None
    for i, h in enumerate(header):
        if i >= len(cells) or not cells[i]:
            continue
        names = [n for n in re.split(r"[、,，;；\s]|和|及", cells[i]) if n]
        if _TABLE_LEAD_COL.search(h):
            names = [n for n in names if is_party(n) or len(n) >= 2]
            for j, n in enumerate(names):
                role = "support" if (first_is_lead and j > 0) else "lead"
                parties.append(Party(n, role))
        elif _TABLE_SUPPORT_COL.search(h):
            parties.extend(Party(n, "support") for n in names if len(n) >= 2)
        elif _TABLE_TIME_COL.search(h):
            deadline_text = cells[i]
    return cells[task_col], parties, deadline_text


def _full_directive(c: Candidate) -> bool:
    """A paragraph's opening sentence that is a whole directive rather than a title: long,
    or naming who must act, or a prohibition. (In the training gold, such openings with a
    body of items are items 33 times out of 35; short titles like 强化责任落实 almost never.)"""
    t = c.text
    return len(t) >= 30 or (len(t) >= 18 and ("SUBJECT_PARTY" in c.features or bool(re.match(r"(?:严禁|禁止|不得|任何)", t))))


def assemble(text: str, cands: list[Candidate], scores: list[float], *, base_year: int | None = None,
             threshold: float = 0.5) -> list[Task]:
    """Task objects for the candidates whose score passes ``threshold``."""
    first_is_lead = first_listed_leads(text)
    chosen = [s >= threshold for s in scores]
    # A directive heading whose body holds items is not an item itself (guide §1).
    # So is a sentence that introduces a list (全市所有的煤矿要立即开展三项工作：).
    for i, c in enumerate(cands):
        intro = _is_intro(c)
        if not chosen[i] or not (c.unit.is_subheading or c.unit.heading_level or intro):
            continue
        if c.unit.is_subheading and not intro and _full_directive(c):
            continue  # 五、严禁无证开采……。已取得…… : an order of its own, not a title
        body_has_item = False
        for j in range(i + 1, len(cands)):
            d = cands[j]
            if d.unit.heading_level or (d.unit.enumerated and not intro):
                break
            # A body sentence that is nearly an item still shows the heading heads a body
            # of directives (its items may be missed, but the heading is not one).
            if chosen[j] or scores[j] >= 0.6 * threshold:
                body_has_item = True
                break
        if body_has_item:
            chosen[i] = False
    standing: list[Party] = []
    tasks: list[Task] = []
    origin: list[tuple[int, bool]] = []  # per task: (line, named its own parties)
    last_subject: tuple[int, list[PartySpan]] | None = None  # (line_no, parties)
    # Parties and time of a list's introduction reach the items of the list.
    intro_parties: list[PartySpan] = []
    intro_deadline: Deadline | None = None
    for i, c in enumerate(cands):
        if c.unit.heading_level:
            intro_parties, intro_deadline = [], None
        if _is_intro(c):
            intro_parties = subject_parties(head_clauses(c.text)) or []
            p_intro = pick_deadline(find_deadlines(c.text, base_year))
            intro_deadline = p_intro.deadline if p_intro else None
        note = _STANDING_NOTE.search(c.unit.text) or _STANDING_NOTE_BEFORE.search(c.unit.text)
        if note and re.search(r"不再|以下|下列", c.unit.text):
            standing = [Party(n, "support") for n in re.split(r"[、,，和及]", note.group(1)) if is_party(n)]
        # Track the subject of every sentence (task or not) for inheritance.
        subj_any = subject_parties(head_clauses(c.text))
        resp_only_unit = _resp_only(c.unit.text.strip())
        if not chosen[i]:
            if subj_any:
                last_subject = (c.unit.line_no, subj_any)
            elif _WE.match(c.text):
                last_subject = (c.unit.line_no, [])
            if not resp_only_unit:
                continue
        if resp_only_unit and tasks and i > 0:
            # "(牵头单位:…;配合单位:…)" after the item's full stop belongs to that item.
            resp_only = responsibility_list(c.unit.text.strip(), first_is_lead=first_is_lead)
            if resp_only:
                listed = [Party(p.name, p.role) for p in resp_only]
                listed += [p for p in standing if p.name not in {q.name for q in listed}]
                tasks[-1].departments = list(listed)
                # A list closing a numbered point covers the point's earlier items too, where
                # they did not name who acts (（一）……。……。（责任单位：A、B）).
                for k in range(len(tasks) - 2, -1, -1):
                    line, own = origin[k]
                    if line != c.unit.line_no:
                        break
                    if not own:
                        tasks[k].departments = list(listed)
            continue
        if not chosen[i]:
            continue
        if c.unit.table_cells is not None:
            row = _table_task(c, first_is_lead)
            if row is None:
                continue
            task_text, parties, dl_text = row
            s = text.find(task_text, c.unit.start, c.unit.end)
            e = s + len(task_text)
            dl = None
            if dl_text:
                spans = find_deadlines(dl_text, base_year)
                p = pick_deadline(spans)
                if p:
                    dl = p.deadline
            origin.append((c.unit.line_no, bool(parties)))
            tasks.append(_finish(text, s, e, parties + [p for p in standing if p.name not in {q.name for q in parties}],
                                 dl, c))
            continue
        s0, e0 = _cut_penalty(text, c.start, c.end)
        # Responsibility lists in brackets at the end of the item, or on the next line.
        resp = responsibility_list(text[s0:e0], first_is_lead=first_is_lead)
        if resp is not None:
            bm = re.search(r"[（(](?:[^()（）]|[（(][^()（）]{1,8}[)）])*[)）]\s*$", text[s0:e0])
            if bm:
                e0 = s0 + bm.start()
                m2 = _TRAIL.search(text[s0:e0])
                if m2:
                    e0 = s0 + m2.start()
        elif i + 1 < len(cands) and cands[i + 1].unit.line_no != c.unit.line_no:
            nxt = cands[i + 1]
            if re.match(r"^[（(]?(责任单位|牵头单位|责任部门|牵头部门|配合单位)", nxt.unit.text.strip()):
                resp = responsibility_list(nxt.unit.text.strip(), first_is_lead=first_is_lead)
        pieces = split_by_subject(text, s0, e0) if resp is None else [(s0, e0)]
        for n_piece, (s, e) in enumerate(pieces):
            item = text[s:e]
            helpers = _SUPPORT_ONLY.match(item)
            if helpers and n_piece > 0 and tasks:
                # "……，县消防救援大队要配合": the helpers support the item just before.
                have = {p.name for p in tasks[-1].departments}
                extra = [Party(p.name, "support") for p in (subject_parties(helpers.group(1) + "要") or [])
                         if p.name not in have]
                tasks[-1].departments.extend(extra)
                continue
            parties: list[Party] = []
            subj_own: list[PartySpan] | None = None
            if resp is not None:
                parties = [Party(p.name, p.role) for p in resp]
                subj_own = resp
            else:
                subj = subject_parties(head_clauses(item))
                subj_own = subj
                if subj is None and re.match(r"^(?:要求|请|由)", item):
                    subj = subject_parties(item[2:] if not item.startswith("由") else item)
                if subj:
                    parties = [Party(p.name, p.role) for p in subj]
                    last_subject = (c.unit.line_no, subj)
                elif _WE.match(item):
                    last_subject = (c.unit.line_no, [])
                elif last_subject and last_subject[0] == c.unit.line_no and INHERIT(item):
                    parties = [Party(p.name, p.role) for p in last_subject[1] if p.role == "lead"]
                elif intro_parties and not _WE.match(item):
                    parties = [Party(p.name, p.role) for p in intro_parties]
                for p in inline_parties(item):
                    if p.name not in {q.name for q in parties}:
                        parties.append(Party(p.name, p.role))
            names = {p.name for p in parties}
            parties += [p for p in standing if p.name not in names]
            spans = find_deadlines(item, base_year)
            p = pick_deadline(spans)
            dl = None
            if p is not None:
                d = p.deadline
                dl = Deadline(d.text, d.kind, d.date, d.recurrence, s + d.start, s + d.end)
            else:
                dl = _heading_deadline(c, base_year) or intro_deadline
            tasks.append(_finish(text, s, e, parties, dl, c))
            # Whether the item named who acts itself (a closing list does not override it).
            origin.append((c.unit.line_no, bool(subj_own)))
    return tasks


def _is_intro(c: Candidate) -> bool:
    """A sentence that ends with a colon and introduces the items after it."""
    raw = c.unit.text.rstrip()
    if c.unit.table_cells is not None or len(raw) > 80:
        return False
    return (raw.endswith((":", "：")) and not _FRAMING_END.search(raw)) or bool(_LIST_INTRO.search(raw))


_LIST_INTRO = re.compile(r"(开展|做好|抓好|落实|完成|突出|强化|抓实)(以下|如下)?[几一二三四五六七八九十两\d]+(项|件|个方面)(重点)?(工作|任务|措施|要求)[。:：]?$")


_FRAMING_END = re.compile(r"(同志们|各位领导|如下|以下几点|几点意见|几点要求)[:：]$")


def INHERIT(item: str) -> bool:
    """Whether a subject-less item plainly continues the previous sentence's subject
    (it opens with 要/必须/同时要…, not with a new topic)."""
    if _INHERIT_START.match(item):
        return True
    # 对……要…… / 凡是……的，一律…… / 汛期，要……: a frame, then the directive with no new subject.
    if _FRAME_THEN_DIRECTIVE.match(item):
        return True
    first, sep, rest = item.partition("，") if "，" in item[:30] else item.partition(",")
    return bool(sep) and len(first) <= 16 and bool(_INHERIT_START.match(rest)) and not subject_parties(first + "要")


def _heading_deadline(c: Candidate, base_year: int | None) -> Deadline | None:
    """A time stated in the heading above the item (guide §3)."""
    for title in reversed(c.unit.section):
        p = pick_deadline(find_deadlines(title, base_year))
        # A season named in a heading (做好汛期……) is the topic, not the time of every
        # item under it; a dated stage (集中整治阶段（5月1日—5月31日）) is.
        if p and (p.deadline.kind != "period" or re.search(r"\d|[一二三四五六七八九十]+月", p.deadline.text)):
            return p.deadline
    return None


def _finish(text: str, s: int, e: int, parties: list[Party], dl: Deadline | None, c: Candidate) -> Task:
    seen: set[str] = set()
    uniq = []
    for p in parties:
        if p.name not in seen:
            seen.add(p.name)
            uniq.append(p)
    return Task(
        text=text[s:e],
        start=s,
        end=e,
        departments=uniq,
        deadline=dl,
        campaigns=[name for name, _, _ in find_campaigns(text[s:e], three_year_action(text))],
        section=list(c.unit.section),
    )


__all__ = ["Candidate", "candidates", "assemble", "unit_features", "detector_input", "analyzer",
           "rule_score", "clean_span", "split_by_subject", "cue_patterns"]
