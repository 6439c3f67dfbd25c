"""API of the épicerie sociale (``/api/v1/grocery/…``): slots, bookings by code, the till, visits.

The same services as the pages. The till reads only what the till needs: the right's end, the
allowance left this month, the size band and the day's slot; never a contact, an account or another
month. Codes travel in POST bodies, never in URLs (logs keep URLs); lookups are rate-limited.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from solidarite.accounts.throttle import client_address
from solidarite.api import BoundedDateTimeField
from solidarite.grocery import baskets, services, slots, surplus
from solidarite.grocery.models import Allergen, Grocery, Visit
from solidarite.grocery.roles import require_manager, require_till
from solidarite.grocery.surplus_models import Category, SurplusOffer
from solidarite.shops.models import Shop


def _grocery(slug) -> Grocery:
    return get_object_or_404(Grocery, slug=slug, is_active=True)


class GrocerySlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField(read_only=True)
    end = serializers.DateTimeField(read_only=True)
    capacity = serializers.IntegerField()
    free = serializers.IntegerField()
    bookable = serializers.BooleanField()


class SlotsView(APIView):
    """The épicerie's slots over its booking horizon, with the places left (public: no one is named)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=GrocerySlotSerializer(many=True), operation_id="grocery_slots")
    def get(self, request, slug):
        return Response(GrocerySlotSerializer(slots.slots(_grocery(slug)), many=True).data)


class GroceryBookingInput(serializers.Serializer):
    code = serializers.CharField(max_length=20)
    start = BoundedDateTimeField()


class GroceryBookingSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    start = serializers.DateTimeField(read_only=True)
    end = serializers.DateTimeField(read_only=True)


class BookingView(APIView):
    """A household books a slot with its code alone (no account)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=GroceryBookingInput, responses={201: GroceryBookingSerializer}, operation_id="grocery_book")
    def post(self, request, slug):
        grocery = _grocery(slug)
        data = _valid(GroceryBookingInput, request)
        household = services.find_household(data["code"], who=client_address(request), grocery=grocery)
        booking = slots.book(household=household, start=data["start"])
        return Response(GroceryBookingSerializer(booking).data, status=status.HTTP_201_CREATED)


class GroceryBasketSerializer(serializers.Serializer):
    categories = serializers.ListField(child=serializers.ChoiceField(choices=Category.choices), read_only=True)
    allergens = serializers.ListField(child=serializers.ChoiceField(choices=Allergen.choices), read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class GroceryBasketInput(serializers.Serializer):
    code = serializers.CharField(max_length=20)
    booking = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Le créneau réservé.")
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=Category.choices), max_length=len(Category.choices)
    )
    allergens = serializers.ListField(
        child=serializers.ChoiceField(choices=Allergen.choices), max_length=len(Allergen.choices), required=False
    )
    consent = serializers.BooleanField(
        default=False, help_text="Obligatoire avec des allergies : le foyer accepte que l'épicerie les connaisse."
    )


class BasketView(APIView):
    """A household (by its code) prepares the basket of its booked slot from the categories in stock."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=GroceryBasketInput, responses={201: GroceryBasketSerializer}, operation_id="grocery_basket")
    def post(self, request, slug):
        grocery = _grocery(slug)
        data = _valid(GroceryBasketInput, request)
        household = services.find_household(data["code"], who=client_address(request), grocery=grocery)
        basket = baskets.prepare(
            household=household,
            booking_id=data["booking"],
            categories=data["categories"],
            allergens=data.get("allergens", []),
            consent=data["consent"],
        )
        return Response(GroceryBasketSerializer(basket).data, status=status.HTTP_201_CREATED)


class GroceryCodeInput(serializers.Serializer):
    code = serializers.CharField(max_length=20)


class GroceryCardSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    valid_until = serializers.DateField(allow_null=True, read_only=True)
    unit = serializers.CharField()
    allowance = serializers.IntegerField(help_text="Ce mois-ci, en centimes ou en points.")
    left = serializers.IntegerField(help_text="Reste ce mois-ci, en centimes ou en points.")
    size_band = serializers.CharField()
    slot_today = serializers.DateTimeField(allow_null=True, read_only=True)
    basket = GroceryBasketSerializer(allow_null=True, read_only=True, help_text="Le panier demandé pour ce créneau.")


def _card(grocery, household) -> dict:
    card = services.card(household)
    today = [b for b in slots.day_bookings(grocery, services.today()) if b.household_id == household.pk]
    basket = getattr(today[0], "basket", None) if today else None
    return {
        "basket": basket,
        "valid": card.valid,
        "valid_until": card.valid_until,
        "unit": grocery.unit,
        "allowance": card.allowance,
        "left": card.left,
        "size_band": household.size_band,
        "slot_today": today[0].start if today else None,
    }


class TillView(APIView):
    """The till looks a code up: the right and the allowance left, never a name or a contact."""

    @extend_schema(request=GroceryCodeInput, responses=GroceryCardSerializer, operation_id="grocery_till")
    def post(self, request, slug):
        grocery = _grocery(slug)
        require_till(grocery, request.user)
        data = _valid(GroceryCodeInput, request)
        household = services.find_household(data["code"], who=f"till:{request.user.pk}", grocery=grocery)
        return Response(GroceryCardSerializer(_card(grocery, household)).data)


class GroceryVisitInput(serializers.Serializer):
    code = serializers.CharField(max_length=20)
    amount = serializers.IntegerField(min_value=1, help_text="En centimes ou en points.")


class GroceryVisitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    at = serializers.DateTimeField(read_only=True)
    amount = serializers.IntegerField()
    size_band = serializers.CharField()


class VisitsView(APIView):
    """POST: the till records a visit (refused past the month's allowance). GET: managers read the
    épicerie's visits (day, amount, size band: no household)."""

    @extend_schema(
        request=GroceryVisitInput, responses={201: GroceryCardSerializer}, operation_id="grocery_visit_create"
    )
    def post(self, request, slug):
        grocery = _grocery(slug)
        require_till(grocery, request.user)
        data = _valid(GroceryVisitInput, request)
        household = services.find_household(data["code"], who=f"till:{request.user.pk}", grocery=grocery)
        services.record_visit(by=request.user, grocery=grocery, household=household, amount=data["amount"])
        return Response(GroceryCardSerializer(_card(grocery, household)).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=GroceryVisitSerializer(many=True), operation_id="grocery_visit_list")
    def get(self, request, slug):
        grocery = _grocery(slug)
        require_manager(grocery, request.user)
        rows = Visit.objects.filter(grocery=grocery).order_by("-at", "-pk")
        page = self.paginator.paginate_queryset(rows, request, view=self)
        return self.paginator.get_paginated_response(GroceryVisitSerializer(page, many=True).data)

    @property
    def paginator(self):
        from solidarite.api import Pagination

        if not hasattr(self, "_paginator"):
            self._paginator = Pagination()
        return self._paginator


class GrocerySurplusInput(serializers.Serializer):
    shop = serializers.SlugField(help_text="Le commerce (vérifié) dont vous êtes le ou la commerçant·e.")
    category = serializers.ChoiceField(choices=Category.choices)
    what = serializers.CharField(max_length=200)
    kg = serializers.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("0.1"), max_value=Decimal("5000"))
    until = BoundedDateTimeField()
    pickup = serializers.CharField(max_length=200, required=False, allow_blank=True)


class GrocerySurplusSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    shop = serializers.CharField(source="shop.name", read_only=True)
    category = serializers.CharField(read_only=True)
    what = serializers.CharField(read_only=True)
    kg = serializers.DecimalField(max_digits=6, decimal_places=1, read_only=True)
    until = serializers.DateTimeField(read_only=True)
    pickup = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    accepted_by = serializers.CharField(source="accepted_by.name", allow_null=True, read_only=True)
    transitions = serializers.SerializerMethodField()

    def get_transitions(self, offer) -> list[str]:
        return surplus.SURPLUS.names(offer, self.context["request"].user)


class SurplusView(APIView):
    """GET: the offers a person deals with (their shops' own, and the open ones matched to the épiceries
    they manage). POST: a shop's owner offers surplus; matched épiceries' managers are told at once."""

    # A visitor is asked to authenticate (401, as every API route says), not refused (403).
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=GrocerySurplusSerializer(many=True), operation_id="grocery_surplus_list")
    def get(self, request):
        rows = (
            SurplusOffer.objects.filter(
                Q(shop__owner=request.user)
                | Q(matches__grocery__managers=request.user, status=SurplusOffer.Status.OPEN)
            )
            .distinct()
            .select_related("shop", "accepted_by")
            .order_by("-created_at", "-pk")[:100]
        )
        rows = surplus.read_roles(rows, request.user)  # each row's transitions without a query per row
        return Response(GrocerySurplusSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(
        request=GrocerySurplusInput, responses={201: GrocerySurplusSerializer}, operation_id="grocery_surplus_create"
    )
    def post(self, request):
        data = _valid(GrocerySurplusInput, request)
        shop = Shop.objects.owned_by(request.user).filter(slug=data.pop("shop")).first()
        if shop is None:
            raise PermissionDenied(_("Seul·e le ou la commerçant·e de ce commerce propose ses invendus."))
        offer = surplus.offer_surplus(by=request.user, shop=shop, **data)
        return Response(
            GrocerySurplusSerializer(offer, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class GrocerySurplusStepInput(serializers.Serializer):
    step = serializers.ChoiceField(choices=["accept", "withdraw"])


class SurplusStepView(APIView):
    """A step of an offer: ``accept`` (a manager of a matched épicerie) or ``withdraw`` (the shop's owner)."""

    @extend_schema(
        request=GrocerySurplusStepInput, responses=GrocerySurplusSerializer, operation_id="grocery_surplus_step"
    )
    def post(self, request, pk):
        offer = get_object_or_404(SurplusOffer.objects.select_related("shop"), pk=pk)
        data = _valid(GrocerySurplusStepInput, request)
        offer = surplus.take(by=request.user, offer=offer, step=data["step"])
        return Response(GrocerySurplusSerializer(offer, context={"request": request}).data)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


urlpatterns = [
    path("surplus/", SurplusView.as_view(), name="grocery-surplus-list"),
    path("surplus/<id:pk>/step/", SurplusStepView.as_view(), name="grocery-surplus-step"),
    path("<slug:slug>/slots/", SlotsView.as_view(), name="grocery-slots"),
    path("<slug:slug>/bookings/", BookingView.as_view(), name="grocery-bookings"),
    path("<slug:slug>/basket/", BasketView.as_view(), name="grocery-basket"),
    path("<slug:slug>/till/", TillView.as_view(), name="grocery-till"),
    path("<slug:slug>/visits/", VisitsView.as_view(), name="grocery-visits"),
]
