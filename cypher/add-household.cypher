// Add a household, unless one with the id exists.
OPTIONAL MATCH (existing:Household {id: $id})
CALL (existing) {
  WITH existing WHERE existing IS NULL
  CREATE (:Household {id: $id, name: $name, address: $address, postcode: $postcode})
}
RETURN existing IS NOT NULL AS alreadyExists
