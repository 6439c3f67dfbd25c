"""schema.org LocalBusiness JSON-LD for a shop page."""

from django.conf import settings
from django.utils import timezone

from solidarite.shops import hours_schema_org
from solidarite.shops.models import Shop

# The closest schema.org type for each kind; LocalBusiness otherwise.
TYPES = {
    Shop.Kind.FOOD: "GroceryStore",
    Shop.Kind.BAKERY: "Bakery",
    Shop.Kind.CAFE: "CafeOrCoffeeShop",
    Shop.Kind.RESTAURANT: "Restaurant",
    Shop.Kind.BOOKSHOP: "BookStore",
    Shop.Kind.SOCIAL_GROCERY: "GroceryStore",
    Shop.Kind.PHARMACY: "Pharmacy",
}


def local_business(shop: Shop, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": TYPES.get(shop.kind, "LocalBusiness"),
        "name": shop.name,
        "url": request.build_absolute_uri(shop.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": shop.address,
            "postalCode": shop.postal_code or settings.TOWN_POSTAL_CODE,
            "addressLocality": shop.city or settings.TOWN_NAME,
            "addressCountry": "FR",
        },
    }
    if shop.description:
        data["description"] = shop.description
    if shop.phone:
        data["telephone"] = shop.phone
    if shop.website:
        data["sameAs"] = [shop.website]
    if shop.latitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": shop.latitude, "longitude": shop.longitude}
    # Never the OSM expression itself ("PH off" is not schema.org): its evaluation over the coming year.
    data.update(hours_schema_org.specification(shop.opening_hours, timezone.localdate()))
    if shop.payment_means:
        data["paymentAccepted"] = ", ".join(str(label) for label in shop.payment_labels())
    if shop.siret:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "SIRET", "value": shop.siret}
    keywords = sorted(shop.tags.names())
    if keywords:
        data["keywords"] = ", ".join(keywords)
    return data
