from django.urls import path

from airlock.portal import views
from airlock.portal.file_breach_report import report_breach

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("projects/<slug:code>/transfers/", views.transfers, name="transfers"),
    path(
        "projects/<slug:code>/report-breach/",
        views.report_project_breach,
        name="report_project_breach",
    ),
    path("projects/<slug:code>/files/<int:file_id>/download/", views.download, name="download"),
    path("projects/<slug:code>/files/<int:file_id>/delete/", views.delete, name="delete"),
    path(
        "projects/<slug:code>/files/<int:file_id>/report-breach/",
        report_breach,
        name="report_breach",
    ),
]
