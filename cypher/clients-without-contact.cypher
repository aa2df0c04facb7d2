// One page of the clients at $asOf none of whose recorded (not planned) contacts falls from $recentFrom to the end
// of that day ($nextDayStart; both UTC instants), ordered by name ignoring case; with their latest recorded contact
// before then, or nulls when none is recorded.
MATCH (person:Person)<-[involvement:INVOLVED_WITH]-(:Professional)
WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
WITH DISTINCT person
WHERE NOT EXISTS {
  MATCH (person)<-[contact:CONTACT]-(:Professional)
  WHERE contact.planned = false AND contact.at >= datetime($recentFrom) AND contact.at < datetime($nextDayStart)
}
WITH person
ORDER BY toLower(person.familyName), toLower(person.givenName), person.id
SKIP $skip
LIMIT $take
CALL (person) {
  OPTIONAL MATCH (person)<-[contact:CONTACT]-(:Professional)
  WHERE contact.planned = false AND contact.at < datetime($nextDayStart)
  RETURN contact AS lastContact
  ORDER BY contact.at DESC
  LIMIT 1
}
RETURN person, lastContact.at AS lastAt, lastContact.kind AS lastKind
ORDER BY toLower(person.familyName), toLower(person.givenName), person.id
