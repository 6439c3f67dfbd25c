"""Photos of the items lent: public pictures, JPEG, PNG or WebP recognised by their content.

The checks are ``solidarite.uploads``; a photo is stored under a random name with the extension of its
real format, so the uploaded name never reaches the public URL (it may carry a person's name).
"""

import uuid

from django.conf import settings

from solidarite import uploads

MAX_PER_ITEM = 6


def check_photo(upload) -> str:
    """The content type of an acceptable photo; ``ValidationError`` (French) otherwise."""
    return uploads.check_photo(upload, max_bytes=settings.LENDING_PHOTO_MAX_BYTES)


def validate_photo(value) -> None:
    uploads.validate_new_photo(value, max_bytes=settings.LENDING_PHOTO_MAX_BYTES)


def storage_path(instance, filename: str) -> str:
    extension = uploads.extension_of(instance.content_type or "image/jpeg")
    return f"lending/photos/{instance.item_id}/{uuid.uuid4().hex}{extension}"
