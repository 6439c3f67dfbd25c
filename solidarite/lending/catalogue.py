"""The lenders' catalogue: their managers add and edit items and their photos (alt text required), withdraw an
item from lending or put it back. Every write on items goes through here (the pages and the API alike); the
Django admin stays for staff.

Who: the managers of the item's lender (``roles.require_manager``: an association's managers in the directory,
the people staff named for the town's service or the ressourcerie, city staff for the town's own items).
A refusal raises ``ItemError`` (French messages, field by field) or ``PermissionDenied`` and saves nothing.

Withdrawing an item cancels its bookings not picked up yet (their borrowers are told) and empties its waiting
list; an item still out with someone cannot be withdrawn before it is taken back.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from solidarite.lending import notices, photos
from solidarite.lending.models import MAX_LOAN_DAYS, Condition, Item, ItemPhoto, Loan, WaitEntry
from solidarite.lending.roles import require_manager
from solidarite.lending.workflow import LOAN
from solidarite.notifications.services import notify_many

# What a manager edits; ``lender`` and ``slug`` are chosen once, at creation.
FIELDS = ("name", "category", "description", "guide", "condition", "deposit", "weight_kg", "max_days", "pickup_point")
MAX_DEPOSIT = Decimal("10000")
MAX_WEIGHT_KG = Decimal("1000")
MAX_TEXT = 5000
# Path segments of the objethèque's own pages (``urls.py``): never an item's slug.
RESERVED_SLUGS = {"gestion", "mes-prets", "prets", "nouveau"}


class ItemError(ValidationError):
    """An item's field was refused; ``message_dict`` names the fields, in French; nothing was saved."""


def _decimal(value, *, field, low, high, errors, message) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", ".")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        errors[field] = message
        return None
    if not low <= number <= high:
        errors[field] = message
        return None
    return number


def clean_fields(fields: dict) -> dict:
    """The item's fields checked and normalised; ``ItemError`` with every refused field at once."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    errors, clean = {}, {}
    for name in ("name", "description", "guide", "pickup_point"):
        if name in fields:
            clean[name] = str(fields[name] or "").strip()
    if "name" in clean and not 3 <= len(clean["name"]) <= 150:
        errors["name"] = _("Nommez l'objet en 3 à 150 caractères.")
    for name in ("description", "guide"):
        if len(clean.get(name, "")) > MAX_TEXT:
            errors[name] = _("%(n)s caractères au plus.") % {"n": MAX_TEXT}
    if len(clean.get("pickup_point", "")) > 250:
        errors["pickup_point"] = _("250 caractères au plus.")
    if "category" in fields:
        clean["category"] = fields["category"]
        if fields["category"] not in Item.Category.values:
            errors["category"] = _("Choisissez une catégorie de la liste.")
    if "condition" in fields:
        clean["condition"] = fields["condition"]
        if fields["condition"] not in Condition.values:
            errors["condition"] = _("Choisissez l'état de l'objet dans la liste.")
    if "deposit" in fields:
        clean["deposit"] = _decimal(
            fields["deposit"] if fields["deposit"] not in (None, "") else "0",
            field="deposit",
            low=Decimal("0"),
            high=MAX_DEPOSIT,
            errors=errors,
            message=_("La caution est un montant en euros entre 0 et %(max)s.") % {"max": MAX_DEPOSIT},
        )
    if "weight_kg" in fields:
        clean["weight_kg"] = _decimal(
            fields["weight_kg"],
            field="weight_kg",
            low=Decimal("0.01"),
            high=MAX_WEIGHT_KG,
            errors=errors,
            message=_("Le poids est entre 0,01 et %(max)s kg : pesez l'objet.") % {"max": MAX_WEIGHT_KG},
        )
    if "max_days" in fields:
        try:
            clean["max_days"] = int(fields["max_days"])
        except (TypeError, ValueError):
            clean["max_days"] = 0
        if not 1 <= clean["max_days"] <= MAX_LOAN_DAYS:
            errors["max_days"] = _("Un prêt dure de 1 à %(n)s jours.") % {"n": MAX_LOAN_DAYS}
    if errors:
        raise ItemError(errors)
    return clean


def _unique_slug(name: str) -> str:
    base = slugify(name)[:150] or "objet"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Item.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_item(*, by, lender, **fields) -> Item:
    """A new item of ``lender``, lendable at once."""
    require_manager(lender, by)
    missing = {
        name: _("Ce champ est obligatoire.") for name in ("name", "category", "weight_kg") if not fields.get(name)
    }
    if missing:
        raise ItemError(missing)
    clean = clean_fields(fields)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return Item.objects.create(lender=lender, slug=_unique_slug(clean["name"]), **clean)
        except IntegrityError:
            continue  # the same name added at the same moment: the next free slug
    raise ItemError({"name": _("Un objet de ce nom vient d'être ajouté : changez un peu le nom.")})


def update_item(*, by, item, **fields) -> Item:
    """Change what a manager sees on the item's form (its lender and its address stay)."""
    require_manager(item.lender, by)
    clean = clean_fields(fields)
    if not clean:
        return item
    Item.objects.filter(pk=item.pk).update(**clean)
    for name, value in clean.items():
        setattr(item, name, value)
    return item


def withdraw_item(*, by, item) -> int:
    """No longer lendable (lost, broken, given away): its bookings not picked up are cancelled and their
    borrowers told; its waiting list ends. Returns how many bookings were cancelled."""
    require_manager(item.lender, by)
    reason = _("L'objet n'est plus prêté.")
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if Loan.objects.filter(item=locked, status__in=(Loan.Status.OUT, Loan.Status.LATE)).exists():
            raise ItemError(_("L'objet est prêté en ce moment : reprenez-le avant de le retirer."), code="out")
        booked = list(Loan.objects.filter(item=locked, status=Loan.Status.BOOKED).select_related("item__lender"))
        for loan in booked:
            LOAN.move(loan, "cancel", by=by, reason=reason)
        notify_many(
            [
                (loan.borrower, notices.CANCELLED, notices.cancelled(loan, reason=reason, for_owner=False))
                for loan in booked
                if loan.borrower_id
            ]
        )
        WaitEntry.objects.filter(item=locked).delete()
        Item.objects.filter(pk=locked.pk).update(is_active=False)
    item.is_active = False
    return len(booked)


def restore_item(*, by, item) -> Item:
    """Lendable again (repaired, found)."""
    require_manager(item.lender, by)
    Item.objects.filter(pk=item.pk).update(is_active=True)
    item.is_active = True
    return item


def add_photo(*, by, item, upload, alt_text: str) -> ItemPhoto:
    """A photo of the item, with what it shows for people who cannot see it (required)."""
    require_manager(item.lender, by)
    errors = {}
    alt_text = (alt_text or "").strip()
    if not 3 <= len(alt_text) <= 250:
        errors["alt_text"] = _("Décrivez la photo pour les personnes qui ne la voient pas (250 caractères au plus).")
    content_type = ""
    if upload is None:
        errors["file"] = _("Choisissez une photo.")
    else:
        try:
            content_type = photos.check_photo(upload)
        except ValidationError as error:
            errors["file"] = error.messages[0]
    if "file" not in errors and item.photos.count() >= photos.MAX_PER_ITEM:
        errors["file"] = _("%(n)d photos au plus par objet.") % {"n": photos.MAX_PER_ITEM}
    if errors:
        raise ItemError(errors)
    photo = ItemPhoto(item=item, alt_text=alt_text, content_type=content_type)
    photo.file.save(upload.name or "photo", upload, save=False)
    photo.save()
    return photo


def remove_photo(*, by, photo: ItemPhoto) -> None:
    require_manager(photo.item.lender, by)
    storage, name = photo.file.storage, photo.file.name
    photo.delete()
    # The file goes once the row is gone for good: a rolled-back removal keeps a photo that still opens.
    transaction.on_commit(lambda: storage.delete(name))
