using CsvHelper;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Import;

/// <summary>
/// Writes a store's contents in the bulk format: the nine files with their full headers, so that importing the
/// directory into an empty store gives the same answers.
/// </summary>
public sealed class BulkFormatWriter
{
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        TrueValue = "true",
        FalseValue = "false",
    };

    private readonly string directory;

    public BulkFormatWriter(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        this.directory = directory;
    }

    /// <summary>Writes every element of <paramref name="elements"/>; returns how many rows were written.</summary>
    public async Task<long> WriteAsync(IAsyncEnumerable<GraphElement> elements, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(elements);
        Prepare();
        var writers = new Dictionary<BulkFileKind, CsvWriter>();
        try
        {
            foreach (var kind in BulkFormat.Kinds)
            {
                var writer = CsvWriter.ToFile(Path.Combine(directory, BulkFormat.FileName(kind)), CsvOptions);
                writers[kind] = writer;
                writer.WriteHeader([.. BulkFormat.Header(kind)]);
            }

            long rows = 0;
            await foreach (var element in elements.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Write(writers, element);
                if (++rows % 10_000 == 0)
                {
                    progress?.Report(rows);
                }
            }

            progress?.Report(rows);
            return rows;
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                writer.Dispose();
            }
        }
    }

    /// <summary>Exports a whole store.</summary>
    public Task<long> WriteAsync(IGraphStore store, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return WriteAsync(store.ExportAsync(cancellationToken), progress, cancellationToken);
    }

    private void Prepare()
    {
        Directory.CreateDirectory(directory);
        var ours = BulkFormat.Kinds.Select(BulkFormat.FileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var others = Directory.EnumerateFiles(directory, "*.csv", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
            .Select(Path.GetFileName)
            .Where(name => !ours.Contains(name!))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (others.Count > 0)
        {
            // An import reads every CSV file of a folder: a stray one would come back in.
            throw new ImportException(null, $"'{directory}' already holds other CSV files ({string.Join(", ", others)}); export into an empty folder.");
        }
    }

    private static void Write(Dictionary<BulkFileKind, CsvWriter> writers, GraphElement element)
    {
        switch (element)
        {
            case Person p:
                Row(writers[BulkFileKind.Persons], p.Id, p.GivenName, p.FamilyName, BulkValues.Date(p.DateOfBirth), p.Gender.Name(), p.NhsNumber?.Digits, NodeKind.Person.Label());
                break;
            case Household h:
                Row(writers[BulkFileKind.Households], h.Id, h.Name, h.Address, h.Postcode, NodeKind.Household.Label());
                break;
            case Professional p:
                Row(writers[BulkFileKind.Professionals], p.Id, p.GivenName, p.FamilyName, p.JobTitle, p.Phone, p.Email, string.Join(';', p.RoleList), NodeKind.Professional.Label());
                break;
            case Agency a:
                Row(writers[BulkFileKind.Agencies], a.Id, a.Name, a.AgencyKind, a.Phone, Flag(a.Sensitive), a.OutOfHoursPhone, NodeKind.Agency.Label());
                break;
            case Membership m:
                Row(writers[BulkFileKind.MemberOf], [m.PersonId, m.HouseholdId, .. Period(m.Period), m.Type.TypeName(), .. Recorded(m.Recorded)]);
                break;
            case FamilyTie f:
                Row(writers[BulkFileKind.Family], [f.FromPersonId, f.ToPersonId, f.Kind.Name(), .. Period(f.Period), f.Type.TypeName(), .. Recorded(f.Recorded)]);
                break;
            case Employment e:
                Row(writers[BulkFileKind.WorksFor], [e.ProfessionalId, e.AgencyId, e.Team, .. Period(e.Period), e.Type.TypeName(), .. Recorded(e.Recorded)]);
                break;
            case Involvement i:
                Row(writers[BulkFileKind.InvolvedWith], [i.ProfessionalId, i.PersonId, i.Role, Flag(i.Lead), Flag(i.Sensitive), .. Period(i.Period), i.Type.TypeName(), .. Recorded(i.Recorded)]);
                break;
            case ChildStatus s:
                Row(writers[BulkFileKind.Statuses], [s.AgencyId, s.PersonId, s.Status.Name(), .. Period(s.Period), s.Type.TypeName(), .. Recorded(s.Recorded)]);
                break;
            case Contact c:
                Row(writers[BulkFileKind.Contacts], [c.ProfessionalId, c.PersonId, BulkValues.DateTime(c.At), c.Kind.Name(), Flag(c.Planned), OptionalFlag(c.Seen), OptionalFlag(c.SeenAlone), KindNames.ContactTypeName, .. Recorded(c.Recorded)]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(element));
        }
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static string OptionalFlag(bool? value) => value is { } flag ? Flag(flag) : "";

    private static string[] Period(Period period) => [BulkValues.Date(period.Since), BulkValues.Date(period.Until)];

    private static string?[] Recorded(Recorded? recorded) => recorded is null ? ["", ""] : [BulkValues.DateTime(recorded.At), recorded.By];

    private static void Row(CsvWriter writer, params ReadOnlySpan<string?> fields)
    {
        foreach (var field in fields)
        {
            writer.WriteField(field);
        }

        writer.EndRecord();
    }
}
