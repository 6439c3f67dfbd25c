"""Public, read-only API of the guide of aids and of the points d'accueil (``/api/v1/rights/…``);
slots, appointments and mandates are ``booking_api``'s.

Same filters as the pages (``forms.filter_aids``); editing stays on the site, where the history is kept.
A filter with an unknown value answers 400 with the French message, never an unfiltered list.
"""

from django.db.models import Prefetch
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError

from solidarite.api import ModelSerializer, valid_query
from solidarite.converters import Router
from solidarite.rights import booking_api
from solidarite.rights.forms import AidSearchForm, filter_aids
from solidarite.rights.models import Aid, AidPublic, AidTheme, Place, PlaceTheme
from solidarite.rights.vocabulary import THEMATIQUE_LABELS, Institution, Public


class PlaceSummarySerializer(ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Place
        fields = ["slug", "name", "phone", "url"]


class AidSerializer(ModelSerializer):
    institution_name = serializers.CharField(source="institution_label", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    thematiques = serializers.ListField(child=serializers.CharField(), source="theme_codes", read_only=True)
    publics = serializers.ListField(
        child=serializers.ChoiceField(choices=Public.choices), source="public_codes", read_only=True
    )
    eligibility = serializers.ListField(child=serializers.CharField(), source="eligibility_lines", read_only=True)
    documents = serializers.ListField(child=serializers.CharField(), source="document_lines", read_only=True)
    provider = PlaceSummarySerializer(read_only=True, allow_null=True)
    review_overdue = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Aid
        fields = [
            "slug",
            "title",
            "summary",
            "keywords",
            "kind",
            "kind_label",
            "institution",
            "institution_name",
            "thematiques",
            "publics",
            "eligibility",
            "documents",
            "how_to_apply",
            "apply_online_url",
            "apply_form_url",
            "apply_at_place",
            "phone",
            "provider",
            "source_url",
            "source_date",
            "reviewed_on",
            "review_overdue",
            "updated_at",
            "url",
        ]

    def get_review_overdue(self, aid) -> bool:
        """True when the information was not checked again by its review date: treat it with care."""
        return aid.review_overdue()


class PlaceSerializer(ModelSerializer):
    quartier = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    thematiques = serializers.ListField(child=serializers.CharField(), source="theme_codes", read_only=True)
    aids = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    open_now = serializers.SerializerMethodField()
    hours_status = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Place
        fields = [
            "slug",
            "name",
            "kind",
            "kind_label",
            "description",
            "address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "quartier",
            "phone",
            "phone_hours",
            "email",
            "website",
            "opening_hours",
            "open_now",
            "hours_status",
            "wheelchair",
            "accessibility",
            "thematiques",
            "aids",
            "url",
        ]

    def get_open_now(self, place) -> bool:
        return place.hours_status().is_open

    def get_hours_status(self, place) -> str:
        return str(place.hours_status())


AID_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Mots recherchés (accents et majuscules ignorés)"),
    OpenApiParameter(
        "theme",
        OpenApiTypes.STR,
        description="Thématique data·inclusion v1, ou sa catégorie (ex. logement-hebergement)",
        enum=sorted({*THEMATIQUE_LABELS, *(code.split("--")[0] for code in THEMATIQUE_LABELS)}),
    ),
    OpenApiParameter("public", OpenApiTypes.STR, enum=[c for c in Public.values if c != Public.ALL]),
    OpenApiParameter("institution", OpenApiTypes.STR, enum=Institution.values),
]


@extend_schema_view(
    list=extend_schema(summary="Le guide des aides (recherche et filtres)", parameters=AID_PARAMETERS),
    retrieve=extend_schema(summary="Une aide"),
)
class AidViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AidSerializer
    lookup_field = "slug"
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        qs = Aid.objects.visible_to(self.request.user)
        if self.action == "list":
            qs = filter_aids(qs, valid_query(AidSearchForm, self.request.query_params).filters())
        return (
            qs.select_related("provider")
            .prefetch_related(
                Prefetch("themes", queryset=AidTheme.objects.order_by("code")),
                Prefetch("publics", queryset=AidPublic.objects.order_by("code")),
            )
            .order_by("title", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Les points d'accueil",
        parameters=[OpenApiParameter("theme", OpenApiTypes.STR, description="Thématique data·inclusion v1")],
    ),
    retrieve=extend_schema(summary="Un point d'accueil"),
)
class PlaceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PlaceSerializer
    lookup_field = "slug"
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        qs = Place.objects.published()
        theme = self.request.query_params.get("theme", "")
        if self.action == "list" and theme:
            known = set(THEMATIQUE_LABELS) | {code.split("--")[0] for code in THEMATIQUE_LABELS}
            if theme not in known:
                raise ValidationError({"theme": [_("Thème inconnu.")]})
            qs = qs.with_theme(theme)
        return (
            qs.select_related("quartier")
            .prefetch_related(
                Prefetch("themes", queryset=PlaceTheme.objects.order_by("code")),
                Prefetch("aids", queryset=Aid.objects.published().order_by("title")),
            )
            .order_by("name", "pk")
        )


router = Router()
router.register("aids", AidViewSet, basename="rights-aid")
router.register("places", PlaceViewSet, basename="rights-place")
booking_api.register(router)

urlpatterns = [path("", include(router.urls))]
