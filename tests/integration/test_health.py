"""/healthz and /readyz: what a load balancer sees, in every zone."""

import pytest
from django.test import override_settings

from airlock.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_readyz_is_ready_when_database_broker_and_stores_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"] == {
        "database": "ok",
        "broker": "ok",
        "storage_quarantine": "ok",
        "storage_released": "ok",
    }


def test_readyz_names_the_broker_when_it_cannot_be_reached(client, monkeypatch):
    # An installation on a Redis broker that is down (nothing listens on port 1); such an
    # installation names no transport of its own (only the embedded filesystem broker does).
    monkeypatch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(celery_app.conf, "broker_transport", None)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"].startswith("failed:")
    assert body["checks"]["database"] == "ok"
    assert "127.0.0.1" not in response.content.decode()  # no addresses or credentials leak


def test_readyz_names_a_store_it_cannot_use(client, settings, tmp_path):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    stores = dict(settings.STORAGES)
    stores["released"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(not_a_folder / "released")},
    }
    with override_settings(STORAGES=stores):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage_released"].startswith("failed:")
    assert response.json()["checks"]["storage_quarantine"] == "ok"


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
def test_probes_need_no_sign_in_and_refuse_writes(client, path):
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 405
