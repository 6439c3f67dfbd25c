"""Room photos: staff add them in the room's admin with an alt text; uploads are checked by their
content and size; the room page shows them (constant queries); they are served as public images."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from associations.rooms.models import RoomPhoto
from tests.factories import UserFactory
from tests.rooms.factories import JPEG_HEAD, WEBP_HEAD, RoomFactory, make_photo, png_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def admin_staff(db):
    return UserFactory(staff=True, is_superuser=True)


def room_form(room, *photos_rows, existing=()):
    """The room's admin change form as a browser posts it, with inline photo rows."""
    data = {
        "name": room.name,
        "slug": room.slug,
        "description": room.description,
        "address": room.address,
        "latitude": "",
        "longitude": "",
        "quartier": "",
        "capacity": str(room.capacity),
        "equipment": "",
        "opening_hours": room.opening_hours,
        "min_notice_hours": str(room.min_notice_hours),
        "max_duration_hours": str(room.max_duration_hours),
        "cancel_notice_hours": str(room.cancel_notice_hours),
        "open_to": room.open_to,
        "is_active": "on",
        "photos-TOTAL_FORMS": str(len(existing) + len(photos_rows)),
        "photos-INITIAL_FORMS": str(len(existing)),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "12",
    }
    rows = [{"id": str(photo.pk), **fields} for photo, fields in existing] + [{"id": "", **r} for r in photos_rows]
    for index, row in enumerate(rows):
        data[f"photos-{index}-room"] = str(room.pk)
        for key, value in row.items():
            data[f"photos-{index}-{key}"] = value
    return data


def change_url(room):
    return reverse("admin:rooms_room_change", args=[room.pk])


@pytest.mark.parametrize(
    ("name", "content", "expected_type"),
    [
        ("grande-salle.png", png_bytes(), "image/png"),
        ("grande-salle.jpg", JPEG_HEAD + b"0" * 100, "image/jpeg"),
        ("grande-salle.webp", WEBP_HEAD + b"0" * 100, "image/webp"),
        # The content decides, not the name: a PNG named .jpg is kept, as a PNG.
        ("IMG_0042.JPG", png_bytes(), "image/png"),
    ],
)
def test_staff_add_a_photo_with_its_alt_text_in_the_room_admin(
    client_for, admin_staff, room, name, content, expected_type
):
    row = {"file": SimpleUploadedFile(name, content), "alt_text": "Grande salle, tables en U", "position": "1"}
    response = client_for(admin_staff).post(change_url(room), room_form(room, row))

    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    photo = room.photos.get()
    assert (photo.alt_text, photo.content_type, photo.position) == ("Grande salle, tables en U", expected_type, 1)
    # Stored under a name we made up, with the extension of the real format.
    assert photo.file.name.startswith(f"rooms/photos/{room.pk}/") and "IMG" not in photo.file.name
    assert photo.file.name.endswith({"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}[expected_type])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("salle.png", b"MZ\x90\x00 an executable named like a photo"),
        ("salle.jpg", b"%PDF-1.7 a document named like a photo"),
        ("salle.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("salle.gif", b"GIF89a\x01\x00\x01\x00"),
        ("salle.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_a_file_that_is_not_a_jpeg_png_or_webp_is_refused_in_french_and_nothing_is_saved(
    client_for, admin_staff, room, media, name, content
):
    row = {"file": SimpleUploadedFile(name, content, content_type="image/png"), "alt_text": "La salle"}
    response = client_for(admin_staff).post(change_url(room), room_form(room, row))

    assert response.status_code == 200  # the admin shows the form again with the error
    assert "Seules les photos JPEG, PNG ou WebP sont acceptées." in response.content.decode()
    assert not RoomPhoto.objects.exists()
    assert not any(media.rglob("*.*"))


def test_an_oversized_photo_is_refused_with_the_limit(client_for, admin_staff, room, media, settings):
    settings.ROOM_PHOTO_MAX_BYTES = 1000
    row = {"file": SimpleUploadedFile("grande.png", png_bytes() + b"\x00" * 2000), "alt_text": "La salle"}
    response = client_for(admin_staff).post(change_url(room), room_form(room, row))

    page = response.content.decode()
    assert response.status_code == 200 and "1000 octets au plus" in page.replace("\xa0", " ")
    assert not RoomPhoto.objects.exists() and not any(media.rglob("*.*"))


def test_an_empty_file_is_refused(client_for, admin_staff, room):
    row = {"file": SimpleUploadedFile("vide.png", b""), "alt_text": "La salle"}
    response = client_for(admin_staff).post(change_url(room), room_form(room, row))
    assert response.status_code == 200 and not RoomPhoto.objects.exists()


def test_the_alt_text_is_required(client_for, admin_staff, room, media):
    row = {"file": SimpleUploadedFile("salle.png", png_bytes()), "alt_text": ""}
    response = client_for(admin_staff).post(change_url(room), room_form(room, row))
    assert response.status_code == 200 and not RoomPhoto.objects.exists()
    assert not any(media.rglob("*.*"))


def test_replacing_or_deleting_a_photo_removes_the_old_file(
    client_for, admin_staff, room, media, django_capture_on_commit_callbacks
):
    photo = make_photo(room)
    first = photo.file.path
    new_file = SimpleUploadedFile("nouvelle.png", png_bytes(8, 6))
    replaced = {"file": new_file, "alt_text": "Nouvelle vue", "position": "0"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_staff).post(change_url(room), room_form(room, existing=[(photo, replaced)]))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.alt_text == "Nouvelle vue" and photo.file.path != first
    assert not (media / first).exists()

    kept = {"alt_text": "Nouvelle vue", "position": "0", "DELETE": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        client_for(admin_staff).post(change_url(room), room_form(room, existing=[(photo, kept)]))
    assert not RoomPhoto.objects.exists()
    assert not any(media.rglob("*.*"))


def test_saving_a_photo_without_a_form_still_checks_its_content(room, media):
    photo = RoomPhoto(room=room, alt_text="Pas une image")
    photo.file = ContentFile(b"<html>nope</html>", name="salle.png")
    with pytest.raises(ValidationError):
        photo.save()
    assert not RoomPhoto.objects.exists() and not any(media.rglob("*.*"))


def test_a_room_holds_twelve_photos_at_most(room):
    for position in range(12):
        make_photo(room, position=position)
    extra = RoomPhoto(room=room, alt_text="Une de trop")
    with pytest.raises(ValidationError, match="12 photos au plus"):
        extra.clean()


def test_the_room_admin_page_shows_the_photos_inline(client_for, admin_staff, room):
    make_photo(room, alt_text="Vue de la scène")
    page = client_for(admin_staff).get(change_url(room)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'alt="Vue de la scène"' in page and "texte alternatif" in page.lower()


# --- the room page ------------------------------------------------------------------------------


def test_the_room_page_shows_the_photos_with_their_alt_text_lazily(client, room):
    make_photo(room, alt_text="Cuisine équipée", position=2)
    make_photo(room, alt_text="Grande salle <lumineuse>", position=1)

    page = client.get(room.get_absolute_url()).content.decode()

    first, second = page.index("Grande salle &lt;lumineuse&gt;"), page.index("Cuisine équipée")
    assert first < second  # in the order staff chose
    assert page.count('loading="lazy"') == 2
    assert 'class="room-photos"' in page
    for photo in room.photos.all():
        assert f'src="{photo.get_absolute_url()}"' in page


def test_the_room_page_takes_the_same_number_of_queries_with_one_photo_or_ten(client, room, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_photo(room)
    with CaptureQueriesContext(connection) as one:
        client.get(room.get_absolute_url())
    for position in range(9):
        make_photo(room, position=position + 1)
    with django_assert_num_queries(len(one)):
        page = client.get(room.get_absolute_url()).content.decode()
    assert page.count('loading="lazy"') == 10


def test_a_room_without_photos_shows_no_empty_gallery(client, room):
    assert "room-photos" not in client.get(room.get_absolute_url()).content.decode()


# --- serving the file -----------------------------------------------------------------------------


def test_a_photo_is_served_as_a_public_image_that_the_browser_does_not_sniff(client, room):
    photo = make_photo(room)
    response = client.get(photo.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == png_bytes()


def test_a_photo_url_with_another_file_name_or_room_is_not_found(client, room):
    photo = make_photo(room)
    other = RoomFactory()
    assert client.get(reverse("rooms:photo", args=[room.slug, photo.pk, "autre.png"])).status_code == 404
    assert client.get(reverse("rooms:photo", args=[other.slug, photo.pk, photo.file_name])).status_code == 404


def test_photos_of_a_room_that_is_not_bookable_are_for_staff_only(client, client_for, staff, room):
    photo = make_photo(room)
    room.is_active = False
    room.save()
    assert client.get(photo.get_absolute_url()).status_code == 404
    response = client_for(staff).get(photo.get_absolute_url())
    assert response.status_code == 200 and "public" not in response["Cache-Control"]


def test_a_photo_whose_file_is_gone_is_not_found(client, room, media):
    photo = make_photo(room)
    (media / photo.file.name).unlink()
    assert client.get(photo.get_absolute_url()).status_code == 404
