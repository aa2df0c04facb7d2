// How many clients at $asOf have no recorded contact from $recentFrom to the end of that day ($nextDayStart) (the
// total of the clients-without-contact pages).
MATCH (person:Person)<-[involvement:INVOLVED_WITH]-(:Professional)
WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
WITH DISTINCT person
WHERE NOT EXISTS {
  MATCH (person)<-[contact:CONTACT]-(:Professional)
  WHERE contact.planned = false AND contact.at >= datetime($recentFrom) AND contact.at < datetime($nextDayStart)
}
RETURN count(person) AS clients
