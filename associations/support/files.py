"""Attachments: PDF and images only, recognised by their content (magic bytes), size-limited.

The extension and the browser's content type are not trusted; a file whose first bytes are not
those of an accepted format is refused, so an executable renamed ``devis.pdf`` never gets in.
"""

import re
import unicodedata

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_FILES = 10
# content type -> (accepted extensions, test on the first bytes)
FORMATS = {
    "application/pdf": ((".pdf",), lambda head: head.startswith(b"%PDF-")),
    "image/png": ((".png",), lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "image/jpeg": ((".jpg", ".jpeg"), lambda head: head.startswith(b"\xff\xd8\xff")),
    "image/webp": ((".webp",), lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
}


def sniff(head: bytes) -> str | None:
    for content_type, (_extensions, test) in FORMATS.items():
        if test(head):
            return content_type
    return None


def check_upload(upload) -> str:
    """Return the content type of an acceptable upload; raise SupportError otherwise."""
    from associations.support.services import SupportError

    limit = settings.SUPPORT_ATTACHMENT_MAX_BYTES
    if upload.size == 0:
        raise SupportError(_("Le fichier est vide."))
    if upload.size > limit:
        raise SupportError(
            _("Le fichier pèse %(size)s : %(limit)s au plus.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff(head)
    if content_type is None:
        raise SupportError(_("Seuls les fichiers PDF et les images (PNG, JPEG, WebP) sont acceptés."))
    extension = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in FORMATS[content_type][0]:
        raise SupportError(
            _("Le contenu du fichier ne correspond pas à son extension « %(ext)s ».") % {"ext": extension or "—"}
        )
    return content_type


def safe_name(name: str, content_type: str) -> str:
    """A plain ASCII file name with the right extension (no path, no surprise characters)."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "piece"
    return stem + FORMATS[content_type][0][0]
