from django.urls import path

from solidarite.estimate import mediation_views, views

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
    path("mes-estimations/<id:pk>/partager/", mediation_views.share, name="share"),
    path("mes-estimations/<id:pk>/partages/<id:share_pk>/retirer/", mediation_views.share_revoke, name="share_revoke"),
    path("mes-demarches/<id:pk>/rappel/", views.claim_reminder, name="claim_reminder"),
    path("mes-demarches/<id:pk>/<slug:step>/", views.claim_step, name="claim_step"),
    path("pour-un-mandat/", mediation_views.mandate_start, name="mandate_start"),
    path("mandat/<id:pk>/", mediation_views.mandate_page, name="mandate"),
    path(
        "mandat/<id:pk>/estimations/<id:estimate_pk>/supprimer/",
        mediation_views.mandate_estimate_delete,
        name="mandate_estimate_delete",
    ),
    path("partagee/<id:pk>/", mediation_views.shared, name="shared"),
    path("<slug:step>/", views.step, name="step"),
]
