"""``/api/v1/help/``: the same use cases as the pages, through the same services and checks."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from solidarite.api import paginated
from solidarite.help import checks, conversations, matches, offers, reporting, requests
from solidarite.help.availability import parse_slots
from solidarite.help.models import Category, HelpOffer, HelpRequest, Match, Message
from solidarite.help.serializers import (
    HelpCategorySerializer,
    HelpMatchSerializer,
    HelpMessageInput,
    HelpMessageSerializer,
    HelpOfferInput,
    HelpOfferSerializer,
    HelpReportInput,
    HelpReportSerializer,
    HelpRequestInput,
    HelpRequestSerializer,
    HelpTransitionInput,
)


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
