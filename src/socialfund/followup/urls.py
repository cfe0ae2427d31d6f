from django.urls import path

from socialfund.followup.views import indicator, project, project_report

app_name = "followup"

urlpatterns = [
    path("uppfoljning/", project.portfolio_view, name="portfolio"),
    path("uppfoljning/starta/<int:initiative_id>/", project.project_start_view, name="start"),
    path("uppfoljning/<int:pk>/", project.project_view, name="project"),
    path("uppfoljning/<int:pk>/rapporter/<int:report_id>/", project_report.report_view, name="report"),
    path(
        "uppfoljning/<int:pk>/rapporter/<int:report_id>/<slug:action>/",
        project_report.report_action_view,
        name="report_action",
    ),
    path(
        "uppfoljning/<int:pk>/indikatorer/<int:indicator_id>/",
        indicator.indicator_page_view,
        name="indicator",
    ),
    path(
        "uppfoljning/<int:pk>/indikatorer/<int:indicator_id>/<slug:action>/",
        indicator.indicator_action_view,
        name="indicator_action",
    ),
    path("uppfoljning/<int:pk>/<slug:action>/", project.project_action_view, name="action"),
]
