"""Fixtures the browser tests share."""

import datetime
import re

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import Deadline, Recipient, Section, Target
from campaigns.services import plans as plan_services
from demo.chain import person_signer
from emulation.celery import app as celery_app
from emulation.documents import chain as signing_chain
from emulation.models import Unit, User


@pytest.fixture
def report_plan(demo, chain):
    drafter = User.objects.get(username="soanthao.dongthap")
    province = Unit.objects.get(code="dong-thap")
    plan = plan_services.plan_create(actor=drafter, issuer=province,
                                     title="Kế hoạch sơ kết phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2026")
    for model, values in ((Section, {"heading": "Chỉ tiêu", "block": "targets"}),
                          (Target, {"measure": "Khu dân cư đạt tiêu chuẩn an toàn về an ninh, trật tự",
                                    "comparison": "gte", "value": 80})):
        plan_services.plan_part_save(actor=drafter, plan=plan, instance=model(), values=values)
    plan_services.plan_part_save(actor=drafter, plan=plan, instance=Recipient(), values={"text": "UBND các xã, phường"})
    deadline = plan_services.plan_part_save(
        actor=drafter, plan=plan, instance=Deadline(),
        values={"kind": "progress_report", "to_unit": province,
                "due_on": timezone.localdate() + datetime.timedelta(days=5)},
        many={"from_units": list(Unit.objects.filter(code__in=["dong-thap-p-cao-lanh", "dong-thap-p-sa-dec"]))})
    assert deadline.pk
    plan_services.plan_submit(actor=drafter, plan=plan, signer=User.objects.get(username="chutich.dongthap"))
    return chain.issue(plan)


@pytest.fixture
def worker(empty_broker):
    """The Celery worker that `make run` starts: it prepares the issued PDFs
    while the browser waits on the document's page. Ask for it before `demo`,
    so the demo's own documents are prepared too."""
    with start_worker(celery_app, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        yield


def wait_until_prepared(page, link: str) -> None:
    """The worker renders the file for the signer; the panel says so until then."""
    for _ in range(60):
        if page.get_by_role("link", name=link).count():
            return
        page.wait_for_timeout(1000)
        page.reload()
    raise AssertionError("the file for the signer was never prepared")


def sign_by_upload(page, chain, tmp_path, label: str) -> None:
    """The signer downloads the prepared file, signs it in their own tool (pyHanko with their DEMO key) and uploads."""
    wait_until_prepared(page, "Tải tệp để ký bằng công cụ khác")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải tệp để ký bằng công cụ khác").click()
    handed_out = tmp_path / f"trinh-ky-{label}.pdf"
    download_info.value.save_as(handed_out)
    signed = tmp_path / f"da-ky-{label}.pdf"
    signed.write_bytes(signing_chain.person_sign(handed_out.read_bytes(), person_signer(chain.pki, label),
                                                 name=label, signature_png=None))
    page.get_by_label("Tải lên tệp đã ký số").set_input_files(str(signed))
    page.get_by_role("button", name="Tải lên", exact=True).click()
    expect(page.get_by_text("Đã nhận tệp đã ký số. Văn bản chuyển sang văn thư để vào số và ban hành.")).to_be_visible()


def clerk_issues(page, title: str) -> None:
    """The records clerk opens the signed document from their queue, numbers and issues it."""
    page.get_by_role("link", name="Văn bản đã ký, chờ vào số và ban hành").click()
    page.get_by_role("link", name=re.compile(re.escape(title))).first.click()
    page.get_by_role("link", name="Vào số và ban hành").click()
    page.get_by_role("button", name="Vào số, ký số cơ quan và ban hành").click()
    expect(page.get_by_text("Đã vào số và ban hành.")).to_be_visible()
