from django.urls import path

from solidarite.lending import manage_views, views

app_name = "lending"

urlpatterns = [
    path("", views.items, name="items"),
    path("mes-prets/", views.my_loans, name="my_loans"),
    path("gestion/", views.manage, name="manage"),
    path("gestion/objets/", manage_views.items, name="manage_items"),
    path("gestion/objets/nouveau/", manage_views.item_new, name="manage_item_new"),
    path("gestion/objets/<slug:slug>/", manage_views.item_edit, name="manage_item"),
    path("gestion/objets/<slug:slug>/photos/", manage_views.photo_add, name="manage_photo_add"),
    path("gestion/objets/<slug:slug>/photos/<id:pk>/retirer/", manage_views.photo_remove, name="manage_photo_remove"),
    path("gestion/objets/<slug:slug>/<slug:step>/", manage_views.item_state, name="manage_item_state"),
    path("prets/<id:pk>/<slug:step>/fiche/", views.handover, name="handover"),
    path("prets/<id:pk>/<slug:step>/", views.loan_step, name="loan_step"),
    path("<slug:slug>/", views.item, name="item"),
    path("<slug:slug>/attente/", views.waitlist, name="waitlist"),
    path("<slug:slug>/photos/<id:pk>/<str:name>", views.photo, name="photo"),
]
