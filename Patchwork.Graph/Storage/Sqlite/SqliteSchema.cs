using Microsoft.Data.Sqlite;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// The embedded store's schema, as numbered migrations recorded in PRAGMA user_version.
/// Dates are stored as day numbers and instants as Unix milliseconds (UTC), so "active at D" is an integer compare.
/// Relationship tables are keyed by their natural identity (ends and start date) and carry a second index on the
/// other end, so every question walks an index from the person it starts at.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE person(
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            given_name TEXT NOT NULL,
            family_name TEXT NOT NULL,
            date_of_birth INTEGER,
            gender INTEGER NOT NULL,
            nhs_number TEXT);
        CREATE INDEX person_name ON person(family_name COLLATE NOCASE, given_name COLLATE NOCASE, id);
        CREATE INDEX person_date_of_birth ON person(date_of_birth);

        CREATE TABLE household(
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            address TEXT,
            postcode TEXT);

        CREATE TABLE professional(
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            given_name TEXT NOT NULL,
            family_name TEXT NOT NULL,
            job_title TEXT,
            phone TEXT,
            email TEXT,
            roles TEXT NOT NULL);
        CREATE INDEX professional_email ON professional(email COLLATE NOCASE);

        CREATE TABLE agency(
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            phone TEXT,
            sensitive INTEGER NOT NULL);

        CREATE TABLE member_of(
            person INTEGER NOT NULL REFERENCES person(key),
            household INTEGER NOT NULL REFERENCES household(key),
            since INTEGER NOT NULL,
            until INTEGER,
            recorded_at INTEGER NOT NULL,
            recorded_by TEXT NOT NULL,
            ended_at INTEGER,
            ended_by TEXT,
            PRIMARY KEY(person, household, since)) WITHOUT ROWID;
        CREATE INDEX member_of_household ON member_of(household, person, since, until);

        CREATE TABLE family(
            from_person INTEGER NOT NULL REFERENCES person(key),
            to_person INTEGER NOT NULL REFERENCES person(key),
            since INTEGER NOT NULL,
            until INTEGER,
            kind INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            recorded_by TEXT NOT NULL,
            ended_at INTEGER,
            ended_by TEXT,
            PRIMARY KEY(from_person, to_person, since)) WITHOUT ROWID;
        CREATE INDEX family_to ON family(to_person, from_person, since, until, kind);

        CREATE TABLE works_for(
            professional INTEGER NOT NULL REFERENCES professional(key),
            agency INTEGER NOT NULL REFERENCES agency(key),
            since INTEGER NOT NULL,
            until INTEGER,
            team TEXT,
            recorded_at INTEGER NOT NULL,
            recorded_by TEXT NOT NULL,
            ended_at INTEGER,
            ended_by TEXT,
            PRIMARY KEY(professional, agency, since)) WITHOUT ROWID;
        CREATE INDEX works_for_agency ON works_for(agency, since, until);

        CREATE TABLE involved_with(
            person INTEGER NOT NULL REFERENCES person(key),
            professional INTEGER NOT NULL REFERENCES professional(key),
            since INTEGER NOT NULL,
            until INTEGER,
            role TEXT NOT NULL,
            lead INTEGER NOT NULL,
            sensitive INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            recorded_by TEXT NOT NULL,
            ended_at INTEGER,
            ended_by TEXT,
            PRIMARY KEY(person, professional, since)) WITHOUT ROWID;
        CREATE INDEX involved_with_professional ON involved_with(professional, person, since);

        CREATE TABLE contact(
            key INTEGER PRIMARY KEY,
            professional INTEGER NOT NULL REFERENCES professional(key),
            person INTEGER NOT NULL REFERENCES person(key),
            at INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            planned INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            recorded_by TEXT NOT NULL);
        CREATE INDEX contact_person ON contact(person, professional, planned, at);

        CREATE VIRTUAL TABLE name_index USING fts5(
            name,
            kind UNINDEXED,
            id UNINDEXED,
            detail UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '1 2 3');
        """,
        """
        CREATE TABLE audit(
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            person_ids TEXT NOT NULL,
            reason TEXT,
            details TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL);
        CREATE TABLE audit_person(
            person_id TEXT NOT NULL,
            seq INTEGER NOT NULL REFERENCES audit(seq),
            PRIMARY KEY(person_id, seq)) WITHOUT ROWID;
        -- Append-only: Patchwork never changes or removes an audit record. Anyone who goes round these
        -- triggers still breaks the hash chain, which `patchwork audit verify` reports.
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

        CREATE TABLE break_glass(
            id INTEGER PRIMARY KEY,
            professional_id TEXT NOT NULL,
            professional_name TEXT NOT NULL,
            person_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            granted_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            reviewed_by TEXT,
            reviewed_at INTEGER,
            review_note TEXT);
        CREATE INDEX break_glass_holder ON break_glass(professional_id, person_id, expires_at);
        CREATE INDEX break_glass_review ON break_glass(reviewed_at, granted_at);
        """,
        // Filled from the involvements by NoLeadChanges.Rebuild in the same transaction (see Migrate).
        """
        CREATE TABLE no_lead_change(
            day INTEGER PRIMARY KEY,
            delta INTEGER NOT NULL);
        """,
        // A network's revision, for refusing stale writes; invitations into a team; concerns raised about a client.
        """
        ALTER TABLE person ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE person ADD COLUMN revised_at INTEGER;
        ALTER TABLE person ADD COLUMN revised_by TEXT;

        CREATE TABLE invitation(
            id INTEGER PRIMARY KEY,
            person_id TEXT NOT NULL,
            professional_id TEXT NOT NULL,
            role TEXT NOT NULL,
            message TEXT,
            invited_by TEXT NOT NULL,
            invited_by_name TEXT NOT NULL,
            invited_at INTEGER NOT NULL,
            status INTEGER NOT NULL,
            responded_at INTEGER);
        CREATE INDEX invitation_invitee ON invitation(professional_id, status);
        CREATE INDEX invitation_person ON invitation(person_id, status);

        CREATE TABLE concern(
            id INTEGER PRIMARY KEY,
            person_id TEXT NOT NULL,
            raised_by TEXT NOT NULL,
            raised_by_name TEXT NOT NULL,
            agency_id TEXT,
            agency_name TEXT,
            raised_at INTEGER NOT NULL,
            note TEXT NOT NULL);
        CREATE INDEX concern_person ON concern(person_id, raised_at);
        CREATE INDEX concern_raised_at ON concern(raised_at);
        """,
        // The coordinator's lists. Partial indexes keep only the rows each list starts from: leads that ended (by
        // end date), recorded contacts per person (by time) and planned contacts (by time).
        """
        CREATE INDEX involved_with_lead_ended ON involved_with(until, person) WHERE lead = 1 AND until IS NOT NULL;
        CREATE INDEX contact_recorded ON contact(person, at) WHERE planned = 0;
        CREATE INDEX contact_planned ON contact(at) WHERE planned = 1;
        """,
        // Signed-in sessions: the cookie carries only the key; the protected ticket is kept here, so ending a session
        // (signing out, timing out, an administrator) ends it for every copy of the cookie and on every app server.
        """
        CREATE TABLE user_session(
            key TEXT PRIMARY KEY,
            professional_id TEXT,
            name TEXT NOT NULL,
            email TEXT,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            ended_at INTEGER,
            end_reason TEXT,
            ticket BLOB NOT NULL);
        CREATE INDEX user_session_professional ON user_session(professional_id, ended_at);
        CREATE INDEX user_session_open ON user_session(ended_at, created_at);
        """,
        // Identity links: the account at each identity provider that a professional signs in with.
        """
        CREATE TABLE identity_link(
            issuer TEXT NOT NULL,
            subject TEXT NOT NULL,
            professional_id TEXT NOT NULL,
            email TEXT NOT NULL,
            linked_at INTEGER NOT NULL,
            PRIMARY KEY(issuer, subject));
        CREATE UNIQUE INDEX identity_link_professional ON identity_link(professional_id, issuer);
        """,
        // The change log (which network reached which revision, numbered) and the data-protection key ring.
        """
        CREATE TABLE change_log(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            person_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            changed_by TEXT,
            changed_at INTEGER,
            logged_at INTEGER NOT NULL);
        CREATE TABLE data_protection_key(
            id INTEGER PRIMARY KEY,
            friendly_name TEXT NOT NULL,
            xml TEXT NOT NULL);
        """,
        // A person's statutory status (child protection plan, looked after...) from the agency responsible, which
        // gains an out-of-hours number; whether a contact saw the child, and saw them alone (NULL: not applicable).
        """
        ALTER TABLE agency ADD COLUMN out_of_hours_phone TEXT;

        CREATE TABLE status(
            person INTEGER NOT NULL REFERENCES person(key),
            agency INTEGER NOT NULL REFERENCES agency(key),
            since INTEGER NOT NULL,
            until INTEGER,
            status TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            recorded_by TEXT NOT NULL,
            ended_at INTEGER,
            ended_by TEXT,
            PRIMARY KEY(person, agency, since)) WITHOUT ROWID;

        ALTER TABLE contact ADD COLUMN seen INTEGER;
        ALTER TABLE contact ADD COLUMN seen_alone INTEGER;
        """,
        // The identity provider's session id of each session, so a logout from the provider naming it ends exactly
        // the sessions it started (older sessions have none and are ended by subject).
        """
        ALTER TABLE user_session ADD COLUMN sid TEXT;
        CREATE INDEX user_session_sid ON user_session(sid) WHERE sid IS NOT NULL;
        """,
        // Feed messages from other systems, one per client and source id: a replay gets the first answer, an older
        // message never replaces a newer one, and a message naming an unknown NHS number waits here for a coordinator.
        """
        CREATE TABLE feed_message(
            id INTEGER PRIMARY KEY,
            client_id TEXT NOT NULL,
            agency_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            message_time INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            body TEXT NOT NULL,
            state INTEGER NOT NULL,
            answer_status INTEGER NOT NULL,
            answer_body TEXT NOT NULL,
            nhs_number TEXT,
            received_at INTEGER NOT NULL,
            decided_by TEXT,
            decided_at INTEGER,
            UNIQUE(client_id, source_id));
        CREATE INDEX feed_message_held ON feed_message(received_at) WHERE state = 1;
        """,
        // Every answer the feed gave, by client, source id and the message's fingerprint, so a replay gets its own
        // first answer even after a later message for the same source id; and the claim a request holds on a source
        // id while it applies a message, so two servers never apply the same message twice.
        """
        CREATE TABLE feed_answer(
            client_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            answer_status INTEGER NOT NULL,
            answer_body TEXT NOT NULL,
            answered_at INTEGER NOT NULL,
            PRIMARY KEY(client_id, source_id, fingerprint)) WITHOUT ROWID;
        INSERT INTO feed_answer(client_id, source_id, fingerprint, answer_status, answer_body, answered_at)
            SELECT client_id, source_id, fingerprint, answer_status, answer_body, received_at FROM feed_message;

        CREATE TABLE feed_claim(
            client_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            claimed_at INTEGER NOT NULL,
            PRIMARY KEY(client_id, source_id)) WITHOUT ROWID;
        """,
    ];

    /// <summary>
    /// The secondary indexes of the graph tables, exactly as the migrations made them. A bulk import into an
    /// empty store drops them and builds each once at the end, in the same transaction: one sorted build instead
    /// of millions of inserts in random order. A test checks these match what the migrations leave.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Create)> BulkIndexes =
    [
        ("person_name", "CREATE INDEX person_name ON person(family_name COLLATE NOCASE, given_name COLLATE NOCASE, id)"),
        ("person_date_of_birth", "CREATE INDEX person_date_of_birth ON person(date_of_birth)"),
        ("professional_email", "CREATE INDEX professional_email ON professional(email COLLATE NOCASE)"),
        ("member_of_household", "CREATE INDEX member_of_household ON member_of(household, person, since, until)"),
        ("family_to", "CREATE INDEX family_to ON family(to_person, from_person, since, until, kind)"),
        ("works_for_agency", "CREATE INDEX works_for_agency ON works_for(agency, since, until)"),
        ("involved_with_professional", "CREATE INDEX involved_with_professional ON involved_with(professional, person, since)"),
        ("contact_person", "CREATE INDEX contact_person ON contact(person, professional, planned, at)"),
        ("involved_with_lead_ended", "CREATE INDEX involved_with_lead_ended ON involved_with(until, person) WHERE lead = 1 AND until IS NOT NULL"),
        ("contact_recorded", "CREATE INDEX contact_recorded ON contact(person, at) WHERE planned = 0"),
        ("contact_planned", "CREATE INDEX contact_planned ON contact(at) WHERE planned = 1"),
    ];

    public static int Version => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        var current = UserVersion(connection, transaction: null);
        while (current < Migrations.Length)
        {
            // The write lock first, then the version: another process may have migrated while this one waited.
            using var transaction = connection.BeginTransaction(deferred: false);
            current = UserVersion(connection, transaction);
            if (current >= Migrations.Length)
            {
                break;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[(int)current] + $"\nPRAGMA user_version = {current + 1};";
            command.ExecuteNonQuery();
            if (current == 2)
            {
                NoLeadChanges.Rebuild(connection, transaction);
            }

            transaction.Commit();
            current++;
        }

        if (current > Migrations.Length)
        {
            throw new Model.GraphStoreException(
                $"The store file was written by a newer Patchwork (schema {current}; this version knows up to {Migrations.Length}). Upgrade Patchwork before opening it.");
        }
    }

    private static long UserVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }
}
