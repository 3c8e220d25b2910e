"""Who is told when a nomination moves: the people holding a role in a unit,
active accounts only (``people_holding``)."""

from django.urls import reverse

from awards.models import Nomination
from emulation.models import Role
from emulation.permissions import people_holding
from emulation.services import notification_send


def nomination_url(nomination: Nomination) -> str:
    return reverse("nomination_detail", args=[nomination.pk])


def notify_holders(units, roles, *, title: str, body: str = "", url: str = "") -> None:
    for person in people_holding(roles, units):
        notification_send(recipient=person, title=title, body=body, url=url)


def notify_nominator(nomination: Nomination, title: str, body: str = "") -> None:
    notify_holders([nomination.nominating_unit], [Role.UNIT_OFFICER], title=title, body=body,
                   url=nomination_url(nomination))
