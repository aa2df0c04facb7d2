// The statuses of given people ($personIds) active at $asOf, each with the agency responsible for it. The
// pattern ends at the agency: nothing is reached through it.
UNWIND $personIds AS personId
MATCH (person:Person {id: personId})<-[status:STATUS]-(agency:Agency)
WHERE status.since <= date($asOf) AND (status.until IS NULL OR status.until > date($asOf))
RETURN personId, status, agency
ORDER BY personId, status.since, agency.id
