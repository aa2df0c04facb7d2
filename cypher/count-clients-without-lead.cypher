// How many clients at $asOf have no active lead involvement (the total of the clients-without-lead pages).
MATCH (person:Person)<-[involvement:INVOLVED_WITH]-(:Professional)
WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
WITH person, sum(CASE WHEN involvement.lead THEN 1 ELSE 0 END) AS leads
WHERE leads = 0
RETURN count(person) AS clients
