from django.urls import path

from socialfund.guidelines import views

app_name = "guidelines"

urlpatterns = [
    path("riktlinjer/", views.index_view, name="index"),
    path("riktlinjer/ny-fond/", views.template_fund_view, name="template_fund"),
    path("riktlinjer/fond/<int:fund_pk>/nytt-utkast/", views.start_view, name="start"),
    path("riktlinjer/<int:pk>/", views.version_view, name="version"),
    path("riktlinjer/<int:pk>/avsnitt/<slug:code>/", views.section_view, name="section"),
    path("riktlinjer/<int:pk>/avsnitt/<slug:code>/<slug:action>/", views.outline_view, name="outline"),
    path("riktlinjer/<int:pk>/jamforelse/", views.compare_view, name="compare"),
    path("riktlinjer/<int:pk>/export.yaml", views.export_view, name="export"),
    path("riktlinjer/<int:pk>/<slug:kind>.<str:fmt>", views.document_view, name="document"),
    path("riktlinjer/<int:pk>/importera/", views.import_view, name="import"),
    path("riktlinjer/<int:pk>/foresla/", views.propose_view, name="propose"),
    path("riktlinjer/<int:pk>/anta/", views.adopt_view, name="adopt"),
    path("riktlinjer/<int:pk>/remiss/", views.consult_view, name="consult"),
]
