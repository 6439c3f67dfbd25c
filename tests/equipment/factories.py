from solidarite.equipment import services
from solidarite.equipment.models import EquipmentRequest
from tests.factories import UserFactory, quartier
from tests.rights.factories import make_place

# Open every day but Sunday, all day: tests at any TEST_NOW find handover slots.
EVERY_DAY = "Mo-Sa 09:00-18:00"


def handover_place(**fields):
    return make_place(slug="point-numerique", name="Point numérique", opening_hours=EVERY_DAY, **fields)


def make_refurbisher(organisation="Atelier Reconditionne", **user_fields):
    user = UserFactory(**user_fields)
    services.grant_refurbisher(by=UserFactory(staff=True), user=user, organisation=organisation)
    return user


def ask(
    by=None, *, public="senior_alone", wanted="tablet", address="12 rue de la Paix", postal_code="44400", **extra
) -> EquipmentRequest:
    return services.ask(
        by=by or UserFactory(),
        public=public,
        wanted=wanted,
        address=address,
        postal_code=postal_code,
        quartier=extra.pop("quartier", quartier().pk),
        **extra,
    )


def list_devices(refurbisher, place, *kinds, label="Lot test"):
    """A batch of one device per kind given; matched to the waiting list on commit."""
    devices = [
        {"kind": kind, "specs": "8 Go, 128 Go", "condition": "b", "reference": f"RZ-{i}"}
        for i, kind in enumerate(kinds)
    ]
    return services.list_batch(by=refurbisher, place=place, devices=devices, label=label)
