"""The outside actor's pages, and the staff's pages about outside actors."""

from django.urls import path

from socialfund.actors import views_ideas, views_partners

app_name = "actors"

urlpatterns = [
    path("ide/", views_ideas.idea_form_view, name="idea"),
    path("ide/status/<str:token>/", views_ideas.idea_status_view, name="idea-status"),
    path("arenden/<int:pk>/idelamnare/", views_ideas.staff_dialog_view, name="staff-dialog"),
    path("arenden/<int:pk>/medsokande/", views_partners.coapplicants_view, name="coapplicants"),
    path("extern/logga-in/", views_partners.eleg_login_view, name="eleg-login"),
    path("extern/logga-in/e-legitimation/", views_partners.eleg_start_view, name="eleg-start"),
    path("extern/logga-in/svar/", views_partners.eleg_callback_view, name="eleg-callback"),
    path("extern/logga-ut/", views_partners.eleg_logout_view, name="eleg-logout"),
    path("extern/", views_partners.representative_home_view, name="representative-home"),
    path("extern/ansokan/<int:pk>/", views_partners.representative_application_view, name="representative-application"),
]
