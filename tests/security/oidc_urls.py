"""The project's URLs plus the OpenID Connect callbacks, for the login test against a fake provider."""

from django.urls import include, path

from socialfund.urls import urlpatterns as project_urls

urlpatterns = [*project_urls, path("oidc/", include("mozilla_django_oidc.urls"))]
