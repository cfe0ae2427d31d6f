from django.urls import path

from socialfund.records import views

app_name = "records"

urlpatterns = [
    path("offentlig/<slug:slug>/diarium/", views.public_register_view, name="public"),
    path("diarium/", views.register_index_view, name="index"),
    path("diarium/<slug:slug>/", views.register_view, name="register"),
    path("diarium/<slug:slug>/<int:pk>/sekretess/", views.secrecy_view, name="secrecy"),
    path("diarium/<slug:slug>/arende/<int:initiative_id>/e-arkiv.zip", views.package_view, name="package"),
    path("diarium/<slug:slug>/registerforteckning/", views.processing_view, name="processing"),
]
