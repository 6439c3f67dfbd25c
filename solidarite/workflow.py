"""One shape for every life cycle: a ``Machine`` of named ``Step``s, declared beside its model.

A step says from which states it may be taken, the state it leads to, and which role takes it.
The machine answers the three questions every page, API endpoint and service asks:

- ``available(obj, user)``: the steps this person may take now (the buttons to show, the
  ``transitions`` of an API answer); templates loop over it instead of comparing statuses;
- ``check(obj, name, user)``: the step, or a refusal: ``PermissionDenied`` (403) when the person
  may never take it, ``ValidationError`` (400) when the object is not in a state it starts from;
- ``move(obj, name, by=…)``: set the new state, save it, and write the log row.

Roles are computed per object by the model's own function (``roles(obj, user) -> set``), e.g.
``{"requester"}`` on a match, ``{"author"}`` on a post, ``{"staff"}``. ``SYSTEM`` steps are
taken by the platform itself (expiry, an accepted match): never offered to a person.
The services keep the rules that need more than a state (a reason, a form, locks, side effects);
they call the machine for the part that is only the state. See docs/decisions.md for why this
small table rather than django-fsm-2.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SYSTEM = "system"


class TransitionLog(models.Model):
    """One step of an object's life: which step, from which state to which, by whom, when, why.

    Each model with a life cycle has its own log table on this base: its foreign key to the object
    (deleted with it), and the fields of its own (support's assignment, ``by_city``)."""

    name = models.CharField(gettext_lazy("étape"), max_length=30)
    # Empty for the first row of an object created in a state (a booking).
    from_state = models.CharField(gettext_lazy("état avant"), max_length=20, blank=True)
    # The same as from_state for a step that records without changing the state.
    to_state = models.CharField(gettext_lazy("état après"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(gettext_lazy("le"), default=timezone.now)
    reason = models.TextField(gettext_lazy("motif"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_state or '-'} → {self.to_state}"


def log_to(model: type[TransitionLog], field: str, *, reason_max: int | None = None) -> Callable[..., TransitionLog]:
    """The ``log`` of a machine whose rows are ``model`` (a ``TransitionLog``) pointing to the object by ``field``.
    A step that changes no state logs its state as both. ``reason_max`` cuts a reason the platform writes
    from longer text (a withdrawal's cause)."""

    def log(obj, step, previous, by, reason, **extra):
        reason = (reason or "")[:reason_max] if reason_max else reason
        return model(
            **{field: obj}, name=step.name, from_state=previous, to_state=step.target or previous, by=by, reason=reason
        )

    return log


def owner_role(field: str, role: str) -> Callable[[object, object], set[str]]:
    """The ``roles`` of an object one person owns: ``role`` for the user its ``field`` (an id) names."""

    def roles(obj, user) -> set[str]:
        owner = getattr(obj, field)
        return {role} if owner is not None and owner == user.pk else set()

    return roles


class Sides:
    """The two people of a match, each named by the path of their id on it (``("requester",
    "request.author_id")``): ``of(match, user)`` says which one ``user`` is, ``roles`` is the machine's."""

    def __init__(self, *sides: tuple[str, str]):
        self.sides = sides

    def of(self, match, user) -> str | None:
        if user is None or not user.is_authenticated:
            return None
        for role, path in self.sides:
            value = match
            for attr in path.split("."):
                value = getattr(value, attr)
            if value is not None and value == user.pk:
                return role
        return None

    def roles(self, match, user) -> set[str]:
        side = self.of(match, user)
        return {side} if side else set()


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: tuple[str, ...]
    # None: the step records something without changing the state (e.g. an assignment).
    target: str | None
    # The role that takes it, or a tuple of roles any of which may.
    actor: str | tuple[str, ...]
    reason_required: bool = False
    # The URL segment of the step on the pages, when it is not its name (kept from older URLs).
    slug: str = ""
    # How the button looks: "", "secondary" or "danger".
    style: str = ""

    @property
    def url_name(self) -> str:
        return self.slug or self.name

    @property
    def actors(self) -> tuple[str, ...]:
        return (self.actor,) if isinstance(self.actor, str) else self.actor

    def taken_by(self, roles: set[str]) -> bool:
        return SYSTEM not in self.actors and not roles.isdisjoint(self.actors)


class Machine:
    def __init__(
        self,
        *,
        field: str,
        steps: Iterable[Step],
        roles: Callable[[object, object], set[str]],
        log: Callable[..., object] | None = None,
        refused: str | dict = "",
        stale: str | Callable = "",
        invalid: type[ValidationError] = ValidationError,
        write: Callable[[object, str], list[str]] | None = None,
    ):
        """``log(obj, step, from_state, by, reason, **extra)`` returns the (unsaved) transition row,
        if the model keeps a log; ``move`` saves it, ``move_many`` saves them in one INSERT.
        ``refused`` is the French message (lazy) of a permission refusal, or one per role that takes
        the step; ``stale`` that of a step the state no longer allows: a text, or a function of
        (obj, step); by default a text that names the state. ``invalid`` is the ValidationError
        subclass the app's views catch. ``write(obj, target) -> [fields]`` stores a state that is not a
        column of its own (read from timestamps by a property named ``field``): it sets what says the
        state and names the fields to save."""
        self.field = field
        self.steps = {step.name: step for step in steps}
        self._roles = roles
        self._log = log
        self._refused = refused
        self._stale = stale
        self._invalid = invalid
        self._write = write

    def __iter__(self):
        return iter(self.steps.values())

    def state(self, obj) -> str:
        return getattr(obj, self.field)

    def step(self, name: str) -> Step | None:
        return self.steps.get(name)

    def by_url_name(self, url_name: str) -> Step | None:
        return next((step for step in self if step.url_name == url_name), None)

    def roles(self, obj, user) -> set[str]:
        if user is None or not getattr(user, "is_authenticated", False):
            return set()
        return self._roles(obj, user)

    def may(self, step: Step, obj, user) -> bool:
        return step.taken_by(self.roles(obj, user))

    def available(self, obj, user) -> list[Step]:
        """The steps ``user`` may take on ``obj`` in its current state, in declaration order."""
        roles = self.roles(obj, user)
        state = self.state(obj)
        return [step for step in self if state in step.sources and step.taken_by(roles)]

    def names(self, obj, user) -> list[str]:
        return [step.name for step in self.available(obj, user)]

    def check(self, obj, name: str, user) -> Step:
        step = self.require(obj, name, user)
        if self.state(obj) not in step.sources:
            raise self._invalid(self.stale_message(obj, step))
        return step

    def require(self, obj, name: str, user) -> Step:
        """The step if ``user`` may take it on ``obj`` (whatever the state); else PermissionDenied."""
        step = self.steps.get(name)
        if step is None:
            raise self._invalid(_("Action inconnue."))
        if not self.may(step, obj, user):
            refused = self._refused.get(step.actors[0], "") if isinstance(self._refused, dict) else self._refused
            raise PermissionDenied(str(refused) or _("Vous ne pouvez pas faire cela."))
        return step

    def stale_message(self, obj, step: Step | None = None) -> str:
        if callable(self._stale):
            return str(self._stale(obj, step))
        if self._stale:
            return str(self._stale)
        display = getattr(obj, f"get_{self.field}_display", None)
        label = display() if display else self.state(obj)
        return _("Ce n'est plus possible : c'est désormais « %(state)s ». Rechargez la page.") % {"state": label}

    def can(self, obj, name: str) -> bool:
        """Whether ``obj``'s state allows the step (who takes it aside)."""
        step = self.steps.get(name)
        return step is not None and self.state(obj) in step.sources

    def move(self, obj, name: str, *, by, reason: str = "", save_fields: Iterable[str] = (), **extra):
        """Take the step: log it, set the state, save. The caller has checked who and holds the lock."""
        step = self.steps[name]
        previous = self.state(obj)
        if previous not in step.sources:
            raise self._invalid(self.stale_message(obj, step))
        row = self._log(obj, step, previous, by, reason, **extra) if self._log is not None else None
        if step.target is not None:
            if self._write is not None:
                fields = [*self._write(obj, step.target), *save_fields]
            else:
                setattr(obj, self.field, step.target)
                fields = [self.field, *save_fields]
            if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
                fields.append("updated_at")
            obj.save(update_fields=fields)
        if row is not None:
            row.save()
        return row

    def move_many(self, objs: list, name: str, *, by, reason: str = "") -> list:
        """The same step for several objects (a series of bookings): one UPDATE, one INSERT."""
        step = self.steps[name]
        if not objs:
            return []
        if self._write is not None:
            raise NotImplementedError("move_many writes a state column; move each object instead")
        model = type(objs[0])
        for obj in objs:
            if self.state(obj) not in step.sources:
                raise self._invalid(self.stale_message(obj, step))
        rows = [self._log(obj, step, self.state(obj), by, reason) for obj in objs] if self._log else []
        changes = {self.field: step.target}
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            changes["updated_at"] = timezone.now()
        model.objects.filter(pk__in=[obj.pk for obj in objs]).update(**changes)
        for obj in objs:
            setattr(obj, self.field, step.target)
        if rows:
            type(rows[0]).objects.bulk_create(rows)
        return rows
