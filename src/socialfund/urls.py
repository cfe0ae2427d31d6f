"""URL map of the whole site."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from socialfund.accounts import second_factor_views
from socialfund.accounts import views as account_views
from socialfund.api.app import api
from socialfund.web import views as web_views
from socialfund.web.boards import board_names_view

urlpatterns = [
    path("", web_views.start, name="start"),
    path("tillganglighet/", web_views.accessibility_statement, name="accessibility"),
    path("namnder/", board_names_view, name="board-names"),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            redirect_authenticated_user=True,
            # LoginView would put the host name in site_name; the product's name is ours to show.
            extra_context={"site_name": settings.SITE_NAME},
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # Before the cases: "arenden/<pk>/<action>/" would take the actors' case pages for case actions.
    path("", include("socialfund.actors.urls")),
    path("", include("socialfund.cases.urls")),
    path("", include("socialfund.ledger.urls")),
    path("", include("socialfund.followup.urls")),
    path("", include("socialfund.consultations.urls")),
    path("", include("socialfund.reports.urls")),
    path("", include("socialfund.opendata.urls")),
    path("", include("socialfund.guidelines.urls")),
    path("", include("socialfund.records.urls")),
    path("api/v1/", api.urls),
    path("konto/tvastegs/", second_factor_views.enrol_view, name="second-factor-enrol"),
    path("konto/tvastegs/kontroll/", second_factor_views.verify_view, name="second-factor-verify"),
    path("konto/nycklar/", account_views.tokens_view, name="tokens"),
    path("konto/nycklar/<int:token_id>/aterkalla/", account_views.token_revoke_view, name="token-revoke"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.OIDC_RP_CLIENT_ID:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
