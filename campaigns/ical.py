"""A unit's deadlines as an iCalendar feed, for the calendar apps people already use."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from campaigns.models import Obligation
from emulation.models import Unit


def calendar_ics(unit: Unit) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Thi dua//Lich han nop//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Hạn nộp — {unit.name}")
    for obligation in Obligation.objects.filter(unit=unit).select_related("plan", "owed_to"):
        event = Event()
        event.add("uid", f"obligation-{obligation.pk}@thidua")
        event.add("summary", f"{obligation.get_kind_display()} — {obligation.owed_to.name}")
        event.add("dtstart", obligation.due_on)
        event.add("dtend", obligation.due_on + datetime.timedelta(days=1))
        event.add("description", f"Kế hoạch số {obligation.plan.number_symbol}: {obligation.plan.title}")
        event.add("url", settings.SITE_URL + reverse("obligation_list"))
        event.add("dtstamp", timezone.now())
        calendar.add_component(event)
    return calendar.to_ical()
