"""Helpers run inside the live server's environment (same database, same channel layer).

The browser, fuzzing and fault suites run the app in daphne processes of their own; what a test
must do on the server side (load the demo data, notify someone, read back what was saved) runs
here, in a short-lived process with the server's settings, and prints JSON on its last line:

    python -m tests.proof.remote <command> '<json kwargs>'
"""

import json
import sys

import django


def demo() -> dict:
    from django.utils.module_loading import autodiscover_modules

    from solidarite.accounts import demo as demo_registry

    autodiscover_modules("demo")
    rows = []
    for loader in demo_registry.loaders():
        rows.extend(loader())
    return {"accounts": [{"role": row.role, "email": row.email, "password": row.password} for row in rows]}


def notify(*, email: str, title: str, count: int = 1) -> dict:
    from django.db import transaction

    from solidarite.accounts.models import User
    from solidarite.notifications import kinds
    from solidarite.notifications.services import notify as notify_user

    if kinds.registered("e2e") is None:  # the journeys' own kind: its payload brings its text
        kinds.register("e2e", title="", recipients="the journeys' accounts")
    user = User.objects.get(email=email)
    ids = []
    for index in range(count):
        with transaction.atomic():
            suffix = f" {index + 1}" if count > 1 else ""
            ids.append(notify_user(user, "e2e", {"title": f"{title}{suffix}", "url": "/notifications/"}).pk)
    return {"ids": ids}


def user_state(*, email: str) -> dict:
    from solidarite.accounts.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        return {"exists": False}
    return {"exists": True, "is_active": user.is_active, "id": user.pk}


def notifications(*, email: str) -> dict:
    from solidarite.notifications.models import Notification

    rows = Notification.objects.filter(user__email=email).order_by("id").values("id", "title")
    return {"notifications": list(rows)}


def new_neighbour(*, email: str, password: str, name: str = "Testeur", staff: bool = False) -> dict:
    """A confirmed neighbour who owns nothing yet (city staff if ``staff``), with an API token."""
    from solidarite.accounts.demo import demo_user
    from solidarite.accounts.models import ApiToken

    user = demo_user(email=email, password=password, display_name=name, quartier_slug="ragon", is_staff=staff)
    _, secret = ApiToken.objects.issue(user=user, name="tests")
    return {"id": user.pk, "token": secret}


def neighbours_with_tokens(*, prefix: str, count: int, password: str) -> dict:
    """``count`` confirmed neighbours (``{prefix}-{n}@exemple.fr``), each with an API token."""
    return {"people": [new_neighbour(email=f"{prefix}-{n}@exemple.fr", password=password) for n in range(count)]}


def bulk_people(*, count: int, prefix: str) -> dict:
    """``count`` confirmed neighbours, each with a signed-in session (for the load bench)."""
    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from solidarite.accounts.models import User

    now = timezone.now()
    users = [
        User(email=f"{prefix}-{index}@exemple.fr", display_name=f"Voisin {index}", email_confirmed_at=now)
        for index in range(count)
    ]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users, batch_size=500)
    users = list(User.objects.filter(email__startswith=f"{prefix}-").order_by("pk"))
    store = SessionStore()
    sessions, rows = [], []
    for user in users:
        key = get_random_string(32)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "solidarite.accounts.backends.EmailBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=now + timedelta(hours=2)))
        rows.append([user.pk, key])
    Session.objects.bulk_create(sessions, batch_size=500)
    return {"people": rows}


def delivered_titles(*, prefix: str) -> dict:
    """How many notifications the load bench's people hold, by title prefix."""
    from solidarite.notifications.models import Notification

    return {"count": Notification.objects.filter(user__email__startswith=f"{prefix}-").count()}


def open_shop(*, name: str) -> dict:
    """A verified shop open round the clock (so "open now" has an answer at any hour of a run)."""
    from django.utils import timezone
    from django.utils.text import slugify

    from solidarite.places.models import Quartier
    from solidarite.shops.models import Shop

    shop, _ = Shop.objects.get_or_create(
        slug=slugify(name),
        defaults={
            "name": name,
            "kind": Shop.Kind.FOOD,
            "address": "12 rue Jean-Jaurès",
            "postal_code": "44400",
            "city": "Rezé",
            "latitude": 47.1905,
            "longitude": -1.5693,
            "quartier": Quartier.objects.get(slug="pont-rousseau"),
            "opening_hours": "24/7",
            "status": Shop.Status.VERIFIED,
            "verified_at": timezone.now(),
        },
    )
    return {"url": shop.get_absolute_url()}


def new_action(*, association: str, title: str, manager: str, days_ahead: int = 20) -> dict:
    """An action the association publishes, through the same service as its managers' form."""
    import datetime as dt

    from django.utils import timezone

    from associations.directory.actions import publish_action
    from associations.directory.models import Association
    from solidarite.accounts.models import User

    starts = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0) + dt.timedelta(days=days_ahead)
    action = publish_action(
        association=Association.objects.get(slug=association),
        by=User.objects.get(email=manager),
        title=title,
        description="Une action pour les familles du quartier.",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
    )
    return {"id": action.pk, "url": action.get_absolute_url()}


def new_permanence(*, slug: str, title: str, opening_hours: str, agent: str, slot_minutes: int = 30) -> dict:
    """A permanence of the CCAS open one week ahead, without walk-in hours (a few slots to fill)."""
    from solidarite.accounts.models import User
    from solidarite.rights.models import Permanence, Place

    permanence = Permanence.objects.create(
        place=Place.objects.get(slug="ccas-de-reze"),
        slug=slug,
        title=title,
        opening_hours=opening_hours,
        slot_minutes=slot_minutes,
        weeks_ahead=1,
    )
    permanence.agents.add(User.objects.get(email=agent))
    return {"url": permanence.get_absolute_url()}


def fill_permanence(*, slug: str, prefix: str, password: str) -> dict:
    """Every free slot of the permanence booked through the booking service, each by a new neighbour
    (``{prefix}-{n}@exemple.fr``, slots in time order): the permanence is full."""
    from solidarite.accounts.models import User
    from solidarite.rights import appointments, availability
    from solidarite.rights.models import Permanence
    from solidarite.rights.permanence_models import REASONS

    permanence = Permanence.objects.get(slug=slug)
    people = []
    for number, slot in enumerate(s for s in availability.slots(permanence) if s.bookable):
        email = f"{prefix}-{number}@exemple.fr"
        new_neighbour(email=email, password=password, name=f"Voisin·e {number}")
        appointments.book(
            permanence=permanence, by=User.objects.get(email=email), start=slot.start, reason=REASONS[0][0]
        )
        people.append(email)
    return {"people": people}


COMMANDS = {
    "new_permanence": new_permanence,
    "fill_permanence": fill_permanence,
    "new_action": new_action,
    "open_shop": open_shop,
    "bulk_people": bulk_people,
    "delivered_titles": delivered_titles,
    "new_neighbour": new_neighbour,
    "neighbours_with_tokens": neighbours_with_tokens,
    "demo": demo,
    "notify": notify,
    "user_state": user_state,
    "notifications": notifications,
}


def main() -> None:
    django.setup()
    command = COMMANDS[sys.argv[1]]
    kwargs = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print(json.dumps(command(**kwargs), default=str))


if __name__ == "__main__":
    main()
