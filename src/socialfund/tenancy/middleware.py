"""Each request works in its user's organisation: the context variable and the database session's
`app.tenant` are set before the view runs and cleared after the response (also after a streamed one)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.request import split_domain_port

from socialfund.accounts.tenancy import tenant_of
from socialfund.organisation.tenancy import entered, public_tenant
from socialfund.tenant_context import REQUEST_ATTRIBUTE, Tenant, current_tenant


class TenantMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A visitor who is not signed in reads only the public pages (the welcome page, a fund's public
        # page, open data, the idea form, an outside actor's status link), of the organisation whose
        # public host the request came to (the only one, in a single municipality's installation).
        user = request.user
        tenant = tenant_of(user) if user.is_authenticated else public_tenant(_host_name(request))
        with entered(tenant):
            response = self.get_response(request)
            chosen = current_tenant()  # the API's token check may have chosen its user's tenant
        setattr(request, REQUEST_ATTRIBUTE, chosen)
        if isinstance(response, StreamingHttpResponse):
            response.streaming_content = _within(chosen, response.streaming_content)
        return response


def _host_name(request: HttpRequest) -> str:
    """The host the visitor asked for, without the port (already checked against ALLOWED_HOSTS)."""
    return split_domain_port(request.get_host())[0]


def _within(tenant: Tenant | None, chunks: Iterable[object]) -> Iterator[object]:
    """A streamed export reads rows while it is sent, after the view returned: in the same tenant."""
    with entered(tenant):
        yield from chunks
