"""The starting award catalogue (Luật Thi đua, khen thưởng 2022 and Nghị định
152/2025/NĐ-CP). Loaded by a data migration and editable afterwards."""

from decimal import Decimal

# name, kind, (individual, collective, household), level, conferred_by, frequency, conditions, vote %, cash
CATALOGUE = [
    ("Chiến sĩ thi đua toàn quốc", "title", (True, False, False), "government", "Thủ tướng Chính phủ",
     "Khi đủ điều kiện", "Hai lần liên tục Chiến sĩ thi đua cấp tỉnh và có sáng kiến phạm vi toàn quốc.", 90, "4.5"),
    ("Chiến sĩ thi đua cấp bộ, ngành, tỉnh", "title", (True, False, False), "province",
     "Bộ trưởng, Chủ tịch Ủy ban nhân dân tỉnh", "Hằng năm",
     "Ba lần liên tục Chiến sĩ thi đua cơ sở và có sáng kiến.", 90, "3.0"),
    ("Chiến sĩ thi đua cơ sở", "title", (True, False, False), "unit",
     "Thủ trưởng đơn vị, Chủ tịch Ủy ban nhân dân xã", "Hằng năm",
     "Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến.", 80, "1.0"),
    ("Lao động tiên tiến, Chiến sĩ tiên tiến", "title", (True, False, False), "unit",
     "Thủ trưởng đơn vị, Chủ tịch Ủy ban nhân dân xã", "Hằng năm", "Hoàn thành tốt nhiệm vụ trở lên.", None, "0.3"),
    ("Cờ thi đua của Chính phủ", "title", (False, True, False), "government", "Thủ tướng Chính phủ",
     "Hằng năm; chuyên đề sau ít nhất 5 năm", "Tiêu biểu xuất sắc trong các đơn vị dẫn đầu khối, cụm thi đua.",
     80, "12"),
    ("Cờ thi đua cấp bộ, ngành, tỉnh", "title", (False, True, False), "province",
     "Bộ trưởng, Chủ tịch Ủy ban nhân dân tỉnh", "Hằng năm; chuyên đề sau ít nhất 3 năm",
     "Dẫn đầu khối, cụm thi đua.", 80, "8"),
    ("Tập thể lao động xuất sắc, Đơn vị quyết thắng", "title", (False, True, False), "province",
     "Bộ trưởng, Chủ tịch Ủy ban nhân dân tỉnh", "Hằng năm",
     "Hoàn thành xuất sắc nhiệm vụ; ít nhất 70% thành viên Lao động tiên tiến; có cá nhân Chiến sĩ thi đua cơ sở; "
     "không có cá nhân bị kỷ luật.", None, "1.5"),
    ("Tập thể lao động tiên tiến, Đơn vị tiên tiến", "title", (False, True, False), "unit",
     "Thủ trưởng đơn vị, Chủ tịch Ủy ban nhân dân xã", "Hằng năm",
     "Ít nhất 70% thành viên đạt Lao động tiên tiến.", None, "0.8"),
    ("Huân chương Lao động", "form", (True, True, False), "state", "Chủ tịch nước",
     "Theo công trạng, đột xuất", "", 90, None),
    ("Huân chương (các loại khác)", "form", (True, True, False), "state", "Chủ tịch nước",
     "Theo công trạng, đột xuất, quá trình cống hiến, đối ngoại", "", 90, None),
    ("Bằng khen của Thủ tướng Chính phủ", "form", (True, True, True), "government", "Thủ tướng Chính phủ",
     "Hằng năm, đột xuất, chuyên đề", "", 80, "7"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "form", (True, True, True), "province",
     "Chủ tịch Ủy ban nhân dân tỉnh, Bộ trưởng", "Bất kỳ lúc nào",
     "Cá nhân: hai lần liên tục Chiến sĩ thi đua cơ sở, hoặc hai năm hoàn thành xuất sắc nhiệm vụ và có sáng kiến.",
     80, "3"),
    ("Giấy khen", "form", (True, True, True), "unit",
     "Thủ trưởng sở, ban, ngành, đơn vị; Chủ tịch Ủy ban nhân dân xã; Hiệu trưởng", "Bất kỳ lúc nào", "", None,
     "0.6"),
]


def catalogue_rows():
    for position, row in enumerate(CATALOGUE, start=1):
        name, kind, (individual, collective, household), level, by, frequency, conditions, vote, cash = row
        yield {
            "name": name, "kind": kind, "for_individuals": individual, "for_collectives": collective,
            "for_households": household, "conferring_level": level, "conferred_by": by, "frequency": frequency,
            "conditions": conditions, "vote_threshold_percent": vote,
            "cash_multiple": Decimal(cash) if cash else None, "position": position * 10,
        }
