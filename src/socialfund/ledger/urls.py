from django.urls import path

from socialfund.ledger.views import booking, due, handover, pages, projection

app_name = "ledger"

urlpatterns = [
    path("fond/", pages.index_view, name="index"),
    path("fond/<slug:slug>/", pages.position_view, name="position"),
    path("fond/<slug:slug>/insats/<int:pk>/", pages.project_view, name="project"),
    path("fond/<slug:slug>/namnd/<str:code>/", pages.board_view, name="board"),
    path("fond/<slug:slug>/verifikationer/", pages.journal_view, name="journal"),
    path("fond/<slug:slug>/prognos/", projection.projection_view, name="projection"),
    path("fond/<slug:slug>/export/", pages.export_view, name="export"),
    path("fond/<slug:slug>/bokfor/<slug:event_code>/", booking.booking_view, name="book"),
    path("fond/<slug:slug>/att-gora/", due.due_view, name="due"),
    path("fond/<slug:slug>/att-gora/utbetalning/", due.pay_due_view, name="pay_due"),
    path("fond/<slug:slug>/overlamning/", handover.handover_view, name="handover"),
    path("fond/<slug:slug>/overlamning/<int:number>/fil/", handover.handover_file_view, name="handover_file"),
]
