from django.urls import path

from socialfund.reports import views, views_generated

app_name = "reports"

urlpatterns = [
    path("rapporter/", views.reports_index_view, name="index"),
    path("rapporter/<slug:slug>/uppfoljning-<int:year>.<str:fmt>", views.april_report_view, name="april"),
    path("rapporter/<slug:slug>/uppfoljning-<int:year>-bilaga.<str:fmt>", views.april_annex_view, name="april-annex"),
    path("rapporter/<slug:slug>/uppfoljning-<int:year>/text/", views.report_text_view, name="report-text"),
    path(
        "rapporter/<slug:slug>/uppfoljning-<int:year>/skriv/",
        views_generated.document_request_view,
        name="document-request",
    ),
    path("rapporter/handling/<int:pk>/", views_generated.document_view, name="document"),
    path("rapporter/handling/<int:pk>/lage/", views_generated.document_progress_view, name="document-progress"),
    path("rapporter/handling/<int:pk>/fil/", views_generated.document_download_view, name="document-download"),
    path("rapporter/<slug:slug>/lista/<slug:name>.<str:fmt>", views.export_view, name="export"),
    path("rapporter/arenden.<str:fmt>", views.case_list_export_view, name="case-list-export"),
    path("rapporter/<slug:slug>/offentlig-sida/", views.public_settings_view, name="public-settings"),
    path("rapporter/tjansteskrivelse/<int:pk>/", views.memo_view, name="memo"),
    path("offentlig/<slug:slug>/", views.public_page_view, name="public"),
]
