"""A recognised plan as the plain values the seed plans are written in
(``campaigns.specs``), so the review screen and ``plan_build`` take an imported
plan the same way they take a seed.

The one difference from a seed: a seed names units by their code, an imported
plan cannot know codes, so every unit reference holds the unit's name as the
document prints it (see ``plan_spec``)."""

import datetime
import re

from campaigns.importing.parts import Found
from campaigns.importing.recognise import ImportedPlan
from campaigns.importing.sections import Section
from campaigns.specs import (
    AssignmentSpec,
    BasisSpec,
    CriterionGroupSpec,
    DeadlineSpec,
    PlanSpec,
    QuotaSpec,
    RecipientSpec,
    SectionSpec,
    TargetGroupSpec,
    TargetSpec,
)
from emulation.text import fold

# The section headings whose contents are a structured part: the section keeps its
# heading and becomes that part's block, its items go to the part.
BLOCKS = (
    (re.compile(r"^Đối tượng(?:\s+thi đua)?$", re.I), "target_groups"),
    (re.compile(r"^(?:Nội dung|Tiêu chí)", re.I), "criteria"),
    (re.compile(r"^Thời gian(?:\s+thi đua)?$", re.I), "period"),
    (re.compile(r"^(?:Hình thức\s+)?khen thưởng$|^Khen thưởng\b", re.I), "awards"),
    (re.compile(r"^Kinh phí", re.I), "funding"),
    (re.compile(r"^TỔ CHỨC THỰC HIỆN$", re.I), "assignments"),
)

# Printed award names → the catalogue's name, for wordings the catalogue does not use.
AWARD_WORDINGS = (
    (re.compile(r"^Bằng khen của Chủ tịch (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) tỉnh\b", re.I),
     "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    (re.compile(r"^Cờ thi đua của (?:UBND|Ủy ban nhân dân) tỉnh\b", re.I), "Cờ thi đua cấp bộ, ngành, tỉnh"),
    (re.compile(r"^Giấy khen\b", re.I), "Giấy khen"),
)

# The recogniser's numbering styles → the section's (I., 1., a) are the automatic levels).
NUMBERING = {"roman": "auto", "arabic": "auto", "dotted": "auto", "letter": "auto",
             "ordinal_words": "ordinal_words", "bullet": "bullet", "none": "none"}

AUTHORITIES = {"tm": "tm", "kt": "kt", "q": "q", "tm_kt": "tm_kt", "head": "head"}


def award_name(printed: str) -> str:
    """The catalogue's wording for a printed award where the plan words it its own way, else the
    printed name (matched to the catalogue in the database, whatever its case and accents, by
    ``campaigns.importing.matching.award_matches``)."""
    printed = " ".join(printed.split())
    for pattern, name in AWARD_WORDINGS:
        if pattern.match(printed):
            return name
    return printed


def _block(heading: str) -> str:
    return next((block for pattern, block in BLOCKS if pattern.match(heading.strip())), "text")


def _sections(sections: list[Section], prefix: str, keys: dict[int, str]) -> list[SectionSpec]:
    specs = []
    for index, section in enumerate(sections, start=1):
        key = f"{prefix}{index}"
        keys[id(section)] = key
        block = _block(section.heading) if section.heading else "text"
        if block == "criteria" and not any(child.numbering == "letter" for child in section.children):
            block = "text"  # “Nội dung phát động” with its own paragraphs, not lettered criteria
        body, children = section.body, section.children
        if block in ("target_groups", "period", "awards", "funding", "assignments"):
            # The block prints these from the structured part; the funding text is plan.funding.
            body, children = [], []
        elif block == "criteria":
            # The lettered groups are the criteria; the section keeps its lead-in and its notes
            # (“* Lưu ý: …” after the last group), the notes as unnumbered children.
            notes = [Section(level=section.level + 1, numbering="none", label="", heading="", body=[text])
                     for child in children if child.numbering == "letter"
                     for text in child.body if text.startswith("*")]
            children = [child for child in children if child.numbering != "letter"] + notes
        specs.append(SectionSpec(
            heading=section.heading, body="\n".join(body), block=block,
            numbering=NUMBERING.get(section.numbering, "auto"),
            run_in=section.run_in, children=_sections(children, f"{key}-", keys), key=key))
    return specs


def _of(parts: list[Found], kind: str) -> list[Found]:
    return [found for found in parts if found.kind == kind]


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", fold(text)) if len(word) > 1}


def _target_group(phrase: str, groups: list[TargetGroupSpec]) -> int | None:
    """The target group an award's recipients belong to: the one sharing most words with them."""
    scores = [(len(_words(phrase) & _words(group.name)), index) for index, group in enumerate(groups)]
    best = max(scores, default=(0, None))
    return best[1] if best[0] >= 2 else None


def _section_key(lines: list[int], plan: ImportedPlan, keys: dict[int, str]) -> str:
    def walk(sections):
        for section in sections:
            yield section
            yield from walk(section.children)

    return next((keys[id(section)] for section in walk(plan.sections)
                 if lines and section.lines == lines and id(section) in keys), "")


# “UBND huyện Ba Tơ ban hành kế hoạch …”, “Chủ tịch Ủy ban nhân dân tỉnh ban hành …”: who issues
# the plan, when the header lost its issuer block.
ISSUES = re.compile(r"^(?:Chủ tịch\s+|Thủ trưởng\s+)?"
                    r"(?P<who>(?:Ủy ban nhân dân|UBND|Ban|Sở|Trường|Hội đồng)\b[^,.;:]*?)\s+ban hành\b")


def _issuer(plan: ImportedPlan) -> str:
    if plan.header.issuer_lines:
        return " ".join(plan.header.issuer_lines)
    said = next((match for text in plan.preamble if (match := ISSUES.search(text))), None)
    return said["who"].strip() if said else ""


def _period(found: list[Found]) -> tuple:
    if not found:
        return ("fixed", None, None)
    values = found[0].values
    return (values.get("period_kind", "fixed"), values.get("starts_on"), values.get("ends_on"))


def plan_spec(imported: ImportedPlan) -> PlanSpec:
    """The imported plan as a ``PlanSpec``, shaped like the seeds in ``demo.seed_plans``.

    Conventions (the review screen and the unit matcher rely on them):

    - Every unit reference — ``issuer``, ``AssignmentSpec.units``,
      ``DeadlineSpec.from_units`` / ``to_unit``, ``RecipientSpec.units``,
      ``TargetGroupSpec.scope`` — holds the unit's name *as printed* (the
      issuer as its header lines joined, in capitals: "ỦY BAN NHÂN DÂN TỈNH AN
      GIANG", or when the header lost them the body the preamble says issues
      the plan: "UBND huyện Ba Tơ"; others as the sentence has them: "Bộ CHQS
      tỉnh"; a group as its phrase: "Ủy ban nhân dân các huyện, thị xã, thành
      phố"), never a code. Matching names to units is left to the caller.
    - ``QuotaSpec.award`` is the award catalogue's name when the printed name
      is one of its wordings ("Bằng khen của Chủ tịch UBND tỉnh" → "Bằng khen
      của Chủ tịch Ủy ban nhân dân tỉnh"), else the printed name;
      ``printed_name`` is always the printed name.
    - Legal bases are ``BasisSpec`` with ``outside_document`` and ``plan`` left
      None; ``citation`` holds the recognised citation as a dict (doc_type,
      number_symbol, issued_on, issuer_name, connector, subject) or None.
    - Sections are the tree as numbered in the document; a section whose
      heading names a structured part gets that part's ``block`` and loses the
      items the part took (a lettered criteria group's “* Lưu ý” note stays, as
      an unnumbered child). Numbering is the seeds' ("auto" for I./1./a),
      "ordinal_words", "none"). Keys are positional ("2", "2-1", …) and
      targets point at them.
    - Deadlines include "implementing_plan" (the units below make their own
      plan, sent to the issuer); a deadline's words leave its assignment's
      text, and a yearly one falls due first on or after the period's start.
    - The “./.” closing the last sentence becomes “.”.
    - ``key`` is empty and ``state`` is "issued" when the header has a number,
      else "awaiting_signature" (a draft's month gives ``draft_date``).
    """
    header, parts, closing = imported.header, imported.parts, imported.closing
    keys: dict[int, str] = {}
    sections = _sections(imported.sections, "", keys)
    target_groups = [TargetGroupSpec(name=found.values["name"], unit_kinds=list(found.values.get("unit_kinds", [])),
                                     levels_below=found.values.get("levels_below"),
                                     recipient_kind=found.values.get("recipient_kind", "collective"),
                                     scope=found.values.get("scope", ""))
                     for found in _of(parts, "target_group")]
    criterion_groups = []
    group_names = [fold(group.name) for group in target_groups]
    for found in parts:
        if found.kind == "criterion_group":
            # “Đối với các sở, ban, ngành tỉnh”: the criteria of that target group.
            named = re.match(r"^Đối với\s+(?P<who>.+)$", found.values["title"])
            group = group_names.index(fold(named["who"])) if named and fold(named["who"]) in group_names else None
            criterion_groups.append(CriterionGroupSpec(title=found.values["title"], criteria=[], target_group=group))
        elif found.kind == "criterion" and criterion_groups:
            criterion_groups[-1].criteria.append(found.values["text"])
    targets = [TargetSpec(section=_section_key(found.lines, imported, keys),
                          measure=found.spec_values.get("measure") or found.values["measure"],
                          comparison=found.values["comparison"], value=found.values["value"],
                          unit_of_measure=found.values.get("unit_of_measure", "%"))
               for found in _of(parts, "target")]
    quotas = []
    for found in _of(parts, "quota"):
        printed = found.values["award"]
        phrase = found.values.get("recipient_phrase", "")
        quotas.append(QuotaSpec(award=award_name(printed), printed_name=printed, count=found.values.get("count"),
                                target_group=_target_group(phrase, target_groups) if phrase else None,
                                per_parent=found.values.get("per_parent", False), recipient_phrase=phrase,
                                occasion=found.values.get("occasion", "campaign")))
    assignment_parts = _of(parts, "assignment")
    deadline_parts = [found for found in parts if found.kind in ("deadline", "implementing_plan")]
    assignments = []
    for found in assignment_parts:
        text = found.values["text"]
        for deadline in deadline_parts:
            # The deadline is its own part: its words leave the assignment's text.
            if deadline.spec_values.get("clause") and set(deadline.lines) & set(found.lines):
                text = _cut(text, deadline.spec_values["clause"])
        units = list(found.values.get("units", [])) or ([found.values["unit"]] if found.values.get("unit") else [])
        assignments.append(AssignmentSpec(text=_without_end_mark(text), units=units,
                                          is_lead=found.values.get("is_lead", False)))
    period = _of(parts, "period")
    period_values = period[0].values if period else {}
    starts_on = period_values.get("starts_on")
    deadlines = []
    for found in deadline_parts:
        values = found.values
        assignment = next((index for index, item in enumerate(assignment_parts)
                           if set(found.lines) & set(item.lines)), None)
        if values.get("from_phrase"):
            from_units = [values["from_phrase"]]
        else:
            from_units = assignments[assignment].units[:1] if assignment is not None else []
        due_on = values.get("due_on")
        if values.get("recurrence") == "yearly" and values.get("month"):
            # The first time it falls due: in the year the period starts, or the next one.
            year = starts_on.year if starts_on else datetime.date.today().year
            due_on = datetime.date(year, values["month"], values["day"])
            if starts_on and due_on < starts_on:
                due_on = due_on.replace(year=year + 1)
        if found.kind == "implementing_plan":
            # The units below send the plan they make to the issuer.
            deadlines.append(DeadlineSpec(kind="implementing_plan", from_units=from_units, to_unit=_issuer(imported),
                                          due_on=due_on))
            continue
        deadlines.append(DeadlineSpec(kind=values["kind"], from_units=from_units, to_unit=values.get("to_unit", ""),
                                      due_on=due_on, recurrence=values.get("recurrence", "once"),
                                      assignment=assignment, lead=found.spec_values.get("lead", "")))
    signature = closing.signature
    draft_date = None
    if header.issued_on is None and header.year and header.month:
        draft_date = datetime.date(header.year, header.month, 1)
    return PlanSpec(
        key="", issuer=_issuer(imported), title=header.subject,
        state="issued" if header.number else "awaiting_signature", number=header.number,
        issued_on=header.issued_on, draft_date=draft_date,
        legal_bases=[BasisSpec(text=basis.text, opening=basis.opening,
                               connector=basis.citation.connector if basis.citation and basis.citation.connector
                               else "về",
                               citation=_citation(basis.citation)) for basis in imported.bases],
        preamble="\n".join(imported.preamble),
        theme=_single(parts, "theme"), motto=_single(parts, "motto"), funding=_single(parts, "funding"),
        period=_period(period), review_month=period_values.get("review_month"),
        summary_every_years=period_values.get("summary_every_years"),
        closing=_without_end_mark("\n".join(closing.closing)), sections=sections, target_groups=target_groups,
        criterion_groups=criterion_groups, targets=targets, quotas=quotas, assignments=assignments,
        deadlines=deadlines,
        recipients=[RecipientSpec(text=text, units=units) for text, units in _recipients(imported)],
        archive_note=closing.archive_note or "VT",
        signature=(AUTHORITIES.get(signature.authority, "head"), signature.collective, signature.title,
                   signature.deputy_title),
        signer_name=signature.signer_name,
    )


def _without_end_mark(text: str) -> str:
    """Without the “./.” that ends a document's last sentence: the plan prints it where it ends."""
    return re.sub(r"\./\.$", ".", text.rstrip())


def _cut(text: str, clause: str) -> str:
    """The text without ``clause`` and the space or full stop it leaves."""
    at = text.find(clause)
    if at < 0:
        return text
    rest = (text[:at].rstrip() + " " + text[at + len(clause):].lstrip()).strip()
    return re.sub(r"\s+([.;,])", r"\1", rest)


def _single(parts: list[Found], kind: str) -> str:
    return next((found.values["text"] for found in parts if found.kind == kind), "")


def _citation(citation) -> dict | None:
    if citation is None:
        return None
    return {"doc_type": citation.doc_type, "number_symbol": citation.number_symbol,
            "issued_on": citation.issued_on, "issuer_name": citation.issuer_name,
            "connector": citation.connector, "subject": citation.subject}


def _recipients(imported: ImportedPlan) -> list[tuple[str, list[str]]]:
    units = imported.closing.recipient_units
    return [(text, list(units[index]) if index < len(units) else [])
            for index, text in enumerate(imported.closing.recipients)]
