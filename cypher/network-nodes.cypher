// Open network / expand, the end: the details of the nodes kept under the cap. $refs is a list of {kind, id}
// with kind one of Person, Household, Professional, Agency; each branch seeks the id index of its label.
UNWIND $refs AS ref
CALL (ref) {
  MATCH (node:Person {id: ref.id}) WHERE ref.kind = 'Person' RETURN node
  UNION ALL
  MATCH (node:Household {id: ref.id}) WHERE ref.kind = 'Household' RETURN node
  UNION ALL
  MATCH (node:Professional {id: ref.id}) WHERE ref.kind = 'Professional' RETURN node
  UNION ALL
  MATCH (node:Agency {id: ref.id}) WHERE ref.kind = 'Agency' RETURN node
}
RETURN ref.kind AS kind, node
