from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose tokens name the current state of the public lists.

    Database triggers (declared by each app's migrations, ``triggers.py``) give a column a new random
    token whenever a table that its lists read is written, by any path: ``save()``,
    ``QuerySet.update()``, the admin, raw SQL.
    The token changes in the writing transaction, so the new data and the new token become
    visible together; a writer that finds the row held by another open transaction leaves the
    renewal to it (no waiting, see the migration), and its change may then show only when the
    minute turns. Random rather than counted: a rolled-back transaction (a test, a failed
    request) can never bring back a token that named other data.
    """

    help = models.CharField(_("entraide"), max_length=32)
    listings = models.CharField(_("annuaire, agenda et commerces"), max_length=32)

    class Meta:
        verbose_name = _("version des listes publiques")
        verbose_name_plural = _("versions des listes publiques")

    def __str__(self):
        return f"help={self.help} listings={self.listings}"
