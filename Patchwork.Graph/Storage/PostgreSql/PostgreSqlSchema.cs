using Npgsql;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.PostgreSql;

/// <summary>
/// The governance tables in PostgreSQL, as numbered migrations recorded in <c>governance_schema</c>. Instants are
/// Unix milliseconds, as in SQLite, so a record hashes the same whichever store holds it.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The advisory lock migrations hold, so two servers starting at once migrate one after the other.</summary>
    private const long MigrationLock = 0x5041_5443_4857_4B01;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE audit(
            seq bigint PRIMARY KEY,
            at bigint NOT NULL,
            actor text NOT NULL,
            actor_name text NOT NULL,
            action text NOT NULL,
            target text,
            person_ids text NOT NULL,
            reason text,
            details text,
            previous_hash text NOT NULL,
            hash text NOT NULL);
        CREATE TABLE audit_person(
            person_id text NOT NULL,
            seq bigint NOT NULL REFERENCES audit(seq),
            PRIMARY KEY(person_id, seq));
        CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();
        CREATE TRIGGER audit_person_append_only BEFORE UPDATE OR DELETE ON audit_person FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
        CREATE TRIGGER audit_person_no_truncate BEFORE TRUNCATE ON audit_person FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();

        CREATE TABLE break_glass(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            professional_id text NOT NULL,
            professional_name text NOT NULL,
            person_id text NOT NULL,
            reason text NOT NULL,
            granted_at bigint NOT NULL,
            expires_at bigint NOT NULL,
            reviewed_by text,
            reviewed_at bigint,
            review_note text);
        CREATE INDEX break_glass_holder ON break_glass(professional_id, person_id, expires_at);
        CREATE INDEX break_glass_review ON break_glass(reviewed_at, granted_at);

        CREATE TABLE invitation(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            person_id text NOT NULL,
            professional_id text NOT NULL,
            role text NOT NULL,
            message text,
            invited_by text NOT NULL,
            invited_by_name text NOT NULL,
            invited_at bigint NOT NULL,
            status integer NOT NULL,
            responded_at bigint);
        CREATE INDEX invitation_invitee ON invitation(professional_id, status);
        CREATE INDEX invitation_person ON invitation(person_id, status);

        CREATE TABLE concern(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            person_id text NOT NULL,
            raised_by text NOT NULL,
            raised_by_name text NOT NULL,
            agency_id text,
            agency_name text,
            raised_at bigint NOT NULL,
            note text NOT NULL);
        CREATE INDEX concern_person ON concern(person_id, raised_at);
        CREATE INDEX concern_raised_at ON concern(raised_at);

        CREATE TABLE user_session(
            key text PRIMARY KEY,
            professional_id text,
            name text NOT NULL,
            email text,
            created_at bigint NOT NULL,
            last_seen_at bigint NOT NULL,
            expires_at bigint NOT NULL,
            ended_at bigint,
            end_reason text,
            ticket bytea NOT NULL);
        CREATE INDEX user_session_professional ON user_session(professional_id, ended_at);
        CREATE INDEX user_session_open ON user_session(ended_at, created_at);

        CREATE TABLE identity_link(
            issuer text NOT NULL,
            subject text NOT NULL,
            professional_id text NOT NULL,
            email text NOT NULL,
            linked_at bigint NOT NULL,
            PRIMARY KEY(issuer, subject));
        CREATE UNIQUE INDEX identity_link_professional ON identity_link(professional_id, issuer);

        CREATE TABLE change_log(
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            person_id text NOT NULL,
            revision bigint NOT NULL,
            changed_by text,
            changed_at bigint,
            logged_at bigint NOT NULL);

        CREATE TABLE data_protection_key(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text NOT NULL,
            xml text NOT NULL);
        """,
        // The identity provider's session id of each session, so a logout naming it ends exactly the sessions it started.
        """
        ALTER TABLE user_session ADD COLUMN sid text;
        CREATE INDEX user_session_sid ON user_session(sid) WHERE sid IS NOT NULL;
        """,
        // Feed messages from other systems, one per client and source id (see the SQLite schema).
        """
        CREATE TABLE feed_message(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            client_id text NOT NULL,
            agency_id text NOT NULL,
            source_id text NOT NULL,
            kind integer NOT NULL,
            message_time bigint NOT NULL,
            fingerprint text NOT NULL,
            body text NOT NULL,
            state integer NOT NULL,
            answer_status integer NOT NULL,
            answer_body text NOT NULL,
            nhs_number text,
            received_at bigint NOT NULL,
            decided_by text,
            decided_at bigint,
            UNIQUE(client_id, source_id));
        CREATE INDEX feed_message_held ON feed_message(received_at) WHERE state = 1;
        """,
        // Every answer the feed gave by fingerprint, and the claim on a source id while a message is applied (see the SQLite schema).
        """
        CREATE TABLE feed_answer(
            client_id text NOT NULL,
            source_id text NOT NULL,
            fingerprint text NOT NULL,
            answer_status integer NOT NULL,
            answer_body text NOT NULL,
            answered_at bigint NOT NULL,
            PRIMARY KEY(client_id, source_id, fingerprint));
        INSERT INTO feed_answer(client_id, source_id, fingerprint, answer_status, answer_body, answered_at)
            SELECT client_id, source_id, fingerprint, answer_status, answer_body, received_at FROM feed_message;

        CREATE TABLE feed_claim(
            client_id text NOT NULL,
            source_id text NOT NULL,
            claimed_at bigint NOT NULL,
            PRIMARY KEY(client_id, source_id));
        """,
    ];

    public static int Version => Migrations.Length;

    /// <summary>
    /// Runs the migrations not yet applied, under a session advisory lock so that servers starting together take
    /// turns; the second finds the work done. When <paramref name="appRole"/> is given (migrations run as an owner
    /// role), that role is granted what the app needs and no more: insert and read on the audit tables.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource owner, string? appRole, CancellationToken cancellationToken)
    {
        await using var connection = await owner.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS governance_schema(version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
            var current = await CurrentAsync(connection, cancellationToken).ConfigureAwait(false);
            if (current > Migrations.Length)
            {
                throw new GraphStoreException(
                    $"The governance database was written by a newer Patchwork (schema {current}; this version knows up to {Migrations.Length}). Upgrade Patchwork before using it.");
            }

            for (; current < Migrations.Length; current++)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, Migrations[current], cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, "DELETE FROM governance_schema", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, $"INSERT INTO governance_schema(version) VALUES ({current + 1})", cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (appRole is not null)
            {
                await GrantAsync(connection, appRole, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task GrantAsync(NpgsqlConnection connection, string appRole, CancellationToken cancellationToken)
    {
        var role = QuoteIdentifier(appRole);
        // Granted again at every start, so a table a later migration adds is covered; REVOKE first so a role that was
        // once given more on the audit tables is brought back to insert and read.
        await ExecuteAsync(connection, null, $"""
            GRANT USAGE ON SCHEMA public TO {role};
            REVOKE ALL ON audit, audit_person FROM {role};
            GRANT SELECT, INSERT ON audit, audit_person TO {role};
            GRANT SELECT ON governance_schema TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON break_glass, invitation, concern, user_session, identity_link, change_log, data_protection_key, feed_message, feed_answer, feed_claim TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            """, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT max(version) FROM governance_schema", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : 0;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
