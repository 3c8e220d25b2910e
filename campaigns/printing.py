"""The plan as an official document: its layout is the engine's, registered in ready()."""

from campaigns.document import build_plan_document
from campaigns.models import Plan
from campaigns.selectors import plan_with_parts
from emulation.documents.layout import DocumentLayout, Stamp


def plan_layout(plan: Plan, *, stamp: Stamp | None = None) -> DocumentLayout:
    return build_plan_document(plan_with_parts(plan.pk), stamp=stamp)
