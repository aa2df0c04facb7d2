// Which of the given nodes exist ($refs: a list of {kind, id}). The import checks ids with it before writing a
// batch, so a bad row is named before anything of its batch is written; the writes check ends with it.
UNWIND $refs AS ref
CALL (ref) {
  MATCH (node:Person {id: ref.id}) WHERE ref.kind = 'Person' RETURN node.id AS id
  UNION ALL
  MATCH (node:Household {id: ref.id}) WHERE ref.kind = 'Household' RETURN node.id AS id
  UNION ALL
  MATCH (node:Professional {id: ref.id}) WHERE ref.kind = 'Professional' RETURN node.id AS id
  UNION ALL
  MATCH (node:Agency {id: ref.id}) WHERE ref.kind = 'Agency' RETURN node.id AS id
}
RETURN ref.kind AS kind, id
