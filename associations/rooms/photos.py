"""Photos of the rooms: public pictures, JPEG, PNG or WebP recognised by their content.

The checks are ``solidarite.uploads`` (shared with the support attachments). A photo is stored
under a random name with the extension of its real format, so neither the uploaded name nor its
extension ever reaches the public URL or the content type we serve.
"""

import uuid

from django.conf import settings
from django.db import transaction

from solidarite import uploads

MAX_PER_ROOM = 12


def check_photo(upload) -> str:
    """The content type of an acceptable photo; ``ValidationError`` (French) otherwise."""
    return uploads.check_photo(upload, max_bytes=settings.ROOM_PHOTO_MAX_BYTES)


def validate_photo(value) -> None:
    uploads.validate_new_photo(value, max_bytes=settings.ROOM_PHOTO_MAX_BYTES)


def storage_path(instance, filename: str) -> str:
    extension = uploads.extension_of(instance.content_type or "image/jpeg")
    return f"rooms/photos/{instance.room_id}/{uuid.uuid4().hex}{extension}"


def delete_file_on_commit(storage, name: str) -> None:
    """Remove a stored file once the row that named it is gone for good (not on a rollback)."""
    transaction.on_commit(lambda: storage.delete(name))
