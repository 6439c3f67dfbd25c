"""The public lists are rendered once per state of their data, and still show every change at once,
the clock's included; what depends on who is asking stays outside the shared part."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from associations.directory.models import Action, Association
from solidarite.help.models import HelpOffer, HelpRequest
from solidarite.shops.models import Shop
from tests.directory.factories import ActionFactory, AssociationFactory
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


LISTS = {
    "directory": (
        "directory:list",
        lambda: AssociationFactory(name="Les Jardiniers"),
        lambda: Association.objects.update(name="Les Potagers"),
    ),
    "agenda": (
        "directory:agenda",
        lambda: ActionFactory(title="Repair café"),
        lambda: Action.objects.update(title="Troc de graines"),
    ),
    "shops": (
        "shops:list",
        lambda: ShopFactory(name="Épicerie du Port"),
        lambda: Shop.objects.update(name="Librairie du Port"),
    ),
    "help requests": (
        "help:feed",
        lambda: make_request(UserFactory(display_name="Hélène")),
        lambda: HelpRequest.objects.update(author=UserFactory(display_name="Fatou")),
    ),
    "help offers": (
        "help:offer_feed",
        lambda: make_offer(UserFactory(display_name="Hélène")),
        lambda: HelpOffer.objects.update(author=UserFactory(display_name="Fatou")),
    ),
}
BEFORE = {"directory": "Les Jardiniers", "agenda": "Repair café", "shops": "Épicerie du Port"}
AFTER = {"directory": "Les Potagers", "agenda": "Troc de graines", "shops": "Librairie du Port"}


@pytest.mark.parametrize("name", list(LISTS))
def test_a_change_shows_on_the_next_view(client, name):
    url_name, create, change = LISTS[name]
    create()
    before, after = BEFORE.get(name, "Hélène"), AFTER.get(name, "Fatou")
    assert before in page(client, reverse(url_name))
    change()  # QuerySet.update(): no signal, no save(); the database itself renews the token
    html = page(client, reverse(url_name))
    assert after in html and before not in html


def test_a_renamed_author_shows_on_the_help_feed(client):
    author = UserFactory(display_name="Hélène")
    make_request(author)
    assert "Hélène" in page(client, reverse("help:feed"))
    author.display_name = "Léa"
    author.save(update_fields=["display_name"])
    assert "Léa" in page(client, reverse("help:feed"))


@pytest.mark.parametrize("name", list(LISTS))
def test_a_repeated_view_reads_only_the_token_and_the_visitor(client, name, django_assert_num_queries):
    url_name, create, _change = LISTS[name]
    create()
    url = reverse(url_name)
    page(client, url)
    with django_assert_num_queries(1):  # the token; an anonymous visitor costs nothing more
        page(client, url)
    client.force_login(UserFactory())
    page(client, url)
    # the token, the session, the person with their header's notification figures
    with django_assert_num_queries(3):
        page(client, url)


def test_filters_and_pages_are_parts_of_their_own(client):
    AssociationFactory(name="Les Jardiniers", accepts_volunteers=True)
    AssociationFactory(name="Chorale du Château", accepts_volunteers=False)
    url = reverse("directory:list")
    assert "Chorale du Château" in page(client, url)
    filtered = page(client, url, benevoles="on")
    assert "Les Jardiniers" in filtered and "Chorale du Château" not in filtered


def test_each_language_has_its_own_part(client):
    ShopFactory(opening_hours="24/7")
    french = page(client, reverse("shops:list"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client, reverse("shops:list"))
    assert "Ouvert maintenant" in french and "Open now" not in french
    assert "Open now" in english and "Ouvert maintenant" not in english


@pytest.mark.parametrize("first_signed_in", [True, False])
def test_the_shared_part_never_carries_who_asked(client, first_signed_in):
    make_request(UserFactory(display_name="Hélène"))
    neighbour = UserFactory(display_name="Yann")
    url = reverse("help:feed")
    mine = reverse("help:my_posts")

    def as_neighbour():
        client.force_login(neighbour)
        html = page(client, url)
        client.logout()
        return html

    def as_visitor():
        return page(client, url)

    if first_signed_in:
        signed_in, visitor = as_neighbour(), as_visitor()
    else:
        visitor, signed_in = as_visitor(), as_neighbour()
    assert mine in signed_in and 'data-live-url="/ws/"' in signed_in
    assert mine not in visitor and 'data-live-url="/ws/"' not in visitor
    assert "Hélène" in signed_in and "Hélène" in visitor


def test_the_clock_moves_the_list(client, monkeypatch):
    ShopFactory(name="Épicerie du Port", opening_hours="Mo-Su 09:00-19:00")
    today = timezone.localdate()
    local = timezone.get_current_timezone()
    before_closing = dt.datetime.combine(today, dt.time(18, 59, 30), tzinfo=local)
    monkeypatch.setattr(timezone, "now", lambda: before_closing)
    assert "Ouvert" in page(client, reverse("shops:list"))
    monkeypatch.setattr(timezone, "now", lambda: before_closing + dt.timedelta(seconds=40))
    html = page(client, reverse("shops:list"))
    assert "Fermé" in html and "Ouvert" not in html.split('class="card-list shop-list"')[1]
