"""A fake Kolada v3 on 127.0.0.1, started by the test that needs it, serving the files in fixtures/kolada_v3.

It behaves as v3 is documented to: paging by `next_url` (the files write `{base}` where
the server's own address goes), HTTP 400 for a request naming more than 25 ids or years,
HTTP 429 with `Retry-After` when a route is told to, and an empty `values` list for a key
figure it does not know. Each route answers a queue of responses; the last one repeats.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "kolada_v3"
MAX_IDS = 25


@dataclass
class Answer:
    file: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class FakeKolada:
    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}/v3"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def route(self, path_and_query: str, *answers: Answer | str) -> None:
        """`path_and_query` after /v3, e.g. "/kpi/N15428"; a str answer is a file served with 200."""
        self.routes[path_and_query] = [Answer(a) if isinstance(a, str) else a for a in answers]

    def start(self) -> FakeKolada:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, raw_path: str) -> tuple[int, dict[str, str], bytes]:
        self.requests.append(raw_path)
        path = urllib.parse.urlsplit(raw_path).path
        if any(len(part.split(",")) > MAX_IDS for part in path.split("/")):
            body = {"detail": f"At most {MAX_IDS} ids or years per request."}
            return 400, {}, json.dumps(body).encode()
        local = raw_path.removeprefix("/v3")
        queue = self.routes.get(local)
        if not queue:
            return 404, {}, b'{"detail": "Not Found"}'
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        body = (FIXTURES / answer.file).read_text(encoding="utf-8").replace("{base}", self.base) if answer.file else ""
        return answer.status, answer.headers, body.encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                status, headers, body = fake._answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the standard library's name
                pass

        return Handler
