"""Markdown to safe HTML for article texts: rendered by ``markdown``, then sanitized by
``nh3`` (an allow-list: no scripts, styles, event handlers or ``javascript:`` links)."""

from __future__ import annotations

from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

EXTENSIONS = ["extra", "sane_lists"]
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "img", "kbd", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}


@lru_cache(maxsize=512)
def render_markdown(text: str) -> SafeString:
    """The article text as HTML that is safe to put on a page. Headings start at h2: the
    page's h1 is the article's title. The result depends on the text alone, so each process
    renders a text once (issue 15)."""
    html = markdown_lib.markdown(text, extensions=EXTENSIONS, output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
    # Safe: nh3 has just sanitized it (bandit flags every mark_safe).
    return mark_safe(clean)  # nosec B308 B703
