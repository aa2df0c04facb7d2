// A person's team at $asOf: each active involvement with its professional, the agency and team the professional
// works in that day (the latest started, when several), the last contact that happened up to the end of the day
// and the next planned contact from the start of the day ($dayStart, $nextDayStart: UTC instants).
// No row at all: there is no such person. One row with a null professional: the person has no team.
MATCH (person:Person {id: $personId})
OPTIONAL MATCH (person)<-[involvement:INVOLVED_WITH]-(professional:Professional)
WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
CALL (professional) {
  OPTIONAL MATCH (professional)-[employment:WORKS_FOR]->(agency:Agency)
  WHERE employment.since <= date($asOf) AND (employment.until IS NULL OR employment.until > date($asOf))
  RETURN employment, agency
  ORDER BY employment.since DESC
  LIMIT 1
}
CALL (person, professional) {
  OPTIONAL MATCH (professional)-[contact:CONTACT]->(person)
  WHERE contact.planned = false AND contact.at < datetime($nextDayStart)
  RETURN contact AS lastContact
  ORDER BY contact.at DESC
  LIMIT 1
}
CALL (person, professional) {
  OPTIONAL MATCH (professional)-[contact:CONTACT]->(person)
  WHERE contact.planned = true AND contact.at >= datetime($dayStart)
  RETURN contact AS nextVisit
  ORDER BY contact.at
  LIMIT 1
}
RETURN professional, involvement, agency, employment.team AS team,
  lastContact.at AS lastAt, lastContact.kind AS lastKind, lastContact.seen AS lastSeen, lastContact.seenAlone AS lastSeenAlone,
  nextVisit.at AS nextAt, nextVisit.kind AS nextKind
