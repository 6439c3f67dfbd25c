from django.urls import path

from solidarite.lending import views

app_name = "lending"

urlpatterns = [
    path("", views.items, name="items"),
    path("mes-prets/", views.my_loans, name="my_loans"),
    path("gestion/", views.manage, name="manage"),
    path("prets/<id:pk>/<slug:step>/fiche/", views.handover, name="handover"),
    path("prets/<id:pk>/<slug:step>/", views.loan_step, name="loan_step"),
    path("<slug:slug>/", views.item, name="item"),
    path("<slug:slug>/attente/", views.waitlist, name="waitlist"),
    path("<slug:slug>/photos/<id:pk>/<str:name>", views.photo, name="photo"),
]
