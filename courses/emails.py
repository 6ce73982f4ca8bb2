from __future__ import annotations

from django.urls import reverse

from contacts.emails import portal_url, send_templated

from .models import Enrolment


def send_promotion(enrolment_id: int) -> int:
    enrolment = (Enrolment.objects.select_related("contact__user", "event__course")
                 .get(pk=enrolment_id))
    return send_templated(template="courses/email/promoted", to=enrolment.contact.user.email,
                          language=enrolment.contact.language,
                          context={"enrolment": enrolment, "event": enrolment.event,
                                   "course": enrolment.event.course,
                                   "link": portal_url(reverse("my_courses"))})
