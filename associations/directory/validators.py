"""Reusable validators for French identifiers and OSM opening hours.

Shops and rooms import these too: each raises ``ValidationError`` with a plain French message
naming what is wrong, and the ``normalize_*`` helpers give the stored form.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.fr import siret as stdnum_siret

# ASCII digits: ``\d`` also takes Arabic-Indic and other Unicode digits, which no RNA number has.
RNA_RE = re.compile(r"^W[0-9]{9}$")


def normalize_rna(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


def validate_rna(value: str) -> None:
    """RNA (répertoire national des associations) number: the letter W followed by 9 digits."""
    cleaned = normalize_rna(value)
    if not RNA_RE.match(cleaned):
        raise ValidationError(
            _("« %(value)s » n'est pas un numéro RNA : il commence par W suivi de 9 chiffres (ex. W443001234)."),
            code="invalid_rna",
            params={"value": value},
        )


def normalize_siret(value: str) -> str:
    return stdnum_siret.compact(value or "")


def validate_siret(value: str) -> None:
    """SIRET: 14 digits whose Luhn checksum holds (La Poste's special case included by stdnum)."""
    try:
        stdnum_siret.validate(value)
    except InvalidLength:
        raise ValidationError(
            _("Le SIRET « %(value)s » doit compter 14 chiffres."), code="siret_length", params={"value": value}
        ) from None
    except InvalidFormat:
        raise ValidationError(
            _("Le SIRET « %(value)s » ne doit contenir que des chiffres."), code="siret_format", params={"value": value}
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("Le SIRET « %(value)s » n'existe pas : un chiffre est sans doute mal recopié (clé de contrôle fausse)."),
            code="siret_checksum",
            params={"value": value},
        ) from None


def validate_opening_hours(value: str) -> None:
    """OpenStreetMap ``opening_hours`` syntax, e.g. ``Mo-Fr 09:00-12:00; Sa 10:00-12:00``."""
    if not value:
        return
    from opening_hours import OpeningHours, ParserError

    try:
        OpeningHours(value)
    except (ParserError, ValueError) as exc:
        found = re.search(r"--> \d+:(\d+)", str(exc))
        where = _(" (erreur vers le caractère %(column)s)") % {"column": found.group(1)} if found else ""
        raise ValidationError(
            _(
                "Les horaires « %(value)s » ne sont pas compris%(where)s. Écrivez-les comme sur OpenStreetMap, "
                "par exemple « Mo-Fr 09:00-12:00; Sa 10:00-12:00 » (Mo lundi, Tu mardi, We mercredi, Th jeudi, "
                "Fr vendredi, Sa samedi, Su dimanche)."
            ),
            code="invalid_opening_hours",
            params={"value": value, "where": where},
        ) from None
