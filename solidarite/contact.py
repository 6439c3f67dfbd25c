"""Contact details that leave the platform: French postal codes and phone numbers, e-mail and web addresses.

One set of rules for every model field that holds them (associations, shops, profiles, residents entered by
a mediator), so the pages, the API and the admin refuse the same things: what the open-data standards
(data·inclusion v1, schema.org) would refuse is refused when it is typed, with a French message, instead of
breaking an export later. E-mail and web addresses are checked by Django's validators *and* by the very
types data·inclusion's schema declares (pydantic's ``EmailStr`` and ``HttpUrl``): they disagree on many
edge cases (``a@localhost``, ``ftp://``, a port above 65535, a malformed ``xn--`` label), see docs/decisions.md.
"""

import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- postal codes ------------------------------------------------------------------------------

# ASCII digits only (``\d`` would take Arabic-Indic digits); 00xxx and 99xxx are no French postal codes.
POSTAL_CODE_RE = re.compile(r"^(?:0[1-9]|[1-8][0-9]|9[0-8])[0-9]{3}$")


def validate_postal_code(value: str) -> None:
    if value and not POSTAL_CODE_RE.match(value):
        raise ValidationError(
            _("« %(value)s » n'est pas un code postal : il compte 5 chiffres (ex. 44400)."),
            code="invalid_postal_code",
            params={"value": value},
        )


def department_of_postal_code(code: str) -> str:
    """The département a postal code belongs to: 3 digits overseas (971…976), else 2 (20 for Corsica)."""
    return code[:3] if code.startswith("97") else code[:2]


def department_of_insee_code(code: str) -> str:
    code = code.upper()
    if code.startswith("97"):
        return code[:3]
    return "20" if code[:2] in ("2A", "2B") else code[:2]


def town_department() -> str:
    return department_of_insee_code(settings.TOWN_INSEE_CODE)


def check_in_town_department(postal_code: str, *, accepted: str | None = None) -> None:
    """A place on the platform is in the town's département, or at the town's own postal code (a commune on a
    border may have one of a neighbouring département), or staff accepted that very code (``accepted``)."""
    if not postal_code or not POSTAL_CODE_RE.match(postal_code):
        return  # empty, or already refused by validate_postal_code
    if postal_code in (settings.TOWN_POSTAL_CODE, accepted):
        return
    if department_of_postal_code(postal_code) != town_department():
        raise ValidationError(
            {
                "postal_code": ValidationError(
                    _(
                        "Le code postal %(value)s n'est pas dans le département de %(town)s (%(department)s). "
                        "Vérifiez-le ; si l'adresse est bien hors du département, demandez à la ville de l'accepter."
                    ),
                    code="postal_code_outside_department",
                    params={"value": postal_code, "town": settings.TOWN_NAME, "department": town_department()},
                )
            }
        )


# --- phone numbers -----------------------------------------------------------------------------

# Overseas départements have their own country codes but the same 10-digit national numbers; the first
# three digits after the 0 tell which (ARCEP numbering plan). Everything else national is +33.
OVERSEAS_PREFIXES = {
    "262": ("262", "263", "692", "693", "269", "639"),  # La Réunion, Mayotte
    "590": ("590", "690", "691"),  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "594": ("594", "694"),  # Guyane
    "596": ("596", "696", "697"),  # Martinique
}
_COUNTRY_OF_PREFIX = {prefix: code for code, prefixes in OVERSEAS_PREFIXES.items() for prefix in prefixes}
_SEPARATORS = re.compile(r"[\s.\-/()\u00a0\u202f]")
_NATIONAL = re.compile(r"^0[1-9][0-9]{8}$")
_DIGITS = re.compile(r"^[0-9]+$")


def _national(value: str) -> str | None:
    """The 10-digit national form of a French number typed any usual way, or None."""
    compact = (value or "").strip().replace("(0)", "")
    compact = _SEPARATORS.sub("", compact)
    if compact.startswith("+"):
        international = compact[1:]
    elif compact.startswith("00"):
        international = compact[2:]
    else:
        return compact if _NATIONAL.match(compact) else None
    if not _DIGITS.match(international):
        return None
    for country in ("33", *OVERSEAS_PREFIXES):
        if international.startswith(country):
            rest = international[len(country) :]
            if len(rest) == 10 and rest.startswith("0"):  # "+33 0 2 40…": the 0 typed out of habit
                rest = rest[1:]
            national = "0" + rest
            if not _NATIONAL.match(national):
                return None
            # An overseas code before a number that is not of that département (+262 2 40…) is a typo.
            if country != "33" and _COUNTRY_OF_PREFIX.get(rest[:3]) != country:
                return None
            return national
    return None


def normalize_phone(value: str) -> str:
    """The stored form, "02 40 75 12 34"; a value that is no French number is returned unchanged."""
    national = _national(value)
    if national is None:
        return (value or "").strip()
    return " ".join(national[i : i + 2] for i in range(0, 10, 2))


def phone_e164(value: str) -> str | None:
    """E.164 ("+33240751234", or +262… overseas), what data·inclusion prefers; None for no French number."""
    national = _national(value)
    if national is None:
        return None
    return "+" + _COUNTRY_OF_PREFIX.get(national[1:4], "33") + national[1:]


def validate_phone(value: str) -> None:
    if value and _national(value) is None:
        # Only French numbers (10 digits, or +33 and 9): the example says it without a second sentence.
        raise ValidationError(
            _("Numéro de téléphone invalide, par exemple : 06 12 34 56 78."),
            code="invalid_phone",
            params={"value": value},
        )


class PhoneField(models.CharField):
    """A French phone number, stored as "02 40 75 12 34" whatever the way it was typed."""

    default_validators = [validate_phone]
    description = gettext_lazy("Numéro de téléphone français")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_phone(value) if value else value

    def deconstruct(self):
        # Migrations see the plain CharField the column is: on SQLite a changed field class makes Django rebuild
        # the table, which drops the triggers of solidarite.fragments (docs/decisions.md).
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


# --- e-mail and web addresses ------------------------------------------------------------------


@functools.cache
def _standard_type(name: str):
    """pydantic's type adapter, built on first use: importing pydantic costs every process ~0.1 s."""
    import pydantic

    return pydantic.TypeAdapter(getattr(pydantic, name)), pydantic.ValidationError


def _accepted_by_standard(type_name: str, value: str) -> bool:
    adapter, error = _standard_type(type_name)
    try:
        adapter.validate_python(value)
    except error:
        return False
    return True


def validate_email_address(value: str) -> None:
    """What the standards' e-mail type accepts (Django's ``EmailField`` runs its own check as well)."""
    if value and not _accepted_by_standard("EmailStr", value):
        raise ValidationError(
            _("« %(value)s » n'est pas une adresse e-mail utilisable (ex. contact@association.fr)."),
            code="invalid_email",
            params={"value": value},
        )


def validate_web_address(value: str) -> None:
    """A web page (http or https) that the standards' URL type accepts; Django's ``URLField`` checks too."""
    if value and not _accepted_by_standard("HttpUrl", value):
        raise ValidationError(
            _("« %(value)s » n'est pas une adresse de site web (ex. https://association.fr)."),
            code="invalid_url",
            params={"value": value},
        )
