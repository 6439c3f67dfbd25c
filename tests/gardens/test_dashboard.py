"""Staff see plots allocated and the days waited by quartier and month, on the page and as CSV."""

import pytest

from solidarite.dashboard.garden_figures import plots_allocated
from solidarite.dashboard.tables import Period
from solidarite.gardens import offers
from tests.factories import UserFactory
from tests.gardens.factories import allocated_plot, applicant, make_garden

pytestmark = pytest.mark.django_db


def _allocate(garden, count, quartier_slug):
    for n in range(count):
        plot = allocated_plot(garden, number=f"{quartier_slug}-{n}")
        person, _a = applicant(garden, quartier_slug=quartier_slug)
        offers.accept(by=person, offer=offers.free_plot(by=UserFactory(staff=True), plot=plot))


def test_allocations_by_quartier_small_counts_hidden(client):
    garden = make_garden()
    _allocate(garden, 5, "ragon")
    _allocate(garden, 1, "chateau")

    table = plots_allocated(Period.last_months(12))
    rows = {row[1]: row for row in table.display_rows}
    assert rows["Ragon"][2] == 5 and rows["Ragon"][3] == 0
    assert rows["Château"][2] == "< 5" and rows["Château"][3] == "—"

    client.force_login(UserFactory(staff=True))
    assert "Jardins partagés : parcelles attribuées" in client.get("/tableau-de-bord/").content.decode()
    csv = client.get("/tableau-de-bord/jardins-parcelles-attribuees.csv").content.decode()
    assert "Ragon" in csv and "< 5" in csv
