"""The agenda's pages and feeds, and an association's own feeds.

No ``app_name``: ``solidarite/urls.py`` serves these under the directory's namespace, so the names that pages,
e-mails and bookmarks use (``directory:agenda``, ``directory:association_ics``…) and the paths stay as they were.
"""

from django.urls import path

from associations.agenda import views

urlpatterns = [
    path("associations/<slug:slug>/agenda.ics", views.association_ics, name="association_ics"),
    path("associations/<slug:slug>/flux.rss", views.AssociationFeed(), name="association_rss"),
    path("associations/<slug:slug>/flux.atom", views.AssociationAtomFeed(), name="association_atom"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("agenda/flux.rss", views.AgendaFeed(), name="agenda_rss"),
    path("agenda/flux.atom", views.AgendaAtomFeed(), name="agenda_atom"),
]
