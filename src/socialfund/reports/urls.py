from django.urls import path

from socialfund.reports import views

app_name = "reports"

urlpatterns = [
    path("rapporter/", views.reports_index_view, name="index"),
    path("rapporter/<slug:slug>/uppfoljning-<int:year>.<str:fmt>", views.april_report_view, name="april"),
    path("rapporter/<slug:slug>/uppfoljning-<int:year>-bilaga.<str:fmt>", views.april_annex_view, name="april-annex"),
    path("rapporter/<slug:slug>/uppfoljning-<int:year>/text/", views.report_text_view, name="report-text"),
    path("rapporter/<slug:slug>/lista/<slug:name>.<str:fmt>", views.export_view, name="export"),
    path("rapporter/arenden.<str:fmt>", views.case_list_export_view, name="case-list-export"),
    path("rapporter/<slug:slug>/offentlig-sida/", views.public_settings_view, name="public-settings"),
    path("rapporter/tjansteskrivelse/<int:pk>/", views.memo_view, name="memo"),
    path("offentlig/<slug:slug>/", views.public_page_view, name="public"),
]
