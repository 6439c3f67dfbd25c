"""Photos of the items lent: public pictures, JPEG, PNG or WebP recognised by their content.

The checks are ``solidarite.uploads``; a photo is stored under a random name with the extension of its
real format, so the uploaded name never reaches the public URL (it may carry a person's name).
"""

import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from solidarite import uploads

MAX_PER_ITEM = 6


def check_photo(upload) -> str:
    """The content type of an acceptable photo; ``ValidationError`` (French) otherwise."""
    return uploads.check_upload(
        upload,
        accepted=uploads.IMAGES,
        max_bytes=settings.LENDING_PHOTO_MAX_BYTES,
        refused=_("Seules les photos JPEG, PNG ou WebP sont acceptées."),
        match_extension=False,
    )


def validate_photo(value) -> None:
    if getattr(value, "_committed", True):
        return
    check_photo(value.file)


def storage_path(instance, filename: str) -> str:
    extension = uploads.extension_of(instance.content_type or "image/jpeg")
    return f"lending/photos/{instance.item_id}/{uuid.uuid4().hex}{extension}"
