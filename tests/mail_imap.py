"""A real IMAP server on loopback (Debian's Dovecot), for the email channel's tests (R-MAIL):
started per use with a generated configuration in a temporary folder (a free port, no TLS on
loopback, one test user from a static password file, maildir storage in the folder), and
stopped afterwards. Mail goes in by IMAP APPEND, unread, as a delivery would leave it.

Tests that use it carry ``pytest.mark.imap`` (conftest.py): without Dovecot they skip
locally and fail in CI."""

from __future__ import annotations

import imaplib
import os
import pwd
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.mail_sink import free_port

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "support", "imap-test-password"


@dataclass
class Dovecot:
    folder: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"imap://{USER}:{PASSWORD}@127.0.0.1:{self.port}/INBOX"

    def _config(self) -> Path:
        me = pwd.getpwuid(os.getuid())
        # As root, Dovecot's own unprivileged users run the login and internal processes and
        # own the mail (it refuses mail owned by root); as anyone else, that user does it all.
        login_user, internal_user = ("dovenull", "dovecot") if me.pw_uid == 0 else (
            me.pw_name, me.pw_name)
        owner = pwd.getpwnam("dovecot") if me.pw_uid == 0 else me
        os.chown(self.folder / "home", owner.pw_uid, owner.pw_gid)
        (self.folder / "users").write_text(
            f"{USER}:{{PLAIN}}{PASSWORD}:{owner.pw_uid}:{owner.pw_gid}::{self.folder}/home\n")
        config = self.folder / "dovecot.conf"
        config.write_text(f"""
base_dir = {self.folder}/run
state_dir = {self.folder}/state
log_path = {self.folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 0
mail_location = maildir:{self.folder}/home/Maildir
mail_max_userip_connections = 100
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.folder}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.folder}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
""")
        return config

    def start(self) -> None:
        for name in ("run", "state", "home"):
            (self.folder / name).mkdir(exist_ok=True)
        os.chmod(self.folder, 0o755)
        self.process = subprocess.Popen(  # noqa: S603 - a fixed program and our own config
            [DOVECOT, "-F", "-c", str(self._config())],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Dovecot stopped: "
                                   + (self.process.stderr.read().decode() if self.process.stderr
                                      else "") + self.log())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    if probe.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("Dovecot did not answer: " + self.log())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def crash(self) -> None:
        """The server dies at once, every process of it (the master and the IMAP sessions,
        all in the session it was started in): open connections break."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def log(self) -> str:
        path = self.folder / "dovecot.log"
        return path.read_text() if path.exists() else ""

    @contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        imap = imaplib.IMAP4("127.0.0.1", self.port)
        imap.login(USER, PASSWORD)
        try:
            yield imap
        finally:
            try:
                imap.logout()
            except (OSError, imaplib.IMAP4.error):
                pass

    def deliver(self, *messages: bytes) -> None:
        """Put the messages in the INBOX, unread."""
        with self.client() as imap:
            for raw in messages:
                status, _data = imap.append("INBOX", "", None, raw)  # type: ignore[arg-type]
                assert status == "OK"

    def unread(self) -> int:
        with self.client() as imap:
            imap.select("INBOX")
            _status, data = imap.search(None, "UNSEEN")
            return len(data[0].split())


@contextmanager
def dovecot() -> Iterator[Dovecot]:
    with tempfile.TemporaryDirectory(prefix="kp-dovecot-") as folder:
        server = Dovecot(folder=Path(folder), port=free_port())
        server.start()
        try:
            yield server
        finally:
            server.stop()
            if os.environ.get("KP_DOVECOT_LOG"):
                print(server.log())
