"""Shops API: public reads (listed shops, current initiatives); writes for neighbours (create or claim
a shop) and verified owners (edit, publish initiatives). Every write goes through ``services``."""

from django.shortcuts import get_object_or_404
from django.urls import include, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from associations.directory.models import Association
from solidarite.accounts.roles import require_poster
from solidarite.api import ModelSerializer, valid_query
from solidarite.converters import Router
from solidarite.places.models import Quartier
from solidarite.shops import services
from solidarite.shops.forms import ShopSearchForm
from solidarite.shops.models import Initiative, Shop, ShopClaim
from solidarite.shops.search import for_display, search


class InitiativeSummarySerializer(ModelSerializer):
    # Null when the initiative has no partner association: allow_null makes the schema say so.
    association = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Initiative
        fields = ["id", "kind", "title", "starts_on", "ends_on", "association"]


class ShopSerializer(ModelSerializer):
    quartier = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    tags = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    open_now = serializers.SerializerMethodField()
    hours_status = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    current_initiatives = serializers.SerializerMethodField()

    class Meta:
        model = Shop
        fields = [
            "slug",
            "name",
            "kind",
            "kind_label",
            "tags",
            "description",
            "address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "quartier",
            "phone",
            "website",
            "opening_hours",
            "open_now",
            "hours_status",
            "wheelchair",
            "accessibility",
            "payment_means",
            "status",
            "url",
            "current_initiatives",
        ]

    def get_tags(self, shop) -> list[str]:
        return sorted(tag.name for tag in shop.tags.all())

    def get_open_now(self, shop) -> bool:
        return shop.hours_status().is_open

    def get_hours_status(self, shop) -> str:
        return str(shop.hours_status())

    @extend_schema_field(InitiativeSummarySerializer(many=True))
    def get_current_initiatives(self, shop) -> list[dict]:
        initiatives = getattr(shop, "current_initiatives", None)
        if initiatives is None:
            initiatives = list(shop.initiatives.current())
        return InitiativeSummarySerializer(initiatives, many=True).data


class ShopWriteSerializer(serializers.Serializer):
    """What a neighbour or owner sends; the service applies the rules."""

    name = serializers.CharField(max_length=200, required=False)
    kind = serializers.ChoiceField(choices=Shop.Kind.choices, required=False)
    tags = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=250, required=False)
    postal_code = serializers.CharField(max_length=5, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    latitude = serializers.FloatField(required=False, allow_null=True)
    longitude = serializers.FloatField(required=False, allow_null=True)
    quartier = serializers.SlugRelatedField(
        slug_field="slug", queryset=Quartier.objects.all(), required=False, allow_null=True
    )
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    opening_hours = serializers.CharField(max_length=255, required=False, allow_blank=True)
    wheelchair = serializers.ChoiceField(choices=Shop.Wheelchair.choices, required=False, allow_blank=True)
    accessibility = serializers.CharField(required=False, allow_blank=True)
    payment_means = serializers.ListField(child=serializers.ChoiceField(choices=Shop.Payment.choices), required=False)


class ShopCreateSerializer(ShopWriteSerializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Shop.Kind.choices)
    address = serializers.CharField(max_length=250)
    siret = serializers.CharField(max_length=20)
    message = serializers.CharField(required=False, allow_blank=True)


class ClaimSerializer(serializers.Serializer):
    siret = serializers.CharField(max_length=20)
    message = serializers.CharField(required=False, allow_blank=True)


class ClaimResultSerializer(ModelSerializer):
    shop = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ShopClaim
        fields = ["id", "shop", "status", "created_at"]


class InitiativeSerializer(ModelSerializer):
    shop = serializers.SlugRelatedField(slug_field="slug", queryset=Shop.objects.all())
    shop_name = serializers.CharField(source="shop.name", read_only=True)
    association = serializers.SlugRelatedField(
        slug_field="slug", queryset=Association.objects.listed(), required=False, allow_null=True
    )
    association_name = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "shop",
            "shop_name",
            "kind",
            "kind_label",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "association",
            "association_name",
            "ended_at",
            "url",
        ]
        read_only_fields = ["ended_at"]
        # The service validates the model (dates, choices) so the rules live in one place.
        validators = []

    def get_association_name(self, initiative) -> str:
        return initiative.association.name if initiative.association_id else ""


SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Texte recherché (nom, présentation, adresse, mot-clé)"),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=Shop.Kind.values),
    OpenApiParameter("tag", OpenApiTypes.STR),
    OpenApiParameter("quartier", OpenApiTypes.STR, description="slug du quartier"),
    OpenApiParameter("open_now", OpenApiTypes.BOOL),
    OpenApiParameter("initiative", OpenApiTypes.BOOL, description="avec une initiative en cours"),
]


@extend_schema_view(
    list=extend_schema(summary="Commerces publiés (recherche et filtres)", parameters=SEARCH_PARAMETERS),
    retrieve=extend_schema(summary="Un commerce"),
)
class ShopViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ShopSerializer
    lookup_field = "slug"
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        if self.action == "list":
            filters = valid_query(ShopSearchForm, self.request.query_params).cleaned_data
            qs = search(**{k: v for k, v in filters.items() if v not in (None, "", False)})
            return for_display(qs.order_by("name", "pk"))
        return for_display(Shop.objects.visible_to(self.request.user))

    @extend_schema(
        summary="Inscrire un commerce (en attente de vérification)",
        request=ShopCreateSerializer,
        responses={201: ClaimResultSerializer},
    )
    def create(self, request):
        require_poster(request.user)
        data = ShopCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        tags = fields.pop("tags", None)
        claim = services.create_shop(by=request.user, tags=tags, **fields)
        return Response(ClaimResultSerializer(claim).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Modifier un commerce (commerçant·e vérifié·e)", request=ShopWriteSerializer, responses=ShopSerializer
    )
    def partial_update(self, request, slug=None):
        shop = self.get_object()
        require_poster(request.user)
        data = ShopWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        tags = changes.pop("tags", None)
        shop = services.update_shop(shop=shop, by=request.user, changes=changes, tags=tags)
        return Response(ShopSerializer(for_display(Shop.objects.filter(pk=shop.pk)).get()).data)

    @extend_schema(
        summary="Demander à gérer un commerce", request=ClaimSerializer, responses={201: ClaimResultSerializer}
    )
    @action(detail=True, methods=["post"])
    def claim(self, request, slug=None):
        shop = self.get_object()
        require_poster(request.user)
        data = ClaimSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = services.claim_shop(shop=shop, by=request.user, **data.validated_data)
        return Response(ClaimResultSerializer(claim).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Initiatives solidaires en cours"),
    retrieve=extend_schema(summary="Une initiative"),
)
class InitiativeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = InitiativeSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        qs = Initiative.objects.select_related("shop", "association")
        if self.action == "list":
            return qs.current().order_by("-starts_on", "-pk")
        return qs.public()

    def _owned(self, pk) -> Initiative:
        initiative = get_object_or_404(Initiative.objects.select_related("shop"), pk=pk)
        require_poster(self.request.user)
        if not initiative.shop.is_owner(self.request.user):
            raise PermissionDenied()
        return initiative

    @extend_schema(summary="Publier une initiative (commerçant·e vérifié·e)", responses={201: InitiativeSerializer})
    def create(self, request):
        require_poster(request.user)
        data = InitiativeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        initiative = services.publish_initiative(by=request.user, **values)
        return Response(InitiativeSerializer(initiative).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Modifier une initiative", request=InitiativeSerializer, responses=InitiativeSerializer)
    def partial_update(self, request, pk=None):
        initiative = self._owned(pk)
        data = InitiativeSerializer(initiative, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = {k: v for k, v in data.validated_data.items() if k != "shop"}
        initiative = services.update_initiative(initiative=initiative, by=request.user, changes=changes)
        return Response(InitiativeSerializer(initiative).data)

    @extend_schema(summary="Terminer une initiative", request=None, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        initiative = services.end_initiative(initiative=self._owned(pk), by=request.user)
        return Response(InitiativeSerializer(initiative).data)


router = Router()
# Initiatives first: their prefix would otherwise be read as a shop's slug.
router.register("initiatives", InitiativeViewSet, basename="shop-initiative")
router.register("", ShopViewSet, basename="shop")

urlpatterns = [path("", include(router.urls))]
