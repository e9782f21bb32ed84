"""Project administration: mounted by airlock/urls.py inside the zone each audience works in."""

from django.urls import path

from airlock.administration import datadoc_views, views

_member_patterns = [
    path("<slug:code>/", views.project_members, name="project"),
    path("<slug:code>/members/add/", views.member_add, name="member_add"),
    path("<slug:code>/datadoc/", datadoc_views.project_datadoc, name="datadoc"),
    path("<slug:code>/members/<int:membership_id>/end/", views.member_set_end, name="member_end"),
    path(
        "<slug:code>/members/<int:membership_id>/remove/", views.member_remove, name="member_remove"
    ),
]

# Portal: /portal/administration/ (project administrators).
project_admin_patterns = (
    [path("", views.project_admin_index, name="index"), *_member_patterns],
    "project_admin",
)

# Review zone: /review/administration/ (service administrators).
service_admin_patterns = (
    [
        path("", views.service_admin_index, name="index"),
        path("<slug:code>/policy/", views.project_policy, name="policy"),
        *_member_patterns,
    ],
    "service_admin",
)
