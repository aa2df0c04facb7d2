// One page of the planned contacts from $firstDayStart to $lastDayEnd (UTC instants: the start of the first day and
// the end of the last), by time, then the person's name ignoring case, the person's id and the professional's id;
// with the agency the professional works for on the contact's day (the latest started, when several) and whether
// that agency or the involvement active that day is a sensitive service.
MATCH (professional:Professional)-[contact:CONTACT]->(person:Person)
WHERE contact.planned = true AND contact.at >= datetime($firstDayStart) AND contact.at < datetime($lastDayEnd)
WITH professional, contact, person, date(contact.at) AS day
ORDER BY contact.at, toLower(person.familyName), toLower(person.givenName), person.id, professional.id
SKIP $skip
LIMIT $take
CALL (professional, day) {
  OPTIONAL MATCH (professional)-[employment:WORKS_FOR]->(agency:Agency)
  WHERE employment.since <= day AND (employment.until IS NULL OR employment.until > day)
  RETURN agency
  ORDER BY employment.since DESC
  LIMIT 1
}
CALL (professional, person, day) {
  OPTIONAL MATCH (professional)-[involvement:INVOLVED_WITH]->(person)
  WHERE involvement.sensitive = true AND involvement.since <= day AND (involvement.until IS NULL OR involvement.until > day)
  RETURN count(involvement) > 0 AS sensitiveInvolvement
}
RETURN person, professional, agency, contact.at AS at, contact.kind AS kind,
  coalesce(agency.sensitive, false) OR sensitiveInvolvement AS sensitive
ORDER BY at, toLower(person.familyName), toLower(person.givenName), person.id, professional.id
