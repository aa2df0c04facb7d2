// Patchwork's schema for Neo4j Community and Enterprise (5.26 or later). Every statement is idempotent
// (IF NOT EXISTS): the store runs this file on every start, and the test fixture after each wipe.

// One id per label: ids are unique within a kind's own id space, as in the bulk format (id:ID(Person)...).
// Each uniqueness constraint also gives the index that every lookup by id uses.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT household_id IF NOT EXISTS FOR (n:Household) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT professional_id IF NOT EXISTS FOR (n:Professional) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;

// Search by date of birth.
CREATE INDEX person_date_of_birth IF NOT EXISTS FOR (n:Person) ON (n.dateOfBirth);

// The signed-in professional is found by email; the match ignores case, so this index serves exact look-ups
// and keeps the scan for the case-insensitive one to the professionals that have an email.
CREATE INDEX professional_email IF NOT EXISTS FOR (n:Professional) ON (n.email);

// Name search: word prefixes over every kind's name, accents folded as the embedded store does.
CREATE FULLTEXT INDEX patchwork_names IF NOT EXISTS
FOR (n:Person|Household|Professional|Agency) ON EACH [n.givenName, n.familyName, n.name]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } };

// "Clients without a lead" reads every active involvement; a range index on its dates lets the planner skip the
// ended ones. Contacts are read newest first for a team's last contact and next visit.
CREATE INDEX involved_with_since IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() ON (r.since);
CREATE INDEX involved_with_lead IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() ON (r.lead);
CREATE INDEX contact_at IF NOT EXISTS FOR ()-[r:CONTACT]-() ON (r.at);
// The coordinator's "lead ended in the last 30 days" starts from the leads that ended in that window.
CREATE INDEX involved_with_until IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() ON (r.until);

// New indexes populate in the background; wait, so the first search after a start sees every name.
CALL db.awaitIndexes(300);
