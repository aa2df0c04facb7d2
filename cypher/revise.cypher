// Move a person's network revision on by one, the last statement of a change set's transaction, if it is still
// $expected (null: the change cannot conflict). Setting a property first takes the person's write lock, so the
// revision is read only once no other transaction can change it (the lost-update pattern in Neo4j's manual on
// concurrent data access). Row: applied, and the revision now (the other writer's, when not applied).
MATCH (person:Person {id: $personId})
SET person._LOCK_ = true
WITH person, coalesce(person.revision, 0) AS current
WITH person, current, ($expected IS NULL OR current = $expected) AS applied
CALL (person, current, applied) {
  WITH * WHERE applied
  SET person.revision = current + 1, person.revisedAt = datetime($at), person.revisedBy = $by
}
REMOVE person._LOCK_
RETURN applied, coalesce(person.revision, 0) AS revision, person.revisedBy AS revisedBy, person.revisedAt AS revisedAt
