"""Issue 15: the incident list's search (the text anywhere in the subject or description) can
use trigram indexes on PostgreSQL instead of reading every incident (migration 0012)."""

from __future__ import annotations

import pytest
from django.db import connection

from incidents.forms import IncidentFilter
from incidents.models import Incident
from tests.incidents.factories import make_incident

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _plan(queryset, *, sort: bool = True) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Too few rows for the planner to prefer an index on its own: forbid the alternative
        # (a scan; with ``sort=False`` also another index and a sort).
        cursor.execute("SET LOCAL enable_seqscan = off")
        if not sort:
            cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_search_is_served_by_the_trigram_indexes(cast):
    make_incident(cast.submitter, "Btw-aangifte blijft hangen")
    found = IncidentFilter({"q": "aangifte"}, queryset=Incident.objects.order_by()).qs
    assert [incident.subject for incident in found] == ["Btw-aangifte blijft hangen"]
    plan = _plan(found)
    assert "incident_subject_trgm" in plan and "incident_description_trgm" in plan, plan
    assert "Seq Scan" not in plan, plan


def test_a_page_of_the_list_picks_its_ids_from_the_index(cast):
    """Issue 15: the list's id subquery (NarrowPaginator) reads ``incident_org_newest`` in
    the list's order instead of sorting every incident of the organisation."""
    from incidents.queries import incident_list_for

    make_incident(cast.submitter)
    ids = incident_list_for(cast.administrator).values("pk")[25:50]
    plan = _plan(ids, sort=False)
    assert "incident_org_newest" in plan and "Sort" not in plan, plan


def test_a_contact_without_the_organisation_role_gets_their_incidents_by_index(cast):
    """Issue 15: the followed ids are read once (an InitPlan whose array is an index
    condition, so PostgreSQL can OR it with the reporter and owner indexes), not a subquery
    per incident of the organisation (35-80 ms on a dashboard at 50,000 incidents)."""
    from incidents import followers
    from incidents.queries import incidents_visible_to

    mine = make_incident(cast.submitter)
    followed = make_incident(cast.expert)
    make_incident(cast.expert)
    followers.add_follower(actor=cast.expert, incident=followed, contact=cast.submitter)
    visible = incidents_visible_to(cast.submitter)
    assert set(visible) == {mine, followed}
    plan = _plan(visible.order_by())
    assert "InitPlan" in plan and "SubPlan" not in plan, plan
    assert "id = ANY ($0)" in plan, plan
