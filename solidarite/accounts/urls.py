from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from solidarite import converters  # noqa: F401 - registers <id:…>, the only integer id of our URLs
from solidarite.accounts import views
from solidarite.accounts.forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path("inscription/", views.sign_up, name="sign_up"),
    path("confirmer/<uidb64>/<token>/", views.confirm_email, name="confirm_email"),
    path(
        "connexion/",
        views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/",
        views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done")),
        name="password_change",
    ),
    path("mot-de-passe/change/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "mot-de-passe/oublie/",
        views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path("mot-de-passe/oublie/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("accounts:password_reset_complete")),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("profil/", views.profile, name="profile"),
    path("profil/jetons/", views.api_token_create, name="api_token_create"),
    path("profil/jetons/<id:pk>/revoquer/", views.api_token_revoke, name="api_token_revoke"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/export.json", views.export_data, name="export_data"),
    path("mes-donnees/supprimer/", views.delete_account, name="delete_account"),
]
