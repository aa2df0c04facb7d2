// Every status of one person ($personId), whatever its dates, each with the agency responsible, by start date: what
// a new status must not overlap. The pattern ends at the agency: nothing is reached through it.
MATCH (person:Person {id: $personId})<-[status:STATUS]-(agency:Agency)
RETURN status, agency
ORDER BY status.since, agency.id
