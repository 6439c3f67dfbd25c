"""Staff figures: objects brought, fixed and kg repaired by month and quartier, on the page and as CSV."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarite.dashboard.repairs_figures import repairs_by_month_and_quartier
from solidarite.dashboard.tables import Period, month_label
from solidarite.repairs import ords, services
from tests.factories import UserFactory, quartier
from tests.repairs.factories import brought, day_of, make_cafe

pytestmark = pytest.mark.django_db


def test_kg_repaired_add_the_weights_of_fixed_objects_by_quartier_and_month(client_for):
    volunteer = UserFactory()
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=2)
    isles = make_cafe(volunteers=[volunteer], starts_at=start)
    ragon = make_cafe(volunteers=[volunteer], starts_at=start, quartier=quartier("ragon"))
    for weight, status in (("1.5", ords.FIXED), ("2.25", ords.FIXED), ("4", ords.END_OF_LIFE)):
        record = brought(isles, volunteer, weight_kg=weight)
        services.set_outcome(record, by=volunteer, repair_status=status)
    brought(ragon, volunteer, weight_kg="9")  # brought, no outcome yet: counted, not fixed

    table = repairs_by_month_and_quartier(Period.last_months(12))
    month = month_label(day_of(isles).replace(day=1))
    assert [row for row in table.rows if row[0] == month] == [
        [month, "Ragon", 1, 0, Decimal("0.00")],
        [month, "Trentemoult-les Isles", 3, 2, Decimal("3.75")],
    ]

    staff = client_for(UserFactory(staff=True))
    assert "Repair cafés par mois et par quartier" in staff.get(reverse("dashboard:index")).content.decode()
    csv = staff.get(reverse("dashboard:csv", args=["repair-cafes"]))
    assert csv.status_code == 200
    assert "Trentemoult-les Isles" in csv.content.decode()
    assert client_for(UserFactory()).get(reverse("dashboard:csv", args=["repair-cafes"])).status_code == 403
