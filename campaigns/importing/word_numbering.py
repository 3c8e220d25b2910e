"""The numbers Word draws itself: a paragraph with automatic numbering (its own
``w:numPr`` or its style's, e.g. “List Number”) carries no “I.”, “1.” or “a)” in its
text; Word computes it from numbering.xml. This reads those definitions and counts
as Word does, so an office's auto-numbered plan reads like a typed one.

Counting follows the rules Word applies: one counter per list (``numId``) and level;
a level starts again when a level above it moves on; ``%1``…``%9`` in a level's text
stand for the levels' current numbers, each in its own format."""

from docx.oxml.ns import qn

ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50), ("XL", 40),
         ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def _roman(number: int) -> str:
    out = ""
    for letters, value in ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    # Word's letters run a…z, then aa…zz.
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda number: f"{number:02d}",
    "upperRoman": _roman,
    "lowerRoman": lambda number: _roman(number).lower(),
    "upperLetter": lambda number: _letters(number).upper(),
    "lowerLetter": _letters,
}


def _value(element, tag: str, default: str = "") -> str:
    found = element.find(qn(tag)) if element is not None else None
    return found.get(qn("w:val"), default) if found is not None else default


class WordNumbering:
    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, format, text)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {}
        for definition in numbering.findall(qn("w:abstractNum")):
            abstract[definition.get(qn("w:abstractNumId"))] = {
                int(level.get(qn("w:ilvl"))): (int(_value(level, "w:start", "1") or 1), _value(level, "w:numFmt",
                                                                                                 "decimal"),
                                               _value(level, "w:lvlText"))
                for level in definition.findall(qn("w:lvl"))}
        for num in numbering.findall(qn("w:num")):
            self.levels[num.get(qn("w:numId"))] = abstract.get(_value(num, "w:abstractNumId"), {})
        for style in document.styles.element.findall(qn("w:style")):
            properties = style.find(qn("w:pPr"))
            num_pr = properties.find(qn("w:numPr")) if properties is not None else None
            if num_pr is not None:
                self.style_numbering[style.get(qn("w:styleId"))] = (_value(num_pr, "w:numId"),
                                                                     int(_value(num_pr, "w:ilvl", "0") or 0))

    def _numbered(self, paragraph) -> tuple[str, int] | None:
        properties = paragraph._p.pPr
        num_pr = properties.numPr if properties is not None else None
        if num_pr is not None and num_pr.numId is not None:
            return str(num_pr.numId.val), int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        style_id = properties.pStyle.val if properties is not None and properties.pStyle is not None else None
        return self.style_numbering.get(style_id)

    def label(self, paragraph) -> str:
        """The number Word shows before the paragraph (“II.”, “1.”, “a)”, “-”), or ""."""
        numbered = self._numbered(paragraph)
        if numbered is None or numbered[0] in ("0", "") or numbered[0] not in self.levels:
            return ""
        num_id, level = numbered
        levels = self.levels[num_id]
        if level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start, number_format, text = levels[level]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        if number_format == "bullet" or number_format == "none":
            return "-" if number_format == "bullet" and not any(char.isalnum() for char in text) else ""
        for shown in range(9, 0, -1):
            placeholder = f"%{shown}"
            if placeholder in text:
                own_start, own_format, _ = levels.get(shown - 1, (1, "decimal", ""))
                value = counters.get(shown - 1, own_start)
                text = text.replace(placeholder, FORMATS.get(own_format, str)(value))
        return text.strip()
