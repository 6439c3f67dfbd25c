import json

import pytest
from django.urls import reverse

from associations.directory import pages
from associations.directory.models import Association
from tests.directory.factories import AssociationFactory
from tests.factories import quartier

pytestmark = pytest.mark.django_db
URL = reverse("directory:list")


def names(response):
    return [a.name for a in response.context["page"].object_list]


def test_search_ignores_accents_and_case(client, user):
    theatre = pages.request_association(
        by=user, name="Théâtre du Pont-Rousseau", rna="W443009999", purpose="Troupe amateur", tags=["Culture"]
    )
    AssociationFactory(name="Club de foot")
    assert names(client.get(URL, {"q": "theatre"})) == [theatre.name]
    assert names(client.get(URL, {"q": "THÉÂTRE pont"})) == [theatre.name]
    assert names(client.get(URL, {"q": "culture"})) == [theatre.name]
    assert names(client.get(URL, {"q": "theatre foot"})) == []


def test_search_finds_words_of_the_purpose_and_tags_changed_later(client, user):
    association = pages.request_association(by=user, name="Les Amis", rna="W443009998", purpose="Jardins partagés")
    pages.update_association(association=association, by=user, tags=["Écologie"])
    assert names(client.get(URL, {"q": "jardins partages"})) == ["Les Amis"]
    assert names(client.get(URL, {"q": "ecologie"})) == ["Les Amis"]


def test_filters_by_theme_quartier_and_volunteers(client):
    a = AssociationFactory(name="A", quartier=quartier("ragon"), accepts_volunteers=True)
    a.tags.set(["sport"])
    b = AssociationFactory(name="B", quartier=quartier("ragon"))
    b.tags.set(["culture"])
    AssociationFactory(name="C", quartier=quartier("la-houssais"), accepts_volunteers=True)
    assert names(client.get(URL, {"theme": "sport"})) == ["A"]
    assert names(client.get(URL, {"quartier": "ragon"})) == ["A", "B"]
    assert names(client.get(URL, {"benevoles": "on"})) == ["A", "C"]
    assert names(client.get(URL, {"quartier": "ragon", "benevoles": "on"})) == ["A"]


def test_hidden_refused_and_merged_pages_are_not_listed(client):
    AssociationFactory(name="Visible")
    AssociationFactory(name="Masquée", hidden=True)
    AssociationFactory(name="Refusée", status=Association.Status.REFUSED)
    AssociationFactory(name="Doublon", merged_into=AssociationFactory(name="Cible"))
    assert names(client.get(URL)) == ["Cible", "Visible"]


def test_unverified_pages_are_marked_as_such(client):
    AssociationFactory(name="Pas encore", pending=True)
    AssociationFactory(name="Validée")
    html = client.get(URL).content.decode()
    assert html.count("Non vérifiée") == 1
    assert html.count("Vérifiée par la ville") == 1


def test_map_view_gives_markers_as_data_and_keeps_the_list(client):
    AssociationFactory(name="Avec point", latitude=47.18, longitude=-1.55)
    AssociationFactory(name="<b>Sans</b> point")
    response = client.get(URL, {"vue": "carte"})
    html = response.content.decode()
    assert "data-directory-map" in html and "directory/map.js" in html
    markers = json.loads(html.split('id="directory-markers" type="application/json">')[1].split("</script>")[0])
    only = Association.objects.get(name="Avec point")
    assert markers == [{"name": "Avec point", "url": only.get_absolute_url(), "lat": 47.18, "lon": -1.55}]
    assert "&lt;b&gt;Sans&lt;/b&gt; point" in html  # the list equivalent, escaped
    # No inline script: every <script> has a src or is JSON data.
    for chunk in html.split("<script")[1:]:
        head = chunk.split(">", 1)[0]
        assert "src=" in head or "application/json" in head or "application/ld+json" in head


def test_the_directory_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    def count_for(n):
        for i in range(n):
            a = AssociationFactory(quartier=quartier("ragon"))
            a.tags.set([f"theme{i}", "commun"])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"q": "voisins"}).status_code == 200
        return len(ctx.captured_queries)

    few = count_for(2)
    many = count_for(20)
    assert few == many
    with django_assert_max_num_queries(few):
        client.get(URL, {"q": "voisins", "vue": "carte"})


def test_the_directory_speaks_english_too(client):
    AssociationFactory(pending=True)
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Directory of associations" in html and "Not verified" in html and "1 association found" in html


def test_an_unknown_theme_finds_nothing_but_keeps_the_search(client):
    AssociationFactory(name="Théâtre").tags.set(["culture"])
    assert names(client.get(URL, {"q": "theatre", "theme": "disparu"})) == []
    assert names(client.get(URL, {"q": "theatre", "theme": "culture"})) == ["Théâtre"]
    assert names(client.get(URL, {"q": "theatre", "quartier": "nulle-part"})) == []
