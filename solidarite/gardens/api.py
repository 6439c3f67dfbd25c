"""API of the gardens and orchards (``/api/v1/gardens/…``): the same services as the pages.

Public: gardens with their plots (number, m², type, state: never who holds one), orchards and their
trees. Signed in: my applications and the offers made to me (accept, decline), joining a waiting list,
following an orchard. Managers: a plot freed (offered to the next applicant at once), closed, reopened.
"""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from solidarite.gardens import offers, orchards, waiting
from solidarite.gardens.models import Application, Follow, Garden, Offer, Orchard, Plot, Tree
from solidarite.gardens.roles import require_manager
from solidarite.gardens.workflow import APPLICATION, OFFER, PLOT
from solidarite.places.models import Quartier


class GardenPlotSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    number = serializers.CharField(read_only=True)
    area_m2 = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    transitions = serializers.SerializerMethodField()

    def get_transitions(self, plot) -> list[str]:
        return PLOT.names(plot, self.context["request"].user)


class GardenSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="community (jardin partagé) ou allotments (familiaux).")
    run_by = serializers.CharField(read_only=True)
    address = serializers.CharField(read_only=True)
    latitude = serializers.FloatField(read_only=True)
    longitude = serializers.FloatField(read_only=True)
    quartier = serializers.CharField(source="quartier.slug", allow_null=True, read_only=True)
    opening_hours = serializers.CharField(read_only=True, help_text="Syntaxe OpenStreetMap.")
    raised_beds = serializers.BooleanField(read_only=True)
    accessibility = serializers.CharField(read_only=True)
    criteria = serializers.CharField(read_only=True)
    priority_quartiers = serializers.SerializerMethodField()
    offer_days = serializers.IntegerField(read_only=True)
    season_fee = serializers.IntegerField(read_only=True, help_text="En centimes.")
    waiting = serializers.SerializerMethodField()

    def get_priority_quartiers(self, garden) -> list[str]:
        return [q.slug for q in garden.priority_quartiers.all()]

    def get_waiting(self, garden) -> int:
        return garden.applications.filter(status=Application.Status.WAITING).count()


class GardenDetailSerializer(GardenSerializer):
    plots = GardenPlotSerializer(many=True, read_only=True)


def _garden(slug) -> Garden:
    return get_object_or_404(Garden.objects.select_related("association", "quartier"), slug=slug, is_active=True)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class GardenListView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=GardenSerializer(many=True), operation_id="gardens_list")
    def get(self, request):
        rows = Garden.objects.filter(is_active=True).select_related("association", "quartier")
        rows = rows.prefetch_related("priority_quartiers")
        return Response(GardenSerializer(rows, many=True, context={"request": request}).data)


class GardenDetailView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=GardenDetailSerializer, operation_id="gardens_detail")
    def get(self, request, slug):
        return Response(GardenDetailSerializer(_garden(slug), context={"request": request}).data)


class GardenApplyInput(serializers.Serializer):
    quartier = serializers.SlugRelatedField(
        slug_field="slug", queryset=Quartier.objects.all(), required=False, allow_null=True
    )
    wants_accessible = serializers.BooleanField(default=False)
    consent = serializers.BooleanField(
        help_text="Accord avec les règles de la liste d'attente et la conservation des données (obligatoire)."
    )


class GardenOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    plot = serializers.CharField(source="plot.number", read_only=True)
    area_m2 = serializers.IntegerField(source="plot.area_m2", read_only=True)
    status = serializers.CharField(read_only=True)
    deadline = serializers.DateTimeField(read_only=True)
    transitions = serializers.SerializerMethodField()

    def get_transitions(self, offer) -> list[str]:
        return OFFER.names(offer, self.context["request"].user)


class GardenApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    garden = serializers.CharField(source="garden.slug", read_only=True)
    quartier = serializers.CharField(source="quartier.slug", allow_null=True, read_only=True)
    wants_accessible = serializers.BooleanField(read_only=True)
    status = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    offer = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()

    @extend_schema_field(GardenOfferSerializer(allow_null=True))
    def get_offer(self, application) -> dict | None:
        live = next((o for o in application.offers.all() if o.status == Offer.Status.PROPOSED), None)
        return GardenOfferSerializer(live, context=self.context).data if live else None

    def get_transitions(self, application) -> list[str]:
        return APPLICATION.names(application, self.context["request"].user)


class GardenApplyView(APIView):
    """Join the garden's waiting list (signed in, with consent). A free plot nobody waits for is offered at once."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=GardenApplyInput, responses={201: GardenApplicationSerializer}, operation_id="gardens_apply")
    def post(self, request, slug):
        garden = _garden(slug)
        data = _valid(GardenApplyInput, request)
        application = waiting.apply(by=request.user, garden=garden, **data)
        return Response(
            GardenApplicationSerializer(application, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class MyApplicationsView(APIView):
    """My places on waiting lists, each with the plot offered to me if any, and what I may do."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=GardenApplicationSerializer(many=True), operation_id="gardens_my_applications")
    def get(self, request):
        rows = (
            Application.objects.filter(person=request.user)
            .select_related("garden", "quartier")
            .prefetch_related("offers__plot")
            .order_by("-created_at")[:100]
        )
        return Response(GardenApplicationSerializer(rows, many=True, context={"request": request}).data)


class GardenStepInput(serializers.Serializer):
    step = serializers.ChoiceField(choices=["accept", "decline"])


class OfferStepView(APIView):
    """Accept or decline a plot offered to me (before its deadline)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=GardenStepInput, responses=GardenOfferSerializer, operation_id="gardens_offer_step")
    def post(self, request, pk):
        offer = get_object_or_404(Offer.objects.select_related("plot"), pk=pk, application__person=request.user)
        data = _valid(GardenStepInput, request)
        if data["step"] == "accept":
            offers.accept(by=request.user, offer=offer)
        else:
            offers.decline(by=request.user, offer=offer)
        offer.refresh_from_db()
        return Response(GardenOfferSerializer(offer, context={"request": request}).data)


class GardenPlotStepInput(serializers.Serializer):
    step = serializers.ChoiceField(choices=["free", "close", "reopen"])


class PlotStepView(APIView):
    """A manager frees a plot (offered at once to the next applicant), closes or reopens it."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=GardenPlotStepInput, responses=GardenPlotSerializer, operation_id="gardens_plot_step")
    def post(self, request, pk):
        plot = get_object_or_404(Plot.objects.select_related("garden__association"), pk=pk)
        require_manager(plot.garden, request.user)
        data = _valid(GardenPlotStepInput, request)
        offers.take_plot_step(by=request.user, plot=plot, step=data["step"])
        plot.refresh_from_db()
        return Response(GardenPlotSerializer(plot, context={"request": request}).data)


class GardenTreeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    orchard = serializers.CharField(source="orchard.slug", read_only=True)
    species = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    fruit = serializers.CharField(read_only=True)
    latitude = serializers.FloatField(read_only=True)
    longitude = serializers.FloatField(read_only=True)
    season_from = serializers.IntegerField(read_only=True)
    season_to = serializers.IntegerField(read_only=True)
    ease = serializers.CharField(read_only=True)


class TreeListView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=GardenTreeSerializer(many=True), operation_id="gardens_trees")
    def get(self, request):
        rows = Tree.objects.filter(orchard__is_active=True).select_related("orchard").order_by("pk")
        return Response(GardenTreeSerializer(rows, many=True).data)


class GardenFollowSerializer(serializers.Serializer):
    orchard = serializers.SlugField()
    following = serializers.BooleanField()


class FollowView(APIView):
    """POST: be told when the orchard's fruit is ripe. DELETE: no longer."""

    permission_classes = [permissions.IsAuthenticated]

    def _orchard(self, slug) -> Orchard:
        return get_object_or_404(Orchard, slug=slug, is_active=True)

    @extend_schema(request=None, responses={201: GardenFollowSerializer}, operation_id="gardens_follow")
    def post(self, request, slug):
        orchard = self._orchard(slug)
        orchards.follow(by=request.user, orchard=orchard)
        return Response({"orchard": orchard.slug, "following": True}, status=status.HTTP_201_CREATED)

    @extend_schema(responses=GardenFollowSerializer, operation_id="gardens_unfollow")
    def delete(self, request, slug):
        orchard = self._orchard(slug)
        orchards.unfollow(by=request.user, orchard=orchard)
        following = Follow.objects.filter(orchard=orchard, person=request.user).exists()
        return Response({"orchard": orchard.slug, "following": following})


urlpatterns = [
    path("", GardenListView.as_view(), name="garden-list"),
    path("applications/", MyApplicationsView.as_view(), name="garden-application-list"),
    path("offers/<id:pk>/step/", OfferStepView.as_view(), name="garden-offer-step"),
    path("plots/<id:pk>/step/", PlotStepView.as_view(), name="garden-plot-step"),
    path("trees/", TreeListView.as_view(), name="garden-tree-list"),
    path("orchards/<slug:slug>/follow/", FollowView.as_view(), name="garden-orchard-follow"),
    path("<slug:slug>/", GardenDetailView.as_view(), name="garden-detail"),
    path("<slug:slug>/applications/", GardenApplyView.as_view(), name="garden-apply"),
]
