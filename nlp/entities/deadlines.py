"""Deadlines and reporting rhythms (guide §3), normalized against the document's date.

Kinds: ``by`` (3月15日前, 年底前, “五一”节前), ``on`` (于4月10日召开), ``period`` (集中三个月
时间, 6月至9月, 汛期, 国庆期间), ``recurring`` (每月一调度 → monthly) and ``immediate``
(立即, 即日起, 尽快). A date is filled only when the year is known.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

from ..schema import Deadline

NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[xX×]{1,2})"
_YEAR = r"(?:(?P<y>\d{4}|20[xX×]{2}|[xX×]{4}|明|次|今)\s*年\s*)?"
_HOLIDAYS = r"(?P<hol>元旦|春节|五一|“五一”|\"五一\"|五一劳动节|劳动节|端午|端午节|中秋|中秋节|国庆|“国庆”|国庆节|清明|清明节|“两节”|两节|元宵|元宵节)"

_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _num(s: str | None) -> int | None:
    if not s or re.fullmatch(r"[xX×]+", s):
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGIT.get(a, 1) if a else 1) * 10 + (_CN_DIGIT.get(b, 0) if b else 0)
    return _CN_DIGIT.get(s)


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or d is None or not (1 <= m <= 12):
        return None
    last = calendar.monthrange(y, m)[1]
    return f"{y:04d}-{m:02d}-{min(max(d, 1), last):02d}"


@functools.lru_cache(maxsize=64)
def holiday_date(name: str, year: int | None) -> str | None:
    """Gregorian date of a festival in ``year`` (lunar ones through lunar-python)."""
    if year is None:
        return None
    n = name.strip("“”\"").replace("节", "").replace("劳动", "五一")
    fixed = {"元旦": (1, 1), "五一": (5, 1), "国庆": (10, 1), "清明": (4, 5)}
    if n in fixed:
        return _iso(year, *fixed[n])
    lunar = {"春": (1, 1), "元宵": (1, 15), "端午": (5, 5), "中秋": (8, 15)}
    key = "春" if n.startswith("春") else n
    if key in lunar:
        try:
            from lunar_python import Lunar

            solar = Lunar.fromYmd(year, *lunar[key]).getSolar()
            return _iso(solar.getYear(), solar.getMonth(), solar.getDay())
        except Exception:  # pragma: no cover - optional precision
            return None
    return None


_RECURRING = re.compile(
    r"(?:原则上|至少|坚持)?(?:每(?P<unit>天|日|周|星期|旬|月|季度|季|半年|学期|年)(?:末|底|初)?(?:[一1]次|一调度|一通报|一总结|一报|一研判|一分析|一督查|一检查|一排查|召开|报送|上报|开展|进行|组织|向|对|前|[\d一二三四五六七八九十]+日|(?<=[周期])[一二三四五六日天](?:前|之前)?)?"
    r"|按(?P<unit2>日|周|月|季度|季|年)(?:报送|上报|调度|通报)"
    r"|(?P<unit3>月|季|周|日)(?:调度|通报|报告|报送)(?:制度)?"
    r"|(?P<unit4>月度|季度)(?:通报|调度|报告|分析|讲评)(?:制度)?)"
)
_UNIT = {"天": "daily", "日": "daily", "周": "weekly", "星期": "weekly", "旬": "monthly", "月": "monthly", "月度": "monthly",
         "季度": "quarterly", "季": "quarterly", "半年": "half-yearly", "学期": "half-yearly", "年": "yearly"}
_IMMEDIATE = re.compile(r"(?:从即日起|自即日起|即日起|立行立改|立查立改|即查即改|立即|立刻|马上|迅速|第一时间|尽快|从现在开始|从现在起|随时(?:报送|上报|报告))")
_DATE_BY = re.compile(
    _YEAR + rf"(?P<m>{NUM})\s*月(?:份)?\s*(?:(?P<d>{NUM})\s*日?(?=\s*(?:前|之前|以前|止|为止))|(?P<d0>{NUM})\s*日|(?P<part>上旬|中旬|下旬|底|末|初|中))?\s*(?P<suffix>前|之前|以前|底前|末前|内|止|为止|截止)"
)
_DATE_ON = re.compile(_YEAR + rf"(?P<m>{NUM})\s*月\s*(?P<d>{NUM})\s*日(?!\s*(?:前|之前|以前|至|到|—|-|－|~))")
_YEAR_END = re.compile(r"(?P<y>\d{4}年)?(?P<what>年底前|年内|年底|年末前|年前|上半年|下半年|年中|一季度末|二季度末|三季度末|四季度末|季度末|月底前|月内|本月底|本月内|本周内|近两周内|一周内|两周内|(?:[一二三两\d]+个?)?(?:分钟|小时|工作日|日|天|周|月)内|提前[\d一二三两]+个?(?:小时|天|日))")
_EVENT_BY = re.compile(r"(?:汛|复工|复产|复工复产|开学|开工|入汛|主汛期|汛期(?:到来)?|节|放假|假期|暑假|寒假|雨季(?:到来)?|供暖|停工|(?:伏季)?休渔(?:期)?结束|开业|启用|投用|投入使用|交付使用|竣工|验收|上报|报送|会议召开|年度考核)(?:前|之前|以前)")
_HOLIDAY_BY = re.compile(_HOLIDAYS + r"(?:节)?\s*(?:前|之前|以前|到来之前|来临之前)")
_HOLIDAY_NAMES = _HOLIDAYS.replace("(?P<hol>", "(?:")
_HOLIDAY_PERIOD = re.compile(rf"(?P<hols>(?:{_HOLIDAY_NAMES}(?:节)?[、和与及]?){{1,3}})\s*(?:期间|假期|长假)")
_RANGE = re.compile(
    _YEAR + rf"(?P<m1>{NUM})\s*月(?:(?P<d1>{NUM})\s*日)?\s*(?:至|到|—|－|-|~|～)\s*(?:(?P<y2>\d{{4}})\s*年)?"
    rf"(?:(?P<m2>{NUM})\s*月(?:(?P<d2>{NUM})\s*日)?|(?<=日至)(?P<d3>{NUM})\s*日|(?<=日到)(?P<d4>{NUM})\s*日)"
)
# A month on its own as the time of an item: 6月份，……; 在6月集中开展…… (the month is the period).
_MONTH = re.compile(r"(?:(?P<pre>在|于))?" + _YEAR + rf"(?P<m>{NUM})\s*月(?P<fen>份)?(?![底末初中上下前内以\d一二三四五六七八九十日])")
_AFTER_MONTH = re.compile(r"\s*(?:[,，]|要|集中|组织|开展|期间)")
_PERIOD_WORDS = re.compile(
    r"(?:集中|用)(?:[\d一二三四五六七八九十两半]+)(?:个)?(?:月|周|天|星期|年)(?:左右)?(?:的)?(?:时间)?|"
    r"(?:主汛期|汛期|汛期期间|汛后|岁末年初|今冬明春|冬春季|冬春|夏季|冬季|春季|秋冬季|高温季节|高温期间|寒潮期间|暑期|暑假期间|寒假期间|节假日期间|节日期间|两会期间|"
    r"高温时段|重大活动期间|集中整治阶段|动员部署阶段|总结提升阶段|自查自纠阶段|巩固提升阶段|防汛期间|森林防火期|防火期|休渔期|禁渔期|禁采期|"
    r"[\u4e00-\u9fff“”]{2,8}?期间)"
)


_NAMED_PERIOD = re.compile(r"(?:汛期期间|高温期间|寒潮期间|暑假期间|寒假期间|节假日期间|节日期间|两会期间|重大活动期间|防汛期间)")
_SEASON_ONLY = re.compile(r"(主汛期|汛期|汛后|夏季|冬季|春季|秋冬季|冬春季?|暑期|高温季节)")


def _is_modifier(text: str, m: re.Match[str]) -> bool:
    """汛期 in 加强汛期防灾知识宣传 names a topic, not a time: a bare season word inside a
    noun phrase (a character on both sides, none of them a time preposition)."""
    if not _SEASON_ONLY.fullmatch(m.group(0)):
        return False
    before = text[m.start() - 1 : m.start()]
    after = text[m.end() : m.end() + 1]
    cjk = re.compile(r"[\u4e00-\u9fff]")
    return bool(cjk.match(before) and before not in "在于入是至到从" and cjk.match(after) and after not in "前内中时期间要")


@dataclass(frozen=True)
class DeadlineSpan:
    deadline: Deadline
    start: int
    end: int


def _year_of(m: re.Match[str], base_year: int | None) -> int | None:
    y = m.groupdict().get("y")
    if y and y[:4].isdigit():
        return int(y[:4])
    if y in ("明", "次", "今"):  # 明年1月底前: the year after the document's
        return None if base_year is None else base_year + (y != "今")
    if y:  # 20xx年: unknown year
        return None
    return base_year


def find_deadlines(text: str, base_year: int | None = None) -> list[DeadlineSpan]:
    """Every deadline-like span in ``text``, most specific first within overlaps."""
    return list(_find_deadlines(text, base_year))


@functools.lru_cache(maxsize=8192)
def _find_deadlines(text: str, base_year: int | None) -> tuple[DeadlineSpan, ...]:
    found: list[DeadlineSpan] = []

    def add(kind: str, m: re.Match[str], date: str | None = None, rec: str | None = None,
            span: tuple[int, int] | None = None) -> None:
        s, e = span or m.span()
        found.append(DeadlineSpan(Deadline(text[s:e], kind, date, rec, s, e), s, e))

    for m in _DATE_BY.finditer(text):
        y = _year_of(m, base_year)
        mo = _num(m.group("m"))
        d = _num(m.group("d") or m.group("d0"))
        part = m.group("part")
        if d is None and part:
            d = {"上旬": 10, "中旬": 20, "初": 10, "中": 15}.get(part, 31)
        elif d is None and m.group("d") is None and m.group("d0") is None and m.group("suffix") in ("前", "之前", "以前", "内", "底前", "末前"):
            d = 31 if m.group("suffix") in ("内", "底前", "末前") else 1
            if m.group("suffix") in ("前", "之前", "以前"):
                # "6月前": before June starts, i.e. by the end of May.
                if mo is not None:
                    mo, d = (mo - 1, 31) if mo > 1 else (12, 31)
                    if mo == 12 and y is not None:
                        y -= 1
        if re.fullmatch(r"[xX×]+", m.group("d") or m.group("d0") or "") or re.fullmatch(r"[xX×]+", m.group("m")):
            add("by", m)
        else:
            add("by", m, _iso(y, mo, d))
    for m in _RANGE.finditer(text):
        y = _year_of(m, base_year)
        mo, d = _num(m.group("m1")), _num(m.group("d1")) or 1
        add("period", m, _iso(y, mo, d))
    for m in _MONTH.finditer(text):
        after = _AFTER_MONTH.match(text, m.end())
        # 6月份 / 在6月 / 2020年6月， as the time of the work; not 按照2023年6月印发的方案.
        if not (m.group("fen") or (m.group("pre") and after) or (m.group("y") and after and after.group(0).strip() in ",，")):
            continue
        add("period", m, _iso(_year_of(m, base_year), _num(m.group("m")), 1))
    for m in _DATE_ON.finditer(text):
        y = _year_of(m, base_year)
        add("on", m, _iso(y, _num(m.group("m")), _num(m.group("d"))))
    for m in _YEAR_END.finditer(text):
        what = m.group("what")
        y = int(m.group("y")[:4]) if m.group("y") else base_year
        date = None
        if what in ("年底前", "年内", "年底", "年末前"):
            date = _iso(y, 12, 31)
        elif what == "上半年":
            date = _iso(y, 6, 30)
        elif what == "下半年":
            date = _iso(y, 12, 31)
        elif what.endswith("季度末"):
            q = "一二三四".find(what[0]) + 1
            date = _iso(y, 3 * q, 31) if q else None
        kind = "period" if what in ("上半年", "下半年", "年中") else "by"
        add(kind, m, date)
    for m in _HOLIDAY_BY.finditer(text):
        hol = m.group("hol")
        add("by", m, holiday_date(hol.strip("“”\""), base_year) if "两节" not in hol else None)
    for m in _EVENT_BY.finditer(text):
        add("by", m)
    for m in _HOLIDAY_PERIOD.finditer(text):
        names = re.findall(_HOLIDAY_NAMES, m.group("hols"))
        dates = [holiday_date(h.strip("“”\""), base_year) for h in names if "两节" not in h]
        add("period", m, min(dates) if dates and all(dates) else None)
    for m in _PERIOD_WORDS.finditer(text):
        if _is_modifier(text, m):
            continue
        if m.group(0).endswith("期间") and not _NAMED_PERIOD.fullmatch(m.group(0)):
            # The catch-all …期间: never over a span a specific pattern found, and only the
            # words after the last verb or preposition (交警大队要在节日期间 → 节日期间).
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            named = _NAMED_PERIOD.search(m.group(0))
            cut = named.start() if named else max(
                (i + 1 for i, ch in enumerate(m.group(0)[:-2]) if ch in "要在于对把将由的是、,，"), default=0)
            if len(m.group(0)) - cut < 4:
                continue
            # “安全生产月”期间 is June (of the document's year).
            date = _iso(base_year, 6, 1) if "安全生产月" in m.group(0)[cut:] else None
            add("period", m, date, span=(m.start() + cut, m.end()))
            continue
        add("period", m)
    for m in _RECURRING.finditer(text):
        unit = m.group("unit") or m.group("unit2") or m.group("unit3") or m.group("unit4")
        add("recurring", m, None, _UNIT.get(unit))
    for m in _IMMEDIATE.finditer(text):
        add("immediate", m)
    # Drop spans contained in a longer one found by a more specific pattern.
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[DeadlineSpan] = []
    for f in found:
        if any(o.start <= f.start and f.end <= o.end for o in out):
            continue
        out.append(f)
    return tuple(out)


_SPECIFICITY = {"by": 4, "on": 4, "recurring": 3, "period": 2, "immediate": 1}


def pick_deadline(spans: list[DeadlineSpan]) -> DeadlineSpan | None:
    """The one deadline of an item: the most specific (a dated one beats a vague one)."""
    if not spans:
        return None
    return max(spans, key=lambda s: (_SPECIFICITY[s.deadline.kind] + (1 if s.deadline.date else 0), -s.start))


__all__ = ["DeadlineSpan", "find_deadlines", "pick_deadline", "holiday_date"]
