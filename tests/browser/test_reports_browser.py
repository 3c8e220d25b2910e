"""A commune officer files a due report; the province sees the roll-up change."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from campaigns import services as plan_services
from campaigns.models import Deadline, Section, Target
from emulation.models import Unit, User
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ThiDua@2026"


@pytest.fixture
def report_plan(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    drafter, signer = User.objects.get(username="soanthao.dongthap"), User.objects.get(username="chutich.dongthap")
    province = Unit.objects.get(code="dong-thap")
    plan = plan_services.plan_create(actor=drafter, issuer=province,
                                     title="Kế hoạch sơ kết phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2026")
    for model, values in ((Section, {"heading": "Chỉ tiêu", "block": "targets"}),
                          (Target, {"measure": "Khu dân cư đạt tiêu chuẩn an toàn về an ninh, trật tự",
                                    "comparison": "gte", "value": 80})):
        plan_services.plan_part_save(actor=drafter, plan=plan, instance=model(), values=values)
    from campaigns.models import Recipient

    plan_services.plan_part_save(actor=drafter, plan=plan, instance=Recipient(), values={"text": "UBND các xã, phường"})
    deadline = plan_services.plan_part_save(
        actor=drafter, plan=plan, instance=Deadline(),
        values={"kind": "progress_report", "to_unit": province,
                "due_on": timezone.localdate() + datetime.timedelta(days=5)},
        many={"from_units": list(Unit.objects.filter(code__in=["dong-thap-p-cao-lanh", "dong-thap-p-sa-dec"]))})
    assert deadline.pk
    plan_services.plan_submit(actor=drafter, plan=plan)
    return plan_services.plan_issue(actor=signer, plan=plan)


def test_a_commune_files_its_due_report_and_the_province_sees_the_rollup(page, report_plan):
    # The province looks at the roll-up first: nobody has reported.
    log_in(page, "soanthao.dongthap", PASSWORD)
    page.goto(f"/ke-hoach/{report_plan.pk}/tong-hop/")
    section = page.locator("section.card", has_text="Khu dân cư đạt tiêu chuẩn")
    expect(section.locator(".reported")).to_have_text("0")
    page.locator("#nav-main .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()

    # The commune officer sees the report due on the landing page and files it.
    log_in(page, "canbo.caolanh", PASSWORD)
    due = f"{timezone.localdate() + datetime.timedelta(days=5):%d/%m/%Y}"
    desk = page.locator("section.desk-card", has_text="Cán bộ thi đua")
    task = desk.locator("li", has_text=f"Báo cáo tiến độ, sơ kết — hạn {due}")
    expect(task).to_contain_text("Gần đến hạn")
    task.get_by_role("link").click()
    row = page.locator("tr", has_text=due)
    row.get_by_role("link", name="Lập báo cáo").click()
    page.get_by_label("Khu dân cư đạt tiêu chuẩn an toàn về an ninh, trật tự").fill("17")
    page.get_by_label("Tổng số").fill("20")
    page.get_by_label("Nội dung báo cáo").fill("Phường Cao Lãnh có 17/20 khu dân cư đạt tiêu chuẩn an toàn.")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Đã nộp báo cáo năm")).to_be_visible()
    page.get_by_role("link", name="Xem cả việc đã nộp").click()
    expect(page.locator("tr", has_text=due)).to_contain_text("Đã nộp")
    page.locator("#nav-main .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()

    # The province sees the roll-up change.
    log_in(page, "soanthao.dongthap", PASSWORD)
    page.goto(f"/ke-hoach/{report_plan.pk}/tong-hop/")
    section = page.locator("section.card", has_text="Khu dân cư đạt tiêu chuẩn")
    expect(section.locator(".reported")).to_have_text("1")
    expect(section.locator(".result")).to_have_text("85,0%")
    expect(section.locator(".met")).to_have_text("1")
    expect(section).to_contain_text("Ủy ban nhân dân phường Cao Lãnh")
