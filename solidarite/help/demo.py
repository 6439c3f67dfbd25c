"""Demo data for neighbourhood help: a few Rezé requests and offers (idempotent)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.accounts.demo import DemoAccount, demo_user, register


@register(order=30)
def load_help():
    from solidarite.help import offers, requests
    from solidarite.help.models import Category, HelpOffer, HelpRequest
    from solidarite.places.models import Quartier

    def cat(slug):
        return Category.objects.get(slug=slug)

    def q(slug):
        return Quartier.objects.get(slug=slug)

    accounts = [
        ("helene", "Hélène", "la-houssais", {}, _("/entraide/ : accepter l'aide de Yann, lui écrire")),
        ("yann", "Yann", "pont-rousseau", {"phone": "06 11 22 33 44", "share_phone": True},
         _("/entraide/ : son offre répond à la demande d'Hélène")),
        ("fatou", "Fatou", "ragon", {}, _("/entraide/ : ses courses attendent un·e voisin·e")),
    ]  # fmt: skip
    people, rows = {}, []
    for key, name, quartier, flags, to_try in accounts:
        email, password = f"{key}@solidarite.test", f"demo-{key}-2026"
        people[key] = demo_user(email=email, password=password, display_name=name, quartier_slug=quartier, **flags)
        rows.append(DemoAccount("neighbour (help)", email, password, str(to_try)))
    now = timezone.now()
    offer_rows = [
        ("yann", ["bricolage", "demenagement"], "Bricoleur du dimanche, j'ai une perceuse et du temps le week-end.",
         "pont-rousseau", 4, [[5, 540, 720], [6, 540, 720]], ["perceuse"]),
        ("fatou", ["numerique", "demarches-administratives"],
         "Je peux aider pour les démarches en ligne (CAF, impôts, Ameli) et le téléphone.", "ragon", 3, [], []),
        ("helene", ["visite-et-compagnie", "conversation-en-francais"],
         "Retraitée, j'aime discuter autour d'un café. Conversation en français avec plaisir.", "la-houssais", 1.5,
         [[1, 840, 1080], [3, 840, 1080]], ["café"]),
    ]  # fmt: skip
    for who, cats, text, quartier, radius, slots, tags in offer_rows:
        if not HelpOffer.objects.filter(author=people[who], description=text).exists():
            offers.post_offer(
                by=people[who],
                categories=[cat(c) for c in cats],
                description=text,
                radius_km=radius,
                quartier=q(quartier),
                weekly_slots=slots,
                tags=tags,
            )
    request_rows = [
        ("helene", "bricolage", "Une étagère à fixer au mur du salon, j'ai les chevilles mais pas la perceuse.",
         "la-houssais", ["perceuse", "étagère"]),
        ("fatou", "courses-et-livraisons", "Je me suis fait une entorse : quelqu'un pourrait-il me rapporter "
         "quelques courses du marché de Pont-Rousseau ?", "ragon", ["marché"]),
    ]  # fmt: skip
    for who, category, text, quartier, tags in request_rows:
        if not HelpRequest.objects.filter(author=people[who], description=text).exists():
            requests.post_request(
                by=people[who],
                category=cat(category),
                description=text,
                window_start=now,
                window_end=now + timedelta(days=10),
                quartier=q(quartier),
                tags=tags,
            )
    return rows
