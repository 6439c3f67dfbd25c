"""schema.org JSON-LD for aid and place pages: GovernmentService (or Service for an association's aid),
opening hours as ``openingHoursSpecification``, never OSM syntax (the design's rule)."""

import datetime as dt

import opening_hours
from django.conf import settings
from django.utils import timezone

from solidarite.rights.models import Aid, Place
from solidarite.rights.vocabulary import Institution, Public, institution_name
from solidarite.shops import hours

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AUDIENCES = {
    Public.FAMILY: "Familles",
    Public.SENIOR: "Personnes âgées",
    Public.YOUNG: "Jeunes",
    Public.STUDENT: "Étudiants",
    Public.DISABLED: "Personnes en situation de handicap",
    Public.TENANT: "Locataires",
    Public.JOBSEEKER: "Demandeurs d'emploi",
    Public.WORKER: "Actifs",
    Public.LOW_INCOME: "Personnes aux faibles ressources",
    Public.MINIMA: "Bénéficiaires des minima sociaux",
}


def opening_hours_specification(value: str, at: dt.datetime | None = None) -> list[dict]:
    """The coming week's opening intervals as one specification per weekday and interval.

    Read from the library's evaluation of the next seven days (public holidays of that week applied),
    since OSM rules ("week 1-53/2", "PH off") have no exact schema.org equivalent."""
    oh = hours.cache.parsed(value) if value else None
    if oh is None:
        return []
    specs = []
    start = hours.local(at).replace(hour=0, minute=0, second=0, microsecond=0)
    for offset in range(7):
        day_start = start + dt.timedelta(days=offset)
        day_end = day_start + dt.timedelta(days=1)
        for begin, end, state, _comment in oh.intervals(day_start, day_end):
            if state != opening_hours.State.OPEN:
                continue
            begin, end = begin.astimezone(hours.PARIS), end.astimezone(hours.PARIS)
            closes = "23:59" if end >= day_end else end.strftime("%H:%M")
            specs.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{DAYS[day_start.weekday()]}",
                    "opens": begin.strftime("%H:%M"),
                    "closes": closes,
                }
            )
    order = {f"https://schema.org/{day}": index for index, day in enumerate(DAYS)}
    return sorted(specs, key=lambda spec: (order[spec["dayOfWeek"]], spec["opens"]))


def _address(place: Place) -> dict:
    return {
        "@type": "PostalAddress",
        "streetAddress": place.address,
        "postalCode": place.postal_code or settings.TOWN_POSTAL_CODE,
        "addressLocality": place.city or settings.TOWN_NAME,
        "addressCountry": "FR",
    }


def place_data(place: Place, request) -> dict:
    kind = "GovernmentOffice" if place.kind in (Place.Kind.TOWN_HALL, Place.Kind.CCAS) else "CivicStructure"
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": place.name,
        "url": request.build_absolute_uri(place.get_absolute_url()),
        "address": _address(place),
    }
    if place.description:
        data["description"] = place.description
    if place.phone:
        data["telephone"] = place.phone
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}
    specification = opening_hours_specification(place.opening_hours)
    if specification:
        data["openingHoursSpecification"] = specification
    return data


def aid_data(aid: Aid, request, places: list[Place]) -> dict:
    """One aid as a GovernmentService (a public body grants it) or a Service (an association's)."""
    public_body = aid.institution in Institution.public_bodies()
    provider_type = "GovernmentOrganization" if public_body else "NGO"
    provider_name = institution_name(aid.institution)
    if aid.provider_id and aid.institution in Institution.local():
        provider_name = aid.provider.name
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if public_body else "Service",
        "name": aid.title,
        "description": aid.summary,
        "url": request.build_absolute_uri(aid.get_absolute_url()),
        "serviceType": str(aid.get_kind_display()),
        "provider": {"@type": provider_type, "name": provider_name},
        "isBasedOn": aid.source_url,
        "dateModified": timezone.localdate(aid.updated_at).isoformat(),
        "areaServed": _area(aid),
    }
    if public_body:
        data["serviceOperator"] = data["provider"]
    audiences = [AUDIENCES[code] for code in aid.public_codes if code in AUDIENCES]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audiences]
    channels = []
    if aid.apply_online_url:
        channels.append({"@type": "ServiceChannel", "name": "En ligne", "serviceUrl": aid.apply_online_url})
    if aid.phone:
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": "Par téléphone",
                "servicePhone": {"@type": "ContactPoint", "telephone": aid.phone},
            }
        )
    for place in places:
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": place.name,
                "serviceLocation": {"@type": "Place", "name": place.name, "address": _address(place)},
                **({"servicePhone": {"@type": "ContactPoint", "telephone": place.phone}} if place.phone else {}),
            }
        )
    if channels:
        data["availableChannel"] = channels
    return data


def _area(aid: Aid) -> dict:
    if aid.institution in (Institution.STATE, Institution.HEALTH_INSURANCE):
        return {"@type": "Country", "name": "France"}
    if aid.institution in (Institution.DEPARTEMENT, Institution.CAF):
        return {"@type": "AdministrativeArea", "name": settings.TOWN_DEPARTEMENT_NAME}
    if aid.institution == Institution.METROPOLE:
        return {"@type": "AdministrativeArea", "name": settings.TOWN_EPCI_NAME}
    return {"@type": "City", "name": settings.TOWN_NAME}
