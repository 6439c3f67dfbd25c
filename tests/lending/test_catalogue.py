"""The lenders' catalogue pages, without JavaScript: a manager adds an item, edits it, adds photos (alt text
required), withdraws it (its bookings cancelled, borrowers told) and puts it back, and sees its loans with the
condition recorded at each handover. Others are refused on the server: 403, or 404 for a withdrawn item."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarite.lending import catalogue, services
from solidarite.lending.models import Item, ItemPhoto, Loan, WaitEntry
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item, make_lender, manager
from tests.rooms.factories import png_bytes

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Caméra thermique",
    "category": "energy",
    "description": "Pour voir où la chaleur s'échappe.",
    "guide": "Regardez les fenêtres et les prises un soir froid.",
    "condition": "good",
    "deposit": "50",
    "weight_kg": "0,8",
    "max_days": "7",
    "pickup_point": "Maison des associations, accueil",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _photo(name="camera.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def test_an_associations_manager_adds_an_energy_kit_that_is_lendable_at_once(client):
    lender = make_lender()
    client.force_login(manager(lender))
    assert client.get(reverse("lending:manage_item_new")).status_code == 200
    response = client.post(reverse("lending:manage_item_new"), {**NEW, "lender": lender.pk})
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("lending:manage_item", args=[item.slug])
    assert (item.lender, item.is_kit, item.weight_kg, item.deposit, item.max_days) == (
        lender,
        True,
        Decimal("0.80"),
        Decimal("50.00"),
        7,
    )
    assert item.where == "Maison des associations, accueil"
    listed = client.get(reverse("lending:manage_items")).content.decode()
    assert "Caméra thermique" in listed
    assert "Caméra thermique" in client.get(reverse("lending:items")).content.decode()


def test_a_bad_item_form_is_a_french_400_and_saves_nothing(client):
    lender = make_lender()
    client.force_login(manager(lender))
    response = client.post(
        reverse("lending:manage_item_new"), {**NEW, "lender": lender.pk, "name": "", "weight_kg": "lourd"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "pas été envoyé" in page and "Poids (kg)" in page
    assert not Item.objects.exists()
    # A lender the person does not manage is not a choice.
    other = make_lender()
    assert client.post(reverse("lending:manage_item_new"), {**NEW, "lender": other.pk}).status_code == 400
    assert not Item.objects.exists()


def test_a_manager_edits_an_item_and_the_town_items_are_city_staffs(client):
    staff = UserFactory(is_staff=True)
    item = make_item(make_lender(kind="town"))
    client.force_login(staff)
    response = client.post(reverse("lending:manage_item", args=[item.slug]), {**NEW, "name": "Wattmètre bleu"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.name, item.condition, item.weight_kg) == ("Wattmètre bleu", "good", Decimal("0.80"))
    bad = client.post(reverse("lending:manage_item", args=[item.slug]), {**NEW, "max_days": "365"})
    assert bad.status_code == 400
    item.refresh_from_db()
    assert item.max_days == 7


def test_strangers_are_refused_on_the_server_and_a_withdrawn_item_is_invisible_to_them(client):
    item = make_item()
    client.force_login(UserFactory())
    assert client.get(reverse("lending:manage_items")).status_code == 403
    assert client.get(reverse("lending:manage_item_new")).status_code == 403
    assert client.get(reverse("lending:manage_item", args=[item.slug])).status_code == 403
    assert client.post(reverse("lending:manage_item", args=[item.slug]), NEW).status_code == 403
    assert client.post(reverse("lending:manage_item_state", args=[item.slug, "retirer"])).status_code == 403
    # Another lender's manager neither.
    client.force_login(manager(make_lender()))
    assert client.post(reverse("lending:manage_item", args=[item.slug]), NEW).status_code == 403
    catalogue.withdraw_item(by=manager(item.lender), item=item)
    assert client.get(reverse("lending:manage_item", args=[item.slug])).status_code == 404
    assert client.post(reverse("lending:manage_item_state", args=[item.slug, "remettre-en-pret"])).status_code == 404
    item.refresh_from_db()
    assert item.name.startswith("Wattmètre") and not item.is_active


def test_a_photo_needs_its_alt_text_and_a_real_image(client):
    item = make_item()
    client.force_login(manager(item.lender))
    url = reverse("lending:manage_photo_add", args=[item.slug])
    missing = client.post(url, {"file": _photo(), "alt_text": ""})
    assert missing.status_code == 400 and "Ce que montre la photo" in missing.content.decode()
    fake = client.post(url, {"file": SimpleUploadedFile("x.png", b"not an image"), "alt_text": "Une caméra"})
    assert fake.status_code == 400
    assert not ItemPhoto.objects.exists()
    assert client.post(url, {"file": _photo(), "alt_text": "La caméra thermique dans sa housse"}).status_code == 302
    photo = ItemPhoto.objects.get()
    assert photo.alt_text == "La caméra thermique dans sa housse"
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'alt="La caméra thermique dans sa housse"' in page
    removed = client.post(reverse("lending:manage_photo_remove", args=[item.slug, photo.pk]))
    assert removed.status_code == 302 and not ItemPhoto.objects.exists()


def test_withdrawing_cancels_the_bookings_tells_their_borrowers_and_ends_the_waiting_list(
    client, django_capture_on_commit_callbacks
):
    item = make_item()
    borrower, waiter = UserFactory(), UserFactory()
    loan = services.book_days(item=item, borrower=borrower, first_day=days_ahead(3), last_day=days_ahead(4))
    services.join_waitlist(item=item, person=waiter)
    client.force_login(manager(item.lender))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lending:manage_item_state", args=[item.slug, "retirer"]), follow=True)
    assert "Réservations annulées et personnes prévenues : 1" in response.content.decode()
    loan.refresh_from_db()
    item.refresh_from_db()
    assert loan.status == Loan.Status.CANCELLED and not item.is_active
    assert Notification.objects.filter(user=borrower, kind="lending.cancelled").count() == 1
    assert not WaitEntry.objects.exists()
    assert client.get(item.get_absolute_url()).status_code == 404  # off the catalogue
    # The manager still sees it, and puts it back.
    assert client.get(reverse("lending:manage_item", args=[item.slug])).status_code == 200
    client.post(reverse("lending:manage_item_state", args=[item.slug, "remettre-en-pret"]))
    item.refresh_from_db()
    assert item.is_active


def test_an_item_out_with_someone_cannot_be_withdrawn(client):
    item = make_item()
    loan = services.book_days(item=item, borrower=UserFactory(), first_day=days_ahead(0), last_day=days_ahead(2))
    services.hand_over(loan=loan, by=manager(item.lender), condition="good", weight_kg="0.4")
    client.force_login(manager(item.lender))
    response = client.post(reverse("lending:manage_item_state", args=[item.slug, "retirer"]), follow=True)
    assert "reprenez-le avant de le retirer" in response.content.decode()
    item.refresh_from_db()
    assert item.is_active


def test_the_item_page_shows_its_loans_with_the_condition_at_each_handover_in_constant_queries(
    client, django_assert_num_queries
):
    item = make_item()
    owner = manager(item.lender)
    client.force_login(owner)
    url = reverse("lending:manage_item", args=[item.slug])

    def book(n):
        return services.book_days(
            item=item, borrower=UserFactory(), first_day=days_ahead(n * 3), last_day=days_ahead(n * 3 + 1)
        )

    loan = book(0)
    services.hand_over(loan=loan, by=owner, condition="fair", weight_kg="0.4", note="rayure")
    client.get(url)  # warm (session, translations)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(1, 4):
        book(n)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert "état correct, 0.40 kg — rayure" in page or "état correct, 0,40 kg — rayure" in page
    assert page.count("Reprendre l&#x27;objet") == 1 and page.count("Remettre l&#x27;objet") == 3
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("lending:manage_items"))
    make_item(item.lender)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("lending:manage_items"))
