"""The plan as an official document: print HTML, draft PDF, issued PDF."""

from django.template.loader import render_to_string

from campaigns.document import build_plan_document
from campaigns.models import Plan
from campaigns.selectors import plan_with_parts
from emulation.documents import Stamp, Verification, draft_pdf, official_document_issue
from emulation.models import DocumentType, OfficialDocument


def plan_print_html(plan: Plan, *, verification: Verification | None = None, stamp: Stamp | None = None,
                    for_browser: bool = False) -> str:
    plan = plan_with_parts(plan.pk)
    return render_to_string("campaigns/print/plan.html", {
        "plan": plan, "document": build_plan_document(plan), "verification": verification,
        "stamp": stamp or Stamp(), "for_browser": for_browser,
    })


def plan_draft_pdf(plan: Plan) -> bytes:
    return draft_pdf(plan_print_html(plan))


def plan_official_document_issue(plan: Plan) -> OfficialDocument:
    return official_document_issue(
        target=plan, issuer=plan.issuer, doc_type=DocumentType.PLAN, number_symbol=plan.number_symbol,
        issued_on=plan.issued_on, subject=plan.title, signer_name=plan.signer_name,
        build_html=lambda verification, stamp: plan_print_html(plan, verification=verification, stamp=stamp),
    )
