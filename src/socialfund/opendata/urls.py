"""Stable public URLs of the fund's open data: change them only with a redirect (harvesters remember them)."""

from django.urls import path

from socialfund.opendata import views

app_name = "opendata"

urlpatterns = [
    path("offentlig/<slug:slug>/data/katalog.<str:fmt>", views.catalogue_view, name="catalogue"),
    path("offentlig/<slug:slug>/data/beslut.csv", views.decisions_view, name="decisions"),
    path("offentlig/<slug:slug>/data/bidrag-360giving.json", views.grants_view, name="grants"),
    path("offentlig/<slug:slug>/data/effekter-indigo.json", views.indigo_view, name="indigo"),
]
