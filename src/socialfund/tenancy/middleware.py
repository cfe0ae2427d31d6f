"""Each request works in its user's organisation: the context variable and the database session's
`app.tenant` are set before the view runs and cleared after the response (also after a streamed one)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from socialfund.accounts.tenancy import tenant_of
from socialfund.organisation.tenancy import ACROSS, entered
from socialfund.tenant_context import REQUEST_ATTRIBUTE, Tenant, current_tenant


class TenantMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A visitor who is not signed in reads only the public pages (the welcome page, a fund's public
        # page, open data, an outside actor's status link), whose selectors return published rows only;
        # they run across organisations until each organisation's public pages get a host of their own.
        user = request.user
        tenant = tenant_of(user) if user.is_authenticated else ACROSS
        with entered(tenant):
            response = self.get_response(request)
            chosen = current_tenant()  # the API's token check may have chosen its user's tenant
        setattr(request, REQUEST_ATTRIBUTE, chosen)
        if isinstance(response, StreamingHttpResponse):
            response.streaming_content = _within(chosen, response.streaming_content)
        return response


def _within(tenant: Tenant | None, chunks: Iterable[object]) -> Iterator[object]:
    """A streamed export reads rows while it is sent, after the view returned: in the same tenant."""
    with entered(tenant):
        yield from chunks
