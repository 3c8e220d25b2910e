"""The navigation bar: one line on a 1366 px screen for every demo login, a
menu that opens on a phone, the page you are on marked, and every item
reachable from the keyboard. In Chromium."""

import re

import pytest
from playwright.sync_api import expect

from campaigns.models import Plan
from demo.units import PEOPLE
from tests.conftest import DEMO_PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 740}

# What breaks the one-line bar: items on more than one row, a label broken
# over two lines, or a bar wider than the window.
BAR_GEOMETRY = """() => {
  const bar = document.querySelector('nav.navbar');
  const items = [...bar.querySelectorAll('.navbar-nav > .nav-item')];
  const oneLine = (el) => {
    const style = getComputedStyle(el);
    const line = parseFloat(style.lineHeight) + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    return el.getBoundingClientRect().height <= line + 1;
  };
  return {
    rows: new Set(items.map((item) => Math.round(item.getBoundingClientRect().top))).size,
    broken: items.map((item) => item.firstElementChild).filter((el) => !oneLine(el)).map((el) => el.innerText.trim()),
    overflows: bar.scrollWidth > bar.clientWidth,
    items: items.map((item) => item.innerText.trim()),
  };
}"""


def sign_in(page, username: str) -> None:
    log_in(page, username, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Việc cần làm", level=1)).to_be_visible()


def test_the_bar_is_one_line_at_1366_px_for_every_demo_login(page, demo):
    page.set_viewport_size(DESKTOP)
    problems = {}
    for username, *_ in PEOPLE:
        sign_in(page, username)
        geometry = page.evaluate(BAR_GEOMETRY)
        if geometry["rows"] != 1 or geometry["broken"] or geometry["overflows"] or len(geometry["items"]) < 5:
            problems[username] = geometry
        page.context.clear_cookies()
    assert problems == {}


def test_the_page_you_are_on_is_marked_and_seen(page, demo):
    page.set_viewport_size(DESKTOP)
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    sign_in(page, "canbo.longxuyen")

    page.goto("/ke-hoach/han-nop/")
    deadlines = nav.get_by_role("link", name="Hạn nộp", exact=True)
    expect(deadlines).to_have_attribute("aria-current", "page")
    expect(nav.locator("[aria-current]")).to_have_count(1)
    # Seen, not only announced: bold and underlined, unlike its neighbour.
    plans = nav.get_by_role("link", name="Kế hoạch", exact=True)
    style = "(el) => [getComputedStyle(el).fontWeight, getComputedStyle(el).boxShadow]"
    assert deadlines.evaluate(style) == ["600", "rgb(255, 255, 255) 0px -3px 0px 0px inset"]
    assert plans.evaluate(style) == ["400", "none"]

    # A page under a menu entry marks the entry as the current place.
    page.goto(f"/ke-hoach/{Plan.objects.filter(state='issued').first().pk}/")
    expect(plans).to_have_attribute("aria-current", "true")
    expect(nav.locator("[aria-current]")).to_have_count(1)

    # A page in the "Danh mục" menu marks the menu's button and the item in it.
    page.goto("/khoi-thi-dua/")
    catalogue = nav.get_by_role("button", name="Danh mục", exact=True)
    expect(catalogue).to_have_class(re.compile(r"\bactive\b"))
    catalogue.click()
    expect(nav.get_by_role("link", name="Khối, cụm thi đua")).to_have_attribute("aria-current", "page")

    page.goto("/thong-bao/")
    expect(nav.get_by_role("link", name=re.compile("^Thông báo"))).to_have_attribute("aria-current", "page")

    page.goto("/tuy-chon/")
    expect(page.locator("#nav-main .dropdown-toggle")).to_have_class(re.compile(r"\bactive\b"))
    expect(nav.locator("[aria-current]")).to_have_count(1)


def test_the_skip_link_and_every_item_work_from_the_keyboard(page, demo):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "canbo.longxuyen")

    # The first Tab shows the skip link; Enter puts the focus on the page's content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, tới nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#noi-dung")).to_be_focused()

    # Tab walks the bar in order, every item in turn.
    page.goto("/")
    focused = []
    page.keyboard.press("Tab")  # the skip link
    for _ in range(11):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("() => document.activeElement.innerText.trim()"))
    assert focused[:8] == ["Thi đua – Khen thưởng", "Việc cần làm", "Kế hoạch", "Tiến độ", "Hạn nộp",
                           "Hồ sơ khen thưởng", "Đơn vị", "Danh mục"]
    assert re.fullmatch(r"Thông báo \d+", focused[8]) and focused[9] == "Lê Văn Tâm"
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")

    # The menu opens with Enter; Tab reaches each of its items; Escape closes it.
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    catalogue = nav.get_by_role("button", name="Danh mục", exact=True)
    catalogue.focus()
    page.keyboard.press("Enter")
    expect(catalogue).to_have_attribute("aria-expanded", "true")
    for name in ("Danh mục khen thưởng", "Khối, cụm thi đua"):
        page.keyboard.press("Tab")
        expect(nav.get_by_role("link", name=name)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/khen-thuong/danh-muc/$"))
    expect(nav.get_by_role("button", name="Danh mục", exact=True)).to_have_class(re.compile(r"\bactive\b"))

    account = page.locator("#nav-main .dropdown-toggle")
    account.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    expect(nav.get_by_role("link", name="Tùy chọn")).to_be_focused()
    page.keyboard.press("Escape")
    expect(account).to_be_focused()
    expect(account).to_have_attribute("aria-expanded", "false")


def test_on_a_phone_the_menu_opens_and_every_item_is_reachable(page, demo):
    page.set_viewport_size(PHONE)
    sign_in(page, "canbo.longxuyen")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    toggler = nav.get_by_role("button", name="Mở menu")
    deadlines = nav.get_by_role("link", name="Hạn nộp", exact=True)
    expect(deadlines).to_be_hidden()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    for name in ("Việc cần làm", "Kế hoạch", "Hạn nộp", "Hồ sơ khen thưởng", "Đơn vị"):
        link = nav.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
    nav.get_by_role("button", name="Danh mục", exact=True).click()
    nav.get_by_role("link", name="Khối, cụm thi đua").click()
    expect(page).to_have_url(re.compile("/khoi-thi-dua/$"))

    toggler.click()
    expect(nav.get_by_role("button", name="Danh mục", exact=True)).to_have_class(re.compile(r"\bactive\b"))
    deadlines.click()
    expect(page).to_have_url(re.compile("/ke-hoach/han-nop/$"))
    toggler.click()
    expect(deadlines).to_have_attribute("aria-current", "page")
