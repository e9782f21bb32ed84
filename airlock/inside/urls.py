from django.urls import path

from airlock.inside import views

app_name = "inside"
urlpatterns = [
    path("", views.index, name="index"),
    path("projects/<slug:code>/", views.upload, name="upload"),
    path("projects/<slug:code>/check/", views.check, name="check"),
    path("projects/<slug:code>/files/<int:file_id>/", views.file_row, name="file_row"),
    path("projects/<slug:code>/files/<int:file_id>/comment/", views.comment, name="comment"),
    path("projects/<slug:code>/files/<int:file_id>/remove/", views.withdraw, name="withdraw"),
    path("projects/<slug:code>/transfers/", views.transfer, name="transfer"),
    path(
        "projects/<slug:code>/transfers/<int:transfer_id>/",
        views.transferred,
        name="transferred",
    ),
]
