"""Attachments: PDF and images only, recognised by their content (magic bytes), size-limited.

The checks themselves are ``solidarite.uploads`` (shared with the room photos); here are the
support rules: which formats, how large, how many, and the error type of the app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from associations.support.workflow import SupportError
from solidarite import uploads

MAX_FILES = 10


def check_upload(upload) -> str:
    """Return the content type of an acceptable upload; raise SupportError otherwise."""
    try:
        return uploads.check_upload(
            upload,
            accepted=uploads.DOCUMENTS,
            max_bytes=settings.SUPPORT_ATTACHMENT_MAX_BYTES,
            refused=_("Seuls les fichiers PDF et les images (PNG, JPEG, WebP) sont acceptés."),
        )
    except ValidationError as error:
        raise SupportError(error.messages[0], code=error.code) from None


def safe_name(name: str, content_type: str) -> str:
    return uploads.safe_name(name, content_type, fallback="piece")
