"""Import of the RNA "waldec" open-data export (``;``-separated CSV) for the town's INSEE code.

Idempotent on the RNA id: a second run updates what changed and creates nothing twice. A page
that has managers is theirs: the import then only fills its empty fields.

- Identifiers are normalised (spaces removed, upper case: "w 443 009 048" is W443009048) and a line whose
  identifier still is not W + 9 digits is rejected, with its line number, like any malformed line.
- Encoding: the waldec files have long been published in Windows-1252/Latin-1, recent ones in UTF-8.
  ``detect_encoding`` takes UTF-8 when the whole file decodes as UTF-8, else Windows-1252, else Latin-1
  (which decodes any byte). Nothing is decoded with errors="replace", so no U+FFFD is ever made up, and a
  U+FFFD already in the file rejects its line.
- Dates: ``date_creat`` and ``date_disso`` are AAAA-MM-JJ, ``maj_time`` AAAA-MM-JJ HH:MM:SS (local time);
  the RNA writes "0001-01-01" for "none". Anything else rejects the line, with its number.
- Dissolution: position D (dissoute) or S (supprimée), or a ``date_disso``. No page is created for a
  dissolved association; a page we already have is hidden, dated (``dissolved_on``: the date of
  dissolution, else the date of the RNA record that says so) and its managers are told.
"""

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from associations.directory.models import Association, AssociationEvent, Membership
from associations.directory.pages import unique_slug
from associations.directory.validators import normalize_rna, normalize_siret, validate_rna, validate_siret
from solidarite.notifications.services import notify_many

REQUIRED_COLUMNS = {"id", "titre", "objet", "adrs_codeinsee", "position"}
ACTIVE = "A"
DISSOLVED_POSITIONS = {"D", "S"}
NO_DATE = "0001-01-01"
# Tried in this order by detect_encoding; Latin-1 last, as it never fails.
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
REPLACEMENT_CHARACTER = "\ufffd"


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # other communes, dissolved associations we never had
    dissolved: int = 0  # pages hidden because the RNA says the association is dissolved
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # values left out, line kept

    def summary(self) -> str:
        return (
            f"créées : {self.created}, mises à jour : {self.updated}, inchangées : {self.unchanged}, "
            f"ignorées : {self.skipped}, rejetées : {len(self.rejected)}, dissoutes : {self.dissolved}"
        )


def _address(row) -> str:
    parts = [row.get(key, "").strip() for key in ("adrs_numvoie", "adrs_repetition", "adrs_typevoie", "adrs_libvoie")]
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def _website(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    return value if value.lower().startswith(("http://", "https://")) else f"https://{value}"


# A year outside these bounds is a typo (or a time zone's local mean time waiting to happen), not a date.
YEARS = range(1800, 2201)


def _date(row, column) -> dt.date | None:
    value = (row.get(column) or "").strip()
    if not value or value == NO_DATE:
        return None
    try:
        # fromisoformat also reads "20190101": the waldec format is the 10-character one only.
        day = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None or day.year not in YEARS:
        _bad_date(column, value, "AAAA-MM-JJ")
    return day


def _timestamp(row, column) -> dt.datetime | None:
    value = (row.get(column) or "").strip()
    if not value or value.startswith(NO_DATE):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.year not in YEARS:
        _bad_date(column, value, "AAAA-MM-JJ HH:MM:SS")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _bad_date(column, value, expected):
    raise ValidationError(
        _("%(column)s : « %(value)s » n'est pas une date (%(expected)s, ou %(none)s pour aucune)")
        % {"column": column, "value": value, "expected": expected, "none": NO_DATE}
    )


def _optional(values: dict, name: str, warnings: list[str], label: str) -> None:
    """A contact detail the model field would refuse is left out (the association is still imported)."""
    try:
        Association._meta.get_field(name).clean(values[name], None)
    except ValidationError:
        warnings.append(_("%(label)s « %(value)s » ignoré") % {"label": label, "value": values[name]})
        values[name] = ""


def parse_row(row: dict) -> tuple[dict, dict]:
    """(the fields of a page, the RNA facts: position and dates) from one CSV row; ValidationError names what is
    malformed. Contact details the model would refuse are dropped and listed in ``facts["warnings"]``."""
    unreadable = [column for column, value in row.items() if REPLACEMENT_CHARACTER in (value or "")]
    if unreadable:
        raise ValidationError(
            _("caractère illisible (U+FFFD) dans %(columns)s : le fichier a été mal converti")
            % {"columns": ", ".join(unreadable)}
        )
    rna = normalize_rna(row.get("id") or "")
    validate_rna(rna)
    title = (row.get("titre") or "").strip()
    if not title:
        raise ValidationError("titre vide")
    siret = normalize_siret(row.get("siret") or "")
    if siret:
        validate_siret(siret)
    facts = {
        "position": (row.get("position") or "").strip().upper(),
        "date_disso": _date(row, "date_disso"),
        "warnings": [],
    }
    values = {
        "rna": rna,
        "name": title[:200],
        "purpose": (row.get("objet") or "").strip() or title,
        "siret": siret,
        "address": _address(row)[:250],
        "postal_code": re.sub(r"\s", "", row.get("adrs_codepostal") or ""),
        "city": (row.get("adrs_libcommune") or "").strip()[:100],
        "website": _website(row.get("siteweb", ""))[:200],
        "founded_on": _date(row, "date_creat"),
        "rna_updated_at": _timestamp(row, "maj_time"),
    }
    if values["postal_code"]:
        _optional(values, "postal_code", facts["warnings"], _("code postal"))
    if values["website"]:
        _optional(values, "website", facts["warnings"], _("site web"))
    return values, facts


# Facts only the RNA writes: refreshed even on a page its managers own.
RNA_FACTS = {"founded_on", "rna_updated_at"}


def _apply(association, values, owned: bool) -> bool:
    changed = False
    for name, value in values.items():
        current = getattr(association, name)
        if current == value or (name not in RNA_FACTS and ((owned and current) or (not value and current))):
            continue
        setattr(association, name, value)
        changed = True
    return changed


def _mark_dissolved(association, values, facts) -> bool:
    """Hide a page whose association the RNA says is dissolved; False when it already was."""
    if association.dissolved_on is not None:
        return False
    moment = values["rna_updated_at"]
    association.dissolved_on = facts["date_disso"] or (timezone.localdate(moment) if moment else timezone.localdate())
    association.hidden = True
    association.rna_updated_at = moment or association.rna_updated_at
    association.save(update_fields=["dissolved_on", "hidden", "rna_updated_at", "updated_at"])
    when = association.dissolved_on.strftime("%d/%m/%Y")
    AssociationEvent.objects.create(association=association, kind=AssociationEvent.Kind.DISSOLVED, message=when)
    payload = {"params": {"name": association.name, "date": when}, "url": association.get_absolute_url()}
    managers = association.memberships.filter(role=Membership.Role.MANAGER).select_related("user")
    notify_many([(membership.user, "directory.dissolved", payload) for membership in managers])
    return True


def _import_one(values, facts, report: Report) -> None:
    dissolved = facts["position"] in DISSOLVED_POSITIONS or facts["date_disso"] is not None
    with transaction.atomic():
        existing = Association.objects.select_for_update().filter(rna=values["rna"]).order_by("pk").first()
        if dissolved:
            if existing is None:
                report.skipped += 1
            elif _mark_dissolved(existing, values, facts):
                report.dissolved += 1
            else:
                report.unchanged += 1
            return
        if facts["position"] != ACTIVE:
            report.skipped += 1
            return
        if existing is None:
            association = Association(status=Association.Status.PENDING, **values)
            association.slug = unique_slug(slugify(values["name"]) or values["rna"])
            association.save()
            AssociationEvent.objects.create(association=association, kind=AssociationEvent.Kind.IMPORTED)
            report.created += 1
            return
        owned = existing.memberships.filter(role=Membership.Role.MANAGER).exists()
        if _apply(existing, values, owned):
            existing.save()
            report.updated += 1
        else:
            report.unchanged += 1


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
        try:
            values, facts = parse_row(row)
        except ValidationError as error:
            report.rejected.append((line, " ".join(error.messages)))
            continue
        report.warnings.extend((line, warning) for warning in facts["warnings"])
        _import_one(values, facts, report)
    return report


def first_undecodable_line(path, encoding: str) -> int | None:
    """The number of the first line that is not valid ``encoding``, or None. Line by line: no byte of a
    multi-byte UTF-8 character is a newline, so no character is cut."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return None


def detect_encoding(path) -> str:
    for encoding in ENCODINGS:
        if first_undecodable_line(path, encoding) is None:
            return encoding
    return ENCODINGS[-1]  # pragma: no cover - Latin-1 decodes every byte


def read_csv(path, encoding: str = "auto"):
    """Yields (line number, row dict or None when the column count is wrong)."""
    if encoding == "auto":
        encoding = detect_encoding(path)
    else:
        line = first_undecodable_line(path, encoding)
        if line is not None:
            raise ValueError(
                _(
                    "ligne %(line)s : des octets ne sont pas du %(encoding)s ; laissez la détection automatique "
                    "(--encoding auto) ou essayez --encoding cp1252"
                )
                % {"line": line, "encoding": encoding}
            )
    with open(path, newline="", encoding=encoding) as handle:
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
