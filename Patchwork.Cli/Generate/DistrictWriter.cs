using CsvHelper;
using Patchwork.Graph.Import;

namespace Patchwork.Cli.Generate;

/// <summary>The nine files of a generated district, written as rows arrive.</summary>
internal sealed class DistrictWriter : IDisposable
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\n" };
    private readonly Dictionary<BulkFileKind, CsvWriter> writers = [];

    public DistrictWriter(string directory)
    {
        Directory.CreateDirectory(directory);
        try
        {
            foreach (var kind in BulkFormat.Kinds)
            {
                var writer = CsvWriter.ToFile(Path.Combine(directory, BulkFormat.FileName(kind)), Options);
                writers[kind] = writer;
                // Generated rows say nothing of who recorded them: the import stamps them.
                writer.WriteHeader([.. BulkFormat.Header(kind).Where(h => !h.StartsWith(BulkFormat.RecordedAt, StringComparison.Ordinal) && h != BulkFormat.RecordedBy)]);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public long Rows { get; private set; }

    public void Agency(string id, string name, string kind, string phone, bool sensitive)
    {
        var w = Start(BulkFileKind.Agencies);
        w.WriteField(id);
        w.WriteField(name);
        w.WriteField(kind);
        w.WriteField(phone);
        w.WriteField(sensitive ? "true" : "false");
        // No out-of-hours number: the generated district has no statuses for one to be shown beside.
        w.WriteField("");
        w.WriteField("Agency");
        w.EndRecord();
    }

    public void Professional(string id, string given, string family, string jobTitle, string phone, string email, string roles)
    {
        var w = Start(BulkFileKind.Professionals);
        w.WriteField(id);
        w.WriteField(given);
        w.WriteField(family);
        w.WriteField(jobTitle);
        w.WriteField(phone);
        w.WriteField(email);
        w.WriteField(roles);
        w.WriteField("Professional");
        w.EndRecord();
    }

    public void Household(string id, string name, string address, string postcode)
    {
        var w = Start(BulkFileKind.Households);
        w.WriteField(id);
        w.WriteField(name);
        w.WriteField(address);
        w.WriteField(postcode);
        w.WriteField("Household");
        w.EndRecord();
    }

    public void Person(string id, string given, string family, DateOnly? born, string gender, string? nhsNumber)
    {
        var w = Start(BulkFileKind.Persons);
        w.WriteField(id);
        w.WriteField(given);
        w.WriteField(family);
        Date(w, born);
        w.WriteField(gender);
        w.WriteField(nhsNumber);
        w.WriteField("Person");
        w.EndRecord();
    }

    public void MemberOf(string person, string household, DateOnly since, DateOnly? until)
    {
        var w = Start(BulkFileKind.MemberOf);
        w.WriteField(person);
        w.WriteField(household);
        Date(w, since);
        Date(w, until);
        w.WriteField("MEMBER_OF");
        w.EndRecord();
    }

    public void Family(string from, string to, string kind, DateOnly since, DateOnly? until)
    {
        var w = Start(BulkFileKind.Family);
        w.WriteField(from);
        w.WriteField(to);
        w.WriteField(kind);
        Date(w, since);
        Date(w, until);
        w.WriteField("FAMILY");
        w.EndRecord();
    }

    public void WorksFor(string professional, string agency, string? team, DateOnly since, DateOnly? until)
    {
        var w = Start(BulkFileKind.WorksFor);
        w.WriteField(professional);
        w.WriteField(agency);
        w.WriteField(team);
        Date(w, since);
        Date(w, until);
        w.WriteField("WORKS_FOR");
        w.EndRecord();
    }

    public void InvolvedWith(string professional, string person, string role, bool lead, bool sensitive, DateOnly since, DateOnly? until)
    {
        var w = Start(BulkFileKind.InvolvedWith);
        w.WriteField(professional);
        w.WriteField(person);
        w.WriteField(role);
        w.WriteField(lead ? "true" : "false");
        w.WriteField(sensitive ? "true" : "false");
        Date(w, since);
        Date(w, until);
        w.WriteField("INVOLVED_WITH");
        w.EndRecord();
    }

    public void Contact(string professional, string person, DateTimeOffset at, string kind, bool planned)
    {
        var w = Start(BulkFileKind.Contacts);
        w.WriteField(professional);
        w.WriteField(person);
        w.WriteField(at.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss'Z'");
        w.WriteField(kind);
        w.WriteField(planned ? "true" : "false");
        // Seen and seen alone: not applicable, as the generator does not say who was visited how.
        w.WriteField("");
        w.WriteField("");
        w.WriteField("CONTACT");
        w.EndRecord();
    }

    public void Dispose()
    {
        foreach (var writer in writers.Values)
        {
            writer.Dispose();
        }

        writers.Clear();
    }

    private static void Date(CsvWriter writer, DateOnly? date)
    {
        if (date is { } day)
        {
            writer.WriteField(day, "yyyy-MM-dd");
        }
        else
        {
            writer.WriteField((string?)null);
        }
    }

    private CsvWriter Start(BulkFileKind kind)
    {
        Rows++;
        return writers[kind];
    }
}
