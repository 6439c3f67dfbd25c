from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.fr import siret


def clean_siret(value: str) -> str:
    """The SIRET without spaces, or a ValidationError in French saying what is wrong."""
    compact = siret.compact(value or "")
    if not compact:
        raise ValidationError(_("Indiquez le numéro SIRET (14 chiffres)."), code="siret_missing")
    try:
        return siret.validate(compact)
    except stdnum_errors.InvalidLength:
        raise ValidationError(
            _("Le SIRET doit compter 14 chiffres ; « %(value)s » en compte %(count)s."),
            code="siret_length",
            params={"value": value, "count": len(compact)},
        ) from None
    except stdnum_errors.InvalidFormat:
        raise ValidationError(
            _("Le SIRET ne contient que des chiffres ; « %(value)s » n'est pas valide."),
            code="siret_format",
            params={"value": value},
        ) from None
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("Le SIRET « %(value)s » est incorrect (la clé de contrôle ne correspond pas) : vérifiez les chiffres."),
            code="siret_checksum",
            params={"value": value},
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("Le SIRET « %(value)s » n'est pas valide."), code="siret_invalid", params={"value": value}
        ) from None


def validate_siret(value: str) -> None:
    if value:
        clean_siret(value)
