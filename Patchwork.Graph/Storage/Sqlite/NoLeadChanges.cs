using Microsoft.Data.Sqlite;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// Keeps "how many clients have no lead at day D" answerable without reading every involvement. For each person,
/// being a client without a lead is a step function of the day that changes only where one of their involvements
/// starts or ends; the table <c>no_lead_change</c> holds, per day, the sum over all people of those steps. The count
/// at D is then the sum of the changes up to D: a few thousand rows at most (one per distinct day), whatever the
/// size of the county. Every write to <c>involved_with</c> keeps it in step, in the same transaction.
/// </summary>
internal static class NoLeadChanges
{
    public const string CountSql = "SELECT COALESCE(SUM(delta), 0) FROM no_lead_change WHERE day <= $asOf";

    /// <summary>Recomputes the whole table from the involvements (after a migration or an import).</summary>
    public static void Rebuild(SqliteConnection connection, SqliteTransaction transaction) =>
        Replace(connection, transaction, Tally(Involvements(connection, transaction)));

    /// <summary>The table's rows (day, change) for every involvement there is, given in order of person.</summary>
    public static Dictionary<int, long> Tally(IEnumerable<(long Person, int Since, int? Until, bool Lead)> byPerson)
    {
        var totals = new Dictionary<int, long>();
        var involvements = new List<(int Since, int? Until, bool Lead)>();
        long person = -1;
        foreach (var (next, since, until, lead) in byPerson)
        {
            if (next != person)
            {
                Add(totals, involvements, +1);
                involvements.Clear();
                person = next;
            }

            involvements.Add((since, until, lead));
        }

        Add(totals, involvements, +1);
        return totals;
    }

    /// <summary>Puts <paramref name="totals"/> (from <see cref="Tally"/>) in place of the table's rows.</summary>
    public static void Replace(SqliteConnection connection, SqliteTransaction transaction, Dictionary<int, long> totals)
    {
        using var clear = connection.CreateCommand();
        clear.Transaction = transaction;
        clear.CommandText = "DELETE FROM no_lead_change";
        clear.ExecuteNonQuery();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO no_lead_change(day, delta) VALUES ($day, $delta)";
        var day = insert.Parameters.Add("$day", SqliteType.Integer);
        var delta = insert.Parameters.Add("$delta", SqliteType.Integer);
        foreach (var (d, change) in totals)
        {
            if (change != 0)
            {
                day.Value = d;
                delta.Value = change;
                insert.ExecuteNonQuery();
            }
        }
    }

    private static IEnumerable<(long Person, int Since, int? Until, bool Lead)> Involvements(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        // The primary key starts with the person: this reads the table in person order without a sort.
        read.CommandText = "SELECT person, since, until, lead FROM involved_with ORDER BY person";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetInt64(3) != 0);
        }
    }

    /// <summary>
    /// Adds (<paramref name="sign"/> +1) or takes away (-1) one person's steps as their involvements stand now:
    /// take them away before changing the person's involvements and add them back after.
    /// </summary>
    public static void Apply(SqliteSession session, long person, int sign)
    {
        var involvements = new List<(int Since, int? Until, bool Lead)>();
        using (var reader = session.Command("SELECT since, until, lead FROM involved_with WHERE person = $person").With("$person", person).ExecuteReader())
        {
            while (reader.Read())
            {
                involvements.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt64(2) != 0));
            }
        }

        var totals = new Dictionary<int, long>();
        Add(totals, involvements, sign);
        foreach (var (day, change) in totals)
        {
            session.Command("INSERT INTO no_lead_change(day, delta) VALUES ($day, $delta) ON CONFLICT(day) DO UPDATE SET delta = delta + excluded.delta")
                .With("$day", day).With("$delta", change).ExecuteNonQuery();
        }
    }

    /// <summary>Adds one person's steps: +1 on a day they become a client without a lead, -1 on a day they stop.</summary>
    private static void Add(Dictionary<int, long> totals, List<(int Since, int? Until, bool Lead)> involvements, int sign)
    {
        if (involvements.Count == 0)
        {
            return;
        }

        var days = new SortedSet<int>();
        foreach (var (since, until, _) in involvements)
        {
            days.Add(since);
            if (until is { } end)
            {
                days.Add(end);
            }
        }

        var before = false;
        foreach (var day in days)
        {
            var active = false;
            var lead = false;
            foreach (var (since, until, isLead) in involvements)
            {
                if (since <= day && (until is null || until > day))
                {
                    active = true;
                    lead |= isLead;
                }
            }

            var now = active && !lead;
            if (now != before)
            {
                totals[day] = totals.GetValueOrDefault(day) + (now ? sign : -sign);
                before = now;
            }
        }
    }
}
