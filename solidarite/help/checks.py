"""What posting on mutual help must respect, shared by requests, offers, matches and messages:
the limits of texts and tags, the rate caps, where a post may be placed (its private and public points)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import router
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarite.compiled import Compiled
from solidarite.converters import MAX_ID
from solidarite.help import matching
from solidarite.help.models import Category, HelpOffer, HelpRequest
from solidarite.places.geo import Point, public_point
from solidarite.places.models import nearest_quartier, within_town

DESCRIPTION_MIN, DESCRIPTION_MAX = 10, 2000
MESSAGE_MAX = 2000
MAX_TAGS, TAG_MAX = 8, 30
MAX_WINDOW_DAYS = 60
MAX_RADIUS_KM = matching.MAX_RADIUS_KM
CANNOT_POST = gettext_lazy("Votre compte ne permet pas de publier pour le moment.")


class RateLimited(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def posts_per_hour() -> int:
    return settings.HELP_POSTS_PER_HOUR


def messages_per_ten_minutes() -> int:
    return settings.HELP_MESSAGES_PER_10_MIN


def check_post_rate(user):
    since = timezone.now() - timedelta(hours=1)
    recent = _RECENT_POSTS.count(using=router.db_for_read(HelpRequest), author=user.pk, since=since)
    if recent >= posts_per_hour():
        raise RateLimited(
            _("Vous avez publié beaucoup d'annonces en une heure. Merci de patienter un peu avant la suivante.")
        )


def clean_text(value, errors, *, field="description"):
    text = (value or "").strip()
    if len(text) < DESCRIPTION_MIN:
        errors[field] = _("Décrivez en quelques mots (%(n)s caractères au moins).") % {"n": DESCRIPTION_MIN}
    elif len(text) > DESCRIPTION_MAX:
        errors[field] = _("Texte trop long : %(n)s caractères au plus.") % {"n": DESCRIPTION_MAX}
    return text


def clean_tags(tags, errors):
    cleaned = []
    for tag in tags or ():
        tag = str(tag).strip().lower()
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            errors["tags"] = _("Un mot-clé fait %(n)s caractères au plus.") % {"n": TAG_MAX}
            return []
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        errors["tags"] = _("%(n)s mots-clés au plus.") % {"n": MAX_TAGS}
        return []
    return cleaned


def locate(*, quartier, point, errors):
    """(private point, quartier) from a point on the map and/or a quartier."""
    if point is not None:
        if not isinstance(point, Point):
            try:
                point = Point(float(point[0]), float(point[1]))
            except (TypeError, ValueError, IndexError):
                errors["point"] = _("Ce point n'est pas valable.")
                return None, None
        if not within_town(point):
            errors["point"] = _("Ce point est en dehors de %(town)s.") % {"town": settings.TOWN_NAME}
            return None, None
        return point, quartier or nearest_quartier(point)
    if quartier is None:
        errors["quartier"] = _("Choisissez votre quartier ou un point sur la carte.")
        return None, None
    return quartier.center, quartier


def public_location(point: Point) -> Point:
    # A fresh salt per post: the public point is computed once here and stored, never again.
    return public_point(point, grid_m=settings.PUBLIC_POINT_GRID_M, salt=secrets.token_hex(8))


def located(private: Point, quartier) -> dict:
    """The fields of a located post (``models.Located``): its private point, the public point shown for it,
    its quartier."""
    shown = public_location(private)
    return {
        "latitude": private.lat,
        "longitude": private.lon,
        "public_latitude": shown.lat,
        "public_longitude": shown.lon,
        "quartier": quartier,
    }


def _recent_posts(p):
    """A person's requests and offers of the last hour, in one statement (their UNION ALL), not one count each."""
    author, since = p.int("author"), p.datetime("since")
    requests = HelpRequest.objects.filter(author_id=author, created_at__gte=since).order_by().values_list("pk")
    offers = HelpOffer.objects.filter(author_id=author, created_at__gte=since).order_by().values_list("pk")
    return requests.union(offers, all=True)


# Compiled once (compiled.Compiled): building these through the ORM cost more CPU than running them.
_RECENT_POSTS = Compiled(_recent_posts)
_ACTIVE_CATEGORY = Compiled(lambda p: Category.objects.filter(pk=p.int("pk"), active=True))


def _category(digits: str):
    pk = int(digits)
    if pk > MAX_ID:  # no such row, and beyond what the column's type holds
        return None
    return next(iter(_ACTIVE_CATEGORY.instances(Category, using=router.db_for_read(Category), pk=pk)), None)


def clean_category(value, errors, field="category"):
    if isinstance(value, Category):
        category = value if value.active else None
    else:
        category = _category(value) if str(value or "").isdigit() else None
    if category is None:
        errors[field] = _("Choisissez une catégorie de la liste.")
    return category
