from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from solidarite.notifications.models import Notification
from solidarite.notifications.services import mark_read

PAGE_SIZE = 30


@login_required
@require_http_methods(["GET"])
def notification_list(request):
    page = Paginator(Notification.objects.for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def mark_all_read(request):
    mark_read(user=request.user)
    return redirect("notifications:list")
