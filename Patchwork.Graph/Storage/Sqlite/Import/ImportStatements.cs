using Microsoft.Data.Sqlite;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using SQLitePCL;

namespace Patchwork.Graph.Storage.Sqlite.Import;

/// <summary>
/// The inserts of a bulk import, prepared once per import on the writer's connection, and the loop that binds and
/// runs a batch of <see cref="BoundRows"/> through them. Nodes are inserted with the keys the preparing thread gave
/// them, so no row needs its key read back.
/// </summary>
internal sealed unsafe class ImportStatements : IDisposable
{
    public const int Person = 0;
    public const int Household = 1;
    public const int Professional = 2;
    public const int Agency = 3;
    public const int NameIndex = 4;
    public const int MemberOf = 5;
    public const int Family = 6;
    public const int WorksFor = 7;
    public const int InvolvedWith = 8;
    public const int Status = 9;
    public const int Contact = 10;

    /// <summary>The most values one row binds (an involvement's or a contact's).</summary>
    public const int MostParameters = 9;

    private const int Done = 101;
    private const int Constraint = 19;

    /// <summary>Each statement's text, by the numbers above; the values are bound in the order of the columns named.</summary>
    public static readonly string[] Sql =
    [
        "INSERT INTO person(key, id, given_name, family_name, date_of_birth, gender, nhs_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO household(key, id, name, address, postcode) VALUES (?1, ?2, ?3, ?4, ?5)",
        "INSERT INTO professional(key, id, given_name, family_name, job_title, phone, email, roles) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        "INSERT INTO agency(key, id, name, kind, phone, sensitive, out_of_hours_phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO name_index(name, kind, id, detail) VALUES (?1, ?2, ?3, ?4)",
        "INSERT INTO member_of(person, household, since, until, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        "INSERT INTO family(from_person, to_person, since, until, recorded_at, recorded_by, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO works_for(professional, agency, since, until, recorded_at, recorded_by, team) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO involved_with(professional, person, since, until, recorded_at, recorded_by, role, lead, sensitive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        "INSERT INTO status(agency, person, since, until, recorded_at, recorded_by, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO contact(professional, person, at, kind, planned, recorded_at, recorded_by, seen, seen_alone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    ];

    private readonly sqlite3 database;
    private readonly sqlite3_stmt[] statements;
    private readonly IntPtr[] handles;

    /// <param name="connection">The connection, in the transaction the rows go into.</param>
    /// <param name="only">The one statement to prepare, for a database that holds only its table; otherwise all.</param>
    public ImportStatements(SqliteConnection connection, int? only = null)
    {
        database = connection.Handle!;
        statements = new sqlite3_stmt[Sql.Length];
        handles = new IntPtr[Sql.Length];
        try
        {
            for (var i = only ?? 0; i <= (only ?? Sql.Length - 1); i++)
            {
                SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, Sql[i], out statements[i]), database);
                handles[i] = statements[i].DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public long Nodes { get; private set; }

    public long Relationships { get; private set; }

    /// <summary>Binds and runs every row of the batch, in order; the first that fails stops the import.</summary>
    public void Write(BoundRows rows)
    {
        fixed (byte* text = rows.TextBuffer)
        {
            for (var row = 0; row < rows.Count; row++)
            {
                var statement = rows.StatementAt(row);
                var handle = handles[statement];
                var position = 1;
                for (var value = rows.FirstValueAt(row); value < rows.EndAt(row); value++, position++)
                {
                    var result = rows.KindAt(value) switch
                    {
                        BoundKind.Null => SqliteNative.BindNull(handle, position),
                        BoundKind.Integer => SqliteNative.BindInt64(handle, position, rows.ValueAt(value)),
                        BoundKind.Text => SqliteNative.BindText(handle, position, text + (int)(rows.ValueAt(value) >> 32), (int)rows.ValueAt(value)),
                        BoundKind.Same => 0,
                    };
                    if (result != 0)
                    {
                        SqliteException.ThrowExceptionForRC(result, database);
                    }
                }

                Run(statement, handle, rows.SourceAt(row));
                if (statement <= Agency)
                {
                    Nodes++;
                }
                else if (statement != NameIndex)
                {
                    Relationships++;
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var statement in statements)
        {
            statement?.Dispose();
        }
    }

    private void Run(int statement, IntPtr handle, ImportRow source)
    {
        var result = SqliteNative.Step(handle);
        if (result == Done)
        {
            SqliteNative.Reset(handle);
            return;
        }

        try
        {
            if ((result & 0xFF) == Constraint && statement != NameIndex)
            {
                throw new ImportException(source.Source, Refusal(source.Element));
            }

            SqliteException.ThrowExceptionForRC(result, database);
        }
        finally
        {
            SqliteNative.Reset(handle);
        }
    }

    /// <summary>What a key the store already holds means, said as the single writes say it.</summary>
    private static string Refusal(GraphElement element) => element switch
    {
        Node node => $"{(node.Kind == NodeKind.Agency ? "An" : "A")} {node.Kind.Name()} with id '{node.Id}' already exists.",
        Relationship relationship => $"The {relationship.Key} is already recorded.",
        _ => $"The row could not be stored: it breaks a rule of the store.",
    };
}
