import datetime

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import formats, timezone, translation

from emulation.errors import server_error
from emulation.models import Role
from tests.factories import UserFactory, person_with_role

PASSWORD = "MatKhau@2026"


def test_login_page_is_in_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Tên đăng nhập" in body and "Mật khẩu" in body and "Đăng nhập" in body


def test_wrong_password_says_so_and_keeps_the_username(client, db):
    UserFactory(username="canbo")
    response = client.post(reverse("login"), {"username": "canbo", "password": "sai-mat-khau"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in body
    assert 'value="canbo"' in body


def test_right_password_leads_to_the_landing_page(client, tree):
    person_with_role(Role.UNIT_OFFICER, tree["district_a"], username="canbo")
    response = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Việc cần làm" in response.content.decode()
    assert "Cán bộ thi đua" in response.content.decode()


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, db, settings):
    UserFactory(username="canbo")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
        assert response.status_code == 200
    locked = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    assert locked.status_code == 429
    assert "Tài khoản tạm khóa" in locked.content.decode()
    still_locked = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD})
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_the_cool_off(client, db, settings):
    UserFactory(username="canbo")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timezone.timedelta(minutes=1)):
        response = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_is_a_post_and_ends_the_session(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_in_vietnamese(client, db):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert "Đổi mật khẩu" in page.content.decode()
    wrong = client.post(reverse("password_change"), {
        "old_password": "khong-dung", "new_password1": "BauTroiXanh#2026", "new_password2": "BauTroiXanh#2026"})
    assert wrong.status_code == 200
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "BauTroiXanh#2026", "new_password2": "BauTroiXanh#2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("BauTroiXanh#2026")


def _all_url_names():
    names = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, prefix)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.append(pattern)

    walk(get_resolver().url_patterns)
    return names


PUBLIC = {"login", "healthz", "document_verify_start", "document_verify", "calendar_feed"}
# A signing tool's addresses need no login: the signed address is the credential, and "1" is a forged one.
TOOL_ADDRESSES = {"signing_tool_file": 403, "signing_tool_upload": 405}


@pytest.mark.parametrize("pattern", _all_url_names(), ids=lambda p: p.name)
def test_no_page_opens_without_login(client, db, pattern):
    kwargs = {key: 1 for key in pattern.pattern.regex.groupindex}
    url = reverse(pattern.name, kwargs=kwargs)
    response = client.get(url)
    if pattern.name in PUBLIC:
        assert response.status_code in (200, 404)  # 404: no document or calendar has the code "1"
    elif pattern.name in TOOL_ADDRESSES:
        assert response.status_code == TOOL_ADDRESSES[pattern.name]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_admin_site_needs_a_staff_login(client, db):
    response = client.get("/quan-tri-he-thong/")
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"] or "login" in response["Location"]


def test_not_found_page_is_vietnamese(client, db):
    client.force_login(UserFactory())
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_is_vietnamese_and_standalone(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()


def test_dates_are_shown_day_first():
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2025, 2, 1)) == "01/02/2025"
        assert formats.date_format(datetime.date(2025, 2, 1), "SHORT_DATE_FORMAT") == "01/02/2025"
