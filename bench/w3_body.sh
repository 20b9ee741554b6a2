# w3_body.sh - W3's request body (sourced, not run): a phone contact on an
# open youth justice case, dated today in the UK. A contact dated before its
# case started is refused (docs/dates-names-identifiers.md), and the demo's
# cases start at any time up to the day it was made, so a fixed date would
# fail the run.
W3_TODAY=$(TZ=Europe/London date +%F)
W3_BODY='{"case_id":{id},"contact_date":"'$W3_TODAY'","contact_type":"phone","summary":"Benchmark contact {n}: spoke with the young person about the plan."}'
