"""Plans, award decisions and council minutes as Word files in the Nghị định 30
layout (#15): read back with python-docx — page, fonts, the header table, the
body, the recipients beside the signature."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from docx.shared import Pt

from awards.models import AwardDecision, CouncilMeeting
from campaigns.models import Plan
from demo.seed_plans import SEED_TITLES
from emulation.models import User

SEEDS = {"an-giang": "169/KH-UBND", "ba-to": "", "an-giang-cdn": "", "dong-thap": ""}


@pytest.fixture
def demo(db, settings, chain):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def word(client, url_name, pk, username) -> Document:
    client.force_login(User.objects.get(username=username))
    response = client.get(reverse(url_name, args=[pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Document(io.BytesIO(response.content)), response["Content-Disposition"]


def cell_lines(cell) -> list[str]:
    return [paragraph.text for paragraph in cell.paragraphs if paragraph.text]


def check_the_issued_plan(client):
    plan = Plan.objects.get(issuer__code="an-giang", title__in=SEED_TITLES)
    document, disposition = word(client, "plan_docx", plan.pk, "soanthao")
    assert disposition == 'attachment; filename="Ke-hoach-169-KH-UBND.docx"'
    section = document.sections[0]
    measures = (section.page_width, section.page_height, section.left_margin, section.right_margin,
                section.top_margin, section.bottom_margin)
    assert [round(length.mm) for length in measures] == [210, 297, 30, 15, 20, 20]
    header, footer = document.tables[0], document.tables[-1]
    issuer, nation = header.rows[0].cells
    assert cell_lines(issuer) == ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số: 169/KH-UBND"]
    assert [run.bold for run in issuer.paragraphs[1].runs] == [True]
    assert cell_lines(nation) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                  "An Giang, ngày 05 tháng 01 năm 2025"]
    assert nation.paragraphs[-1].runs[0].italic is True
    body = [paragraph for paragraph in document.paragraphs if paragraph.text]
    assert body[0].text == "KẾ HOẠCH" and body[0].runs[0].bold and body[0].runs[0].font.size == Pt(14)
    assert body[0].runs[0].font.name == "Times New Roman"
    bases = [paragraph for paragraph in body if paragraph.text.startswith("Căn cứ")]
    assert bases[0].text == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022;"
    assert all(paragraph.runs[0].italic for paragraph in bases)
    assert any(paragraph.text == "I. MỤC ĐÍCH, YÊU CẦU" for paragraph in body)
    recipients, signature = footer.rows[0].cells
    assert cell_lines(recipients)[0] == "Nơi nhận:"
    assert cell_lines(recipients)[-1].startswith("- Lưu: VT")
    assert cell_lines(signature) == ["CHỦ TỊCH", plan.signer_name]
    assert "DỰ THẢO" not in [paragraph.text for paragraph in document.paragraphs]


def check_a_seed_plan(client, issuer_code):
    plan = Plan.objects.get(issuer__code=issuer_code, title__in=SEED_TITLES)
    user = {"an-giang": "soanthao", "ba-to": "soanthao.bato", "an-giang-cdn": "soanthao.cdn",
            "dong-thap": "soanthao.dongthap"}[issuer_code]
    document, _disposition = word(client, "plan_docx", plan.pk, user)
    from campaigns.printing import plan_layout  # noqa: PLC0415 — the layout the PDF prints is the reference

    layout = plan_layout(plan)
    text = [paragraph.text for paragraph in document.paragraphs if paragraph.text]
    expected = [layout.doc_name, *layout.legal_bases]
    assert [line for line in text if line in expected] == expected
    headings = [f"{part.label} {part.heading}".strip() for part in layout.parts if part.heading]
    assert [line for line in text if line in headings] == headings
    assert cell_lines(document.tables[-1].rows[0].cells[1])[-1] == layout.signatures[-1].signer_name


def check_the_decision_and_the_minutes(client):
    decision = AwardDecision.objects.exclude(number=None).get()
    document, disposition = word(client, "decision_docx", decision.pk, "soanthao")
    assert disposition == f"attachment; filename*=utf-8''Quyet-dinh-{decision.number:02d}-Q%C4%90-UBND.docx"
    text = [paragraph.text for paragraph in document.paragraphs if paragraph.text]
    assert "QUYẾT ĐỊNH:" in text and any(line.startswith("Điều 1.") for line in text)
    meeting = CouncilMeeting.objects.get(closed_at__isnull=False)
    minutes, _disposition = word(client, "council_minutes_docx", meeting.pk, "hoidong")
    assert any(paragraph.text == "BIÊN BẢN" for paragraph in minutes.paragraphs)


def check_a_draft_and_a_stranger(client):
    plan = Plan.objects.get(issuer__code="ba-to")
    document, disposition = word(client, "plan_docx", plan.pk, "soanthao.bato")
    assert document.paragraphs[0].text == "DỰ THẢO"
    assert disposition == f'attachment; filename="Ke-hoach-du-thao-{plan.pk}.docx"'
    client.force_login(User.objects.get(username="canbo.caolanh"))
    assert client.get(reverse("plan_docx", args=[plan.pk])).status_code in (403, 404)


def test_plans_decisions_and_minutes_export_to_word(client, demo):
    # One demo for every check: loading it is most of the cost.
    check_the_issued_plan(client)
    for issuer_code in SEEDS:
        check_a_seed_plan(client, issuer_code)
    check_the_decision_and_the_minutes(client)
    check_a_draft_and_a_stranger(client)
