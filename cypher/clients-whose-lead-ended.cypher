// One page of the clients at $asOf (people with an active involvement) with no active lead whose most recent lead
// involvement ended from $endedSince to $asOf (both included), ordered by name ignoring case; with that lead: the
// day it ended, the professional and their role. Of two leads that ended the same day, the later started, then the
// lower professional id.
MATCH (person:Person)<-[ended:INVOLVED_WITH]-(lead:Professional)
WHERE ended.lead = true AND ended.until >= date($endedSince) AND ended.until <= date($asOf)
WITH person, ended, lead
ORDER BY ended.until DESC, ended.since DESC, lead.id
WITH person, collect({until: ended.until, role: ended.role, lead: lead})[0] AS last
CALL (person) {
  MATCH (person)<-[involvement:INVOLVED_WITH]-(:Professional)
  WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
  RETURN count(involvement) AS involvements, sum(CASE WHEN involvement.lead THEN 1 ELSE 0 END) AS leads
}
WITH person, last
WHERE involvements > 0 AND leads = 0
RETURN person, last.until AS leadEnded, last.lead AS lead, last.role AS role
ORDER BY toLower(person.familyName), toLower(person.givenName), person.id
SKIP $skip
LIMIT $take
