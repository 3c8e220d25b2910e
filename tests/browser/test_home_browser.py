"""Each demo role opens its home page after load_demo, finds work waiting and
follows it to the page where it is done; the reviewer's counts are the queue's."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import CouncilMeeting
from campaigns.models import Plan
from demo.live import LIVE_TITLE
from emulation.models import DocumentSigning
from tests.conftest import DEMO_PASSWORD, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def desk(page, role_label: str):
    return page.locator("section.desk-card", has=page.get_by_role("heading", name=role_label))


def test_each_role_follows_waiting_work_from_its_home_page(page, demo):
    live = Plan.objects.get(title=LIVE_TITLE)
    next_week = timezone.localdate() + datetime.timedelta(days=7)

    # The drafter: the draft the signer sent back, with the reason, opens in the editor.
    log_in(page, "soanthao", DEMO_PASSWORD)
    returned = desk(page, "Chuyên viên soạn thảo").locator("li.desk-task", has_text="Dự thảo bị trả lại")
    expect(returned).to_contain_text("Lý do: Bổ sung đối tượng khen thưởng là hộ gia đình")
    returned.get_by_role("link", name="Khen thưởng đột xuất các tập thể").click()
    plan = Plan.objects.get(title__startswith="Khen thưởng đột xuất các tập thể")
    expect(page).to_have_url(re.compile(f"/ke-hoach/{plan.pk}/soan-thao/$"))
    log_out(page)

    # The signer: the document awaiting their signature, where its signing stands, to its page.
    log_in(page, "chutich", DEMO_PASSWORD)
    waiting = desk(page, "Người ký").locator("li.desk-task", has_text="Văn bản chờ bạn ký số")
    expect(waiting).to_contain_text("tệp trình ký đang được chuẩn bị")
    waiting.get_by_role("link", name="Kế hoạch: Tuyên truyền phong trào thi đua").click()
    plan = Plan.objects.get(title__startswith="Tuyên truyền phong trào thi đua")
    expect(page).to_have_url(re.compile(f"/ke-hoach/{plan.pk}/$"))
    log_out(page)

    # The clerk: the signed plan, to the step that numbers and issues it.
    log_in(page, "vanthu", DEMO_PASSWORD)
    desk(page, "Văn thư").get_by_role("link", name="Kế hoạch: Phát động thi đua chào mừng Đại hội").click()
    signing = DocumentSigning.objects.get(stage="awaiting_clerk")
    expect(page).to_have_url(re.compile(f"/trinh-ky/{signing.pk}/ban-hanh/$"))
    log_out(page)

    # A district officer: the report due next week, straight to the report form.
    log_in(page, "canbo.longxuyen", DEMO_PASSWORD)
    report = desk(page, "Cán bộ thi đua").locator("li.desk-task",
                                                  has_text=f"Báo cáo tiến độ, sơ kết — hạn {next_week:%d/%m/%Y}")
    expect(report).to_contain_text("Gần đến hạn")
    report.get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/ke-hoach/{live.pk}/bao-cao/{next_week.year}/"))
    expect(page.get_by_role("button", name="Nộp báo cáo")).to_be_visible()
    log_out(page)

    # The overdue district sees its late report marked, in words as well as in red.
    log_in(page, "canbo.anphu", DEMO_PASSWORD)
    late = desk(page, "Cán bộ thi đua").locator("li.desk-overdue", has_text="Báo cáo tiến độ, sơ kết")
    expect(late).to_contain_text("Quá hạn")
    log_out(page)

    # The reviewer: the counts on the home page are the queue's, state by state.
    log_in(page, "thamdinh", DEMO_PASSWORD)
    queue = desk(page, "Cán bộ thẩm định").locator("li.desk-task", has_text="Hàng đợi thẩm định")
    home_counts = {}
    for item in queue.locator("ul.desk-items > li").all():
        label, count = re.fullmatch(r"(.+?) — (\d+)", item.inner_text().strip()).groups()
        home_counts[label] = int(count)
    assert sum(home_counts.values()) == 9
    queue.get_by_role("link", name="Đã nộp").click()
    expect(page).to_have_url(re.compile(r"/khen-thuong/tham-dinh/\?state=submitted$"))
    queue_counts = {}
    for pill in page.locator("ul.nav-pills a.nav-link").all():
        label, count = re.fullmatch(r"(.+?) (\d+)\+?", pill.inner_text().strip()).groups()
        if int(count):
            queue_counts[label] = int(count)
    assert queue_counts == home_counts
    log_out(page)

    # A council member: the meeting open for their vote.
    log_in(page, "hoidong", DEMO_PASSWORD)
    desk(page, "Thành viên Hội đồng Thi đua – Khen thưởng").get_by_role("link", name=LIVE_TITLE).click()
    meeting = CouncilMeeting.objects.get(plan=live, closed_at__isnull=True)
    expect(page).to_have_url(re.compile(f"/khen-thuong/hoi-dong/{meeting.pk}/$"))
    log_out(page)
