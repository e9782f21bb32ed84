from django.urls import path

from airlock.review_zone import views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="index"),
    path("items/<int:item_id>/", views.item_detail, name="item"),
    path("items/<int:item_id>/decision/", views.item_decide, name="decide"),
    path("items/<int:item_id>/file/", views.item_file_download, name="file"),
    path("items/<int:item_id>/image/", views.item_image, name="image"),
    path("items/<int:item_id>/pages/<int:page>.png", views.item_pdf_page, name="pdf_page"),
    path("breaches/", views.breach_list, name="breaches"),
    path("statistics/", views.statistics, name="statistics"),
    path("audit/", views.audit_trail, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
]
