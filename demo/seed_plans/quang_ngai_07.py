"""Kế hoạch 07/KH-UBND of UBND tỉnh Quảng Ngãi (16/01/2025): not one of the
seeds, but the plan seed 001 implements; it holds only what seed 001 cites."""

from datetime import date

from campaigns.specs import PlanSpec, RecipientSpec

QUANG_NGAI_07 = PlanSpec(
    key="quang-ngai-07-2025", issuer="quang-ngai", state="issued", number=7, issued_on=date(2025, 1, 16),
    title="Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng, quân sự địa phương, góp phần xây dựng lực "
          "lượng vũ trang tỉnh vững mạnh toàn diện, hoàn thành xuất sắc nhiệm vụ năm 2025",
    recipients=[RecipientSpec("UBND các huyện, thị xã, thành phố", ["ba-to"])],
)
