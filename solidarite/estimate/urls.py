from django.urls import path

from solidarite.estimate import views

app_name = "estimate"

urlpatterns = [
    path("", views.start, name="start"),
    path("calcul/", views.compute, name="compute"),
    path("calcul-en-cours/", views.progress, name="progress"),
    path("resultat/", views.result, name="result"),
    path("effacer/", views.forget, name="forget"),
    path("enregistrer/", views.save, name="save"),
    path("mes-estimations/", views.saved_list, name="saved"),
    path("mes-estimations/<id:pk>/", views.saved_detail, name="saved_detail"),
    path("mes-estimations/<id:pk>/reprendre/", views.saved_resume, name="saved_resume"),
    path("mes-estimations/<id:pk>/supprimer/", views.saved_delete, name="saved_delete"),
    path("mes-estimations/<id:pk>/suivre/", views.follow, name="follow"),
    path("mes-demarches/", views.claim_list, name="claims"),
    path("mes-demarches/<id:pk>/<slug:step>/", views.claim_step, name="claim_step"),
    path("<slug:step>/", views.step, name="step"),
]
