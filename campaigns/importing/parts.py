"""The structured parts read from the section tree, each by the words offices use:

- theme and motto: “với chủ đề: “…””, “tư tưởng chỉ đạo xuyên suốt là: “…””,
  a “khẩu hiệu” or “phương châm” in quotes;
- funding: the body of a section headed “Kinh phí …”;
- target groups: the “-” items of a section headed “Đối tượng …”, else the
  lettered criteria groups “a) Đối với <who>”;
- criteria: the lettered sub-sections (“a) Về xây dựng lực lượng”) of a section
  headed “Nội dung …” or “Tiêu chí …”, each a group with its “-” items (and the
  paragraphs that run on after an item);
- targets: “100% …”, “từ 75% trở lên …”, “đạt 95% …” in any paragraph, with
  what the share is of;
- the period: “Thời gian thi đua: Từ ngày 01/02/2025 - 31/12/2025”, “thường
  xuyên, liên tục”, “Định kỳ hằng năm … vào (đầu) tháng 11”, “tổng kết … 05 năm”;
- awards: “Tặng <award> cho <NN> <who>”, “… dẫn đầu mỗi huyện” (per parent unit);
  or listed under “Khen thưởng” / “Hình thức khen thưởng”, by occasion
  (“Khen thưởng hằng năm: …”, “Khen thưởng tổng kết: …”);
- deadlines: “… (hồ sơ|báo cáo) … về <unit> … trước ngày DD tháng MM năm YYYY”
  (once) or “… trước ngày DD tháng MM hằng năm” (yearly); and the plans the
  units below must make: “Ủy ban nhân dân các huyện … xây dựng kế hoạch …
  (trong quý IV năm 2025)”;
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

    kind: str  # target_group | criterion_group | criterion | target | period | quota | deadline |
    #            implementing_plan | assignment | theme | motto | funding
    values: dict
    lines: list[int] = field(default_factory=list)
    # What plan_spec takes besides ``values`` (which keep the shape the review screen knows): a
    # target's fuller wording, the words a deadline takes out of its assignment, its lead sentence.
    spec_values: dict = field(default_factory=dict)


def _walk(sections: list[Section]):
    for section in sections:
        yield section
        yield from _walk(section.children)


def _items(section: Section) -> list[str]:
    return [re.sub(r"^[-–+•]\s*", "", text).rstrip(";.").strip() for text in section.body
            if re.match(r"^[-–+•]\s", text)]


def _joined_items(section: Section) -> list[str]:
    """The “-” items, each with the unnumbered paragraphs that run on after it (a PDF line
    break after “… địa phương.” starts “Có sáng kiến …” as a paragraph of its own); a note
    (“* Lưu ý: …”) is no item's. Each keeps its end mark: a criterion prints as it is kept."""
    items: list[str] = []
    for text in section.body:
        if re.match(r"^[-–+•]\s", text):
            items.append(re.sub(r"^[-–+•]\s*", "", text))
        elif items and not text.startswith("*"):
            items[-1] = f"{items[-1]} {text}"
    return [item.strip() for item in items]


def target_groups(sections: list[Section]) -> list[Found]:
    found = []
    for section in _walk(sections):
        if re.match(r"^Đối tượng", section.heading, re.I):
            items = _items(section) or [text.rstrip(".") for text in section.body]
            found.extend(Found("target_group", {"name": item}, section.lines) for item in items if item)
    if found:
        return found
    # No “Đối tượng” section: the criteria are written per target group (“a) Đối với các sở, ban, ngành tỉnh”).
    for section in _walk(sections):
        if re.match(r"^(?:Nội dung|Tiêu chí)", section.heading, re.I):
            for group in section.children:
                title = group.heading or (group.body[0] if group.body else "")
                if group.numbering == "letter" and (named := re.match(r"^Đối với\s+(?P<who>.+)$", title)):
                    who = named["who"].strip().rstrip(":")
                    found.append(Found("target_group", {"name": who[0].upper() + who[1:]}, group.lines))
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
            items = _joined_items(group) or group.body[1 if not group.heading else 0:]
            found.extend(Found("criterion", {"group": title, "text": item}, group.lines) for item in items if item)
    return found


TARGET = re.compile(r"(?P<prefix>(?:từ|đạt|có|trên)\s+)?(?P<value>\d+(?:[.,]\d+)?)\s*%(?P<after>\s+trở lên)?")
FILLER = re.compile(r"\b(?:đạt|từ|có|trên|trong đó|phấn đấu|bảo đảm|đảm bảo)\s*$")


def _measure(text: str, match) -> str:
    """The review screen's short wording: the words after the share (“100% đạt yêu cầu”) or,
    when those are too few to say, the clause before it (“Tuyển quân đạt 100% chỉ tiêu”)."""
    after = re.match(r"\s*([^,;.()]{0,80})", text[match.end():]).group(1).strip()
    before = re.split(r"[,;.:]", text[:match.start()])[-1].strip()
    before = FILLER.sub("", before).strip()
    if len(after.split()) >= 2 or not before:
        return after
    return f"{before} {after}".strip() if after else before


CLAUSE_END = re.compile(r"[.;(]|\s+trong đó\b")
# What a share's wording is cut of at either end: “trong năm có 100%”, “đạt 100% chỉ tiêu”, “và 70% …”.
TRAILING = re.compile(r"[\s,]*\b(?:và|trong đó|trong năm|có|từ|trên)\s*$|[\s,]+$")
LEADING = re.compile(r"^(?:.*\bphấn đấu\s+|(?:Thực hiện\s+)?(?:công tác\s+)?)", re.I)
# A wording that says what is reached, not by whom: “100% đạt yêu cầu”, “75% trở lên khá, giỏi”.
PREDICATE = re.compile(r"^(?:đạt\b|khá\b|giỏi\b|hoàn thành\b)")


def _trim(text: str) -> str:
    text = " ".join(text.split())
    while (trimmed := TRAILING.sub("", text)) != text:
        text = trimmed
    # “cán bộ, đảng viên cán bộ, đảng viên hoàn thành …”: a phrase typed twice.
    return re.sub(r"\b(\w[\w ,]{3,40}?)\s+\1\b", r"\1", text).strip()


def targets(sections: list[Section]) -> list[Found]:
    """Each share with what it is of: the words after it (“100% cấp ủy, tổ chức đảng hoàn thành
    tốt …”), or, when those only say what is reached (“có 100% đạt yêu cầu”, “đạt 100% chỉ
    tiêu”), the subject before it; a second share in the same clause (“…, trong đó có từ 75%
    trở lên khá, giỏi”) keeps the first one's subject."""
    found = []
    for section in _walk(sections):
        for text in section.body:
            matches = list(TARGET.finditer(text))
            subject, clause_start = "", -1
            for index, match in enumerate(matches):
                ends = [m.start() for m in CLAUSE_END.finditer(text, match.end())][:1]
                if index + 1 < len(matches):
                    following = matches[index + 1]
                    between = text[match.end():following.start()]
                    if (following["prefix"] or "").startswith("đạt") and ", " in between:
                        # “đạt 95% quân số, phương tiện kỹ thuật dự bị đạt 100%”: the next share has its own subject.
                        ends.append(match.end() + between.rindex(", "))
                    ends.append(following.start())
                after = _trim(text[match.end():min(ends, default=len(text))])
                starts = max(text.rfind(".", 0, match.start()), text.rfind(";", 0, match.start()))
                before = text[starts + 1:match.start()]
                own_subject = ""
                if index > 0 and (match["prefix"] or "").startswith("đạt"):
                    since_previous = text[matches[index - 1].end():match.start()]
                    if ", " in since_previous and not re.search(r"[.;]", since_previous):
                        own_subject = _trim(since_previous[since_previous.rindex(", ") + 2:])
                joined_to_previous = starts == clause_start and index > 0 and not own_subject
                if own_subject:
                    subject = own_subject
                elif not joined_to_previous:
                    subject = _trim(LEADING.sub("", before.strip()))
                clause_start = starts
                # A share below the whole is a floor to reach: “70% xã đạt vững mạnh” is at least 70%.
                gte = bool(match["after"]) or (match["prefix"] or "").startswith(("từ", "trên")) or bool(
                    re.search(r"trong đó(?:\s+có)?\s*$", before)) or float(match["value"].replace(",", ".")) < 100
                if after and (PREDICATE.match(after) or len(after.split()) <= 2) and subject:
                    # “tuyển quân đạt 100% chỉ tiêu”: the “đạt” before the share belongs to the wording.
                    reached = "đạt " if (match["prefix"] or "").startswith("đạt") and not PREDICATE.match(after) else ""
                    measure = f"{subject} {reached}{after}".strip()
                else:
                    measure = after or re.sub(r"\s+đạt$", "", subject)
                if measure:
                    measure = measure[0].upper() + measure[1:]
                found.append(Found("target", {
                    "measure": _measure(text, match), "comparison": "gte" if gte else "eq",
                    "value": match["value"].replace(",", "."), "unit_of_measure": "%"}, section.lines,
                    spec_values={"measure": measure}))
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
# “Giấy khen của Hiệu trưởng.”, “Khen thưởng hằng năm: Bằng khen …; Giấy khen …”, “+ Danh hiệu thi
# đua gồm: Cờ Thi đua của Chính phủ; …” under a heading “Khen thưởng” / “Hình thức khen thưởng”.
AWARDS_HEADING = re.compile(r"^(?:Hình thức\s+)?khen thưởng$", re.I)
AWARD_NAME = re.compile(r"^(?:Bằng khen|Giấy khen|Cờ [Tt]hi đua|Huân chương|Huy chương|Chiến sĩ thi đua|"
                        r"Tập thể lao động|Lao động tiên tiến)\b")
OCCASIONS = (("hằng năm", "annual"), ("tổng kết", "summary"))


def _listed_awards(section: Section) -> list[Found]:
    found, occasion = [], "campaign"
    for text in section.body:
        item = re.sub(r"^[-–+•]\s*", "", text).strip()
        if heading := re.match(r"^Khen thưởng\s+(?P<when>[^:]+):\s*", item, re.I):
            occasion = next((kind for words, kind in OCCASIONS if words in heading["when"]), occasion)
            item = item[heading.end():]
        item = re.sub(r"^[^:;]{0,40}\bgồm\s*:\s*", "", item)
        for piece in item.split(";"):
            piece = piece.strip().rstrip(".").strip()
            if AWARD_NAME.match(piece):
                found.append(Found("quota", {"award": piece, "count": None, "recipient_phrase": "",
                                             "per_parent": False, "per_bloc": False, "occasion": occasion},
                                   section.lines))
    return found


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
        if AWARDS_HEADING.match(section.heading) and not any(AWARD.match(text) for text in section.body):
            found.extend(_listed_awards(section))
    return found


ONCE = re.compile(rf"trước\s+ngày\s+{DATE}")
YEARLY = re.compile(r"trước\s+ngày\s+(?P<day>\d{1,2})\s*(?:tháng\s*|/)\s*(?P<month>\d{1,2})\s+hằng\s+năm")
TO_UNIT = re.compile(r"\bvề\s+(?P<unit>(?:Phòng|Ban|Sở|Ủy ban|Bộ|Công an|Văn phòng)[^,;()]*?(?:,\s*[^,;()]+?)?)"
                     r"(?:\s*\(|\s+trước|\s+và\s|\s+để\s|\s*;|\s*$)")


SENTENCE = re.compile(r"[^.]*?(?:\.(?:/\.)?(?=\s|$)|$)")  # a plan's last sentence ends “./.”
# “Ủy ban nhân dân các huyện, … xây dựng kế hoạch cụ thể …”, “Các sở, … xây dựng, ban hành Kế hoạch triển
# khai … trong quý IV năm 2025”: the units below make their own plan, and send it to the issuer.
OWN_PLAN = re.compile(r"^(?:[-–+]\s*)?(?P<who>(?:Các|Ủy ban nhân dân các|UBND các)\s[^.;:]*?)\s+xây dựng"
                      r"(?:,\s*ban hành)?\s+[Kk]ế hoạch\b")
QUARTER = re.compile(r"trong\s+quý\s+(?P<quarter>IV|III|II|I)\s+năm\s+(?P<year>\d{4})")
QUARTER_ENDS = {"I": (3, 31), "II": (6, 30), "III": (9, 30), "IV": (12, 31)}


def _sentence_at(text: str, position: int) -> str:
    return next((match.group(0).strip() for match in SENTENCE.finditer(text)
                 if match.start() <= position < max(match.end(), match.start() + 1)), text)


def deadlines(sections: list[Section]) -> list[Found]:
    """Deadlines, and the plans the units below must make (kind ``implementing_plan``). A
    deadline's ``spec_values`` hold ``clause`` (the words its assignment loses: the sentence
    when it is only the deadline, “Thời gian báo cáo … trước ngày …”, else the “trước ngày …”
    words) and ``lead`` (that sentence without its date)."""
    found = []
    for section in _walk(sections):
        for text in section.body:
            if own := OWN_PLAN.match(text):
                quarter = QUARTER.search(text)
                due_on = None
                if quarter:
                    month, day = QUARTER_ENDS[quarter["quarter"]]
                    due_on = datetime.date(int(quarter["year"]), month, day)
                found.append(Found("implementing_plan", {"due_on": due_on, "from_phrase": own["who"].strip()},
                                   section.lines))
            kind = "nominations" if re.search(r"hồ sơ|đề nghị khen thưởng", text) else "progress_report"
            unit = TO_UNIT.search(text)
            values = {"kind": kind, "to_unit": unit["unit"].strip() if unit else ""}
            if match := YEARLY.search(text):
                values.update(recurrence="yearly", day=int(match["day"]), month=int(match["month"]))
            elif match := ONCE.search(text):
                values.update(recurrence="once", due_on=datetime.date(int(match["year"]), int(match["month"]),
                                                                      int(match["day"])))
            else:
                continue
            sentence = _sentence_at(text, match.start())
            alone = sentence.startswith("Thời gian")
            found.append(Found("deadline", values, section.lines, spec_values={
                "clause": sentence if alone else match.group(0),
                "lead": sentence.replace(match.group(0), "").strip(" ./") if alone else ""}))
    return found


UNIT_WORDS = r"(?:Ủy ban|UBND|Sở|Ban|Bộ|Công an|Phòng|Hội đồng|Trung tâm)"
CAPITALS = "A-ZĐÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ"
# A comma before a capital goes on with the name (“Sở Văn hóa, Thể thao và Du lịch”); before
# a small letter it ends it (“Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức …”).
LEAD_VERBS = ("chủ trì|phối hợp|chỉ đạo|xây dựng|tổ chức|theo dõi|có trách|thường xuyên|hướng dẫn|tham mưu|căn cứ|"
              "triển khai|báo cáo|quán triệt|kiểm tra")
# “Ủy ban nhân dân các huyện, thị xã, thành phố”: after “các”, the kinds of unit it lists.
LEVEL_LIST = r"(?:,\s+(?:thị xã|thành phố|xã|phường|thị trấn|huyện|ban|ngành|đoàn thể)\b)*"
LEADS = re.compile(rf"^(?:Giao\s+|Đề nghị\s+)?(?P<unit>(?:Các\s+)?{UNIT_WORDS}"
                   rf"[^,:;(]{{0,80}}?(?:\bcác\s+\w+(?:\s\w+)?{LEVEL_LIST})?(?:,\s+[{CAPITALS}][^,:;(]{{0,60}}?)*)(?:\s*\(|\s*:|\s*,|\s+(?:{LEAD_VERBS}))")


def assignments(sections: list[Section]) -> list[Found]:
    found = []
    for section in sections:
        if not re.match(r"^TỔ CHỨC THỰC HIỆN", section.heading, re.I):
            continue
        for item in section.children:
            # A run-in heading (“4. Hội đồng Thi đua - Khen thưởng các cấp: phân công …”) keeps its colon.
            text = (f"{item.heading}: {' '.join(item.body)}".strip() if item.run_in else
                    "\n".join(item.body).strip())
            if not text:
                continue
            lead = LEADS.match(text)
            found.append(Found("assignment", {"text": text, "unit": lead["unit"].strip() if lead else ""},
                               item.lines))
    return found


THEME = re.compile(r"(?:với\s+)?chủ đề\s*:?\s*[*_]*[“\"](?P<text>[^”\"]+)[”\"]", re.I)
MOTTO = re.compile(r"(?:khẩu hiệu|phương châm|tư tưởng chỉ đạo(?: xuyên suốt)?(?: là)?)\s*:?\s*[*_]*[“\"]"
                   r"(?P<text>[^”\"]+)[”\"]", re.I)


def theme_and_motto(sections: list[Section]) -> list[Found]:
    """“… với chủ đề: “Dân chủ, đoàn kết, …” với tư tưởng chỉ đạo xuyên suốt là: “…””; a
    “khẩu hiệu” or “phương châm” in quotes is the motto."""
    found = []
    for section in _walk(sections):
        for text in section.body:
            for kind, pattern in (("theme", THEME), ("motto", MOTTO)):
                if (match := pattern.search(text)) and not any(item.kind == kind for item in found):
                    found.append(Found(kind, {"text": " ".join(match["text"].split()).strip(" .")}, section.lines))
    return found


def funding(sections: list[Section]) -> list[Found]:
    """The body of the section headed “Kinh phí …”."""
    for section in _walk(sections):
        if re.match(r"^Kinh phí", section.heading, re.I) and section.body:
            return [Found("funding", {"text": " ".join(section.body)}, section.lines)]
    return []


RECOGNISERS = (theme_and_motto, funding, target_groups, criteria, targets, period, quotas, deadlines, assignments)


def structured_parts(sections: list[Section]) -> list[Found]:
    return [found for recognise in RECOGNISERS for found in recognise(sections)]
