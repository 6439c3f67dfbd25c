"""Every model is in the admin, and every admin page loads for staff (search and filters included)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OUR_APPS = ("solidarite.", "associations.")
REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.fixture
def admin_client_(client_for):
    return client_for(UserFactory(staff=True, is_superuser=True))


# A saved estimate of rights and the follow-up of its claims are the person's alone: nobody else sees
# them without their consent (issue 16), staff included. They are exported and erased with the account.
# Kept out of staff's sight by design: a person's saved estimates, démarches and what they shared with
# an agent (docs/decisions.md), and an épicerie basket's allergies (health data: docs/dpia-rights.md).
THE_PERSONS_ALONE = {
    "estimate.SavedEstimate",
    "estimate.Claim",
    "estimate.ClaimLog",
    "estimate.EstimateShare",
    "grocery.Basket",
}


def test_every_model_of_our_apps_is_in_the_admin_but_what_is_the_persons_alone():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith(OUR_APPS) and model not in admin.site._registry
    ]
    assert sorted(missing) == sorted(THE_PERSONS_ALONE)


def test_every_admin_of_our_apps_can_be_searched():
    unsearchable = [
        model._meta.label
        for model, model_admin in REGISTRY
        if model.__module__.startswith(OUR_APPS) and not model_admin.search_fields
    ]
    assert unsearchable == []


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=[m._meta.label for m, _ in REGISTRY])
def test_changelist_search_filters_and_add_page_load_for_staff(admin_client_, model, model_admin):
    url = changelist_url(model)
    response = admin_client_.get(url, {"q": "rezé"} if model_admin.search_fields else {})
    assert response.status_code == 200, response.content[:500]

    changelist = response.context["cl"]
    for spec in changelist.filter_specs:
        for choice in list(spec.choices(changelist))[:3]:
            filtered = admin_client_.get(url + choice["query_string"])
            assert filtered.status_code == 200, (spec.title, choice["query_string"])

    add_url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    if model_admin.has_add_permission(response.wsgi_request):
        assert admin_client_.get(add_url).status_code == 200


def test_a_change_page_loads_for_a_person(admin_client_, user):
    url = reverse("admin:accounts_user_change", args=[user.pk])
    response = admin_client_.get(url)
    assert response.status_code == 200
    assert user.email in response.content.decode()


@pytest.mark.parametrize("model", [m for m, _ in REGISTRY][:1] + [m for m, _ in REGISTRY][-1:])
def test_people_who_are_not_staff_are_sent_to_the_admin_login(client_for, user, model):
    response = client_for(user).get(changelist_url(model))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_admin_index_refuses_visitors(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_staff_can_suspend_and_lift_from_the_admin(admin_client_, user, django_capture_on_commit_callbacks):
    url = reverse("admin:accounts_user_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(url, {"action": "suspend_selected", "_selected_action": [user.pk]})
    user.refresh_from_db()
    assert user.is_suspended

    admin_client_.post(url, {"action": "lift_suspension_selected", "_selected_action": [user.pk]})
    user.refresh_from_db()
    assert not user.is_suspended
