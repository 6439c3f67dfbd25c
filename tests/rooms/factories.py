import datetime as dt

import factory

from associations.directory.models import Association, Membership
from associations.rooms.models import PARIS, Room
from tests.factories import UserFactory


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Association des salles {n}")
    slug = factory.Sequence(lambda n: f"association-salles-{n}")
    purpose = "Faire vivre le quartier."
    city = "Rezé"
    status = Association.Status.VERIFIED


def manager_of(association, user=None):
    user = user or UserFactory()
    Membership.objects.create(association=association, user=user, role=Membership.Role.MANAGER)
    return user


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Salle {n}")
    slug = factory.Sequence(lambda n: f"salle-{n}")
    address = "Maison des associations, 44400 Rezé"
    capacity = 30
    opening_hours = "Mo-Su 08:00-22:00"
    min_notice_hours = 48
    max_duration_hours = 4
    cancel_notice_hours = 24


def paris(*args) -> dt.datetime:
    """An aware Paris wall-clock datetime: paris(2027, 3, 28, 10)."""
    return dt.datetime(*args, tzinfo=PARIS)


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A real (tiny, grey) PNG image, made here: no binary file in the repository."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
WEBP_HEAD = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"


def make_photo(room, *, alt_text="La salle vue depuis l'entrée", position=0, content: bytes | None = None):
    from django.core.files.base import ContentFile

    from associations.rooms.models import RoomPhoto

    photo = RoomPhoto(room=room, alt_text=alt_text, position=position)
    photo.file = ContentFile(content or png_bytes(), name="photo.png")
    photo.save()
    return photo
