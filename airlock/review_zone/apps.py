from django.apps import AppConfig


class ReviewZoneConfig(AppConfig):
    """Installed for its templates and template tags (the review zone's pages); no models."""

    name = "airlock.review_zone"
    label = "airlock_review_zone"
