"""Import of the RNA "waldec" open-data export (``;``-separated CSV) for the town's INSEE code.

Idempotent on the RNA id: a second run updates what changed and creates nothing twice. A page
that has managers is theirs: the import then only fills its empty fields.
"""

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from associations.directory.models import Association, AssociationEvent, Membership
from associations.directory.services import _unique_slug
from associations.directory.validators import normalize_siret, validate_rna, validate_siret

REQUIRED_COLUMNS = {"id", "titre", "objet", "adrs_codeinsee", "position"}
ACTIVE = "A"


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # other communes, dissolved associations
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"créées : {self.created}, mises à jour : {self.updated}, inchangées : {self.unchanged}, "
            f"ignorées : {self.skipped}, rejetées : {len(self.rejected)}"
        )


def _address(row) -> str:
    parts = [row.get(key, "").strip() for key in ("adrs_numvoie", "adrs_repetition", "adrs_typevoie", "adrs_libvoie")]
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def _website(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    return value if value.startswith(("http://", "https://")) else f"https://{value}"


def parse_row(row: dict) -> dict:
    """The fields of a page from one CSV row; ValidationError names what is malformed."""
    rna = (row.get("id") or "").strip()
    validate_rna(rna)
    title = (row.get("titre") or "").strip()
    if not title:
        raise ValidationError("titre vide")
    siret = normalize_siret(row.get("siret") or "")
    if siret:
        validate_siret(siret)
    return {
        "rna": rna,
        "name": title[:200],
        "purpose": (row.get("objet") or "").strip() or title,
        "siret": siret,
        "address": _address(row)[:250],
        "postal_code": (row.get("adrs_codepostal") or "").strip()[:5],
        "city": (row.get("adrs_libcommune") or "").strip()[:100],
        "website": _website(row.get("siteweb", ""))[:200],
    }


def _apply(association, values, owned: bool) -> bool:
    changed = False
    for name, value in values.items():
        current = getattr(association, name)
        if current == value or (owned and current) or (not value and current):
            continue
        setattr(association, name, value)
        changed = True
    return changed


def import_rows(
    rows: Iterable[tuple[int, dict]], *, insee_code: str, progress: Callable[[int], None] | None = None
) -> Report:
    report = Report()
    for count, (line, row) in enumerate(rows, start=1):
        if progress:
            progress(count)
        if row is None:
            report.rejected.append((line, "nombre de colonnes incorrect"))
            continue
        if (row.get("adrs_codeinsee") or "").strip() != insee_code:
            report.skipped += 1
            continue
        if (row.get("position") or "").strip() != ACTIVE:
            report.skipped += 1
            continue
        try:
            values = parse_row(row)
        except ValidationError as error:
            report.rejected.append((line, " ".join(error.messages)))
            continue
        with transaction.atomic():
            existing = Association.objects.select_for_update().filter(rna=values["rna"]).order_by("pk").first()
            if existing is None:
                association = Association(status=Association.Status.PENDING, **values)
                association.slug = _unique_slug(slugify(values["name"]) or values["rna"])
                association.save()
                AssociationEvent.objects.create(association=association, kind=AssociationEvent.Kind.IMPORTED)
                report.created += 1
                continue
            owned = existing.memberships.filter(role=Membership.Role.MANAGER).exists()
            if _apply(existing, values, owned):
                existing.save()
                report.updated += 1
            else:
                report.unchanged += 1
    return report


def read_csv(path, encoding: str = "utf-8-sig"):
    """Yields (line number, row dict or None when the column count is wrong)."""
    with open(path, newline="", encoding=encoding, errors="replace") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader, None)
        if header is None:
            raise ValueError("fichier vide")
        header = [h.strip().lower() for h in header]
        missing = REQUIRED_COLUMNS - set(header)
        if missing:
            raise ValueError(f"colonnes manquantes : {', '.join(sorted(missing))}")
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            yield reader.line_num, dict(zip(header, values, strict=True)) if len(values) == len(header) else None


def count_lines(path) -> int:
    with open(path, "rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0)
