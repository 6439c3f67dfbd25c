"""Uploaded files recognised by their content (magic bytes), size-limited.

Shared by the support attachments and the room photos. The browser's content type is never
trusted, nor is the file name: a file whose first bytes are not those of an accepted format is
refused, so an executable renamed ``devis.pdf`` or a page renamed ``salle.png`` never gets in.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# content type -> (accepted extensions, the first one being the one we store, test on the first bytes)
FORMATS = {
    "application/pdf": ((".pdf",), lambda head: head.startswith(b"%PDF-")),
    "image/png": ((".png",), lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "image/jpeg": ((".jpg", ".jpeg"), lambda head: head.startswith(b"\xff\xd8\xff")),
    "image/webp": ((".webp",), lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
}
IMAGES = ("image/jpeg", "image/png", "image/webp")
DOCUMENTS = ("application/pdf", *IMAGES)
HEAD_BYTES = 16


def sniff(head: bytes, accepted=DOCUMENTS) -> str | None:
    """The content type of the first bytes of a file, among ``accepted``; None if none matches."""
    for content_type in accepted:
        if FORMATS[content_type][1](head):
            return content_type
    return None


def check_upload(upload, *, accepted, max_bytes: int, refused: str, match_extension: bool = True) -> str:
    """Return the content type of an acceptable upload; raise ``ValidationError`` (French) otherwise.

    ``refused`` is the message for a content of another format (it names the accepted ones).
    ``match_extension`` also refuses a name whose extension says another format than the content:
    the file will be downloaded under that name. Files stored under a name we make up skip it.
    """
    if upload.size == 0:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("Le fichier pèse %(size)s : %(limit)s au plus.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    content_type = sniff(head, accepted)
    if content_type is None:
        raise ValidationError(refused, code="format")
    if match_extension:
        name = upload.name or ""
        extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in FORMATS[content_type][0]:
            raise ValidationError(
                _("Le contenu du fichier ne correspond pas à son extension « %(ext)s ».") % {"ext": extension or "—"},
                code="extension",
            )
    return content_type


def check_photo(upload, *, max_bytes: int) -> str:
    """A public photo (JPEG, PNG or WebP by its content), stored under a name we make up: its content type."""
    return check_upload(
        upload,
        accepted=IMAGES,
        max_bytes=max_bytes,
        refused=_("Seules les photos JPEG, PNG ou WebP sont acceptées."),
        match_extension=False,
    )


def validate_new_photo(value, *, max_bytes: int) -> None:
    """Field validator: a new upload is checked; a file already stored was checked when it came."""
    if getattr(value, "_committed", True):
        return
    check_photo(value.file, max_bytes=max_bytes)


def extension_of(content_type: str) -> str:
    return FORMATS[content_type][0][0]


def safe_name(name: str, content_type: str, *, fallback: str = "fichier") -> str:
    """A plain ASCII file name with the right extension (no path, no surprise characters)."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or fallback
    return stem + extension_of(content_type)
