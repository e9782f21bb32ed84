"""Served by every process, whatever AIRLOCK_ZONES says (airlock/urls.py includes this first)."""

from django.urls import path

from airlock.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", views.metrics, name="metrics"),
]
