// Test fixture only: deletes every node and relationship of the test database, in batches, so a test starts from
// an empty store. Run as an implicit transaction (CALL ... IN TRANSACTIONS cannot run in an explicit one).
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
