"""Failed logins per client address. The lockout (django-axes) is per username,
so this is what stops one address from trying a few passwords on every account;
only failures count, so a whole office behind one NAT address logging in at
7:30 is never refused."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django_ratelimit.core import get_usage

from emulation.errors import too_many_requests
from emulation.forms import LoginForm

GROUP = "login-failures"


def _failures(request, *, count_this_one: bool) -> dict | None:
    return get_usage(request, group=GROUP, key="ip", rate=settings.LOGIN_RATE, method="POST",
                     increment=count_this_one)


def _over_limit(request) -> bool:
    """True once the address has used up its failures: the next try is refused before it is checked."""
    usage = _failures(request, count_this_one=False)
    if usage is None or usage["limit"] == 0:
        # django-ratelimit's answer when the cache cannot be read: never lock everyone out of the site.
        return False
    return usage["count"] >= usage["limit"]


def _count_failure(sender, credentials, request=None, **kwargs) -> None:
    if request is not None:
        _failures(request, count_this_one=True)


def connect() -> None:
    user_login_failed.connect(_count_failure, dispatch_uid="emulation.login_limits")


_login = auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True)


@login_not_required
def login(request, *args, **kwargs):
    if request.method == "POST" and _over_limit(request):
        return too_many_requests(request, reason="login")
    return _login(request, *args, **kwargs)
