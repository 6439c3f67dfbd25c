"""The seeded category names, marked for translation (they are data, shown with {% translate %})."""

from django.utils.translation import gettext_noop

NAMES = [
    gettext_noop("Courses et livraisons"),
    gettext_noop("Accompagnement et transport"),
    gettext_noop("Bricolage"),
    gettext_noop("Numérique"),
    gettext_noop("Démarches administratives"),
    gettext_noop("Visite et compagnie"),
    gettext_noop("Garde d'enfants"),
    gettext_noop("Repas et alimentation"),
    gettext_noop("Prêt d'objets"),
    gettext_noop("Jardinage"),
    gettext_noop("Conversation en français"),
    gettext_noop("Déménagement"),
]
