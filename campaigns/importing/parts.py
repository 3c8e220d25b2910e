"""The structured parts read from the section tree, each by the words offices use:

- target groups: the “-” items of a section headed “Đối tượng …”;
- criteria: the lettered sub-sections (“a) Về xây dựng lực lượng”) of a section
  headed “Nội dung …” or “Tiêu chí …”, each a group with its “-” items;
- targets: “100% …”, “từ 75% trở lên …”, “đạt 95% …” in any paragraph;
- the period: “Thời gian thi đua: Từ ngày 01/02/2025 - 31/12/2025”, “thường
  xuyên, liên tục”, “Định kỳ hằng năm … vào (đầu) tháng 11”, “tổng kết … 05 năm”;
- awards: “Tặng <award> cho <NN> <who>”, “… dẫn đầu mỗi huyện” (per parent unit);
- deadlines: “… (hồ sơ|báo cáo) … về <unit> … trước ngày DD tháng MM năm YYYY”
  (once) or “… trước ngày DD tháng MM hằng năm” (yearly);
- assignments: the numbered items under “TỔ CHỨC THỰC HIỆN”, each led by the
  unit it names.
Each carries the source lines it came from (the section's or paragraph's)."""

import datetime
import re
from dataclasses import dataclass, field

from campaigns.importing.sections import Section


@dataclass
class Found:
    """One recognised row: ``values`` as the plan's model fields name them."""

    kind: str  # target_group | criterion_group | criterion | target | period | quota | deadline | assignment
    values: dict
    lines: list[int] = field(default_factory=list)


def _walk(sections: list[Section]):
    for section in sections:
        yield section
        yield from _walk(section.children)


def _items(section: Section) -> list[str]:
    return [re.sub(r"^[-–+•]\s*", "", text).rstrip(";.").strip() for text in section.body
            if re.match(r"^[-–+•]\s", text)]


def target_groups(sections: list[Section]) -> list[Found]:
    found = []
    for section in _walk(sections):
        if re.match(r"^Đối tượng", section.heading, re.I):
            items = _items(section) or [text.rstrip(".") for text in section.body]
            found.extend(Found("target_group", {"name": item}, section.lines) for item in items if item)
    return found


def criteria(sections: list[Section]) -> list[Found]:
    found = []
    for section in _walk(sections):
        if not re.match(r"^(?:Nội dung|Tiêu chí)", section.heading, re.I):
            continue
        for group in section.children:
            if group.numbering != "letter":
                continue
            title = group.heading or (group.body[0] if group.body else "")
            found.append(Found("criterion_group", {"title": title.rstrip(":")}, group.lines))
            items = _items(group) or group.body[1 if not group.heading else 0:]
            found.extend(Found("criterion", {"group": title, "text": item}, group.lines) for item in items if item)
    return found


TARGET = re.compile(r"(?P<prefix>(?:từ|đạt|có|trên)\s+)?(?P<value>\d+(?:[.,]\d+)?)\s*%(?P<after>\s+trở lên)?"
                    r"\s*(?P<measure>[^,;.()]{0,80})")
FILLER = re.compile(r"\b(?:đạt|từ|có|trên|trong đó|phấn đấu|bảo đảm|đảm bảo)\s*$")


def _measure(text: str, match) -> str:
    """What the share is of: the words after it (“100% đạt yêu cầu”) or, when those are
    too few to say, the clause before it (“Tuyển quân đạt 100% chỉ tiêu”)."""
    after = match["measure"].strip()
    before = re.split(r"[,;.:]", text[:match.start()])[-1].strip()
    before = FILLER.sub("", before).strip()
    if len(after.split()) >= 2 or not before:
        return after
    return f"{before} {after}".strip() if after else before


def targets(sections: list[Section]) -> list[Found]:
    found = []
    for section in _walk(sections):
        for text in section.body:
            for match in TARGET.finditer(text):
                comparison = "gte" if match["after"] or (match["prefix"] or "").startswith(("từ", "trên")) else "eq"
                found.append(Found("target", {
                    "measure": _measure(text, match), "comparison": comparison,
                    "value": match["value"].replace(",", "."), "unit_of_measure": "%"}, section.lines))
    return found


DATE = r"(?P<day>\d{1,2})\s*(?:tháng\s*|/)\s*(?P<month>\d{1,2})\s*(?:năm\s*|/)\s*(?P<year>\d{4})"
END_DATE = r"(?P<day2>\d{1,2})\s*(?:tháng\s*|/)\s*(?P<month2>\d{1,2})\s*(?:năm\s*|/)\s*(?P<year2>\d{4})"
RANGE = re.compile(rf"[Tt]ừ\s+ngày\s+{DATE}\s*(?:-|–|đến(?:\s+ngày)?)\s*{END_DATE}")
START = re.compile(rf"(?:từ|kể từ)\s+(?:ngày\s+{DATE}|"
                   r"tháng\s+(?P<smonth>\d{1,2})\s*(?:năm\s*|/)\s*(?P<syear>\d{4}))")
REVIEW = re.compile(r"[Đđ]ịnh kỳ hằng năm.{0,80}?(?:vào\s+)?(?:đầu\s+|cuối\s+)?tháng\s+(?P<month>\d{1,2})", re.S)
SUMMARY = re.compile(r"tổng kết.{0,40}?(?P<years>\d{1,2})\s+năm", re.S)


def period(sections: list[Section]) -> list[Found]:
    values, lines = {}, []
    for section in _walk(sections):
        for text in section.body:
            if match := RANGE.search(text):
                values.update(period_kind="fixed",
                              starts_on=datetime.date(int(match["year"]), int(match["month"]), int(match["day"])),
                              ends_on=datetime.date(int(match["year2"]), int(match["month2"]), int(match["day2"])))
                lines.extend(section.lines)
            elif "thường xuyên, liên tục" in text and (start := START.search(text)):
                day = int(start["day"]) if start["day"] else 1
                values.update(period_kind="continuous", starts_on=datetime.date(
                    int(start["year"] or start["syear"]), int(start["month"] or start["smonth"]), day))
                lines.extend(section.lines)
            if review := REVIEW.search(text):
                values["review_month"] = int(review["month"])
                lines.extend(section.lines)
            if summary := SUMMARY.search(text):
                values["summary_every_years"] = int(summary["years"])
    return [Found("period", values, sorted(set(lines)))] if values else []


AWARD = re.compile(r"^[-–+]?\s*Tặng\s+(?P<award>.+?)\s+cho\s+(?P<count>\d{1,3})\s+(?P<who>.+?)\.?$", re.S)


def quotas(sections: list[Section]) -> list[Found]:
    found = []
    for section in _walk(sections):
        for text in section.body:
            if match := AWARD.match(text):
                who = match["who"].rstrip(";. ")
                found.append(Found("quota", {
                    "award": match["award"].strip(), "count": int(match["count"]), "recipient_phrase": who,
                    "per_parent": bool(re.search(r"\bmỗi\s+(?:huyện|tỉnh|xã|đơn vị)", who)),
                    "per_bloc": bool(re.search(r"\bmỗi\s+(?:cụm|khối)", who))}, section.lines))
    return found


ONCE = re.compile(rf"trước\s+ngày\s+{DATE}")
YEARLY = re.compile(r"trước\s+ngày\s+(?P<day>\d{1,2})\s*(?:tháng\s*|/)\s*(?P<month>\d{1,2})\s+hằng\s+năm")
TO_UNIT = re.compile(r"\bvề\s+(?P<unit>(?:Phòng|Ban|Sở|Ủy ban|Bộ|Công an|Văn phòng)[^,;()]*?(?:,\s*[^,;()]+?)?)"
                     r"(?:\s*\(|\s+trước|\s*;|\s*$)")


def deadlines(sections: list[Section]) -> list[Found]:
    found = []
    for section in _walk(sections):
        for text in section.body:
            kind = "nominations" if re.search(r"hồ sơ|đề nghị khen thưởng", text) else "progress_report"
            unit = TO_UNIT.search(text)
            if match := YEARLY.search(text):
                found.append(Found("deadline", {"kind": kind, "recurrence": "yearly", "day": int(match["day"]),
                                                "month": int(match["month"]),
                                                "to_unit": unit["unit"].strip() if unit else ""}, section.lines))
            elif match := ONCE.search(text):
                found.append(Found("deadline", {
                    "kind": kind, "recurrence": "once",
                    "due_on": datetime.date(int(match["year"]), int(match["month"]), int(match["day"])),
                    "to_unit": unit["unit"].strip() if unit else ""}, section.lines))
    return found


UNIT_WORDS = r"(?:Ủy ban|UBND|Sở|Ban|Bộ|Công an|Phòng|Hội đồng|Trung tâm)"
LEADS = re.compile(rf"^(?:Giao\s+|Đề nghị\s+)?(?P<unit>(?:Các\s+)?{UNIT_WORDS}"
                   r"[^,:;(]{0,80}?)(?:\s*\(|\s*:|\s+(?:chủ trì|phối hợp|chỉ đạo|xây dựng|tổ chức|theo dõi|có trách))")


def assignments(sections: list[Section]) -> list[Found]:
    found = []
    for section in sections:
        if not re.match(r"^TỔ CHỨC THỰC HIỆN", section.heading, re.I):
            continue
        for item in section.children:
            text = " ".join([item.heading, *item.body]).strip() if item.run_in else " ".join(item.body).strip()
            if not text:
                continue
            lead = LEADS.match(text)
            found.append(Found("assignment", {"text": text, "unit": lead["unit"].strip() if lead else ""},
                               item.lines))
    return found


RECOGNISERS = (target_groups, criteria, targets, period, quotas, deadlines, assignments)


def structured_parts(sections: list[Section]) -> list[Found]:
    return [found for recognise in RECOGNISERS for found in recognise(sections)]
