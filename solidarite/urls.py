from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from associations.agenda import urls as agenda_urls
from associations.directory import urls as directory_urls
from associations.directory.api import action_urls, association_urls
from associations.support import views as support_views
from solidarite import api_docs, views
from solidarite.accounts.api import MeView
from solidarite.converters import RootRouter
from solidarite.notifications.api import NotificationViewSet
from solidarite.places.api import QuartierViewSet

router = RootRouter()
router.register("notifications", NotificationViewSet, basename="notification")
router.register("quartiers", QuartierViewSet, basename="quartier")

api_v1 = [
    path("me/", MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs.docs, name="docs"),
    path("docs/<slug:area>/", api_docs.docs_area, name="docs_area"),
    path("support/", include("associations.support.api")),
    path("associations/", include(association_urls)),
    path("actions/", include(action_urls)),
    path("help/", include("solidarite.help.api")),
    path("rooms/", include("associations.rooms.api")),
    path("shops/", include("solidarite.shops.api")),
    path("rights/", include("solidarite.rights.api")),
    path("grocery/", include("solidarite.grocery.api")),
    path("gardens/", include("solidarite.gardens.api")),
    path("lending/", include("solidarite.lending.api")),
    path("giveaways/", include("solidarite.giveaways.api")),
    path("repairs/", include("solidarite.repairs.api")),
    path("digital/", include("solidarite.digital.api")),
    path("equipment/", include("solidarite.equipment.api")),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal, name="legal"),
    path("donnees-personnelles/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("compte/", include("solidarite.accounts.urls")),
    path("notifications/", include("solidarite.notifications.urls")),
    path("entraide/", include("solidarite.help.urls")),
    path("salles/", include("associations.rooms.urls")),
    path("soutiens/", include("associations.support.urls")),
    path("tableau-de-bord/", include("solidarite.dashboard.urls")),
    path("donnees/subventions.csv", support_views.scdl_csv, name="scdl_subventions"),
    # The agenda sits above the directory and the shops, yet keeps the directory's route names and paths.
    path("", include((directory_urls.urlpatterns + agenda_urls.urlpatterns, directory_urls.app_name))),
    path("commerces/", include("solidarite.shops.urls")),
    path("acces-aux-droits/", include("solidarite.rights.urls")),
    path("acces-aux-droits/estimer-mes-droits/", include("solidarite.estimate.urls")),
    path("epicerie/", include("solidarite.grocery.urls")),
    path("jardins/", include("solidarite.gardens.urls")),
    path("objetheque/", include("solidarite.lending.urls")),
    path("dons/", include("solidarite.giveaways.urls")),
    path("repair-cafes/", include("solidarite.repairs.urls")),
    path("numerique/", include("solidarite.digital.urls")),
    path("equipement/", include("solidarite.equipment.urls")),
    path("api/v1/", include((api_v1, "api"))),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

admin.site.site_header = f"Solidarité — {settings.TOWN_NAME}"
admin.site.site_title = "Solidarité"
