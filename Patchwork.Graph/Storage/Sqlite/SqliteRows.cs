using System.Globalization;
using Microsoft.Data.Sqlite;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>How model values are written to and read from rows.</summary>
internal static class SqliteRows
{
    public const string PersonColumns = "id, given_name, family_name, date_of_birth, gender, nhs_number";
    public const string HouseholdColumns = "id, name, address, postcode";
    public const string ProfessionalColumns = "id, given_name, family_name, job_title, phone, email, roles";
    public const string AgencyColumns = "id, name, kind, phone, sensitive, out_of_hours_phone";

    /// <summary>The SQL test for "active at $asOf" on a relationship table alias.</summary>
    public static string Active(string alias) => $"{alias}.since <= $asOf AND ({alias}.until IS NULL OR {alias}.until > $asOf)";

    public static int Day(DateOnly date) => date.DayNumber;

    public static object Day(DateOnly? date) => date is { } d ? d.DayNumber : DBNull.Value;

    public static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static object Text(string? text) => string.IsNullOrEmpty(text) ? DBNull.Value : text;

    public static DateOnly DayAt(this SqliteDataReader reader, int ordinal) => DateOnly.FromDayNumber(reader.GetInt32(ordinal));

    public static DateOnly? OptionalDayAt(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.FromDayNumber(reader.GetInt32(ordinal));

    public static DateTimeOffset InstantAt(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static string? OptionalTextAt(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static bool? OptionalFlagAt(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal) != 0;

    public static Period PeriodAt(this SqliteDataReader reader, int sinceOrdinal) =>
        new(reader.DayAt(sinceOrdinal), reader.OptionalDayAt(sinceOrdinal + 1));

    public static Recorded RecordedAt(this SqliteDataReader reader, int atOrdinal) =>
        new(reader.InstantAt(atOrdinal), reader.GetString(atOrdinal + 1));

    public static Person ReadPerson(this SqliteDataReader r, int o = 0) => new(
        r.GetString(o),
        r.GetString(o + 1),
        r.GetString(o + 2),
        r.OptionalDayAt(o + 3),
        (Gender)r.GetInt32(o + 4),
        r.IsDBNull(o + 5) ? null : NhsNumber.Parse(r.GetString(o + 5)));

    public static Household ReadHousehold(this SqliteDataReader r, int o = 0) =>
        new(r.GetString(o), r.GetString(o + 1), r.OptionalTextAt(o + 2), r.OptionalTextAt(o + 3));

    public static Professional ReadProfessional(this SqliteDataReader r, int o = 0) => new(
        r.GetString(o),
        r.GetString(o + 1),
        r.GetString(o + 2),
        r.OptionalTextAt(o + 3),
        r.OptionalTextAt(o + 4),
        r.OptionalTextAt(o + 5),
        ParseRoles(r.GetString(o + 6)));

    public static Agency ReadAgency(this SqliteDataReader r, int o = 0) =>
        new(r.GetString(o), r.GetString(o + 1), r.GetString(o + 2), r.OptionalTextAt(o + 3), r.GetInt64(o + 4) != 0, r.OptionalTextAt(o + 5));

    public static string FormatRoles(IReadOnlyList<ProfessionalRole> roles) => string.Join(';', roles);

    private static ProfessionalRole[] ParseRoles(string text) =>
        text.Length == 0 ? [] : [.. text.Split(';').Select(Enum.Parse<ProfessionalRole>)];

    /// <summary>
    /// Sets a parameter of a cached command: the parameter is made on the command's first use and only its value
    /// changes after that, so a bulk import does not build (and collect) a parameter object per value.
    /// </summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index >= 0)
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
        else
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>The name and detail a search result shows, kept beside the name in the full-text index.</summary>
    public static (string Name, string? Detail) SearchText(Node node) => node switch
    {
        Person p => (p.DisplayName, p.DateOfBirth is { } born ? string.Create(CultureInfo.InvariantCulture, $"born {born:d MMM yyyy}") : null),
        Household h => (h.Name, string.Join(", ", new[] { h.Address, h.Postcode }.Where(s => !string.IsNullOrEmpty(s)))),
        Professional p => (p.DisplayName, p.JobTitle),
        Agency a => (a.Name, a.AgencyKind),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
