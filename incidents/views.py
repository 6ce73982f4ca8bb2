"""The support page and the customer's incident pages: list, submit, the submitted page,
the thread with reply, remote assistance and survey, marking solved and withdrawing, the
hand-over by an administrator, and attachment downloads (R-INC-1 … R-INC-15,
R-ROLE-6/7/13, R-GATE-2)."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import (
    Capability, CapabilityDenied, can, record_capabilities, requires,
)
from contacts.actions import ContactError, ProfileRequired, SeatsFull
from contacts.views import seats_full_message
from courses.gate import submission_gate
from contacts.middleware import ContactRequest, PortalRequest
from core import held_uploads
from core import unsubscribe as unsubscribe_links
from core.drafts import login_redirect, take_draft
from core.models import HeldUpload
from core.private_files import private_file_response
from core.queries import NarrowPaginator

from . import actions, followers, notifications, queries, remote, sla
from .calendar import SupportCalendar
from .forms import (
    AttachmentsForm, BackupPermissionForm, FollowerForm, GrantForm, HandOverForm, IncidentFilter,
    IncidentForm, ReplyForm, ScreenSharingForm, SupportCodeForm, SurveyForm, WithdrawForm,
)
from .models import BackupPermission, Incident, RemoteAccessGrant, RemoteSession
from .queries import support_overview
from .templatetags.incident_tags import staff_name
from .waiting import reopen_deadline

# The clock, replaceable in tests.
now = timezone.now
INCIDENTS_PER_PAGE = 25


@requires(Capability.SUPPORT_PAGE)
def support(request: ContactRequest) -> HttpResponse:
    """Seats, whether the contact may submit, phone number and opening hours (R-QUOTA-4,
    R-ROLE-6, R-INC-5, R-INC-10)."""
    return render(request, "incidents/support.html", {
        "overview": support_overview(request.portal.contact, now()),
    })


def _requires_incident_access(view):
    """Log in first; then the contact needs SUBMIT_INCIDENTS or VIEW_ALL_INCIDENTS, or
    incidents they reported or own, which they always read (``queries.may_open_incidents``,
    R-INC-13). Anyone else gets the 403 page naming the roles (R-ROLE-14)."""

    @wraps(view)
    def wrapped(request: PortalRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return login_redirect(request)
        if not queries.may_open_incidents(request.portal.contact):
            raise CapabilityDenied(Capability.SUBMIT_INCIDENTS, Capability.VIEW_ALL_INCIDENTS)
        return view(request, *args, **kwargs)

    # The navigation links the list for either capability: asking the database whether a
    # contact without them still reports or owns an incident would cost every page a query
    # (R-X-3); those contacts reach their incidents through the links in their emails.
    record_capabilities(wrapped, Capability.SUBMIT_INCIDENTS, Capability.VIEW_ALL_INCIDENTS)
    # The API's incident endpoints share this door (api.permissions, R-API-2).
    wrapped.access_check = queries.may_open_incidents  # type: ignore[attr-defined]
    return wrapped


@_requires_incident_access
def incident_list(request: ContactRequest) -> HttpResponse:
    """Own incidents for submitters (and for reporters and owners whatever their roles), the
    organisation's for viewers and administrators, filtered and searched (R-ROLE-6/7,
    R-INC-13)."""
    contact = request.portal.contact
    sees_all = can(contact, Capability.VIEW_ALL_INCIDENTS)
    filters = IncidentFilter(request.GET or None, queryset=queries.incident_list_for(contact),
                             for_owner=not sees_all)
    return render(request, "incidents/list.html", {
        "filters": filters,
        "page": NarrowPaginator(filters.qs, INCIDENTS_PER_PAGE).get_page(
            request.GET.get("page")),
        "sees_all": sees_all,
        "may_submit": can(contact, Capability.SUBMIT_INCIDENTS),
    })


def _kept(request: ContactRequest) -> list[HeldUpload]:
    """The sender's files kept from the last try whose boxes are still ticked (issue 14)."""
    return held_uploads.held_of(request.user.pk, request.POST.getlist("kept"))


def _hold_good_files(request: ContactRequest, form: AttachmentsForm) -> list[HeldUpload]:
    """After a failed try: the kept files and the new ones that passed their checks, held
    for the next try, so one bad file (or a missing field) does not lose the good ones."""
    return [*form.kept, *held_uploads.hold(request.user.pk, form.good_files)]


@contextmanager
def _with_kept(form: AttachmentsForm) -> Iterator[list]:
    """The files to attach: the kept ones and the new ones. The kept ones are released
    once the action's transaction has committed; on a failure they stay for another try."""
    opened = held_uploads.as_files(form.kept)
    try:
        yield [*opened, *form.cleaned_data["files"]]
        held_uploads.release(form.kept)
    finally:
        for file in opened:
            file.close()


@requires(Capability.SUBMIT_INCIDENTS)
def incident_new(request: ContactRequest) -> HttpResponse:
    """The form, or why the starter-course gate blocks the contact (R-INC-1, R-GATE-1/2)."""
    contact = request.portal.contact
    gate = submission_gate(contact)
    posted = request.method == "POST"
    form = (IncidentForm(request.POST, request.FILES, kept=_kept(request)) if posted
            else IncidentForm(initial=take_draft(request, IncidentForm)))
    kept: list[HeldUpload] = []
    if gate.may_submit and posted:
        if form.is_valid():
            data = form.cleaned_data
            with _with_kept(form) as files:
                incident = actions.submit_incident(
                    contact=contact, subject=data["subject"], description=data["description"],
                    incident_type=data["incident_type"], product_area=data["product_area"],
                    environment=data["environment"], files=files)
            return redirect("incident_submitted", incident.number)
        kept = _hold_good_files(request, form)
    return render(request, "incidents/new.html", {"form": form, "gate": gate, "kept": kept,
                                                  "busy_notices": queries.busy_notices(now())},
                  status=400 if posted else 200)


@_requires_incident_access
def incident_submitted(request: ContactRequest, number: str) -> HttpResponse:
    """The number, the phone number and today's opening hours (R-INC-10)."""
    incident = queries.get_incident_for(request.portal.contact, number)
    today = SupportCalendar().today(now())
    return render(request, "incidents/submitted.html", {
        "incident": incident, "today": today, "opens_in_days": today.opens_in_days,
        # Only for contacts who may submit (R-ROLE-6), as on the support page.
        "phone_number": (settings.SUPPORT_PHONE_NUMBER
                         if submission_gate(request.portal.contact).may_submit else None),
    })


def _detail(request: ContactRequest, number: str, reply_form: ReplyForm | None = None,
            status: int = 200, kept: Sequence[HeldUpload] = ()) -> HttpResponse:
    contact = request.portal.contact
    moment = now()
    incident = queries.incident_thread(queries.get_incident_for(contact, number), moment)
    actions.record_visit(contact=contact, incident=incident, now=moment)
    # The page offers what the actions allow: it asks their refusal functions.
    reply_refused = actions.message_refusal(contact, incident, moment)
    may_reply = reply_refused is None
    may_act_as_owner = actions.reply_refusal(contact, incident, moment) is None
    grants = incident.grants
    return render(request, "incidents/detail.html", {
        "incident": incident,
        "deadline": sla.deadline(incident, moment, SupportCalendar()),
        "may_reply": may_reply,
        "replies_closed": isinstance(reply_refused, actions.IncidentClosed),
        "reopen_deadline": reopen_deadline(incident),
        "reply_form": reply_form or ReplyForm(initial=take_draft(request, ReplyForm)),
        "kept": kept,
        "pending_requests": [grant for grant in grants if grant.is_pending],
        "active_grants": [grant for grant in grants if grant.is_active(moment)],
        "grant_form": GrantForm() if may_act_as_owner else None,
        "may_revoke": queries.is_acting_owner(contact, incident),
        # R-INC-11 ways b and c: sessions started with a support code, backup permissions.
        "running_sessions": [session for session in incident.sessions if session.is_running],
        "code_form": (SupportCodeForm() if remote.session_refusal(contact, incident, moment)
                      is None else None),
        "backup_requests": [permit for permit in incident.backups if permit.is_pending],
        "active_backups": [permit for permit in incident.backups if permit.is_active(moment)],
        "backup_form": (BackupPermissionForm()
                        if remote.backup_grant_refusal(contact, incident, moment) is None
                        else None),
        "survey_form": (SurveyForm() if actions.survey_refusal(contact, incident) is None
                        else None),
        "survey": getattr(incident, "survey", None),
        "may_mark_solved": actions.solve_refusal(contact, incident, moment) is None,
        "withdraw_form": (WithdrawForm() if actions.withdraw_refusal(contact, incident, moment)
                          is None else None),
        # R-INC-13: administrators and viewers learn that nobody can answer any more.
        "owner_cannot_reply": (can(contact, Capability.VIEW_ALL_INCIDENTS)
                               and queries.owner_cannot_reply(incident)),
        "may_hand_over": queries.may_hand_over(contact, incident),
        # R-MAIL-5: who follows it; the reporter or owner adds and removes colleagues,
        # administrators and viewers follow it themselves, a follower can stop.
        "followers": incident.current_followers,
        "is_following": any(follow.contact_id == contact.pk
                            for follow in incident.current_followers),
        "may_manage_followers": queries.may_manage_followers(contact, incident),
        "follower_form": (FollowerForm(candidates=queries.follower_candidates(incident))
                          if queries.may_manage_followers(contact, incident) else None),
        "may_follow": queries.may_follow(contact, incident),
    }, status=status)


@_requires_incident_access
def incident_detail(request: ContactRequest, number: str) -> HttpResponse:
    """The public thread, history, priority and target; POST is a reply (R-INC-6/8,
    R-ROLE-13)."""
    if request.method != "POST":
        return _detail(request, number)
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    form = ReplyForm(request.POST, request.FILES, kept=_kept(request))
    if not form.is_valid():
        return _detail(request, number, form, status=400,
                       kept=_hold_good_files(request, form))
    try:
        with _with_kept(form) as files:
            actions.reply(contact=contact, incident=incident, body=form.cleaned_data["body"],
                          files=files, now=now())
    except actions.IncidentClosed:
        messages.error(request, _("This incident is closed: submit a new incident instead."))
    else:
        messages.success(request, _("Your reply has been added."))
    return redirect("incident_detail", incident.number)


def _reload_when_logged_out(view):
    """A poll from a page whose session has ended reloads the page (to the login form)
    instead of swapping the login page into the block."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated and request.headers.get("HX-Request") == "true":
            return HttpResponse(status=204, headers={"HX-Refresh": "true"})
        return view(request, *args, **kwargs)

    return wrapped


def _message_id(value: str | None) -> int | None:
    """``?before=``: a message id, or nothing for the newest page; anything else is not a
    message (404), also a number too large for the database."""
    if value is None:
        return None
    if not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


@require_GET
@_reload_when_logged_out
@_requires_incident_access
def incident_messages(request: ContactRequest, number: str) -> HttpResponse:
    """A page of the thread's public messages before ``?before=`` (the newest without it):
    the part "Earlier messages" swaps in with htmx, else a page of its own (issue 15)."""
    incident = queries.get_incident_for(request.portal.contact, number)
    thread = queries.thread_page(incident, before=_message_id(request.GET.get("before")))
    partial = request.headers.get("HX-Request") == "true"
    return render(request, "incidents/_messages.html" if partial else "incidents/messages.html",
                  {"incident": incident, "thread": thread})


@never_cache
@require_GET
@_reload_when_logged_out
@_requires_incident_access
def incident_deadline(request: ContactRequest, number: str) -> HttpResponse:
    """The target and working time left now, the block the detail page polls with htmx
    while the clock runs (R-INC-4/5)."""
    incident = queries.get_incident_for(request.portal.contact, number)
    return render(request, "incidents/_deadline.html", {
        "incident": incident,
        "deadline": sla.deadline(incident, now(), SupportCalendar()),
    })


@require_POST
@_requires_incident_access
def grant_access(request: ContactRequest, number: str) -> HttpResponse:
    """Grant support temporary access at a chosen level (R-INC-11)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    form = GrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an access level and for how long."))
        return redirect("incident_detail", incident.number)
    pending = (RemoteAccessGrant.objects.filter(incident=incident, pk=form.cleaned_data["request"])
               .first() if form.cleaned_data["request"] else None)
    moment = now()
    try:
        actions.grant_remote_access(contact=contact, incident=incident,
                                    level=form.cleaned_data["level"],
                                    expires_at=moment + form.duration(), request=pending,
                                    now=moment)
    except (actions.IncidentError, ValidationError):
        messages.error(request, _("Access cannot be granted on this incident."))
    else:
        messages.success(request, _("Support has access until the time shown."))
    return redirect("incident_detail", incident.number)


def _confirm_end(request: ContactRequest, incident: Incident, *, title: str, text: str,
                 button: str) -> HttpResponse:
    """Ask the owner to confirm ending support's access or session (issue 14): a page of its
    own whose form does it, so it works without JavaScript. Only the owner gets it."""
    if not queries.is_acting_owner(request.portal.contact, incident):
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    return render(request, "incidents/confirm_end.html", {
        "incident": incident, "title": title, "text": text, "button": button})


@require_http_methods(["GET", "POST"])
@_requires_incident_access
def revoke_access(request: ContactRequest, number: str, pk: int) -> HttpResponse:
    """End a grant or decline a request at once (R-INC-11); GET asks to confirm ending an
    active grant (issue 14)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    grant = RemoteAccessGrant.objects.filter(incident=incident, pk=pk).first()
    if grant is None:
        raise Http404
    if request.method != "POST":
        if not grant.is_active(now()):
            return redirect("incident_detail", incident.number)
        return _confirm_end(
            request, incident, title=_("End support's access now?"),
            text=_("The support engineer loses access to your environment at once, also in "
                   "the middle of their work. You can grant access again later."),
            button=_("End access now"))
    actions.revoke_remote_access(contact=contact, grant=grant, now=now())
    messages.success(request, _("Access for support has been ended."))
    return redirect("incident_detail", incident.number)


WRONG_CODE = gettext_lazy(
    "This code is not valid for this incident number. Check both, or ask the support engineer "
    "for a new code: a code is valid for %(minutes)s minutes and only once.")
TOO_MANY_TRIES = gettext_lazy(
    "Too many wrong codes were entered with your login. Try again in %(minutes)s minutes.")


def _code_refusal_message(error: Exception) -> str:
    if isinstance(error, remote.TooManyTries):
        return str(TOO_MANY_TRIES) % {"minutes": settings.SUPPORT_CODE_USER_WINDOW_MINUTES}
    if isinstance(error, actions.IncidentClosed):
        return _("This incident is closed: submit a new incident instead.")
    return str(WRONG_CODE) % {"minutes": settings.SUPPORT_CODE_MINUTES}


@require_POST
@_requires_incident_access
def start_session(request: ContactRequest, number: str) -> HttpResponse:
    """The owner enters the support engineer's one-time code on the incident page: a
    screen-sharing session starts (R-INC-11)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    form = SupportCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the 6 digits of the code."))
        return redirect("incident_detail", incident.number)
    try:
        session = remote.start_remote_session(contact=contact, number=incident.number,
                                              code=form.cleaned_data["code"], now=now())
    except actions.IncidentError as error:
        messages.error(request, _code_refusal_message(error))
    else:
        messages.success(request, _session_started(session))
    return redirect("incident_detail", incident.number)


def _session_started(session: RemoteSession) -> str:
    return _("The screen-sharing session with %(engineer)s has started.") % {
        "engineer": html.unescape(staff_name(session.engineer))}  # the page escapes it


@require_http_methods(["GET", "POST"])
@_requires_incident_access
def end_session(request: ContactRequest, number: str, pk: int) -> HttpResponse:
    """The owner ends a running screen-sharing session (R-INC-11); GET asks to confirm
    (issue 14)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    session = RemoteSession.objects.filter(incident=incident, pk=pk).first()
    if session is None:
        raise Http404
    if request.method != "POST":
        if session.ended_at is not None:
            return redirect("incident_detail", incident.number)
        return _confirm_end(
            request, incident, title=_("End the screen-sharing session?"),
            text=_("The support engineer no longer sees your screen. To share it again, "
                   "ask them for a new code."),
            button=_("End the session"))
    try:
        remote.end_remote_session(contact=contact, session=session, now=now())
    except actions.IncidentError:
        messages.error(request, _("This session has ended already."))
    else:
        messages.success(request, _("The screen-sharing session has ended."))
    return redirect("incident_detail", incident.number)


@requires(Capability.SUPPORT_PAGE)
def screen_sharing(request: ContactRequest) -> HttpResponse:
    """/support/meekijken/: the incident number and the support engineer's code start a
    screen-sharing session. An unknown number, another organisation's incident and a wrong
    code get the same answer; every wrong try counts (R-INC-11)."""
    form = ScreenSharingForm(request.POST or None)
    error, status = None, 200
    if request.method == "POST" and form.is_valid():
        contact, number = request.portal.contact, form.cleaned_data["number"]
        try:
            session = remote.start_remote_session(contact=contact, number=number,
                                                  code=form.cleaned_data["code"], now=now())
        except actions.IncidentError as failure:
            error = _code_refusal_message(failure)
            status = 429 if isinstance(failure, remote.TooManyTries) else 400
            # The number stays as typed; the code is asked for again.
            form = ScreenSharingForm(initial={"number": number})
        else:
            messages.success(request, _session_started(session))
            return redirect("incident_detail", session.incident.number)
    elif request.method == "POST":
        status = 400
    return render(request, "incidents/screen_sharing.html", {
        "form": form, "error": error, "minutes": settings.SUPPORT_CODE_MINUTES}, status=status)


@require_POST
@_requires_incident_access
def grant_backup(request: ContactRequest, number: str) -> HttpResponse:
    """The owner allows support to request a backup of the environment for a period
    (R-INC-11)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    form = BackupPermissionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose for how long."))
        return redirect("incident_detail", incident.number)
    pending = (BackupPermission.objects.filter(incident=incident, pk=form.cleaned_data["request"])
               .first() if form.cleaned_data["request"] else None)
    moment = now()
    try:
        remote.grant_backup_permission(contact=contact, incident=incident,
                                       expires_at=moment + form.duration(), request=pending,
                                       now=moment)
    except (actions.IncidentError, ValidationError):
        messages.error(request, _("Permission cannot be granted on this incident."))
    else:
        messages.success(request, _("Support may request a backup until the time shown."))
    return redirect("incident_detail", incident.number)


@require_POST
@_requires_incident_access
def revoke_backup(request: ContactRequest, number: str, pk: int) -> HttpResponse:
    """End a backup permission or decline a request at once (R-INC-11)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    permission = BackupPermission.objects.filter(incident=incident, pk=pk).first()
    if permission is None:
        raise Http404
    remote.revoke_backup_permission(contact=contact, permission=permission, now=now())
    messages.success(request, _("Support may no longer request a backup."))
    return redirect("incident_detail", incident.number)


@require_POST
@_requires_incident_access
def answer_survey(request: ContactRequest, number: str) -> HttpResponse:
    """The one-question satisfaction survey after resolution."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    form = SurveyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a score from 1 to 5."))
        return redirect("incident_detail", incident.number)
    try:
        actions.answer_survey(contact=contact, incident=incident,
                              score=form.cleaned_data["score"],
                              comment=form.cleaned_data["comment"])
    except (actions.IncidentError, ValidationError):
        messages.error(request, _("This incident cannot be rated (yet)."))
    else:
        messages.success(request, _("Thank you for your answer."))
    return redirect("incident_detail", incident.number)


@never_cache
@_requires_incident_access
def attachment(request: ContactRequest, number: str, pk: int) -> FileResponse:
    """A file of a visible incident; 404 for anything else (R-INC-9)."""
    item = queries.get_attachment_for(request.portal.contact, number, pk)
    return private_file_response(item.file, filename=Path(item.name).name,
                                 content_type=item.content_type)


@require_POST
@_requires_incident_access
def mark_solved(request: ContactRequest, number: str) -> HttpResponse:
    """The owner says their open incident is solved (R-INC-15)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    try:
        actions.mark_solved(contact=contact, incident=incident, now=now())
    except actions.IncidentError:
        messages.error(request, _("This incident can no longer be marked solved."))
    else:
        messages.success(request, _("Thank you: the incident is marked solved."))
    return redirect("incident_detail", incident.number)


@require_POST
@_requires_incident_access
def withdraw(request: ContactRequest, number: str) -> HttpResponse:
    """The owner withdraws their incident before support picked it up, after ticking that
    this cannot be undone (R-INC-15)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    if not WithdrawForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm that you withdraw the incident."))
        return redirect("incident_detail", incident.number)
    try:
        actions.withdraw_incident(contact=contact, incident=incident, now=now())
    except actions.IncidentError:
        messages.error(request, _("Support has picked this incident up already: it can no "
                                  "longer be withdrawn. Reply to tell us it is no longer "
                                  "needed."))
    else:
        messages.success(request, _("The incident has been withdrawn."))
    return redirect("incident_detail", incident.number)


def _hand_over_refusal(form: HandOverForm, error: Exception) -> None:
    """Put the refusal on the form, keeping the choice (R-X-2)."""
    if isinstance(error, SeatsFull):
        form.add_error("owner", seats_full_message(error))
    elif isinstance(error, ProfileRequired):
        form.add_error("owner", _("This contact has no submission profile yet, which the role "
                                  "Submit incidents needs. Choose one on their contact page "
                                  "first."))
    else:
        form.add_error(None, _("This hand-over is not possible."))


@requires(Capability.HAND_OVER_INCIDENTS)
def hand_over(request: ContactRequest, number: str) -> HttpResponse:
    """An administrator chooses a new owner for an open incident (R-INC-13)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    if not queries.may_hand_over(contact, incident):
        messages.error(request, _("Only an open incident can be handed over."))
        return redirect("incident_detail", incident.number)
    form = HandOverForm(request.POST or None, candidates=queries.hand_over_candidates(incident))
    if request.method == "POST" and form.is_valid():
        new_owner = form.cleaned_data["owner"]
        try:
            actions.hand_over_incident(actor=contact, incident=incident, to=new_owner, now=now())
        except (ContactError, actions.IncidentError) as error:
            _hand_over_refusal(form, error)
        else:
            messages.success(request, _("The incident has been handed over to %(name)s.")
                             % {"name": new_owner.user.get_full_name() or new_owner.user.email})
            return redirect("incident_detail", incident.number)
    return render(request, "incidents/hand_over.html", {"incident": incident, "form": form},
                  status=400 if request.method == "POST" else 200)


# R-MAIL-5: followers of an incident.

@require_POST
@_requires_incident_access
def add_follower(request: ContactRequest, number: str) -> HttpResponse:
    """The reporter or owner adds an active colleague as a follower (R-MAIL-5)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    if not queries.may_manage_followers(contact, incident):
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    form = FollowerForm(request.POST, candidates=queries.follower_candidates(incident))
    if not form.is_valid():
        typed = form.has_error("contact", "unknown_email")
        messages.error(request, str(form.errors["contact"][0]) if typed
                       else _("Choose a colleague from the list."))
        return redirect("incident_detail", incident.number)
    colleague = form.cleaned_data["contact"]
    try:
        followers.add_follower(actor=contact, incident=incident, contact=colleague, now=now())
    except followers.FollowRefused:
        messages.error(request, _("This colleague cannot be added as a follower."))
    else:
        messages.success(request, _("%(name)s now follows this incident.")
                         % {"name": colleague.user.get_full_name() or colleague.user.email})
    return redirect("incident_detail", incident.number)


@require_POST
@_requires_incident_access
def remove_follower(request: ContactRequest, number: str, pk: int) -> HttpResponse:
    """The reporter or owner removes a follower, or a follower stops following (R-MAIL-5)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    if pk != contact.pk and not queries.may_manage_followers(contact, incident):
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    follower = queries.contacts_of_incident_organisation(incident).filter(pk=pk).first()
    if follower is None:
        raise Http404
    try:
        followers.remove_follower(actor=contact, incident=incident, contact=follower, now=now())
    except followers.FollowRefused:
        messages.error(request, _("This colleague does not follow this incident."))
    else:
        messages.success(request, _("You no longer follow this incident.") if pk == contact.pk
                         else _("%(name)s no longer follows this incident.")
                         % {"name": follower.user.get_full_name() or follower.user.email})
    return redirect("incident_detail", incident.number)


@require_POST
@_requires_incident_access
def follow(request: ContactRequest, number: str) -> HttpResponse:
    """An administrator or viewer follows an incident of their organisation (R-MAIL-5)."""
    contact = request.portal.contact
    incident = queries.get_incident_for(contact, number)
    if not queries.may_follow(contact, incident):
        raise CapabilityDenied(Capability.VIEW_ALL_INCIDENTS)
    try:
        followers.follow(contact=contact, incident=incident, now=now())
    except followers.FollowRefused:
        messages.error(request, _("You follow this incident already."))
    else:
        messages.success(request, _("You follow this incident: its status changes and "
                                    "replies from support come to you by email."))
    return redirect("incident_detail", incident.number)


@csrf_exempt  # RFC 8058: the signed token is the proof (core.unsubscribe)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation and changes nothing; POST switches the kind of incident
    email off (R-MAIL-6). A bad link: 400 with a page that says so."""
    return unsubscribe_links.page(
        request, token, read_token=notifications.read_unsubscribe_token,
        switch_off=lambda contact, kind: notifications.unsubscribe(contact=contact, kind=kind),
        url_name="incident_unsubscribe", template="incidents/unsubscribe.html",
        context=lambda contact, kind: {
            "contact": contact, "kind": kind,
            "subscribed": notifications.is_subscribed(contact, kind)})
