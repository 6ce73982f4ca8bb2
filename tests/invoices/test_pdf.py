"""The hand-written PDF is well formed: a reader finds every object where the xref says."""

from __future__ import annotations

import re

from core.pdf import text_pdf


def test_the_xref_table_points_at_every_object():
    pdf = text_pdf(["Factuur F2026-000001", "Demo BV (Utrecht)", "Totaal: € 1.234,56"],
                   title="Factuur F2026-000001")
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", pdf).group(1))
    assert pdf[startxref:].startswith(b"xref\n0 7\n")
    offsets = re.findall(rb"(\d{10}) 00000 n ", pdf[startxref:])
    assert len(offsets) == 6
    for number, offset in enumerate(offsets, start=1):
        assert pdf[int(offset):].startswith(b"%d 0 obj\n" % number)
    length = int(re.search(rb"/Length (\d+) >>\nstream\n", pdf).group(1))
    stream = pdf.split(b"stream\n", 1)[1]
    assert stream[length:].startswith(b"endstream")


def test_text_is_escaped_and_the_euro_sign_is_winansi():
    pdf = text_pdf(["a (b) c\\d", "€ 5"])
    assert rb"(a \(b\) c\\d) Tj" in pdf
    assert rb"(\200 5) Tj" in pdf
