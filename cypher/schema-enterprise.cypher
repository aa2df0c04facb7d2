// Extra guarantees that only Neo4j Enterprise (and Aura) enforce: property types, required properties and node
// keys. Apply after schema.cypher (the store does when Patchwork:Neo4j:EnterpriseSchema is true). Only what the
// bulk format always carries is required: rows loaded by neo4j-admin import have no recordedAt/recordedBy.

// Node keys. A node key is "unique" plus "exists". The uniqueness half is schema.cypher's person_id...
// constraints, which own the one index on each id; a NODE KEY on the same property would need a second index on
// the same schema and Neo4j refuses it. So the key is completed here with the existence half, and the id's type.
CREATE CONSTRAINT person_id_required IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS NOT NULL;
CREATE CONSTRAINT household_id_required IF NOT EXISTS FOR (n:Household) REQUIRE n.id IS NOT NULL;
CREATE CONSTRAINT professional_id_required IF NOT EXISTS FOR (n:Professional) REQUIRE n.id IS NOT NULL;
CREATE CONSTRAINT agency_id_required IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS NOT NULL;

CREATE CONSTRAINT person_id_type IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS :: STRING;
CREATE CONSTRAINT household_id_type IF NOT EXISTS FOR (n:Household) REQUIRE n.id IS :: STRING;
CREATE CONSTRAINT professional_id_type IF NOT EXISTS FOR (n:Professional) REQUIRE n.id IS :: STRING;
CREATE CONSTRAINT agency_id_type IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS :: STRING;

// Node properties: required ones exist; every one has the type the bulk format gives it.
CREATE CONSTRAINT person_date_of_birth_type IF NOT EXISTS FOR (n:Person) REQUIRE n.dateOfBirth IS :: DATE;
CREATE CONSTRAINT person_gender_type IF NOT EXISTS FOR (n:Person) REQUIRE n.gender IS :: STRING;
CREATE CONSTRAINT person_nhs_number_type IF NOT EXISTS FOR (n:Person) REQUIRE n.nhsNumber IS :: STRING;
CREATE CONSTRAINT household_name IF NOT EXISTS FOR (n:Household) REQUIRE n.name IS NOT NULL;
CREATE CONSTRAINT household_name_type IF NOT EXISTS FOR (n:Household) REQUIRE n.name IS :: STRING;
CREATE CONSTRAINT professional_given_name IF NOT EXISTS FOR (n:Professional) REQUIRE n.givenName IS NOT NULL;
CREATE CONSTRAINT professional_family_name IF NOT EXISTS FOR (n:Professional) REQUIRE n.familyName IS NOT NULL;
CREATE CONSTRAINT professional_email_type IF NOT EXISTS FOR (n:Professional) REQUIRE n.email IS :: STRING;
CREATE CONSTRAINT professional_roles_type IF NOT EXISTS FOR (n:Professional) REQUIRE n.roles IS :: LIST<STRING NOT NULL>;
CREATE CONSTRAINT agency_name IF NOT EXISTS FOR (n:Agency) REQUIRE n.name IS NOT NULL;
CREATE CONSTRAINT agency_kind IF NOT EXISTS FOR (n:Agency) REQUIRE n.kind IS NOT NULL;
CREATE CONSTRAINT agency_sensitive_type IF NOT EXISTS FOR (n:Agency) REQUIRE n.sensitive IS :: BOOLEAN;

// Relationships: every one has a start date; dates are dates, instants are zoned datetimes.
CREATE CONSTRAINT member_of_since IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.since IS NOT NULL;
CREATE CONSTRAINT member_of_since_type IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.since IS :: DATE;
CREATE CONSTRAINT member_of_until_type IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.until IS :: DATE;
CREATE CONSTRAINT family_since IF NOT EXISTS FOR ()-[r:FAMILY]-() REQUIRE r.since IS NOT NULL;
CREATE CONSTRAINT family_since_type IF NOT EXISTS FOR ()-[r:FAMILY]-() REQUIRE r.since IS :: DATE;
CREATE CONSTRAINT family_until_type IF NOT EXISTS FOR ()-[r:FAMILY]-() REQUIRE r.until IS :: DATE;
CREATE CONSTRAINT family_kind IF NOT EXISTS FOR ()-[r:FAMILY]-() REQUIRE r.kind IS NOT NULL;
CREATE CONSTRAINT works_for_since IF NOT EXISTS FOR ()-[r:WORKS_FOR]-() REQUIRE r.since IS NOT NULL;
CREATE CONSTRAINT works_for_since_type IF NOT EXISTS FOR ()-[r:WORKS_FOR]-() REQUIRE r.since IS :: DATE;
CREATE CONSTRAINT works_for_until_type IF NOT EXISTS FOR ()-[r:WORKS_FOR]-() REQUIRE r.until IS :: DATE;
CREATE CONSTRAINT involved_with_since_required IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() REQUIRE r.since IS NOT NULL;
CREATE CONSTRAINT involved_with_since_type IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() REQUIRE r.since IS :: DATE;
CREATE CONSTRAINT involved_with_until_type IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() REQUIRE r.until IS :: DATE;
CREATE CONSTRAINT involved_with_role IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() REQUIRE r.role IS NOT NULL;
CREATE CONSTRAINT involved_with_lead_type IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() REQUIRE r.lead IS :: BOOLEAN;
CREATE CONSTRAINT involved_with_sensitive_type IF NOT EXISTS FOR ()-[r:INVOLVED_WITH]-() REQUIRE r.sensitive IS :: BOOLEAN;
CREATE CONSTRAINT contact_at_required IF NOT EXISTS FOR ()-[r:CONTACT]-() REQUIRE r.at IS NOT NULL;
CREATE CONSTRAINT contact_at_type IF NOT EXISTS FOR ()-[r:CONTACT]-() REQUIRE r.at IS :: ZONED DATETIME;
CREATE CONSTRAINT contact_planned_type IF NOT EXISTS FOR ()-[r:CONTACT]-() REQUIRE r.planned IS :: BOOLEAN;
