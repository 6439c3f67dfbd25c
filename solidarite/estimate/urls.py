from django.urls import path

from solidarite.estimate import views

app_name = "estimate"

urlpatterns = [
    path("", views.start, name="start"),
    path("calcul/", views.compute, name="compute"),
    path("calcul-en-cours/", views.progress, name="progress"),
    path("resultat/", views.result, name="result"),
    path("effacer/", views.forget, name="forget"),
    path("<slug:step>/", views.step, name="step"),
]
