"""Photos of gifts: JPEG, PNG or WebP recognised by their content (``solidarite.uploads``), stored under
a random name (the uploaded name may carry a person's name), served by ``views.photo`` to whoever may
see the gift."""

import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from solidarite import uploads

MAX_PER_GIFT = 4


def check_photo(upload) -> str:
    return uploads.check_upload(
        upload,
        accepted=uploads.IMAGES,
        max_bytes=settings.GIFT_PHOTO_MAX_BYTES,
        refused=_("Seules les photos JPEG, PNG ou WebP sont acceptées."),
        match_extension=False,
    )


def storage_path(instance, filename: str) -> str:
    extension = uploads.extension_of(instance.content_type or "image/jpeg")
    return f"giveaways/{instance.gift_id}/{uuid.uuid4().hex}{extension}"
