"""Line breaks the browser cannot choose well: the subject (trích yếu) is set
in balanced lines broken at phrase boundaries, as offices set it, never
inside a compound word or a number and symbol. WeasyPrint has no
``text-wrap: balance``, so the lines are chosen here by measuring the text in
the font the PDF embeds."""

import functools
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent.parent / "static" / "fonts"
POINTS_PER_MM = 72 / 25.4
SUBJECT_FONT = "LiberationSerif-Bold.ttf"
SUBJECT_SIZE_PT = 14
# A4 less the left (30 mm) and right (15 mm) margins, less a little air so
# a subject line never touches the margins.
SUBJECT_WIDTH_MM = 210 - 30 - 15 - 4

# Words that are one word (or one name) in Vietnamese: a line never breaks inside them.
COMPOUNDS = (
    "ủy ban nhân dân", "hội đồng nhân dân", "bộ chỉ huy quân sự", "ban chỉ huy quân sự",
    "an ninh", "bảo vệ", "biên giới", "cán bộ", "chiến sĩ", "chính phủ", "chính quyền", "chính trị", "công an",
    "dân quân", "địa bàn", "địa phương", "đoàn thể", "giai đoạn", "giáo dục", "hội đồng", "khen thưởng",
    "kế hoạch", "lực lượng", "nhân dân", "nhiệm vụ", "phong trào", "quân đội", "quân sự", "quốc phòng",
    "thi đua", "thực hiện", "tổ chức", "tổ quốc", "toàn dân", "tự vệ", "ủy ban", "việt nam", "vũ trang",
    "xây dựng", "xuất sắc", "toàn diện", "vững mạnh", "tiêu biểu", "mẫu mực", "thành tích", "hoàn thành",
    "góp phần", "phát động", "triển khai", "sơ kết", "tổng kết", "học sinh", "sinh viên", "người lao động",
)
# Words before which a subject line may start: the phrase boundaries offices break at.
PHRASE_STARTS = ("về", "của", "năm", "giai", "trên", "và", "nhằm", "góp", "hoàn", "trong", "nền", "thực",
                 "nhiệm", "đối", "tại", "theo", "cho", "ngày")


# Each adjacent pair of words inside a compound.
UNBREAKABLE_PAIRS = frozenset(
    " ".join(pair) for compound in COMPOUNDS for pair in zip(compound.split(), compound.split()[1:], strict=False))


@functools.cache
def _font(name: str):
    with TTFont(FONTS / name) as font:
        return dict(font.getBestCmap()), dict(font["hmtx"].metrics), font["head"].unitsPerEm


def text_width_mm(text: str, *, font: str = SUBJECT_FONT, size_pt: float = SUBJECT_SIZE_PT) -> float:
    cmap, metrics, units = _font(font)
    advance = sum(metrics[cmap.get(ord(char), cmap.get(ord("?")))][0] for char in text)
    return advance / units * size_pt / POINTS_PER_MM


def _may_break_after(words: list[str], index: int) -> bool:
    """May a line end after ``words[index]``? Not inside a compound, nor
    between a number and the word it counts (“số 169/KH-UBND”, “năm 2025”)."""
    before, after = words[index], words[index + 1]
    if after[:1].isdigit() or (before[:1].isdigit() and after.lower() in ("tháng", "năm")):
        return False
    if before[:1].isupper() and after[:1].isupper() and not before.endswith((",", "”")):
        return False  # a proper name: “Đồng Tháp”, “Quảng Ngãi”
    return f"{before} {after}".lower().strip("“”\"(),;:") not in UNBREAKABLE_PAIRS


def _inside_quotes(words: list[str], index: int) -> bool:
    opened = " ".join(words[:index + 1])
    return opened.count("“") > opened.count("”")


def _boundary_bonus(words: list[str], index: int) -> float:
    """How much a line break here is worth: a comma most, then the start of
    a phrase; inside a quoted name it costs."""
    if _inside_quotes(words, index):
        return -0.5
    if words[index].endswith((",", ";", ":", "”")):
        return 0.06
    following = words[index + 1].lower().strip("“”\"(")
    return 0.04 if following in PHRASE_STARTS or words[index + 1].startswith("“") else 0.0


def balanced_lines(text: str, *, max_width_mm: float = SUBJECT_WIDTH_MM) -> list[str]:
    """The drafter's own line breaks when there are any; otherwise the fewest
    lines that fit, as equal in length as phrase boundaries allow."""
    explicit = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(explicit) != 1:
        return explicit
    words = explicit[0].split()
    space = text_width_mm(" ")
    widths = [text_width_mm(word) for word in words]
    total = sum(widths) + space * (len(words) - 1)
    if total <= max_width_mm:
        return [explicit[0]]
    line_count = int(total // max_width_mm) + 1
    for lines in range(line_count, line_count + 3):
        chosen = _best_breaks(words, widths, space, lines, max_width_mm)
        if chosen is not None:
            return chosen
    return [explicit[0]]


def _best_breaks(words: list[str], widths: list[float], space: float, lines: int,
                 max_width_mm: float) -> list[str] | None:
    """Dynamic programming over break positions: squared relative distance of
    each line from the mean width, less a bonus for a phrase boundary."""
    count = len(words)
    target = (sum(widths) + space * (count - 1)) / lines

    def width(start: int, end: int) -> float:
        return sum(widths[start:end]) + space * (end - start - 1)

    @functools.cache
    def best(start: int, remaining: int) -> tuple[float, tuple[int, ...]] | None:
        if remaining == 1:
            line = width(start, count)
            return None if line > max_width_mm else (((line - target) / target) ** 2, ())
        result = None
        for end in range(start + 1, count - remaining + 2):
            line = width(start, end)
            if line > max_width_mm:
                break
            if not _may_break_after(words, end - 1):
                continue
            rest = best(end, remaining - 1)
            if rest is None:
                continue
            cost = ((line - target) / target) ** 2 - _boundary_bonus(words, end - 1) + rest[0]
            if result is None or cost < result[0]:
                result = (cost, (end, *rest[1]))
        return result

    found = best(0, lines)
    if found is None:
        return None
    bounds = [0, *found[1], count]
    return [" ".join(words[bounds[i]:bounds[i + 1]]) for i in range(lines)]


TEXT_WIDTH_MM = 210 - 30 - 15
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
HEADER_GAP_MM = 4
ISSUER_COLUMN_PERCENT = 40


def header_geometry(parent_lines: list[str], issuer_lines: list[str]) -> tuple[int, int]:
    """(Quốc hiệu size in pt, left column width in %) for the header: the
    decree's set 13/14/14 when the header's widest line and the Quốc hiệu fit
    side by side, else the set 12/13/13. Header lines never wrap, so the left
    column grows to its widest line."""
    for size in (13, 12):
        widest = max([text_width_mm(line, font="LiberationSerif-Regular.ttf", size_pt=size) for line in parent_lines]
                     + [text_width_mm(line, size_pt=size) for line in issuer_lines] + [0])
        left = max(widest + HEADER_GAP_MM, TEXT_WIDTH_MM * ISSUER_COLUMN_PERCENT / 100)
        if left + text_width_mm(NATION, size_pt=size) <= TEXT_WIDTH_MM:
            return size, round(left / TEXT_WIDTH_MM * 100)
    return 12, round(left / TEXT_WIDTH_MM * 100)
