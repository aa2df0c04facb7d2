// Which of the given relationships are already recorded ($keys: a list of {type, fromId, toId, since}, type one
// of MEMBER_OF, FAMILY, WORKS_FOR, INVOLVED_WITH, STATUS). The import checks a batch with it before writing it.
UNWIND $keys AS key
CALL (key) {
  WITH key WHERE key.type = 'MEMBER_OF'
  MATCH (:Person {id: key.fromId})-[relationship:MEMBER_OF {since: date(key.since)}]->(:Household {id: key.toId})
  RETURN count(relationship) AS found
  UNION ALL
  WITH key WHERE key.type = 'FAMILY'
  MATCH (:Person {id: key.fromId})-[relationship:FAMILY {since: date(key.since)}]->(:Person {id: key.toId})
  RETURN count(relationship) AS found
  UNION ALL
  WITH key WHERE key.type = 'WORKS_FOR'
  MATCH (:Professional {id: key.fromId})-[relationship:WORKS_FOR {since: date(key.since)}]->(:Agency {id: key.toId})
  RETURN count(relationship) AS found
  UNION ALL
  WITH key WHERE key.type = 'INVOLVED_WITH'
  MATCH (:Professional {id: key.fromId})-[relationship:INVOLVED_WITH {since: date(key.since)}]->(:Person {id: key.toId})
  RETURN count(relationship) AS found
  UNION ALL
  WITH key WHERE key.type = 'STATUS'
  MATCH (:Agency {id: key.fromId})-[relationship:STATUS {since: date(key.since)}]->(:Person {id: key.toId})
  RETURN count(relationship) AS found
}
WITH key, sum(found) AS found
WHERE found > 0
RETURN key.type AS type, key.fromId AS fromId, key.toId AS toId, key.since AS since
