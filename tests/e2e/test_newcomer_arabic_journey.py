"""A newcomer who reads Arabic, in Chromium: switches the site to Arabic, reads the guide and an aid, signs
up, asks for help and books an appointment at a permanence — every step in Arabic, right to left, with and
without JavaScript, axe on each page. The aids' own texts stay in French, marked so.
"""

import datetime as dt
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import axe_violations

PASSWORD = "un-mot-de-passe-bien-long-2026"
ARABIC = re.compile(r"[\u0600-\u06ff]")


def _check(page, javascript):
    """Arabic and right to left; axe (a script in the page) in the JavaScript variant."""
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert ARABIC.search(page.get_by_role("heading", level=1).inner_text()) or page.locator("h1[lang=fr]").count(), (
        page.url
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    if javascript:
        assert axe_violations(page) == [], page.url


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_newcomer_does_it_all_in_arabic(browsers, live_site, javascript):
    page = browsers.page(javascript=javascript)
    page.goto("/")
    _submit(page, "العربيّة")
    _check(page, javascript)
    expect(page.get_by_role("heading", level=1)).to_have_text("دار الجمعيات الافتراضية في Rezé")
    # The switch offers French and English, each in its own language.
    expect(page.locator(".lang-switch button[lang=fr]")).to_have_text("Français")

    # The guide, a search, an aid: the page speaks Arabic, the aid's own text stays French.
    page.get_by_role("navigation", name="القائمة الرئيسية").get_by_role("link", name="الحقوق والمساعدات").click()
    _check(page, javascript)
    expect(page.get_by_text("بطاقات المساعدات مكتوبة باللغة الفرنسية.")).to_be_visible()
    page.locator("#id_q").fill("logement")
    _submit(page, "بحث")
    _check(page, javascript)
    card = page.locator(".aid-card h3[lang=fr] a").first
    title = card.inner_text()
    card.click()
    _check(page, javascript)
    expect(page.locator("h1")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text(title)
    expect(
        page.get_by_role("heading", name="الأوراق التي يجب تحضيرها").or_(page.get_by_role("heading", name="لمن؟")).first
    ).to_be_visible()

    # Sign up, confirm from the e-mail (written in Arabic too).
    page.get_by_role("link", name="إنشاء حساب").first.click()
    _check(page, javascript)
    email = f"amina-{uuid.uuid4().hex[:8]}@exemple.fr"
    page.get_by_label("اسمك الأول أو اسم مستعار").fill("Amina")
    page.get_by_label("البريد الإلكتروني").fill(email)
    page.get_by_label("حيّك").select_option(label="Ragon")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    _submit(page, "أنشئ حسابي")
    _check(page, javascript)
    expect(page.get_by_role("heading", level=1)).to_have_text("افحص بريدك الإلكتروني")
    mails = live_site.mails_to(email)
    assert len(mails) == 1 and "لتفعيل حسابك" in mails[0], mails
    page.goto(re.search(r"http://\S+/compte/confirmer/\S+/", mails[0]).group(0))
    _check(page, javascript)
    expect(page.get_by_text("تم تأكيد عنوانك. مرحبًا بك!")).to_be_visible()

    # Ask for help.
    page.goto("/entraide/demander/")
    _check(page, javascript)
    page.get_by_label("ما نوع المساعدة التي تحتاج إليها؟").select_option(label="الإجراءات الإدارية")
    page.get_by_label("صف ما تحتاج إليه").fill("Je cherche de l'aide pour remplir un dossier de la CAF.")
    page.get_by_label("الحي").select_option(label="Ragon")
    start = dt.datetime.now() + dt.timedelta(hours=2)  # noqa: DTZ005 - the browser's local time, as typed
    page.get_by_label("ابتداءً من").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("حتى").fill((start + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    _submit(page, "انشر طلبي")
    _check(page, javascript)
    expect(page.get_by_text("تم النشر. نبحث الآن عن جيران يمكنهم المساعدة.")).to_be_visible()
    expect(page.locator("main p[lang=fr]", has_text="dossier de la CAF")).to_be_visible()

    # Book an appointment at a permanence: slots, the form, the appointment, « mes rendez-vous ».
    page.goto("/acces-aux-droits/permanences/acces-aux-droits-ccas/")
    _check(page, javascript)
    expect(page.get_by_role("heading", name="المواعيد في الأسابيع القادمة")).to_be_visible()
    with page.expect_navigation():
        page.locator("ul.slots a").first.click()
    _check(page, javascript)
    expect(page.locator("main strong").first).to_contain_text(re.compile(r"من \d{1,2}:\d{2} إلى \d{1,2}:\d{2}"))
    page.get_by_label("موضوع الموعد").select_option(index=1)
    _submit(page, "احجز هذا الموعد")
    _check(page, javascript)
    expect(page.get_by_text(re.compile("^تم حجز الموعد: "))).to_be_visible()
    page.get_by_role("link", name="مواعيدي").first.click()
    _check(page, javascript)
    expect(page.get_by_role("heading", name="القادمة")).to_be_visible()
    expect(page.locator("main li a").first).to_be_visible()
