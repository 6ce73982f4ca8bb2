"""Reading an incoming email (R-MAIL-1, R-MAIL-4): who sent it, whether a machine did, its
text without quoted history and signature, and its files. Pure functions on
``email.message.EmailMessage``; nothing here touches the database.

Quoted history is cut in two passes: ``mail-parser-reply`` (which knows the "wrote"/"From:"
headers of many clients, Dutch and English among them) takes the latest reply, then the
rules below cut what it leaves: Gmail's Dutch "Op … schreef Naam <adres>:" (the library wants
"schreef:" at the end of the line), "-----Original Message-----" / "Oorspronkelijk bericht",
a "From:/Van:" block, "> " quotes and the "-- " signature. Its own signature guess ("Thanks,",
"Bedankt,") is not used: it cuts real answers that start that way."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

from mailparser_reply import EmailReplyParser

_PARSER = EmailReplyParser(languages=["en", "nl"])
# A header line that starts the quoted history: "On … wrote:", "Op … schreef …:", also when
# a client wrapped it over two lines (joined before matching).
_WROTE = re.compile(r"^\s*(On\s.+\swrote|Op\s.+\sschreef)\b.*:\s*$", re.IGNORECASE)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*(Original Message|Oorspronkelijk bericht|"
                       r"Origineel bericht|Forwarded message|Doorgestuurd bericht)\s*-{2,}\s*$",
                       re.IGNORECASE)
_HEADER_BLOCK = re.compile(r"^\s*\**(From|Van)\s*:\**\s*\S", re.IGNORECASE)
_HEADER_LINE = re.compile(r"^\s*\**(Sent|Verzonden|To|Aan|Subject|Onderwerp|Date|Datum|Cc)"
                          r"\s*:", re.IGNORECASE)
_SIGNATURE = re.compile(r"^-- ?$")
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "blockquote", "pre", "hr", "ul", "ol"}
_SKIP_TAGS = {"script", "style", "head", "title"}
AUTOMATIC_LOCAL_PARTS = {"mailer-daemon"}


@dataclass
class IncomingFile:
    name: str
    content: bytes  # empty when ``too_large``: such a file is never decoded
    content_type: str
    too_large: bool = False


@dataclass
class IncomingEmail:
    message_id: str
    sender: str  # lower case; "" for a null sender
    subject: str
    recipients: list[str]  # To, Cc, Delivered-To, X-Original-To: where it was sent
    text: str  # the whole text (HTML turned into text when there is no plain part)
    files: list[IncomingFile] = field(default_factory=list)
    automatic: str | None = None  # why a machine sent it (R-MAIL-4), else None


class _TextFromHtml(HTMLParser):
    """HTML to plain text: the text of the document with blocks on their own lines; scripts,
    styles and the head left out, entities decoded. Nothing of the markup survives, so the
    result is as safe as any typed text (and is escaped where it is shown)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    converter = _TextFromHtml()
    converter.feed(html)
    converter.close()
    lines = [line.strip() for line in "".join(converter.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def strip_quoted(text: str) -> str:
    """The new text of a reply: without quoted history and signature (see the module)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    replies = _PARSER.read(text=text).replies
    latest = replies[0].full_body if replies else text
    lines = latest.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        joined = line + (" " + lines[index + 1] if index + 1 < len(lines) else "")
        if _SIGNATURE.match(line) or _ORIGINAL.match(line):
            break
        if _WROTE.match(line) or (not line.rstrip().endswith(":") and _WROTE.match(joined)
                                  and joined.rstrip().endswith(":")):
            break
        if _HEADER_BLOCK.match(line) and any(_HEADER_LINE.match(following)
                                             for following in lines[index + 1:index + 5]):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def automatic_reason(message: EmailMessage, sender: str) -> str | None:
    """Why the message was sent by a machine and must be neither posted nor answered
    (R-MAIL-4, RFC 3834), or None for mail from a person."""
    auto_submitted = str(message.get("Auto-Submitted", "")).split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return "auto-submitted"
    if str(message.get("Precedence", "")).strip().lower() in {"bulk", "junk", "list",
                                                               "auto_reply"}:
        return "precedence"
    if message.get("X-Autoreply") is not None or message.get("X-Autorespond") is not None:
        return "autoreply"
    if message.get("List-Id") is not None or message.get("List-Unsubscribe") is not None:
        return "list"
    if message.get_content_type() == "multipart/report":
        return "report"  # a bounce (delivery-status) or a read receipt
    return_path = message.get("Return-Path")
    if not sender or (return_path is not None and str(return_path).strip() in ("<>", "")):
        return "null-sender"
    if sender.partition("@")[0] in AUTOMATIC_LOCAL_PARTS:
        return "mailer-daemon"
    return None


def _text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is not None and str(part.get_payload()).startswith(_OMITTED):
        return ""  # a text of more than the file limit in base64: not read
    if part is not None:
        return str(part.get_content())
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_to_text(str(part.get_content()))
    return ""


# A long run of base64 lines: the body of a large attached file.
_BASE64_RUN = re.compile(rb"(?:[A-Za-z0-9+/]{40,}+={0,2}+\r?\n){64,}+")
_OMITTED = "klantportal-omitted-"
_OMITTED_SIZE = re.compile(re.escape(_OMITTED) + r"(\d{1,12})\r?\n")


def _omit_large_bodies(raw: bytes, max_bytes: int) -> bytes:
    """``raw`` with each base64 run that decodes to more than ``max_bytes`` replaced by one
    line naming its length. The standard library's parser holds a message as one string plus
    a string per line (a 30 MB file: some 360 MB); such a file is refused anyway, so only its
    size is needed. The original is kept unchanged for staff."""
    if len(raw) <= max_bytes:
        return raw
    limit = max_bytes * 4 // 3

    def omit(match: re.Match[bytes]) -> bytes:
        length = match.end() - match.start()  # not match.group(): no copy of a large run
        return match.group() if length <= limit else f"{_OMITTED}{length}\r\n".encode()

    return _BASE64_RUN.sub(omit, raw)


def _encoded_size(part: EmailMessage) -> int:
    """At least the size of the decoded file, from the encoded one (base64: 3/4)."""
    encoded = part.get_payload(decode=False)
    size = len(encoded) if isinstance(encoded, (str, bytes)) else 0
    omitted = _OMITTED_SIZE.match(encoded) if isinstance(encoded, str) else None
    if omitted is not None:
        size = int(omitted.group(1)) + size
    if str(part.get("Content-Transfer-Encoding", "")).strip().lower() == "base64":
        size = size * 3 // 4 - size // 77 * 3  # less the line breaks, roughly
    return size


def _files_of(message: EmailMessage, max_bytes: int) -> list[IncomingFile]:
    """The attached files; one clearly over ``max_bytes`` is not decoded (a 30 MB file would
    be held two more times in memory only to be refused)."""
    files = []
    for part in message.iter_attachments():
        name = part.get_filename()
        if not name or part.is_multipart():
            continue
        # An image inside an HTML body (a signature's logo) is part of the text, not a file.
        if part.get_content_disposition() == "inline" and part.get("Content-ID"):
            continue
        if _encoded_size(part) > max_bytes:
            files.append(IncomingFile(name=name, content=b"", too_large=True,
                                      content_type=part.get_content_type()))
            continue
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        files.append(IncomingFile(name=name, content=content,
                                  content_type=part.get_content_type()))
    return files


def read_email(raw: bytes, *, max_file_bytes: int) -> IncomingEmail:
    """The parts of a raw message the portal acts on; files over ``max_file_bytes`` are
    named, not decoded."""
    # policy.default makes an EmailMessage (get_body, iter_attachments).
    message = BytesParser(policy=policy.default).parsebytes(
        _omit_large_bodies(raw, max_file_bytes))
    message_id = str(message.get("Message-ID", "")).strip()[:400]
    if not message_id:  # no id of its own: the same bytes are the same message
        message_id = f"<sha256-{hashlib.sha256(raw).hexdigest()}@inbound.klantportal>"
    sender = parseaddr(str(message.get("From", "")))[1].strip().lower()
    recipients = [str(value) for header in ("To", "Cc", "Delivered-To", "X-Original-To")
                  for value in message.get_all(header, [])]
    automatic = automatic_reason(message, sender)
    return IncomingEmail(
        message_id=message_id, sender=sender,
        subject=" ".join(str(message.get("Subject", "")).split())[:300],
        recipients=[address for _name, address in getaddresses(recipients) if address],
        text="" if automatic else _text_of(message),
        files=[] if automatic else _files_of(message, max_file_bytes),
        automatic=automatic)
