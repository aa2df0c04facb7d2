// One page of the clients at $asOf (people with an active involvement) none of whose active involvements is a
// lead, ordered by name ignoring case; with how many involvements they have and how many agencies those
// professionals work for that day. The agency count stops at the agency: it never goes through one.
MATCH (person:Person)<-[involvement:INVOLVED_WITH]-(:Professional)
WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
WITH person, count(involvement) AS involvements, sum(CASE WHEN involvement.lead THEN 1 ELSE 0 END) AS leads
WHERE leads = 0
WITH person, involvements
ORDER BY toLower(person.familyName), toLower(person.givenName), person.id
SKIP $skip
LIMIT $take
CALL (person) {
  OPTIONAL MATCH (person)<-[involvement:INVOLVED_WITH]-(:Professional)-[employment:WORKS_FOR]->(agency:Agency)
  WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
    AND employment.since <= date($asOf) AND (employment.until IS NULL OR employment.until > date($asOf))
  RETURN count(DISTINCT agency) AS agencies
}
RETURN person, involvements, agencies
ORDER BY toLower(person.familyName), toLower(person.givenName), person.id
