"""A minimal one-page PDF with lines of text, written by hand (no PDF library needed):
used for the demo invoices, course material and partner documents, and in tests."""

from __future__ import annotations


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding (so "€" and accents print)."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252", errors="replace"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def text_pdf(lines: list[str], *, title: str = "") -> bytes:
    """A valid A4 PDF showing ``lines`` (the first one large) in Helvetica."""
    content = bytearray(b"BT\n/F1 18 Tf\n56 770 Td\n")
    for index, line in enumerate(lines):
        if index == 1:
            content += b"/F1 11 Tf\n0 -14 Td\n"
        content += _pdf_string(line) + b" Tj\n0 -18 Td\n"
    content += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + bytes(content) + b"endstream",
        b"<< /Title " + _pdf_string(title) + b" /Producer (Klantportal) >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(pdf)
