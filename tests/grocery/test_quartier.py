"""The household's quartier (issue 17): one coarse, optional choice at orientation, kept with it, copied on
each visit, and read only by the staff figures by month and quartier (small counts hidden)."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarite.accounts import personal_data
from solidarite.dashboard.grocery_figures import grocery_by_month_and_quartier
from solidarite.dashboard.tables import Period
from solidarite.grocery import retention, services
from solidarite.grocery.models import Household, Orientation, Visit
from solidarite.grocery.surplus_models import StockMove, SurplusOffer
from tests.factories import UserFactory, quartier
from tests.grocery.factories import make_grocery, make_prescriber
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _orient(grocery, where=None, days=90):
    today = timezone.localdate()
    return services.orient(
        by=make_prescriber(),
        grocery=grocery,
        size_band="2",
        starts_on=today,
        ends_on=today + dt.timedelta(days=days),
        allowance=5000,
        quartier=where,
    )


def _served(grocery, volunteer, count, where=None):
    for _ in range(count):
        orientation, _code = _orient(grocery, where)
        services.record_visit(by=volunteer, grocery=grocery, household=orientation.household, amount=100)


def _form(grocery, **extra):
    today = timezone.localdate()
    return {
        "grocery": grocery.pk,
        "size_band": "2",
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=90)).isoformat(),
        "allowance": "45",
        **extra,
    }


def test_the_prescriber_records_the_quartier_and_the_orientation_page_shows_it(client):
    grocery = make_grocery()
    client.force_login(make_prescriber())
    form = client.get(reverse("grocery:orient")).content.decode()
    assert "Quartier d&#x27;habitation (facultatif)" in form and "Ne souhaite pas le dire, ou hors commune" in form
    response = client.post(reverse("grocery:orient"), _form(grocery, quartier=quartier("chateau").pk))
    assert response.status_code == 200
    orientation = Orientation.objects.get()
    assert orientation.quartier == quartier("chateau")
    page = client.get(orientation.get_absolute_url()).content.decode()
    assert quartier("chateau").name in page


def test_the_quartier_may_be_left_unsaid(client):
    client.force_login(make_prescriber())
    response = client.post(reverse("grocery:orient"), _form(make_grocery(), quartier=""))
    assert response.status_code == 200
    orientation = Orientation.objects.get()
    assert orientation.quartier is None
    assert "non dit ou hors commune" in client.get(orientation.get_absolute_url()).content.decode()


def test_an_unknown_quartier_is_a_400_in_french_and_saves_nothing(client):
    client.force_login(make_prescriber())
    response = client.post(reverse("grocery:orient"), _form(make_grocery(), quartier="999999"))
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Household.objects.exists()


def test_the_till_never_sees_the_quartier(client):
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    _orientation, code = _orient(grocery, quartier("trentemoult-les-isles"))
    client.force_login(volunteer)
    page = client.post(reverse("grocery:till", args=[grocery.slug]), {"code": code}).content.decode()
    assert "Droit valable jusqu" in page and "Trentemoult" not in page


def test_a_visit_copies_the_quartier_and_a_renewal_keeps_it():
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    orientation, _code = _orient(grocery, quartier("ragon"))
    services.record_visit(by=volunteer, grocery=grocery, household=orientation.household, amount=100)
    assert Visit.objects.get().quartier == quartier("ragon")
    later = orientation.ends_on + dt.timedelta(days=60)
    renewed = services.renew(by=orientation.prescriber.user, orientation=orientation, ends_on=later)
    assert renewed.quartier == quartier("ragon")


def test_the_export_gives_the_quartier_with_the_right():
    person = UserFactory()
    orientation, _code = _orient(make_grocery(), quartier("la-houssais"))
    Household.objects.filter(pk=orientation.household_id).update(account=person)
    droits = personal_data.export_personal_data(person)["epicerie_sociale"]["foyers_lies"][0]["droits"]
    assert droits[0]["quartier"] == quartier("la-houssais").name


def test_households_and_visits_by_quartier_hide_small_counts_on_the_page_and_in_the_csv(client):
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    _served(grocery, volunteer, 6, quartier("chateau"))
    _served(grocery, volunteer, 2, quartier("ragon"))
    _served(grocery, volunteer, 1)
    table = grocery_by_month_and_quartier(Period.last_months(12))
    month = table.rows[-1][0]
    by_name = {row[1]: row for row in table.display_rows if row[0] == month}
    assert by_name[quartier("chateau").name][2:4] == [6, 6]
    assert by_name[quartier("ragon").name][2:4] == ["< 5", "< 5"]
    assert by_name["non dit, hors commune ou non situé"][2:4] == ["< 5", "< 5"]
    assert table.rows[-1][1] == "non dit, hors commune ou non situé"  # the unsaid row comes last

    client.force_login(UserFactory(staff=True))
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "Épicerie sociale par mois et par quartier" in page
    response = client.get(reverse("dashboard:csv", args=["epicerie-par-mois-et-quartier"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Mois", "Quartier", "Foyers servis", "Passages"]
    ragon = next(row for row in rows if row[1] == quartier("ragon").name)
    assert ragon[2:4] == ["< 5", "< 5"]
    assert not any(re.fullmatch("[1-4]", cell) for row in rows[1:] for cell in row[2:4])


def test_kg_rescued_count_in_the_shop_s_quartier_and_kg_distributed_in_the_epicerie_s():
    houssais = quartier("la-houssais")
    grocery = make_grocery(latitude=Decimal(str(houssais.latitude)), longitude=Decimal(str(houssais.longitude)))
    now = timezone.now()
    shop = ShopFactory(quartier=quartier("pont-rousseau"))
    # A shop with no quartier set but a point in the town: the nearest quartier to its point.
    ragon = quartier("ragon")
    unplaced = ShopFactory(quartier=None, latitude=ragon.latitude, longitude=ragon.longitude)
    for where, kg in ((shop, "12.5"), (unplaced, "3.0")):
        offer = SurplusOffer.objects.create(
            shop=where, category="pain", what="pain", kg=kg, until=now, created_at=now, status="accepted"
        )
        StockMove.objects.create(
            grocery=grocery, category="pain", kg=kg, direction="in", source="surplus", offer=offer, at=now
        )
    StockMove.objects.create(grocery=grocery, category="pain", kg="2", direction="in", source="surplus", at=now)
    StockMove.objects.create(grocery=grocery, category="pain", kg="9", direction="out", source="distribution", at=now)
    table = grocery_by_month_and_quartier(Period.last_months(12))
    by_name = {row[1]: row[4:] for row in table.rows}
    assert by_name[quartier("pont-rousseau").name] == [Decimal("0"), Decimal("12.5")]
    assert by_name[ragon.name] == [Decimal("0"), Decimal("3.0")]
    assert by_name[houssais.name] == [Decimal("9"), Decimal("0")]
    assert by_name["non dit, hors commune ou non situé"] == [Decimal("0"), Decimal("2")]  # typed by hand


def test_the_yearly_figures_by_quartier_survive_the_purge():
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    _served(grocery, volunteer, 5, quartier("chateau"))
    period = Period.calendar_year(timezone.localdate().year)
    before = grocery_by_month_and_quartier(period).rows
    last_end = Orientation.objects.order_by("-ends_on").values_list("ends_on", flat=True).first()

    done = retention.purge(on=last_end + retention.RETENTION + dt.timedelta(days=1))

    assert done["households_deleted"] == 5 and not Orientation.objects.exists()
    after = grocery_by_month_and_quartier(period).rows
    # Visits still count, in their quartier; distinct households are no longer known once purged.
    assert [row[:2] + row[3:] for row in after] == [row[:2] + row[3:] for row in before]
    assert before[-1][2] == 5 and after[-1][3] == 5


def test_the_table_takes_the_same_queries_whatever_the_data(django_assert_num_queries):
    volunteer = UserFactory()
    grocery = make_grocery(volunteers=[volunteer])
    period = Period.last_months(24)
    with django_assert_num_queries(4):
        grocery_by_month_and_quartier(period)
    for slug in ("chateau", "ragon", "la-houssais", "pont-rousseau"):
        _served(grocery, volunteer, 2, quartier(slug))
    make_grocery(slug="autre", name="Autre", latitude=Decimal("47.18"), longitude=Decimal("-1.55"))
    offer = SurplusOffer.objects.create(
        shop=ShopFactory(quartier=None),
        category="pain",
        what="pain",
        kg="1",
        until=timezone.now(),
        created_at=timezone.now(),
        status="accepted",
    )
    StockMove.objects.create(
        grocery=grocery, category="pain", kg="1", direction="in", source="surplus", offer=offer, at=timezone.now()
    )
    with django_assert_num_queries(4):
        grocery_by_month_and_quartier(period)
