from django.utils.functional import SimpleLazyObject

from emulation.permissions import Action, units_for
from emulation.selectors import unread_notification_count


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread():
        return unread_notification_count(user)

    return {
        "nav_unread": SimpleLazyObject(unread),
        "nav_is_administrator": SimpleLazyObject(lambda: units_for(user, Action.MANAGE_UNIT).exists()),
        "nav_is_officer": SimpleLazyObject(lambda: units_for(user, Action.ACT_FOR_UNIT).exists()),
        "nav_is_reviewer": SimpleLazyObject(lambda: units_for(user, Action.REVIEW_FOR_UNIT).exists()),
    }
