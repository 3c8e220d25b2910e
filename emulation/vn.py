"""Vietnamese document conventions (Nghị định 30/2020/NĐ-CP): dates in words,
numbering labels."""

import datetime

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
# The Vietnamese alphabet as used for "a)" items: no f, j, w, z; đ after d.
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
# Room left for the date written by hand on a draft; non-breaking so HTML keeps it.
BLANK = "\u00a0" * 6
ORDINAL_WORDS = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười một", "Mười hai",
                 "Mười ba", "Mười bốn", "Mười lăm"]


def roman(number: int) -> str:
    result = []
    for value, symbol in ROMAN:
        while number >= value:
            result.append(symbol)
            number -= value
    return "".join(result)


def letter(number: int) -> str:
    """1 → a, 5 → đ, 24 → y, then aa, ab …"""
    if number <= len(LETTERS):
        return LETTERS[number - 1]
    return letter((number - 1) // len(LETTERS)) + LETTERS[(number - 1) % len(LETTERS)]


def ordinal_word(number: int) -> str:
    return ORDINAL_WORDS[number - 1] if number <= len(ORDINAL_WORDS) else str(number)


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero (“tháng 01”, “tháng 02”), the others do not."""
    return f"{month:02d}" if month < 3 else str(month)


def long_date(date: datetime.date) -> str:
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def yearly_date(date: datetime.date) -> str:
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} hằng năm"


def date_line(place: str, date: datetime.date | None, *, month_hint: datetime.date | None = None) -> str:
    """“An Giang, ngày 05 tháng 01 năm 2025”; a draft leaves blanks to fill by hand."""
    if date is not None:
        return f"{place}, {long_date(date)}"
    if month_hint is not None:
        return f"{place}, ngày{BLANK}tháng {month_text(month_hint.month)} năm {month_hint.year}"
    return f"{place}, ngày{BLANK}tháng{BLANK}năm{BLANK}"


def short_date(date: datetime.date) -> str:
    return f"{date:%d/%m/%Y}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def end_with(text: str, ending: str) -> str:
    """Replace whatever punctuation ends ``text`` with ``ending``."""
    text = text.rstrip()
    while text and text[-1] in ".;:,":
        text = text[:-1].rstrip()
    return text + ending


# The first line of a header that offices set over the place name:
# "ỦY BAN NHÂN DÂN" over "TỈNH AN GIANG".
HEADER_LEADS = ("ỦY BAN NHÂN DÂN", "BỘ CHỈ HUY QUÂN SỰ", "BAN CHỈ HUY QUÂN SỰ")


def header_text(text: str, *, split_lead: bool = True) -> str:
    """A unit's header as the lines it prints, in capitals. A header typed on
    one line that opens with a usual lead is set on two, as offices set it;
    lines typed by the administrator are kept as typed."""
    lines = [" ".join(line.split()).upper() for line in (text or "").splitlines() if line.strip()]
    if split_lead and len(lines) == 1:
        lead = next((lead for lead in HEADER_LEADS if lines[0].startswith(f"{lead} ")), None)
        if lead:
            lines = [lead, lines[0][len(lead):].strip()]
    return "\n".join(lines)
