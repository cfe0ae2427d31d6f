from django.urls import path

from socialfund.consultations import views

app_name = "consultations"

urlpatterns = [
    path("remisser/", views.consultation_list_view, name="list"),
    path("remisser/ny/", views.consultation_new_view, name="new"),
    path("remisser/<int:pk>/", views.consultation_detail_view, name="detail"),
    path("remisser/<int:pk>/svar/<int:recipient_id>/", views.answer_view, name="answer"),
    path("remisser/<int:pk>/svar/<int:recipient_id>/yttrande/", views.statement_view, name="statement"),
    path(
        "remisser/<int:pk>/svar/<int:recipient_id>/yttrande/<int:statement_id>/ta-bort/",
        views.statement_remove_view,
        name="statement_remove",
    ),
    path("remisser/<int:pk>/paminn/", views.remind_view, name="remind"),
    path("remisser/<int:pk>/remissammanstallning.<str:fmt>", views.compilation_download_view, name="download"),
]
