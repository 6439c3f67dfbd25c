"""Pages saved before contact details were checked (solidarite.contact): normalise what is unambiguous,
and send back to verification, with the reason in the page's history, every verified page whose details the
open-data standards would still refuse (they leave the data·inclusion export until fixed). A verified page
whose postal code is outside the town's département keeps it: staff verified it, so the exception is recorded
(``postal_code_accepted``) instead.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import migrations
from django.utils import timezone

from solidarite import contact

CHECKS = [
    ("postal_code", "code postal", [contact.validate_postal_code]),
    ("phone", "téléphone", [contact.validate_phone]),
    ("email", "e-mail", [EmailValidator(), contact.validate_email_address]),
    ("website", "site web", [URLValidator(), contact.validate_web_address]),
]


def _refused(value, validators) -> bool:
    try:
        for validator in validators:
            validator(value)
    except ValidationError:
        return True
    return False


def review(apps, schema_editor):
    Association = apps.get_model("directory", "Association")
    AssociationEvent = apps.get_model("directory", "AssociationEvent")
    now = timezone.now()
    for association in Association.objects.order_by("pk").iterator():
        fields = set()
        cleaned = {
            "postal_code": re.sub(r"\s", "", association.postal_code),
            "phone": contact.normalize_phone(association.phone),
            "email": association.email.strip(),
            "website": association.website.strip(),
        }
        for name, value in cleaned.items():
            if getattr(association, name) != value:
                setattr(association, name, value)
                fields.add(name)
        problems = [
            f"{label} « {getattr(association, name)} »"
            for name, label, validators in CHECKS
            if getattr(association, name) and _refused(getattr(association, name), validators)
        ]
        verified = association.status == "verified"
        if verified and not problems and not association.postal_code_accepted:
            try:
                contact.check_in_town_department(association.postal_code)
            except ValidationError:
                association.postal_code_accepted = association.postal_code
                fields.add("postal_code_accepted")
        if problems:
            message = "Coordonnées refusées par les règles de saisie, à corriger : " + " ; ".join(problems) + "."
            if verified:
                association.status, association.verified_at = "pending", None
                fields |= {"status", "verified_at"}
                message += " La page revient en vérification et sort de l'export data·inclusion jusque-là."
            AssociationEvent.objects.create(association=association, kind="to_check", message=message, created_at=now)
        if fields:
            association.save(update_fields=sorted(fields))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_contact_details_checked"),
    ]

    operations = [migrations.RunPython(review, migrations.RunPython.noop)]
