from django.urls import include, path

from airlock.accounts import views

app_name = "accounts"
urlpatterns = [
    path("second-factor/", views.second_factor_start, name="second_factor"),
    path("second-factor/setup/", views.second_factor_setup, name="second_factor_setup"),
    path("second-factor/verify/", views.second_factor_verify, name="second_factor_verify"),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<int:token_id>/revoke/", views.api_token_revoke_view, name="api_token_revoke"),
]

# Mounted at the root (its views reverse these names without a namespace), when configured.
oidc_urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls"))]
