"""What is exchanged around a support request: attachments, messages between the city and the association,
and the staff's private notes. Apart from ``models`` (which re-exports them) to keep each module readable."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Attachment(models.Model):
    request = models.ForeignKey("support.SupportRequest", on_delete=models.CASCADE, related_name="attachments")
    # Stored outside any public URL; served only through a view that checks permission.
    file = models.FileField(_("fichier"), upload_to="support/%Y/%m/")
    name = models.CharField(_("nom du fichier"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self):
        return self.name


class Message(models.Model):
    """Between the city and the association; both sides see it."""

    request = models.ForeignKey("support.SupportRequest", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="support_messages"
    )
    from_city = models.BooleanField(_("envoyé par la ville"), default=False)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.body[:60]


class PrivateNote(models.Model):
    """Staff only: never shown to the association, in HTML or API."""

    request = models.ForeignKey("support.SupportRequest", on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note interne")
        verbose_name_plural = _("notes internes")

    def __str__(self):
        return self.body[:60]
