"""What the platform holds about a person, and how to erase it (RGPD articles 15, 17, 20).

Each app registers, at start-up (``AppConfig.ready``), a handler naming the models it covers,
a function that exports what they hold about a user as JSON-ready data, and a function that
erases it: deletes what was only theirs, anonymises what they wrote for others. Accounts
imports no domain app; a test fails when a model pointing to the user is covered by no handler.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class PersonalDataHandler:
    label: str
    models: tuple[type[models.Model], ...]
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]
    # Lower runs first on erase: content that others keep is anonymised before rows cascade.
    order: int = 100


_handlers: dict[str, PersonalDataHandler] = {}


def register(handler: PersonalDataHandler) -> None:
    _handlers[handler.label] = handler


def handlers() -> list[PersonalDataHandler]:
    return sorted(_handlers.values(), key=lambda h: (h.order, h.label))


def covered_models() -> set[type[models.Model]]:
    return {model for handler in handlers() for model in handler.models}


def export_personal_data(user) -> dict[str, Any]:
    return {handler.label: handler.export(user) for handler in handlers()}
