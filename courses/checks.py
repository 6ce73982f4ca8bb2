"""System check (R-GATE-4): every submission profile needs a starter course, or its new
submitters stay blocked. It reads the database, so it runs with ``check --database default``
and before ``migrate``, not at every start."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database)
def starter_course_per_profile(app_configs=None, databases=None, **kwargs) -> list[Warning]:
    if not databases or "default" not in databases:
        return []
    from .gate import profiles_without_course

    try:
        missing = profiles_without_course()
    except DatabaseError:  # the tables do not exist yet (a fresh database before migrate)
        return []
    return [Warning(f"No starter course is set for the submission profile {profile!r}: new "
                    "contacts with it cannot submit incidents (R-GATE-4).",
                    hint="Set one in the admin: Courses › Starter courses per submission profile.",
                    obj="courses.StarterCourseRequirement", id="courses.W001")
            for profile in missing]
