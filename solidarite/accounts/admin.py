from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from solidarite.accounts import services
from solidarite.accounts.forms import ThrottledSignInMixin
from solidarite.accounts.models import ApiToken, RateCounter, User


class AdminLoginForm(ThrottledSignInMixin, AdminAuthenticationForm):
    """The admin's sign-in page is a way in too: the same counters as the site's."""


admin.site.login_form = AdminLoginForm


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "display_name",
        "quartier",
        "is_active",
        "is_staff",
        "suspended_at",
        "last_seen_on",
    ]
    list_filter = [
        "is_active",
        "is_staff",
        "is_superuser",
        ("suspended_at", admin.EmptyFieldListFilter),
        "quartier",
    ]
    search_fields = ["email", "display_name", "phone"]
    readonly_fields = [
        "date_joined",
        "last_login",
        "last_seen_on",
        "email_confirmed_at",
        "inactivity_warned_at",
        "suspended_at",
    ]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profil"), {"fields": ["display_name", "quartier", "phone", "share_email", "share_phone", "contact_note"]}),
        (
            _("Rôles"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Modération"), {"fields": ["suspended_at", "suspension_reason"]}),
        (
            _("Dates"),
            {"fields": ["date_joined", "email_confirmed_at", "last_login", "last_seen_on", "inactivity_warned_at"]},
        ),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]
    actions = ["suspend_selected", "lift_suspension_selected"]

    @admin.action(description=_("Suspendre les comptes sélectionnés"))
    def suspend_selected(self, request, queryset):
        for user in queryset.filter(suspended_at__isnull=True).exclude(pk=request.user.pk):
            services.suspend(user=user, by=request.user, reason=_("Suspendu par la modération."))
        messages.success(request, _("Comptes suspendus."))

    @admin.action(description=_("Lever la suspension"))
    def lift_suspension_selected(self, request, queryset):
        for user in queryset.filter(suspended_at__isnull=False):
            services.lift_suspension(user=user, by=request.user)
        messages.success(request, _("Suspensions levées."))


@admin.register(RateCounter)
class RateCounterAdmin(admin.ModelAdmin):
    """Rate-limit counters: readable, and deletable to lift a limit early. Sign-in counters
    (``login-fail:pair:`` per client address and e-mail, ``login-fail:addr:`` per client address)
    are named by keyed hashes; a resident paused at sign-in waits 15 minutes at most, or resets
    their password, which lifts the pause for their address."""

    list_display = ["bucket", "window_start", "expires_at", "hits"]
    search_fields = ["bucket"]
    readonly_fields = ["bucket", "window_start", "expires_at", "hits"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Personal access tokens: staff see and revoke them (delete), never create one (its secret
    is shown once, to its person, on their profile page) nor see their digest."""

    list_display = ["name", "prefix", "user", "read_only", "created_at", "expires_at", "last_used_at"]
    list_filter = ["read_only", ("expires_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email"]
    fields = ["user", "name", "prefix", "read_only", "created_at", "expires_at", "last_used_at"]
    readonly_fields = fields
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
