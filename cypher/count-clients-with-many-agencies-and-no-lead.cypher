// How many clients at $asOf have no active lead and professionals of at least $minAgencies distinct agencies (the
// total of the clients-with-many-agencies-and-no-lead pages).
MATCH (person:Person)<-[involvement:INVOLVED_WITH]-(:Professional)
WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
WITH person, count(involvement) AS involvements, sum(CASE WHEN involvement.lead THEN 1 ELSE 0 END) AS leads
WHERE leads = 0 AND involvements >= $minAgencies
CALL (person) {
  OPTIONAL MATCH (person)<-[involvement:INVOLVED_WITH]-(:Professional)-[employment:WORKS_FOR]->(agency:Agency)
  WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
    AND employment.since <= date($asOf) AND (employment.until IS NULL OR employment.until > date($asOf))
  RETURN count(DISTINCT agency) AS agencies
}
WITH person
WHERE agencies >= $minAgencies
RETURN count(person) AS clients
