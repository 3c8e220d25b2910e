"""The site navigation: which links a person sees and which one is the page
they are on. Decided here, from the user's roles and the request's resolved
URL name; ``templates/base.html`` only renders it."""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from emulation.permissions import Action, can_somewhere
from emulation.selectors import unread_notification_count


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url_name: str
    only_for: str = ""  # "member", "officer", "reviewer" or "administrator": shown to that role only


# The bar itself: what people use every day.
MAIN_LINKS = (
    NavEntry("home", _("Việc cần làm"), "home"),
    NavEntry("plans", _("Kế hoạch"), "plan_list"),
    NavEntry("progress", _("Tiến độ"), "progress_dashboard", only_for="member"),
    NavEntry("obligations", _("Hạn nộp"), "obligation_list", only_for="officer"),
    NavEntry("nominations", _("Hồ sơ khen thưởng"), "my_nominations", only_for="officer"),
    NavEntry("review", _("Thẩm định"), "review_queue", only_for="reviewer"),
    NavEntry("units", _("Đơn vị"), "unit_directory"),
)
# The "Danh mục" menu: reference lists, opened now and then.
CATALOGUE_LINKS = (
    NavEntry("award_types", _("Danh mục khen thưởng"), "award_type_list"),
    NavEntry("blocs", _("Khối, cụm thi đua"), "bloc_list"),
    NavEntry("people", _("Người dùng"), "person_list", only_for="administrator"),
)
# The account menu under the person's name.
ACCOUNT_LINKS = (
    NavEntry("preferences", _("Tùy chọn"), "preferences"),
    NavEntry("certificates", _("Chứng thư số, chữ ký"), "my_certificates"),
    NavEntry("password", _("Đổi mật khẩu"), "password_change"),
)
NOTIFICATIONS = NavEntry("notifications", _("Thông báo"), "notification_inbox")
ENTRIES = {entry.key: entry for entry in (*MAIN_LINKS, *CATALOGUE_LINKS, *ACCOUNT_LINKS, NOTIFICATIONS)}

# The navigation entry a page belongs to, by the page's URL name: exact names
# first, then prefixes. Where a page belongs to two entries, the first one the
# person sees wins (a nomination is under "Hồ sơ khen thưởng" for its officer,
# under "Thẩm định" for a reviewer).
SECTION_BY_NAME = {
    "home": ("home",),
    "signing_queue": ("home",),
    "register_list": ("plans",),
    "quota_ledger": ("plans",),
    "nominations_export": ("plans",),
    "obligation_list": ("obligations",),
    "obligation_waive": ("obligations",),
    "calendar_renew": ("obligations",),
    "plan_rollup": ("plans",),
    "progress_dashboard": ("progress",),
    "nomination_create": ("nominations",),
    "my_nominations": ("nominations",),
    "review_queue": ("review",),
    "role_add": ("units",),
    "role_remove": ("units",),
    "signing_material": ("units",),
    "notification_inbox": ("notifications",),
    "my_certificates": ("certificates",),
    "certificate_retire": ("certificates",),
    "password_change_done": ("password",),
}
SECTION_BY_PREFIX = (
    ("report_", ("obligations",)),
    ("plan_", ("plans",)),
    ("part_", ("plans",)),
    ("outside_document_", ("plans",)),
    ("council_", ("plans",)),
    ("decision_", ("plans",)),
    ("nomination_", ("nominations", "review")),
    ("attachment_", ("nominations", "review")),
    ("unit_", ("units",)),
    ("award_type_", ("award_types",)),
    ("bloc_", ("blocs",)),
    ("person_", ("people",)),
    ("preferences", ("preferences",)),
    ("password_change", ("password",)),
)


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: str  # the aria-current value: "page" on the page itself, "true" below it, "" elsewhere


def section_candidates(url_name: str | None) -> tuple[str, ...]:
    if not url_name:
        return ()
    if url_name in SECTION_BY_NAME:
        return SECTION_BY_NAME[url_name]
    for prefix, keys in SECTION_BY_PREFIX:
        if url_name.startswith(prefix):
            return keys
    return ()


class Navigation:
    """What base.html's navigation shows to one person on one page, from the
    person's roles as read once per request, and only when the template asks."""

    def __init__(self, request, user):
        self.user = user
        match = getattr(request, "resolver_match", None)
        self.url_name = match.url_name if match else None

    @cached_property
    def is_member(self) -> bool:
        """Holds a role somewhere (the progress dashboard is for them)."""
        return can_somewhere(self.user, Action.VIEW_UNIT)

    @cached_property
    def is_administrator(self) -> bool:
        return can_somewhere(self.user, Action.MANAGE_UNIT)

    @cached_property
    def is_officer(self) -> bool:
        return can_somewhere(self.user, Action.ACT_FOR_UNIT)

    @cached_property
    def is_reviewer(self) -> bool:
        return can_somewhere(self.user, Action.REVIEW_FOR_UNIT)

    def _shown(self, entry: NavEntry) -> bool:
        return not entry.only_for or getattr(self, f"is_{entry.only_for}")

    @cached_property
    def current(self) -> str:
        """The key of the entry the page belongs to, or "" (a page no entry leads to)."""
        return next((key for key in section_candidates(self.url_name) if self._shown(ENTRIES[key])), "")

    def _link(self, entry: NavEntry) -> NavLink:
        current = ""
        if entry.key == self.current:
            current = "page" if entry.url_name == self.url_name else "true"
        return NavLink(label=entry.label, url=reverse(entry.url_name), current=current)

    def _links(self, entries) -> list[NavLink]:
        return [self._link(entry) for entry in entries if self._shown(entry)]

    @cached_property
    def links(self) -> list[NavLink]:
        return self._links(MAIN_LINKS)

    @cached_property
    def catalogue(self) -> list[NavLink]:
        return self._links(CATALOGUE_LINKS)

    @cached_property
    def catalogue_current(self) -> bool:
        return any(link.current for link in self.catalogue)

    @cached_property
    def account(self) -> list[NavLink]:
        return self._links(ACCOUNT_LINKS)

    @cached_property
    def account_current(self) -> bool:
        return any(link.current for link in self.account)

    @cached_property
    def notifications(self) -> NavLink:
        return self._link(NOTIFICATIONS)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": Navigation(request, user),
        "nav_unread": SimpleLazyObject(lambda: unread_notification_count(user)),
    }
