from django.urls import path

from socialfund.records import filing_views, retention_views, views

app_name = "records"

urlpatterns = [
    path("offentlig/<slug:slug>/diarium/", views.public_register_view, name="public"),
    path("diarium/", views.register_index_view, name="index"),
    path("diarium/<slug:slug>/", views.register_view, name="register"),
    path("diarium/<slug:slug>/<int:pk>/sekretess/", views.secrecy_view, name="secrecy"),
    path("diarium/<slug:slug>/arende/<int:initiative_id>/e-arkiv.zip", views.package_view, name="package"),
    path("diarium/<slug:slug>/registerforteckning/", views.processing_view, name="processing"),
    path("diarium/<slug:slug>/gallring/", retention_views.retention_view, name="retention"),
    path("diarium/<slug:slug>/gallring/kor/", retention_views.culling_run_view, name="culling-run"),
    path("diarium/<slug:slug>/gallring/logg/", retention_views.culling_log_view, name="culling-log"),
    path(
        "diarium/<slug:slug>/gallring/regel/<slug:record_type>/",
        retention_views.retention_rule_view,
        name="retention-rule",
    ),
    path(
        "diarium/<slug:slug>/gallring/regel/<slug:record_type>/avsluta/",
        retention_views.retention_rule_end_view,
        name="retention-rule-end",
    ),
    path("diarium/<slug:slug>/uppfoljningar/", filing_views.filed_reports_view, name="filed-reports"),
    path("diarium/<slug:slug>/uppfoljningar/faststall/", filing_views.april_file_view, name="april-file"),
    path("diarium/<slug:slug>/handling/<int:pk>/fil/", filing_views.stored_document_view, name="stored-document"),
]
