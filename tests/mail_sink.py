"""A real SMTP server on loopback (aiosmtpd) that records what it accepts, for the tests that
send email from a real Celery worker."""

from __future__ import annotations

import email
import os
import signal
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """An SMTP handler that keeps every accepted message; with ``kill`` set, the first DATA
    instead kills that process (the worker dies mid-send) and is never accepted."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.kill: int | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.kill is not None:
                pid, self.kill = self.kill, None
                os.kill(pid, signal.SIGKILL)
                return "451 Worker killed before the message was accepted"
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter:
        """How often each Message-ID arrived: more than once is a duplicate."""
        with self.lock:
            return Counter(message["Message-ID"] for message in self.messages)


@contextmanager
def smtp_sink() -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield recorder, controller.port
    finally:
        controller.stop()
