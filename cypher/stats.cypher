// Node counts per label and relationship counts per type (served from Neo4j's count store).
RETURN
  COUNT { (:Person) } AS persons,
  COUNT { (:Household) } AS households,
  COUNT { (:Professional) } AS professionals,
  COUNT { (:Agency) } AS agencies,
  COUNT { ()-[:MEMBER_OF]->() } AS memberOf,
  COUNT { ()-[:FAMILY]->() } AS family,
  COUNT { ()-[:WORKS_FOR]->() } AS worksFor,
  COUNT { ()-[:INVOLVED_WITH]->() } AS involvedWith,
  COUNT { ()-[:STATUS]->() } AS statuses,
  COUNT { ()-[:CONTACT]->() } AS contacts
