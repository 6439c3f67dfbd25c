"""API of the places of digital help (``/api/v1/digital/places/``): the list with the page's filters
(services, quartier, a point; nearest first), one place, and marking and editing for staff and the
place's managers, through the same services as the pages. The national export is ``digital:export_json``.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from solidarite.api import ModelSerializer, valid_query
from solidarite.converters import Router
from solidarite.digital import search, services, venues
from solidarite.digital.forms import SearchForm
from solidarite.digital.models import DigitalPlace, Fee, Public, Service, Support
from solidarite.digital.services import EDITABLE


class VenueSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    name = serializers.CharField()
    address = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    quartier = serializers.CharField(source="quartier.slug", allow_null=True)
    phone = serializers.CharField()
    email = serializers.CharField()
    url = serializers.CharField()


class DigitalPlaceSerializer(ModelSerializer):
    place = serializers.SerializerMethodField()
    services = serializers.ListField(child=serializers.ChoiceField(choices=Service.choices), read_only=True)
    hours = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = DigitalPlace
        fields = ["id", "place", "services", "summary", "publics", "support", "fee", "hours", "aidants_connect",
                  "conseiller_numerique", "updated_at", "url"]  # fmt: skip

    @extend_schema_field(VenueSerializer)
    def get_place(self, obj) -> dict:
        return VenueSerializer(venues.venue(obj)).data

    def get_hours(self, obj) -> str:
        """OpenStreetMap syntax: the digital help's own hours, else the place's."""
        return obj.opening_hours or venues.venue(obj).opening_hours


class FoundSerializer(DigitalPlaceSerializer):
    distance_km = serializers.SerializerMethodField()

    class Meta(DigitalPlaceSerializer.Meta):
        fields = [*DigitalPlaceSerializer.Meta.fields, "distance_km"]

    def get_distance_km(self, obj) -> float | None:
        distance = self.context["distances"].get(obj.pk)
        return round(distance, 3) if distance is not None else None


class DigitalPlaceInput(serializers.Serializer):
    """What the digital help adds to a place (every field optional on PATCH)."""

    free_computers = serializers.BooleanField(required=False)
    free_wifi = serializers.BooleanField(required=False)
    printing = serializers.BooleanField(required=False)
    online_procedures = serializers.BooleanField(required=False)
    beginner_workshops = serializers.BooleanField(required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=280)
    publics = serializers.ListField(child=serializers.ChoiceField(choices=Public.choices), required=False)
    support = serializers.ListField(child=serializers.ChoiceField(choices=Support.choices), required=False)
    fee = serializers.ChoiceField(choices=Fee.choices, required=False)
    opening_hours = serializers.CharField(required=False, allow_blank=True, max_length=255)
    aidants_connect = serializers.BooleanField(required=False)
    conseiller_numerique = serializers.BooleanField(required=False)
    pivot = serializers.CharField(required=False, allow_blank=True, max_length=14)
    is_published = serializers.BooleanField(required=False)


class MarkInput(DigitalPlaceInput):
    place = serializers.CharField(
        max_length=40,
        help_text="Le lieu à présenter, comme le formulaire le nomme : accueil-3, salle-2, association-5, commerce-7.",
    )


def _valid(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


SEARCH_PARAMETERS = [
    OpenApiParameter(
        "service", OpenApiTypes.STR, many=True, enum=Service.values, description="Services offerts (tous ceux demandés)"
    ),
    OpenApiParameter(
        "quartier", OpenApiTypes.STR, description="Slug du quartier : les plus proches de son centre d'abord"
    ),
    OpenApiParameter("dans_le_quartier", OpenApiTypes.BOOL, description="Seulement les lieux de ce quartier"),
    OpenApiParameter("lat", OpenApiTypes.NUMBER, description="Latitude du point de départ (avec lon)"),
    OpenApiParameter("lon", OpenApiTypes.NUMBER, description="Longitude du point de départ (avec lat)"),
]


@extend_schema_view(
    list=extend_schema(
        summary="Les lieux d'aide au numérique, les plus proches d'abord",
        parameters=SEARCH_PARAMETERS,
        responses=FoundSerializer(many=True),
    ),
    retrieve=extend_schema(summary="Un lieu d'aide au numérique"),
    create=extend_schema(
        summary="Présenter un lieu comme lieu d'aide au numérique",
        request=MarkInput,
        responses={201: DigitalPlaceSerializer},
    ),
    partial_update=extend_schema(summary="Modifier l'aide au numérique d'un lieu", request=DigitalPlaceInput),
)
class DigitalPlaceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = DigitalPlaceSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self):
        return DigitalPlace.objects.public().select_related(*venues.RELATED).order_by("pk")

    def get_object(self):
        place = get_object_or_404(DigitalPlace.objects.select_related(*venues.RELATED), pk=self.kwargs["pk"])
        public = DigitalPlace.objects.public().filter(pk=place.pk).exists()
        if not public and not venues.can_manage(self.request.user, place.target):
            raise Http404
        return place

    def list(self, request, *args, **kwargs):
        filters = valid_query(SearchForm, request.query_params).filters()
        offset, limit = self.paginator.get_offset(request), self.paginator.get_limit(request)
        total, found = search.nearest(**filters, offset=offset, limit=limit)
        # The paginator's links and count, for a page computed by ``search.nearest``.
        self.paginator.count, self.paginator.offset, self.paginator.limit = total, offset, limit
        self.paginator.request = request
        context = {**self.get_serializer_context(), "distances": {f.place.pk: f.distance_km for f in found}}
        return self.paginator.get_paginated_response(
            FoundSerializer([f.place for f in found], many=True, context=context).data
        )

    def create(self, request, *args, **kwargs):
        data = _valid(MarkInput, request)
        obj = venues.find(data.pop("place"), request.user)
        if obj is None:
            if not venues.choices_for(request.user):
                raise PermissionDenied(_("Vous ne gérez aucun lieu à présenter."))
            raise serializers.ValidationError(
                {"place": [_("Choisissez un lieu que vous gérez et pas encore présenté.")]}
            )
        place = services.mark(obj=obj, by=request.user, data={k: v for k, v in data.items() if k in EDITABLE})
        return Response(DigitalPlaceSerializer(place).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        place = self.get_object()
        data = _valid(DigitalPlaceInput, request)
        place = services.update(place=place, by=request.user, data=data)
        return Response(DigitalPlaceSerializer(place).data)


router = Router()
router.register("places", DigitalPlaceViewSet, basename="digital-place")

urlpatterns = [path("", include(router.urls))]
