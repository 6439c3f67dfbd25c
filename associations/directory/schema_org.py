"""schema.org JSON-LD for the public pages (Organization, Event)."""

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def postal_address(obj, postal_code="", city=""):
    address = {"@type": "PostalAddress", "streetAddress": obj.address, "addressCountry": "FR"}
    if postal_code:
        address["postalCode"] = postal_code
    if city:
        address["addressLocality"] = city
    return address


def organization(association, actions=()) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": association.name,
        "description": association.purpose,
        "url": absolute(association.get_absolute_url()),
    }
    if association.email:
        data["email"] = association.email
    if association.phone:
        data["telephone"] = association.phone
    if association.website:
        data["sameAs"] = [association.website]
    if association.address:
        data["address"] = postal_address(association, association.postal_code, association.city)
    if association.latitude is not None:
        data["location"] = {
            "@type": "Place",
            "geo": {"@type": "GeoCoordinates", "latitude": association.latitude, "longitude": association.longitude},
        }
    identifiers = []
    if association.rna:
        identifiers.append({"@type": "PropertyValue", "propertyID": "RNA", "value": association.rna})
    if association.siret:
        identifiers.append({"@type": "PropertyValue", "propertyID": "SIRET", "value": association.siret})
    if identifiers:
        data["identifier"] = identifiers
    if actions:
        data["event"] = [event(action, with_context=False) for action in actions]
    return data


def event(action, with_context=True, start=None) -> dict:
    start = start or action.next_start() or action.starts_at
    data = {
        "@type": "Event",
        "name": action.title,
        "startDate": timezone.localtime(start).isoformat(),
        "endDate": timezone.localtime(start + action.duration).isoformat(),
        "description": strip_tags(action.description),
        "url": absolute(action.get_absolute_url()),
        "eventStatus": "https://schema.org/EventCancelled"
        if action.is_cancelled
        else "https://schema.org/EventScheduled",
        "organizer": {"@type": "Organization", "name": action.association.name},
    }
    if action.place_name or action.address:
        data["location"] = {"@type": "Place", "name": action.place_name or action.address}
        if action.address:
            data["location"]["address"] = postal_address(action)
    if with_context:
        data["@context"] = "https://schema.org"
    return data
