"""Article texts: Markdown rendered, then sanitized by an allow-list (R-X-2)."""

from __future__ import annotations

from knowledge.markdown import render_markdown


def test_headings_start_at_h2_because_the_title_is_the_h1():
    assert render_markdown("# Kop\n\n## Sub") == "<h2>Kop</h2>\n<h2>Sub</h2>"


def test_tables_lists_code_and_links_survive():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n- punt\n\n`code`\n\n"
                           "[link](https://example.com \"titel\")")
    assert "<table>" in html and "<td>1</td>" in html and "<li>punt</li>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://example.com" title="titel" rel="noopener noreferrer">' in html


def test_scripts_handlers_styles_iframes_and_javascript_links_are_removed():
    html = render_markdown('<script>alert(1)</script><iframe src="x"></iframe>'
                           '<p onclick="x()" style="color:red">tekst</p>'
                           "[a](javascript:alert(1)) <a href=\"data:text/html,x\">b</a>")
    for bad in ("<script", "<iframe", "onclick", "style=", "javascript:", "data:"):
        assert bad not in html
    assert "tekst" in html


def test_an_article_text_is_rendered_once(monkeypatch):
    """Issue 15: the result depends on the text alone; a changed text renders anew."""
    from knowledge import markdown as module

    calls = []
    real = module.markdown_lib.markdown
    monkeypatch.setattr(module.markdown_lib, "markdown",
                        lambda text, **kwargs: calls.append(text) or real(text, **kwargs))
    text = "Een artikel dat één keer wordt omgezet (once-per-text test)."
    assert render_markdown(text) is render_markdown(text)
    render_markdown(text + " Gewijzigd.")
    assert calls == [text, text + " Gewijzigd."]
