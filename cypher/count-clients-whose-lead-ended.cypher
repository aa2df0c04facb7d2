// How many clients at $asOf have no active lead and a lead involvement that ended from $endedSince to $asOf (the
// total of the clients-whose-lead-ended pages).
MATCH (person:Person)<-[ended:INVOLVED_WITH]-(:Professional)
WHERE ended.lead = true AND ended.until >= date($endedSince) AND ended.until <= date($asOf)
WITH DISTINCT person
CALL (person) {
  MATCH (person)<-[involvement:INVOLVED_WITH]-(:Professional)
  WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
  RETURN count(involvement) AS involvements, sum(CASE WHEN involvement.lead THEN 1 ELSE 0 END) AS leads
}
WITH person
WHERE involvements > 0 AND leads = 0
RETURN count(person) AS clients
