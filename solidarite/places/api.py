from rest_framework import viewsets

from solidarite.api import ModelSerializer
from solidarite.places.models import Quartier


class QuartierSerializer(ModelSerializer):
    class Meta:
        model = Quartier
        fields = ["slug", "name", "latitude", "longitude"]


class QuartierViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Quartier.objects.all()
    serializer_class = QuartierSerializer
    lookup_field = "slug"
    pagination_class = None
