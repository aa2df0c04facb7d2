// Find one node by kind ($kind: Person, Household, Professional or Agency) and id. No row: there is none.
CALL () {
  MATCH (node:Person {id: $id}) WHERE $kind = 'Person' RETURN node
  UNION ALL
  MATCH (node:Household {id: $id}) WHERE $kind = 'Household' RETURN node
  UNION ALL
  MATCH (node:Professional {id: $id}) WHERE $kind = 'Professional' RETURN node
  UNION ALL
  MATCH (node:Agency {id: $id}) WHERE $kind = 'Agency' RETURN node
}
RETURN node
LIMIT 1
