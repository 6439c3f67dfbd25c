from solidarite.digital import services
from tests.factories import UserFactory
from tests.rights.factories import make_place

DIGITAL_THEMES = ("numerique--acceder-a-des-services-en-ligne",)


def staff():
    return UserFactory(staff=True)


def mark(obj, *, by=None, **data):
    """Mark ``obj`` as a place of digital help (wifi by default), as staff unless ``by`` is given."""
    data = {"free_wifi": True, **data}
    return services.mark(obj=obj, by=by or staff(), data=data)


def media_library(**fields):
    """A point d'accueil with the guide's digital-help theme, like the médiathèque's digital space."""
    values = {
        "slug": "espace-numerique",
        "name": "Espace numérique de la médiathèque",
        "kind": "numerique",
        "latitude": 47.1838,
        "longitude": -1.5530,
        "opening_hours": "Tu,Th 14:00-18:00; Sa 10:00-12:30; PH off",
        "themes": DIGITAL_THEMES,
    }
    values.update(fields)
    return make_place(**values)
