"""The pages, without JavaScript: offer, wish, accept, hand over; report and moderation; the figures."""

import datetime as dt
import html

from django.urls import reverse
from django.utils import timezone

from solidarite.giveaways.models import Gift, GiftMatch, GiftReport
from solidarite.notifications.models import Notification
from tests.giveaways.factories import HOME, make_gift, make_wish


def _gift_form(**extra):
    return {
        "title": "Bouilloire",
        "category": "electrique",
        "condition": "bon",
        "description": "Bouilloire 1,7 litre qui marche très bien.",
        "quartier": "",
        "latitude": HOME.lat,
        "longitude": HOME.lon,
        # A window from the test's instant on (the date-sensitive runs move it): typed as a form sends it.
        "pickup_from": (timezone.localtime() + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "pickup_until": (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "pickup_details": "Au 3 rue du Secret",
    } | extra


def test_a_giver_offers_with_a_photo_and_its_alt_text(client, giver):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.rooms.factories import png_bytes

    client.force_login(giver)
    upload = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    missing_alt = client.post(reverse("giveaways:gift_new"), _gift_form(photo=upload))
    assert missing_alt.status_code == 400
    assert "pour les personnes qui ne la voient pas" in missing_alt.content.decode()
    upload = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    done = client.post(reverse("giveaways:gift_new"), _gift_form(photo=upload, alt_text="Bouilloire blanche"))
    assert done.status_code == 302
    gift = Gift.objects.get()
    page = html.unescape(client.get(done["Location"]).content.decode())
    assert 'alt="Bouilloire blanche"' in page
    assert "électrique d'occasion" in page  # the safety notice
    photo = gift.photos.get()
    served = client.get(reverse("giveaways:photo", args=[gift.pk, photo.pk, photo.file_name]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_food_is_refused_on_the_page(client, giver):
    client.force_login(giver)
    page = client.post(reverse("giveaways:gift_new"), _gift_form(title="Boîtes de conserve", category="cuisine"))
    assert page.status_code == 400 and "hygiène" in page.content.decode()


def test_the_wisher_accepts_on_the_page_and_both_see_the_pickup_details(client, giver, wisher, third):
    make_wish(wisher)
    gift = make_gift(giver)
    match = GiftMatch.objects.get()
    url = reverse("giveaways:gift", args=[gift.pk])
    client.force_login(third)
    assert "rue du Secret" not in client.get(url).content.decode()
    client.force_login(wisher)
    assert "rue du Secret" not in client.get(url).content.decode()
    answer = client.post(reverse("giveaways:match_step", args=[match.pk, "accepter"]))
    assert answer.status_code == 302
    page = client.get(url).content.decode()
    assert "3 rue du Secret, interphone 12" in page and "06 12 34 56 78" in page
    client.force_login(giver)
    page = client.get(url).content.decode()
    assert "Karim" in page and "07 98 76 54 32" in page
    given = client.post(reverse("giveaways:gift_step", args=[gift.pk, "remis"]), {"weight_kg": "4,5"})
    assert given.status_code == 302
    gift.refresh_from_db()
    assert gift.status == "given" and str(gift.weight_kg) == "4.5"
    client.force_login(third)
    assert client.get(url).status_code == 404  # no longer on offer: only its two sides see it


def test_a_report_reaches_staff_who_hide_the_gift(client, giver, third, staff):
    gift = make_gift(giver)
    client.force_login(third)
    sent = client.post(reverse("giveaways:report", args=["don", gift.pk]), {"reason": "spam", "details": "pub"})
    assert sent.status_code == 302
    report = GiftReport.objects.get()
    client.force_login(third)
    assert client.get(reverse("giveaways:moderation")).status_code == 403
    client.force_login(staff)
    assert "pub" in client.get(reverse("giveaways:moderation")).content.decode()
    client.post(reverse("giveaways:moderate", args=[report.pk, "hide"]))
    gift.refresh_from_db()
    assert gift.status == "hidden"
    assert Notification.objects.filter(user=giver, kind="help.post_hidden").exists()
    assert gift not in Gift.objects.public()


def test_the_dashboard_shows_kg_given_by_quartier_and_month_and_its_csv(client, giver, wisher, staff):
    from solidarite.giveaways import services

    make_wish(wisher)
    gift = make_gift(giver)
    services.answer_match(by=wisher, match=GiftMatch.objects.get(), step="accept")
    services.gift_step(by=giver, gift=gift, step="give", weight_kg="9.5")
    client.force_login(staff)
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "kg donnés par quartier et par mois" in page
    csv = client.get(reverse("dashboard:csv", args=["dons-par-quartier-et-mois"])).content.decode()
    assert "Pont-Rousseau" in csv and ("9,5" in csv or "9.5" in csv)
