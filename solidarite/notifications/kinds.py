"""Notification texts that name people are rendered when read, never stored with the name.

"Zoé R. propose de vous aider" written once into someone else's notification would outlive Zoé's
account (RGPD article 17). So a kind whose text names a person registers here how its French text
is rendered from its payload: a title (and optionally a body) msgid with ``%(…)s`` placeholders,
filled from ``params`` (plain values, e.g. a room's name) and ``people`` (user ids). The row keeps
the msgids' inputs in ``Notification.refs``; its ``title``/``body`` columns hold the text with every
person replaced by a neutral label, which is also what readers see once that person is gone.
Reading a notification (any queryset of them, see ``NotificationQuerySet``) renders it again from
the current rows, in the reader's language: an erased person becomes "compte supprimé", a renamed
one shows their new name.

A payload that brings a ready ``title`` is stored and shown as is: that is for texts that name
nobody. ``notifications`` knows no other app: the apps register their kinds in ``ready()``.

Every kind is declared here once (``register``), by the app that sends it, in one vocabulary
(``<app>.<event>``: ``help.match_proposed``, ``rooms.approved``): its French text (title, and the body
when it is not a person's own words), and who receives it. A payload then brings only ``params``
and ``people``, never a ready title; sending a kind nobody declared raises ``LookupError``. Only
the tests declare a kind with no text (``title=""``), whose payload brings its own title.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Kind:
    name: str
    title: str  # msgid (gettext_noop) with %(placeholders)s; or ngettext_lazy(one, many, "n") for a count
    recipients: str  # who receives it, in plain words (the named query that finds them)
    body: str = ""  # msgid; empty: the body given in the payload is stored and shown as is
    people: tuple[str, ...] = ()  # the placeholders that name a person: filled from ``people`` ids


_kinds: dict[str, Kind] = {}

# What a person's name becomes once their account is gone (and what the stored columns hold).
GONE = gettext_lazy("compte supprimé")


def register(name: str, *, title, recipients: str, body: str = "", people: tuple[str, ...] = ()) -> None:
    if name in _kinds:
        raise ValueError(f"notification kind {name!r} is declared twice")
    _kinds[name] = Kind(name, title, recipients, body, tuple(people))


def registered(name: str) -> Kind | None:
    return _kinds.get(name)


def declared() -> dict[str, Kind]:
    return dict(_kinds)


def require(name: str) -> Kind:
    try:
        return _kinds[name]
    except KeyError:
        raise LookupError(f"notification kind {name!r} is not declared: notifications.kinds.register it") from None


def refs_of(kind: str, payload: dict) -> dict:
    """What a row keeps to render its text later: ``params`` and ``people`` ids (only plain values)."""
    spec = require(kind)
    if isinstance(spec.title, str) and not spec.title:  # a kind of the tests: the payload brings its text
        return {}
    if "title" in payload:
        raise ValueError(f"notification kind {kind!r} declares its text: send params and people, not a title")
    unknown = set(payload.get("people") or {}) - set(spec.people)
    if unknown:
        raise ValueError(f"notification kind {kind!r} names no person as {sorted(unknown)}: declare its people")
    people = {key: int(pk) for key, pk in (payload.get("people") or {}).items() if pk is not None}
    params = {key: str(value) for key, value in (payload.get("params") or {}).items()}
    for key, pk in (payload.get("people") or {}).items():
        if pk is None:  # a person already gone: the neutral label, for good
            params[key] = str(GONE)
    return {"params": params, "people": people}


def _names(user_ids) -> dict[int, str]:
    if not user_ids:
        return {}
    users = get_user_model().objects.filter(pk__in=user_ids).only("pk", "display_name")
    return {user.pk: str(user.public_name) for user in users}


class _Values(dict):
    def __missing__(self, key):  # a msgid changed since the row was written: never an error page
        return ""


def _fill(msgid, values: dict) -> str:
    if isinstance(msgid, str):
        text = _(msgid) % _Values(values)
    else:  # ngettext_lazy(one, many, "n"): the count, stored as text, picks the form
        try:
            count = int(values.get("n") or 0)
        except ValueError:
            count = 0
        text = msgid % _Values({**values, "n": count})
    # "compte supprimé propose de vous aider": a sentence starts with a capital.
    return text[:1].upper() + text[1:]


def texts(kind: str, refs: dict, names: dict[int, str] | None) -> tuple[str, str | None]:
    """(title, body or None = keep the stored one); ``names`` None renders everyone as gone."""
    spec = _kinds[kind]
    values = dict(refs.get("params") or {})
    for key, pk in (refs.get("people") or {}).items():
        values[key] = (names or {}).get(pk) or str(GONE)
    return _fill(spec.title, values), (_fill(spec.body, values) if spec.body else None)


def render_now(kind: str, payload: dict) -> tuple[str, str | None]:
    """The text of a notice as it reads now, for what goes out at once with it (an e-mail)."""
    refs = refs_of(kind, payload)
    if not refs:
        return str(payload["title"]), None
    return texts(kind, refs, _names(set(refs["people"].values())))


def render(notifications) -> None:
    """Fill ``title``/``body`` of these (unsaved-to-be) instances from the current people rows.

    One query for all the names of the batch; nothing when no row names anyone.
    """
    rows = [n for n in notifications if n.refs and n.kind in _kinds]
    if not rows:
        return
    names = _names({pk for n in rows for pk in (n.refs.get("people") or {}).values()})
    for notification in rows:
        title, body = texts(notification.kind, notification.refs, names)
        notification.title = title
        if body is not None:
            notification.body = body
