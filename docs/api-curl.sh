#!/bin/sh
# A session with the Klantportal REST API (R-API-1) using nothing but curl and a shell.
#
# 1. Make a personal access token on /profile/ ("API tokens"): a name and a date until which
#    it is valid (at most a year). Copy it: it is shown only once.
# 2. Run:  KP_TOKEN=kp_… KP_URL=https://portal.example sh docs/api-curl.sh
#
# The token acts as you, in the organisation that was active when you made it, with your
# roles: submitting needs the role "Submit incidents" (and the starter course). Every error
# is RFC 9457 problem details (application/problem+json); the schema is at /api/schema/,
# the docs at /api/docs/. The test suite runs this script (tests/api/test_curl_script.py).
set -eu

: "${KP_TOKEN:?Set KP_TOKEN to a personal access token from /profile/}"
KP_URL="${KP_URL:-http://127.0.0.1:8000}"
API="$KP_URL/api/v1"

# Every call: the token as a Bearer token; fail on an HTTP error, showing the problem.
call() {
  curl --silent --show-error --fail-with-body \
       --header "Authorization: Bearer $KP_TOKEN" --header "Accept: application/json" "$@"
}

# Reads one top-level field of the JSON on stdin (python3, to need no jq).
field() {
  python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

echo "== Who am I"
call "$API/me/"
echo

echo "== Submit an incident"
created=$(call --request POST "$API/incidents/" --header "Content-Type: application/json" \
  --data '{"subject": "Journaalpost blijft hangen", "description": "Na het boeken draait het wiel.", "incident_type": "fault", "product_area": "finance", "environment": "production"}')
number=$(printf '%s' "$created" | field number)
echo "Incident $number submitted"

echo "== Reply on it"
call --request POST "$API/incidents/$number/messages/" --header "Content-Type: application/json" \
  --data '{"body": "Het gebeurt ook in de testomgeving."}' > /dev/null
echo "Reply added"

echo "== Its status"
status=$(call "$API/incidents/$number/" | field status)
echo "Incident $number: $status"
