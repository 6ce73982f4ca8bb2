// Live character counters, links from the error summary to its fields, and date inputs
// spelled out in the page's language for texts with a maximum length (issue 14). The server renders
// data-maxlength instead of maxlength, so a browser never cuts off a paste silently; the
// server refuses a text that is too long with a message and keeps it in the form. Here each
// such field gets a counter below it that says how many characters are left, or how many
// are too many. The texts come from data attributes the template filled in (translated).
(function () {
  "use strict";

  function counterFor(field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!limit) return;
    var counter = document.createElement("div");
    counter.className = "form-text char-counter";
    counter.id = field.id + "-counter";
    counter.setAttribute("aria-live", "polite");
    counter.setAttribute("data-testid", "char-counter");
    var describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);
    field.insertAdjacentElement("afterend", counter);
    var left = document.body.getAttribute("data-text-left") || "Characters left: %(count)s";
    var over = document.body.getAttribute("data-text-over") || "Too many characters: %(count)s";
    var textarea = field.tagName === "TEXTAREA";

    function update() {
      var remaining = limit - field.value.length;
      // Short fields only show the counter near their limit; long texts always.
      var show = textarea || remaining <= Math.max(10, Math.floor(limit / 5));
      counter.hidden = !show;
      counter.textContent = (remaining >= 0 ? left : over).replace("%(count)s", String(Math.abs(remaining)));
      counter.classList.toggle("text-danger", remaining < 0);
      field.classList.toggle("is-invalid", remaining < 0);
    }
    field.addEventListener("input", update);
    update();
  }

  // A link in the error summary puts the cursor in its field, not only the page at it.
  function followSummaryLinks() {
    var links = document.querySelectorAll(".error-summary a[href^='#']");
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener("click", function (event) {
        var target = document.getElementById(this.getAttribute("href").slice(1));
        if (!target) return;
        event.preventDefault();
        target.scrollIntoView({block: "center"});
        target.focus();
      });
    }
  }

  // Date and time inputs: the browser shows them in its own language and order, whatever
  // the page's (a Dutch page in an American browser reads 01/12 as 12 January). Below each
  // one, the chosen moment spelled out in the page's language, day first, 24-hour clock.
  function dateEchoFor(input) {
    var echo = document.createElement("div");
    echo.className = "form-text date-echo";
    echo.id = input.id + "-echo";
    echo.setAttribute("aria-live", "polite");
    echo.setAttribute("data-testid", "date-echo");
    input.insertAdjacentElement("afterend", echo);
    var lang = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
    var withTime = input.type === "datetime-local";
    var options = {weekday: "long", day: "numeric", month: "long", year: "numeric",
                   timeZone: "UTC"};
    if (withTime) { options.hour = "2-digit"; options.minute = "2-digit"; options.hourCycle = "h23"; }
    var format = new Intl.DateTimeFormat(lang, options);

    function update() {
      // The value is ISO ("2026-12-14T18:00"): read its parts, never the browser's zone.
      var match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(input.value || "");
      echo.textContent = match ? format.format(new Date(Date.UTC(
        +match[1], +match[2] - 1, +match[3], +(match[4] || 0), +(match[5] || 0)))) : "";
    }
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    update();
  }

  function start() {
    followSummaryLinks();
    var dates = document.querySelectorAll("input[type=date], input[type=datetime-local]");
    for (var j = 0; j < dates.length; j++) dateEchoFor(dates[j]);
    var fields = document.querySelectorAll("textarea[data-maxlength], input[data-maxlength]");
    for (var i = 0; i < fields.length; i++) counterFor(fields[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
