// One page of the clients at $asOf with no active lead whose active involvements come from professionals of at
// least $minAgencies distinct agencies (each professional's agency by their WORKS_FOR active that day), ordered by
// name ignoring case; with how many involvements and agencies. The agency count stops at the agency.
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
WITH person, involvements, agencies
WHERE agencies >= $minAgencies
RETURN person, involvements, agencies
ORDER BY toLower(person.familyName), toLower(person.givenName), person.id
SKIP $skip
LIMIT $take
