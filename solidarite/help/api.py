"""``/api/v1/help/``: the same use cases as the pages, through the same services and checks."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from solidarite.api import BoundedDateField, BoundedDateTimeField, ModelSerializer, paginated
from solidarite.help import checks, conversations, matches, offers, reporting, requests
from solidarite.help.availability import parse_slots
from solidarite.help.models import Category, HelpOffer, HelpRequest, Match, Message, Report
from solidarite.help.workflow import MATCH, side_of


class HelpCategorySerializer(ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", "name"]


class PublicPostMixin(serializers.Serializer):
    """Public fields only: fuzzed point, quartier, public name."""

    quartier = serializers.CharField(source="quartier.name", read_only=True)
    latitude = serializers.FloatField(source="public_latitude", read_only=True)
    longitude = serializers.FloatField(source="public_longitude", read_only=True)
    author = serializers.CharField(source="author_name", read_only=True)
    tags = serializers.SerializerMethodField()

    def get_tags(self, obj) -> list[str]:
        # ``tags.names()`` queries even when the tags were prefetched (one query per post listed).
        return sorted(tag.name for tag in obj.tags.all())


class HelpRequestSerializer(PublicPostMixin, ModelSerializer):
    category = HelpCategorySerializer(read_only=True)

    class Meta:
        model = HelpRequest
        fields = [
            "id",
            "category",
            "description",
            "tags",
            "quartier",
            "latitude",
            "longitude",
            "author",
            "window_start",
            "window_end",
            "urgency",
            "status",
            "created_at",
        ]
        read_only_fields = fields


class HelpOfferSerializer(PublicPostMixin, ModelSerializer):
    categories = HelpCategorySerializer(many=True, read_only=True)

    class Meta:
        model = HelpOffer
        fields = [
            "id",
            "categories",
            "description",
            "tags",
            "quartier",
            "latitude",
            "longitude",
            "author",
            "radius_km",
            "available_from",
            "available_until",
            "weekly_slots",
            "status",
            "created_at",
        ]
        read_only_fields = fields


class LocationInput(serializers.Serializer):
    quartier = serializers.SlugField(required=False, help_text=_("Slug du quartier."))
    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)

    def location(self):
        from solidarite.places.models import Quartier

        data = self.validated_data
        quartier = None
        if data.get("quartier"):
            quartier = Quartier.objects.filter(slug=data["quartier"]).first()
            if quartier is None:
                raise serializers.ValidationError({"quartier": _("Quartier inconnu.")})
        point = (data["latitude"], data["longitude"]) if "latitude" in data and "longitude" in data else None
        return {"quartier": quartier, "point": point}


class HelpRequestInput(LocationInput):
    category = serializers.IntegerField()
    description = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField(), required=False, max_length=50)
    window_start = BoundedDateTimeField()
    window_end = BoundedDateTimeField()
    urgency = serializers.CharField(required=False, default="normal")
    mandate = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Un·e médiateur·rice publie pour un·e habitant·e : l'id d'un mandat en cours de sa structure."),
    )


class HelpOfferInput(LocationInput):
    categories = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=20)
    description = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField(), required=False, max_length=50)
    radius_km = serializers.FloatField()
    available_from = BoundedDateField(required=False, allow_null=True, default=None)
    available_until = BoundedDateField(required=False, allow_null=True, default=None)
    weekly_slots = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Par exemple « mar 14:00-18:00, sam 9h-12h ».")
    )
    alerts = serializers.ChoiceField(choices=HelpOffer.Alerts.choices, default=HelpOffer.Alerts.IMMEDIATE)
    alerts_per_day = serializers.IntegerField(default=3)


class HelpMatchSerializer(ModelSerializer):
    request = serializers.IntegerField(source="request_id", read_only=True)
    offer = serializers.IntegerField(source="offer_id", read_only=True)
    category = serializers.CharField(source="request.category.name", read_only=True)
    requester = serializers.CharField(source="request.author_name", read_only=True)
    offerer = serializers.CharField(source="offer.author_name", read_only=True)
    side = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = [
            "id",
            "request",
            "offer",
            "category",
            "requester",
            "offerer",
            "score",
            "explanation",
            "status",
            "side",
            "transitions",
            "contacts",
            "thanks",
            "created_at",
        ]
        read_only_fields = fields

    def get_side(self, obj) -> str | None:
        return side_of(obj, self.context["request"].user)

    def get_transitions(self, obj) -> list[str]:
        return MATCH.names(obj, self.context["request"].user)

    def get_contacts(self, obj) -> list[dict]:
        return [{"label": k, "value": v} for k, v in matches.contacts_for(obj, self.context["request"].user)]


class HelpTransitionInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
    thanks = serializers.CharField(required=False, allow_blank=True, default="")


class HelpMessageSerializer(ModelSerializer):
    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "author", "body", "hidden", "created_at"]
        read_only_fields = fields

    def get_author(self, obj) -> str:
        return obj.author.public_name if obj.author_id else ""

    def get_body(self, obj) -> str:
        return "" if obj.hidden else obj.body


class HelpMessageInput(serializers.Serializer):
    body = serializers.CharField(allow_blank=True)


class HelpReportInput(serializers.Serializer):
    target = serializers.ChoiceField(choices=["request", "offer", "message"])
    id = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    details = serializers.CharField(required=False, allow_blank=True, default="")


class HelpReportSerializer(ModelSerializer):
    class Meta:
        model = Report
        fields = ["id", "reason", "details", "status", "created_at"]
        read_only_fields = fields


class RateLimitedIs429:
    """A help service's rate cap (``checks.RateLimited``) answers 429, as the pages do; its other
    refusals (PermissionDenied, ValidationError) are the API's usual 403 and 400."""

    def handle_exception(self, exc):
        if isinstance(exc, checks.RateLimited):
            exc = exceptions.Throttled(detail=exc.message)
        return super().handle_exception(exc)


FILTERS = [
    OpenApiParameter("categorie", str, description=_("Slug de catégorie")),
    OpenApiParameter("quartier", str, description=_("Slug de quartier")),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class HelpRequestViewSet(RateLimitedIs429, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Open requests are public; authors also see their own whatever their state."""

    serializer_class = HelpRequestSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        if self.action == "list":
            qs = HelpRequest.objects.public()
            category, quartier = self.request.query_params.get("categorie"), self.request.query_params.get("quartier")
            if category:
                qs = qs.filter(category__slug=category)
            if quartier:
                qs = qs.filter(quartier__slug=quartier)
        else:
            qs = HelpRequest.objects.visible_to(self.request.user)
        return qs.select_related("category", "quartier", "author").prefetch_related("tags").order_by("-created_at")

    @extend_schema(request=HelpRequestInput, responses={201: HelpRequestSerializer})
    def create(self, request):
        data = HelpRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k not in ("quartier", "latitude", "longitude")}
        post = requests.post_request(by=request.user, **fields, **data.location())
        return Response(HelpRequestSerializer(post).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=HelpRequestSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        post = requests.close_request(help_request=self.get_object(), by=request.user)
        return Response(HelpRequestSerializer(post).data)

    @extend_schema(responses=HelpMatchSerializer(many=True))
    @action(detail=True, methods=["get"])
    def matches(self, request, pk=None):
        post = self.get_object()
        if post.author_id != request.user.pk:
            raise exceptions.PermissionDenied()
        qs = post.matches.select_related("request__category", "request__author", "offer__author")
        return paginated(self, qs, HelpMatchSerializer, context={"request": request})


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class HelpOfferViewSet(RateLimitedIs429, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HelpOfferSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        if self.action == "list":
            qs = HelpOffer.objects.public()
            category, quartier = self.request.query_params.get("categorie"), self.request.query_params.get("quartier")
            if category:
                qs = qs.filter(categories__slug=category).distinct()
            if quartier:
                qs = qs.filter(quartier__slug=quartier)
        else:
            qs = HelpOffer.objects.visible_to(self.request.user)
        return qs.select_related("quartier", "author").prefetch_related("tags", "categories").order_by("-created_at")

    @extend_schema(request=HelpOfferInput, responses={201: HelpOfferSerializer})
    def create(self, request):
        data = HelpOfferInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k not in ("quartier", "latitude", "longitude")}
        fields["weekly_slots"] = parse_slots(fields.get("weekly_slots", ""))
        post = offers.post_offer(by=request.user, **fields, **data.location())
        return Response(HelpOfferSerializer(post).data, status=status.HTTP_201_CREATED)

    def _step(self, request, name):
        post = offers.offer_transition(offer=self.get_object(), by=request.user, name=name)
        return Response(HelpOfferSerializer(post).data)

    @extend_schema(request=None, responses=HelpOfferSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request, pk=None):
        return self._step(request, "pause")

    @extend_schema(request=None, responses=HelpOfferSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._step(request, "resume")

    @extend_schema(request=None, responses=HelpOfferSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(request, "close")


def _transition_action(name):
    def handler(self, request, pk=None):
        data = HelpTransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        match = matches.transition(match=self.get_object(), by=request.user, name=name, **data.validated_data)
        return Response(HelpMatchSerializer(match, context={"request": request}).data)

    # DRF maps the HTTP method to the attribute of this name: set it before decorating.
    handler.__name__ = name
    handler = action(detail=True, methods=["post"], url_path=name.replace("_", "-"))(handler)
    return extend_schema(request=HelpTransitionInput, responses=HelpMatchSerializer)(handler)


class MatchViewSet(RateLimitedIs429, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's matches only; others' are 404."""

    serializer_class = HelpMatchSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Match.objects.none()
        return (
            Match.objects.involving(user)
            .select_related("request__category", "request__author", "offer__author")
            .order_by("-created_at")
        )

    offer_help = _transition_action("offer_help")
    accept = _transition_action("accept")
    decline = _transition_action("decline")
    withdraw = _transition_action("withdraw")
    mark_done = _transition_action("mark_done")

    @extend_schema(methods=["get"], responses=HelpMessageSerializer(many=True))
    @extend_schema(methods=["post"], request=HelpMessageInput, responses={201: HelpMessageSerializer})
    @action(detail=True, methods=["get", "post"])
    def messages(self, request, pk=None):
        match = self.get_object()
        if request.method == "POST":
            data = HelpMessageInput(data=request.data)
            data.is_valid(raise_exception=True)
            message = conversations.send_message(match=match, by=request.user, body=data.validated_data["body"])
            return Response(HelpMessageSerializer(message).data, status=status.HTTP_201_CREATED)
        qs = match.messages.select_related("author") if match.conversation_open else Message.objects.none()
        return paginated(self, qs, HelpMessageSerializer)


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = HelpCategorySerializer
    queryset = Category.objects.filter(active=True)
    permission_classes = [permissions.AllowAny]


class ReportViewSet(RateLimitedIs429, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = HelpReportSerializer
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=HelpReportInput, responses={201: HelpReportSerializer})
    def create(self, request):
        data = HelpReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        kind, pk = data.validated_data["target"], data.validated_data["id"]
        user = request.user
        if kind == "request":
            target = get_object_or_404(HelpRequest.objects.visible_to(user), pk=pk)
        elif kind == "offer":
            target = get_object_or_404(HelpOffer.objects.visible_to(user), pk=pk)
        else:
            target = get_object_or_404(Message.objects.filter(match__in=Match.objects.involving(user)), pk=pk)
        report = reporting.report(
            by=user,
            target=target,
            reason=data.validated_data["reason"],
            details=data.validated_data["details"],
        )
        return Response(HelpReportSerializer(report).data, status=status.HTTP_201_CREATED)


def urls():
    from solidarite.converters import Router

    router = Router()
    router.register("categories", CategoryViewSet, basename="help-category")
    router.register("requests", HelpRequestViewSet, basename="help-request")
    router.register("offers", HelpOfferViewSet, basename="help-offer")
    router.register("matches", MatchViewSet, basename="help-match")
    router.register("reports", ReportViewSet, basename="help-report")
    return router.urls


urlpatterns = urls()
