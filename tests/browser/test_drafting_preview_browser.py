"""Drafting beside the document, in Chromium: the preview follows each save without a
reload, and a click on a printed paragraph opens the part that produces it."""

import pytest
from playwright.sync_api import expect

from campaigns.models import Plan
from tests.browser.test_plans_browser import label
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_preview_follows_saves_and_opens_the_part_behind_a_paragraph(page, tree, district_draft):
    plan, section = district_draft["plan"], district_draft["section"]
    log_in(page, district_draft["drafter"].username, "MatKhau@2026")
    page.goto(f"/ke-hoach/{plan.pk}/soan-thao/")
    preview = page.locator("#ban-xem-truoc")
    expect(preview.locator("p", has_text="Nội dung.")).to_have_text("Nội dung./.")
    page.evaluate("window.__marker = 'không tải lại'")

    # A section's text edited and saved: the preview shows it, the page was not reloaded.
    panel = page.locator("section.part-panel", has=page.get_by_role("heading", name="Các mục nội dung", exact=True))
    panel.locator(f'[data-part="section-{section.pk}"]').get_by_role("link", name="Sửa").click()
    form = panel.locator("form.card")
    # Sent empty, the form comes back in place with its error (a 422 htmx swaps) and what was typed.
    form.get_by_label(label("Tiêu đề mục")).fill("")
    form.get_by_label(label("Nội dung")).fill("  ")
    form.get_by_role("button", name="Lưu").click()
    expect(form.get_by_text("Mục cần có tiêu đề, nội dung hoặc một phần có cấu trúc.")).to_be_visible()
    expect(form.get_by_label(label("Tiêu đề mục"))).to_have_value("")
    form.get_by_label(label("Tiêu đề mục")).fill("Mục đích")
    form.get_by_label(label("Nội dung")).fill("Động viên cán bộ, chiến sĩ thi đua.")
    form.get_by_role("button", name="Lưu").click()
    expect(preview.locator(f'p[data-source="section-{section.pk}"]')).to_have_text(
        "Động viên cán bộ, chiến sĩ thi đua./.")
    expect(preview.get_by_text("Nội dung./.")).to_have_count(0)
    expect(panel.locator("form.card")).to_have_count(0)
    expect(page.locator("#dang-cap-nhat")).to_be_hidden()
    assert page.evaluate("window.__marker") == "không tải lại"
    # The header's computed column widths hold in the swapped preview (set through the CSSOM, as the CSP wants).
    widths = preview.locator(".doc-header td").evaluate_all("cells => cells.map(cell => cell.style.width)")
    assert len(widths) == 2 and all(width.endswith("%") for width in widths)
    assert sum(int(width[:-1]) for width in widths) == 100

    # The general info saved in place reloads the preview too.
    general = page.locator("#thong-tin-chung")
    general.get_by_label(label("Trích yếu")).fill("Kế hoạch thi đua năm 2026 của huyện Châu Phú")
    general.get_by_role("button", name="Lưu thông tin chung").click()
    expect(page.locator("#thong-tin-chung").get_by_text("Đã lưu thông tin chung của kế hoạch.")).to_be_visible()
    expect(preview.locator(".doc-title")).to_have_text("Kế hoạch thi đua năm 2026 của huyện Châu Phú")
    assert Plan.objects.get(pk=plan.pk).title == "Kế hoạch thi đua năm 2026 của huyện Châu Phú"
    assert page.evaluate("window.__marker") == "không tải lại"

    # A click on the paragraph opens the section's form, holding what it prints.
    preview.locator(f'p[data-source="section-{section.pk}"]').click()
    expect(form).to_be_visible()
    expect(form.get_by_role("heading", name="Sửa: Các mục nội dung")).to_be_visible()
    expect(form.get_by_label(label("Nội dung"))).to_have_value("Động viên cán bộ, chiến sĩ thi đua.")
    expect(form.locator("input:not([type=hidden]), textarea, select").first).to_be_focused()  # the parent section

    # From the keyboard: a printed paragraph takes the focus and Enter opens its part.
    paragraph = preview.locator(f'p[data-source="section-{section.pk}"]')
    paragraph.focus()
    expect(paragraph).to_be_focused()
    page.keyboard.press("Enter")
    expect(form.locator("input:not([type=hidden]), textarea, select").first).to_be_focused()
    expect(form.get_by_label(label("Nội dung"))).to_have_value("Động viên cán bộ, chiến sĩ thi đua.")

    # The title belongs to the general info.
    preview.locator(".doc-title").click()
    expect(page.locator("#thong-tin-chung").get_by_label(label("Trích yếu"))).to_be_focused()
    assert page.evaluate("window.__marker") == "không tải lại"
