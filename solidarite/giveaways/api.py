"""API of giveaways (``/api/v1/giveaways/…``): the same services as the pages.

Gifts on offer are public (public point and quartier only); a person reads their own gifts, wishes and
matches. The pickup details and the other side's contacts are in a match's answer once it is accepted,
to its two sides only. A food gift is refused with the pages' French message (400).
"""

from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from solidarite.api import BoundedDateTimeField, Pagination
from solidarite.giveaways import services
from solidarite.giveaways.models import Category, Condition, Gift, GiftMatch, Wish
from solidarite.giveaways.workflow import GIFT, MATCH
from solidarite.help.checks import RateLimited
from solidarite.places.models import Quartier


class _Api(APIView):
    """A service's rate cap answers 429, as the pages do; its other refusals are the usual 403 and 400."""

    # Declared for the schema: the lists below are pages (count, next, previous, results).
    pagination_class = Pagination

    def handle_exception(self, exc):
        if isinstance(exc, RateLimited):
            exc = exceptions.Throttled(detail=exc.message)
        return super().handle_exception(exc)

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            self._paginator = Pagination()
        return self._paginator

    def page(self, rows, serializer_class):
        page = self.paginator.paginate_queryset(rows, self.request, view=self)
        data = serializer_class(page, many=True, context={"request": self.request}).data
        return self.paginator.get_paginated_response(data)


class GiftSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    condition = serializers.CharField(read_only=True)
    pickup_from = serializers.DateTimeField(read_only=True)
    pickup_until = serializers.DateTimeField(read_only=True)
    quartier = serializers.CharField(source="quartier.name", read_only=True)
    public_latitude = serializers.FloatField(read_only=True)
    public_longitude = serializers.FloatField(read_only=True)
    status = serializers.CharField(read_only=True)
    weight_kg = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True, read_only=True)
    safety_notice = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()

    def get_safety_notice(self, gift) -> str:
        return services.safety_notice(gift.category)

    def get_transitions(self, gift) -> list[str]:
        return GIFT.names(gift, self.context["request"].user)


class GiftInput(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=2000)
    # Any text: a food category gets the hygiene refusal in French rather than "not a valid choice".
    category = serializers.CharField(max_length=30, help_text="Une des catégories ; pas de nourriture.")
    condition = serializers.ChoiceField(choices=Condition.choices, default=Condition.GOOD)
    pickup_from = BoundedDateTimeField()
    pickup_until = BoundedDateTimeField()
    pickup_details = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    quartier = serializers.SlugField(required=False)
    latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)


def _location(data: dict) -> dict:
    slug = data.pop("quartier", None)
    quartier = Quartier.objects.filter(slug=slug).first() if slug else None
    if slug and quartier is None:
        raise exceptions.ValidationError({"quartier": [_("Quartier inconnu.")]})
    lat, lon = data.pop("latitude", None), data.pop("longitude", None)
    return {"quartier": quartier, "point": (lat, lon) if lat is not None and lon is not None else None}


FILTERS = [
    OpenApiParameter("categorie", str, enum=Category.values, description="Catégorie"),
    OpenApiParameter("quartier", str, description="Slug de quartier"),
]


class GiftsView(_Api):
    """GET: the gifts on offer (public). POST: offer an object; matched wishers are told at once."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    @extend_schema(parameters=FILTERS, responses=GiftSerializer(many=True), operation_id="giveaways_gift_list")
    def get(self, request):
        rows = Gift.objects.public().select_related("quartier").order_by("-created_at", "-pk")
        category, quartier = request.query_params.get("categorie"), request.query_params.get("quartier")
        if category:
            rows = rows.filter(category=category)
        if quartier:
            rows = rows.filter(quartier__slug=quartier)
        return self.page(rows, GiftSerializer)

    @extend_schema(request=GiftInput, responses={201: GiftSerializer}, operation_id="giveaways_gift_create")
    def post(self, request):
        data = _valid(GiftInput, request)
        gift = services.offer_gift(by=request.user, **_location(data), **data)
        return Response(GiftSerializer(gift, context={"request": request}).data, status=status.HTTP_201_CREATED)


def _visible_gift(request, pk) -> Gift:
    gift = get_object_or_404(Gift.objects.select_related("quartier"), pk=pk)
    if not services.may_see_gift(gift, request.user):
        raise exceptions.NotFound()
    return gift


class GiftView(_Api):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=GiftSerializer, operation_id="giveaways_gift_detail")
    def get(self, request, pk):
        return Response(GiftSerializer(_visible_gift(request, pk), context={"request": request}).data)


class GiftStepInput(serializers.Serializer):
    step = serializers.ChoiceField(choices=["give", "drop", "release", "withdraw"])
    weight_kg = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=Decimal("0.1"), max_value=Decimal("500"), required=False
    )
    shop = serializers.IntegerField(required=False, min_value=1, help_text="La ressourcerie (pour « drop »).")


class GiftStepView(_Api):
    """The giver's steps: ``give`` or ``drop`` (with the weight, and the ressourcerie for ``drop``),
    ``release`` (the taker did not come), ``withdraw``."""

    @extend_schema(request=GiftStepInput, responses=GiftSerializer, operation_id="giveaways_gift_step")
    def post(self, request, pk):
        gift = _visible_gift(request, pk)
        data = _valid(GiftStepInput, request)
        gift = services.gift_step(by=request.user, gift=gift, **data)
        return Response(GiftSerializer(gift, context={"request": request}).data)


class WishSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    category = serializers.CharField(read_only=True)
    what = serializers.CharField(read_only=True)
    radius_km = serializers.FloatField(read_only=True)
    until = serializers.DateTimeField(read_only=True)
    quartier = serializers.CharField(source="quartier.name", read_only=True)
    status = serializers.CharField(read_only=True)


class WishInput(serializers.Serializer):
    category = serializers.CharField(max_length=30)
    what = serializers.CharField(max_length=200)
    radius_km = serializers.FloatField(default=3.0, min_value=0.5, max_value=10)
    until = BoundedDateTimeField()
    quartier = serializers.SlugField(required=False)
    latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)


class WishesView(_Api):
    """GET: your wishes. POST: ask for an object; the gifts on offer that fit are matched at once."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=WishSerializer(many=True), operation_id="giveaways_wish_list")
    def get(self, request):
        return self.page(Wish.objects.by(request.user).select_related("quartier"), WishSerializer)

    @extend_schema(request=WishInput, responses={201: WishSerializer}, operation_id="giveaways_wish_create")
    def post(self, request):
        data = _valid(WishInput, request)
        wish, _matches = services.post_wish(by=request.user, **_location(data), **data)
        return Response(WishSerializer(wish).data, status=status.HTTP_201_CREATED)


class GiftMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    gift = GiftSerializer(read_only=True)
    wish = serializers.IntegerField(source="wish_id", read_only=True)
    score = serializers.FloatField(read_only=True)
    explanation = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    pickup_details = serializers.SerializerMethodField(help_text="Après acceptation, aux deux côtés seulement.")
    contacts = serializers.SerializerMethodField(help_text="Ce que l'autre côté a choisi de partager.")
    transitions = serializers.SerializerMethodField()

    def _open(self, match) -> bool:
        return services.may_see_details(match.gift, match, self.context["request"].user)

    def get_pickup_details(self, match) -> str:
        return match.gift.pickup_details if self._open(match) else ""

    def get_contacts(self, match) -> list[dict]:
        if not self._open(match):
            return []
        viewer = self.context["request"].user
        other = match.gift.giver if match.wish.wisher_id == viewer.pk else match.wish.wisher
        return [{"label": str(label), "value": value} for label, value in services.contacts_of(other)]

    def get_transitions(self, match) -> list[str]:
        return MATCH.names(match, self.context["request"].user)


def _matches(user):
    return (
        GiftMatch.objects.involving(user)
        .filter(~Q(status=GiftMatch.Status.WITHDRAWN))
        .select_related("gift__quartier", "gift__giver", "wish__wisher")
        .order_by("-created_at", "-pk")
    )


class MatchesView(_Api):
    """The matches you are a side of: as giver or as wisher."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=GiftMatchSerializer(many=True), operation_id="giveaways_match_list")
    def get(self, request):
        return self.page(_matches(request.user), GiftMatchSerializer)


class MatchStepInput(serializers.Serializer):
    step = serializers.ChoiceField(choices=["accept", "decline"])


class MatchStepView(_Api):
    """The wisher's answer: ``accept`` (the gift is promised to you) or ``decline``."""

    @extend_schema(request=MatchStepInput, responses=GiftMatchSerializer, operation_id="giveaways_match_step")
    def post(self, request, pk):
        match = get_object_or_404(_matches(request.user), pk=pk)
        data = _valid(MatchStepInput, request)
        match = services.answer_match(by=request.user, match=match, step=data["step"])
        return Response(GiftMatchSerializer(match, context={"request": request}).data)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


urlpatterns = [
    path("gifts/", GiftsView.as_view(), name="giveaways-gift-list"),
    path("gifts/<id:pk>/", GiftView.as_view(), name="giveaways-gift-detail"),
    path("gifts/<id:pk>/step/", GiftStepView.as_view(), name="giveaways-gift-step"),
    path("wishes/", WishesView.as_view(), name="giveaways-wish-list"),
    path("matches/", MatchesView.as_view(), name="giveaways-match-list"),
    path("matches/<id:pk>/step/", MatchStepView.as_view(), name="giveaways-match-step"),
]
