"""Release notes: Markdown written by staff, rendered to HTML and sanitized with nh3 before
it reaches a page or an email (R-UPD-1)."""

from __future__ import annotations

import html as htmllib

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "dd", "dl", "dt", "em", "h3", "h4", "h5",
    "h6", "hr", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"},
                      "td": {"align"}}


def _demote_headings(html: str) -> str:
    # The page has its h1 and the notes sit under an h2: "# Heading" becomes an h3.
    for level in range(6, 0, -1):
        lower = min(level + 2, 6)
        html = html.replace(f"<h{level}>", f"<h{lower}>").replace(f"</h{level}>",
                                                                    f"</h{lower}>")
    return html


# Rendering and sanitizing was most of the Update Center's time (issue 15): a release stores
# the results when it is saved (Release.render_texts), and pages and emails read those.
def render_notes(text: str) -> SafeString:
    """Markdown → sanitized HTML: no scripts, styles, event handlers or javascript: links."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"],
                             output_format="html")
    clean = nh3.clean(_demote_headings(html), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"},
                      link_rel="noopener noreferrer nofollow")
    # Safe: nh3 has just removed everything unsafe (bandit flags every mark_safe).
    return mark_safe(clean)  # nosec B308 B703


def notes_summary(text: str, words: int = 30) -> str:
    """The notes as plain text, shortened: for lists and search results."""
    html = markdown.markdown(text or "", extensions=["extra"], output_format="html")
    # Headings repeat the version or say "Fixed": the summary is the text under them.
    headings = {f"h{level}" for level in range(1, 7)}
    # Paragraphs and list items stay apart: "fixed A · fixed B", not "fixed A fixed B".
    for end in ("</p>", "</li>", "</dd>", "</td>", "</pre>", "</blockquote>"):
        html = html.replace(end, end + _BLOCK_END)
    text = nh3.clean(html, tags=set(), clean_content_tags={"script", "style", *headings})
    plain = ""
    for block in text.split(_BLOCK_END):
        block = " ".join(block.split())
        if not block:
            continue
        if plain:
            plain += " " if plain[-1] in ".!?:;" else " · "
        plain += block
    # nh3 escapes &, < and > in the text; the template escapes it again, so undo it once.
    return Truncator(htmllib.unescape(plain)).words(words, truncate=" …")


_BLOCK_END = "\u2029"  # a paragraph separator, which Markdown text never contains
