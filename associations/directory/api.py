"""Public read-only API for the directory and the agenda; managers write through the same services as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.response import Response

from associations.directory import actions, pages
from associations.directory.models import Action, Association, Participation
from associations.directory.queries import filtered_associations
from associations.directory.tagging import attach_tags
from solidarite.api import ModelSerializer, paginated
from solidarite.converters import Router
from solidarite.places.models import Quartier


# Tags of a whole page in one query (see tagging.attach_tags). A comment: a docstring would be the
# API documentation of every view using it.
class TaggedPageMixin:
    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return attach_tags(page, queryset.model) if page is not None else None


class TagListField(serializers.ListField):
    child = serializers.CharField(max_length=100)

    def to_representation(self, data):
        tags = getattr(data.instance, "tag_list", None)
        return [tag.name for tag in (tags if tags is not None else data.all())]


class AssociationSerializer(ModelSerializer):
    tags = TagListField(required=False, max_length=12)
    quartier = serializers.SlugRelatedField(
        slug_field="slug", queryset=Quartier.objects.all(), required=False, allow_null=True
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Association
        fields = [
            "id",  # what a booking or a support request names the association by
            "slug",
            "url",
            "name",
            "rna",
            "siret",
            "purpose",
            "tags",
            "email",
            "phone",
            "website",
            "address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "quartier",
            "opening_hours",
            "membership_fee",
            "accessibility",
            "accepts_volunteers",
            "status",
            "updated_at",
        ]
        read_only_fields = ["id", "slug", "status", "updated_at"]
        # The model's validators run in the service (full_clean); DRF only parses here.
        extra_kwargs = {name: {"validators": []} for name in ("rna", "siret", "opening_hours")}

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class ActionSerializer(ModelSerializer):
    association = serializers.SlugRelatedField(slug_field="slug", queryset=Association.objects.all())
    tags = TagListField(required=False, max_length=12)
    quartier = serializers.SlugRelatedField(
        slug_field="slug", queryset=Quartier.objects.all(), required=False, allow_null=True
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id",
            "url",
            "association",
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "recurrence",
            "recurrence_until",
            "place_name",
            "address",
            "latitude",
            "longitude",
            "quartier",
            "tags",
            "wants_volunteers",
            "volunteers_needed",
            "status",
            "cancel_reason",
        ]
        read_only_fields = ["id", "status", "cancel_reason"]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class ParticipantSerializer(ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = Participation
        fields = ["name", "kind", "created_at"]

    def get_name(self, obj) -> str:
        return obj.user.public_name


FILTERS = [
    OpenApiParameter("q", str, description="Recherche plein texte (accents ignorés)"),
    OpenApiParameter("theme", str, description="Slug d'un thème"),
    OpenApiParameter("quartier", str, description="Slug d'un quartier"),
]


@extend_schema(tags=["associations"])
class AssociationViewSet(
    TaggedPageMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AssociationSerializer
    lookup_field = "slug"

    def get_queryset(self):
        if self.action == "list":
            _form, qs = filtered_associations(self.request.query_params)
        else:
            qs = Association.objects.visible_to(self.request.user)
        return qs.select_related("quartier").order_by("name", "pk")

    @extend_schema(
        parameters=[*FILTERS, OpenApiParameter("benevoles", bool, description="Accepte des bénévoles")],
        description="Associations listées (ni masquées, ni refusées, ni fusionnées).",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(description="Demander la création d'une page : vous en devenez responsable ; la ville la vérifie.")
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        association = pages.request_association(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(association).data, status=status.HTTP_201_CREATED)

    @extend_schema(description="Modifier la page (responsables seulement).")
    def update(self, request, *args, **kwargs):
        association = self.get_object()
        serializer = self.get_serializer(association, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        association = pages.update_association(association=association, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(association).data)


@extend_schema(tags=["actions"])
class ActionViewSet(
    TaggedPageMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ActionSerializer

    def get_queryset(self):
        qs = Action.objects.public().select_related("association", "quartier")
        if self.action == "list":
            qs = qs.upcoming()
            params = self.request.query_params
            if params.get("association"):
                qs = qs.filter(association__slug=params["association"])
            if params.get("q"):
                qs = qs.search(params["q"])
            if params.get("theme"):
                qs = qs.filter(tags__slug=params["theme"])
            if params.get("quartier"):
                qs = qs.filter(quartier__slug=params["quartier"])
        return qs.order_by("starts_at", "pk")

    @extend_schema(
        parameters=[*FILTERS, OpenApiParameter("association", str, description="Slug de l'association")],
        description="Actions publiées à venir (les actions répétées ont une règle de répétition).",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(description="Publier une action (responsables de l'association seulement).")
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        association = data.pop("association")
        action = actions.publish_action(association=association, by=request.user, **data)
        return Response(self.get_serializer(action).data, status=status.HTTP_201_CREATED)

    @extend_schema(description="Modifier une action (responsables seulement).")
    def update(self, request, *args, **kwargs):
        action = self.get_object()
        serializer = self.get_serializer(action, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if data.pop("association", action.association) != action.association:
            raise serializers.ValidationError({"association": "Une action ne change pas d'association."})
        action = actions.update_action(action=action, by=request.user, **data)
        return Response(self.get_serializer(action).data)

    @extend_schema(
        request=inline_serializer("CancelAction", {"reason": serializers.CharField(required=False)}),
        responses=ActionSerializer,
    )
    @route(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        action = actions.cancel_action(
            action=self.get_object(), by=request.user, reason=str(request.data.get("reason", ""))
        )
        return Response(self.get_serializer(action).data)

    @extend_schema(
        request=inline_serializer("Participate", {"kind": serializers.ChoiceField(choices=Participation.Kind.choices)}),
        responses={201: ParticipantSerializer},
    )
    @route(detail=True, methods=["post"])
    def participate(self, request, pk=None):
        participation = actions.participate(
            action=self.get_object(), user=request.user, kind=str(request.data.get("kind", ""))
        )
        return Response(ParticipantSerializer(participation).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ParticipantSerializer(many=True))
    @route(detail=True, methods=["get"])
    def participants(self, request, pk=None):
        action = get_object_or_404(Action.objects.select_related("association"), pk=pk)
        people = actions.participants(action=action, viewer=request.user)
        return paginated(self, people, ParticipantSerializer)


association_router = Router()
association_router.register("", AssociationViewSet, basename="association")
action_router = Router()
action_router.register("", ActionViewSet, basename="action")
association_urls = association_router.urls
action_urls = action_router.urls
