"""The demo world the permissions matrix and the CSRF sweep request, seen by six people."""

import pytest
from django.test import Client
from django.utils.module_loading import autodiscover_modules

from tests.factories import UserFactory
from tests.proof import parameters


@pytest.fixture
def world(django_capture_on_commit_callbacks, settings, tmp_path):
    # The open-data export is published only once the town's SIRET is configured.
    settings.TOWN_SIRET = "21440143200015"
    settings.MEDIA_ROOT = tmp_path  # the room photo the matrix requests
    from solidarite.accounts import demo

    autodiscover_modules("demo")
    with django_capture_on_commit_callbacks(execute=True):
        for loader in demo.loaders():
            loader()
    from tests.directory.factories import AssociationFactory, make_manager
    from tests.shops.factories import ShopFactory

    objects = parameters.build_world()
    manager = UserFactory()
    make_manager(AssociationFactory(), manager)
    shopkeeper = UserFactory()
    ShopFactory(owner=shopkeeper)
    people = {
        "visitor": None,
        "neighbour": objects["neighbour"],
        "other": UserFactory(),
        "manager": manager,
        "shopkeeper": shopkeeper,
        "staff": UserFactory(staff=True),
    }
    clients = {}
    for role, person in people.items():
        client = Client(raise_request_exception=False)  # a crash is a 500 in the table, not a stop
        if person is not None:
            client.force_login(person)
        clients[role] = client
    return objects, clients, people
