"""Fixtures the browser tests share."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Deadline, Recipient, Section, Target
from campaigns.services import plans as plan_services
from emulation.celery import app as celery_app
from emulation.models import Unit, User


@pytest.fixture
def report_plan(settings, chain):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
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
