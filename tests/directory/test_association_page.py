import json

import pytest

from tests.directory.factories import ActionFactory, AssociationFactory

pytestmark = pytest.mark.django_db


def jsonld(html):
    return html.split('<script type="application/ld+json">')[1].split("</script>")[0]


def test_the_page_shows_what_people_need(client):
    association = AssociationFactory(
        name="Les Restos du Cœur de Rezé",
        opening_hours="Tu,Th 09:00-12:00",
        membership_fee="Gratuit",
        accessibility="Plain-pied, toilettes adaptées",
        email="contact@restos-reze.fr",
        phone="02 40 00 00 00",
    )
    ActionFactory(association=association, title="Distribution alimentaire")
    html = client.get(association.get_absolute_url()).content.decode()
    page = html.split('<script type="application/ld+json">')[0] + html.split("</script>", 1)[1]
    assert "Tu,Th 09:00-12:00" not in page, "OSM syntax is for data exports, not for people"
    for text in (
        "mardi et jeudi, 9 h – 12 h",
        "Gratuit",
        "Plain-pied",
        "contact@restos-reze.fr",
        "Distribution alimentaire",
    ):
        assert text in html
    data = json.loads(jsonld(html))
    assert data["@type"] == "Organization" and data["name"] == "Les Restos du Cœur de Rezé"
    assert data["identifier"][0] == {"@type": "PropertyValue", "propertyID": "RNA", "value": association.rna}
    assert data["event"][0]["name"] == "Distribution alimentaire"


def test_json_ld_cannot_be_closed_by_user_text(client):
    association = AssociationFactory(name='</script><script>alert("x")</script>', purpose="a & b <c>")
    html = client.get(association.get_absolute_url()).content.decode()
    block = jsonld(html)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == '</script><script>alert("x")</script>'
    assert json.loads(block)["description"] == "a & b <c>"
    assert "<script>alert" not in html


def test_purpose_is_escaped(client):
    association = AssociationFactory(purpose="<img src=x onerror=alert(1)>")
    html = client.get(association.get_absolute_url()).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
