"""A real HTTP receiver on loopback (http.server in a thread) for the webhook tests: it keeps
every request, answers what the test queued (a status code, or a pause longer than the
client's timeout) and, like a Standard Webhooks receiver, dedupes by ``webhook-id``."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int | None  # None: no answer (the sender was killed, or it timed out first)


@dataclass
class Receiver:
    url: str = ""
    requests: list[Received] = field(default_factory=list)
    # What to answer, in order: a status code, or ("sleep", seconds) then 200; then ``default``.
    answers: list[int | tuple[str, float]] = field(default_factory=list)
    default: int = 200
    # With a process id set: the next request kills that process (SIGKILL) before answering.
    kill: int | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self) -> int | tuple[str, float]:
        with self.lock:
            return self.answers.pop(0) if self.answers else self.default

    def accepted(self) -> Counter[str]:
        """How often each webhook-id was answered with 2xx (what the receiver processed,
        before its own dedupe)."""
        with self.lock:
            return Counter(item.headers["webhook-id"] for item in self.requests
                           if item.status is not None and 200 <= item.status < 300)

    def processed(self) -> set[str]:
        """The webhook-ids a deduping receiver acted on: each at most once."""
        return set(self.accepted())


class _Handler(BaseHTTPRequestHandler):
    receiver: Receiver

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length)
        headers = {key.lower(): value for key, value in self.headers.items()}
        receiver = self.receiver
        if receiver.kill is not None:
            pid, receiver.kill = receiver.kill, None
            with receiver.lock:
                receiver.requests.append(Received(self.path, headers, body, None))
            os.kill(pid, signal.SIGKILL)
            time.sleep(1)
            return
        answer = receiver.next_answer()
        if isinstance(answer, tuple):
            time.sleep(answer[1])
            answer = 200
            status: int | None = None  # the sender gave up before this answer
        else:
            status = answer
        with receiver.lock:
            receiver.requests.append(Received(self.path, headers, body, status))
        try:
            self.send_response(answer)
            if answer in (301, 302, 307, 308):
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except OSError:
            pass


@contextmanager
def http_receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    handler = type("Handler", (_Handler,), {"receiver": receiver})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
