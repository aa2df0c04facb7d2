// Add an agency, unless one with the id exists.
OPTIONAL MATCH (existing:Agency {id: $id})
CALL (existing) {
  WITH existing WHERE existing IS NULL
  CREATE (:Agency {id: $id, name: $name, kind: $kind, phone: $phone, sensitive: $sensitive, outOfHoursPhone: $outOfHoursPhone})
}
RETURN existing IS NOT NULL AS alreadyExists
