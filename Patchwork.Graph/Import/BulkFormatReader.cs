using System.Collections;
using CsvHelper;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Import;

/// <summary>
/// Reads a directory in the bulk format (neo4j-admin import CSV): every <c>*.csv</c> file, whatever its name,
/// is told apart by its header. Rows stream out as model objects, every node file's rows before any relationship
/// file's, each with the file and line it came from. A bad header or row throws an <see cref="ImportException"/>
/// naming the file, the line and the problem. Every header is checked before the first row is read.
/// </summary>
public sealed class BulkFormatReader : IEnumerable<ImportRow>
{
    private static readonly CsvReaderOptions CsvOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
    };

    private long position;

    /// <param name="directory">The folder holding the CSV files.</param>
    /// <param name="shiftDays">Days to move every date, date-time and date of birth by (see <see cref="ReferenceDate"/>).</param>
    public BulkFormatReader(string directory, int shiftDays = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        ShiftDays = shiftDays;
    }

    public string Directory { get; }

    public int ShiftDays { get; }

    /// <summary>The size of all the CSV files, known once reading has started.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>About how many of <see cref="TotalBytes"/> have been read; safe to read from another thread.</summary>
    public long BytesRead => Interlocked.Read(ref position);

    /// <summary>The CSV files of the directory, sorted by name, each with the kind its header says it holds.</summary>
    public IReadOnlyList<(string File, BulkFileKind Kind)> Inspect() =>
        [.. OpenHeaders().Select(f => (f.Name, f.Header.Spec.Kind))];

    public IEnumerator<ImportRow> GetEnumerator() => Read().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<ImportRow> Read()
    {
        var files = OpenHeaders();
        TotalBytes = files.Sum(f => f.Length);
        long done = 0;
        foreach (var file in files.OrderBy(f => f.Header.Spec.IsNodeFile ? 0 : 1).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            using var csv = Open(file.Path, file.Name);
            var rows = new RowReader(csv, file.Header, file.Name, ShiftDays);
            while (rows.Next())
            {
                yield return rows.Current;
                Interlocked.Exchange(ref position, done + rows.ByteOffset);
            }

            done += file.Length;
            Interlocked.Exchange(ref position, done);
        }
    }

    private List<CsvFile> OpenHeaders()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new ImportException(null, $"There is no folder '{Directory}'.");
        }

        var paths = System.IO.Directory.EnumerateFiles(Directory, "*.csv", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false })
            .Order(StringComparer.Ordinal)
            .ToList();
        if (paths.Count == 0)
        {
            throw new ImportException(null, $"The folder '{Directory}' holds no .csv files: nothing to import.");
        }

        var files = new List<CsvFile>(paths.Count);
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            using var csv = Open(path, name);
            IReadOnlyList<string> cells;
            try
            {
                cells = [.. csv.Headers];
            }
            catch (CsvFormatException exception)
            {
                throw new ImportException(new SourceLine(name, 1), $"the header is not valid CSV: {exception.Message}");
            }

            if (cells.Count == 0)
            {
                throw new ImportException(new SourceLine(name, 1), "the file is empty: its first row must be a header naming the columns.");
            }

            files.Add(new CsvFile(path, name, new FileInfo(path).Length, BulkHeader.Parse(name, cells)));
        }

        return files;
    }

    /// <summary>A file of the folder opened as the import opens it, for a floor that reads the same rows the same way.</summary>
    internal static CsvReader OpenFile(string path) => Open(path, Path.GetFileName(path));

    private static CsvReader Open(string path, string name)
    {
        try
        {
            return CsvReader.FromFile(path, CsvOptions);
        }
        catch (IOException exception)
        {
            throw new ImportException(new SourceLine(name, 0), $"the file could not be opened: {exception.Message}");
        }
    }

    private sealed record CsvFile(string Path, string Name, long Length, BulkHeader Header);

    /// <summary>Turns the rows of one file into model objects.</summary>
    private sealed class RowReader
    {
        private static readonly string[] Genders = ["", "female", "male", "other"];
        private static readonly string[] FamilyKinds = [.. Enum.GetNames<FamilyKind>().Select(n => n.ToLowerInvariant())];
        private static readonly string[] CareStatuses = [.. Enum.GetValues<CareStatus>().Select(s => s.Name())];
        private static readonly string[] ContactKinds = [.. Enum.GetNames<ContactKind>().Select(n => n.ToLowerInvariant())];
        private static readonly string[] Roles = Enum.GetNames<ProfessionalRole>();

        private readonly CsvReader csv;
        private readonly BulkHeader header;
        private readonly string file;
        private readonly int shiftDays;
        private readonly byte[] labelOrType;
        private readonly int labelOrTypeField;
        private readonly int recordedAtField;
        private readonly int recordedByField;
        private readonly Func<GraphElement> build;
        private SourceLine source = null!;

        public RowReader(CsvReader csv, BulkHeader header, string file, int shiftDays)
        {
            this.csv = csv;
            this.header = header;
            this.file = file;
            this.shiftDays = shiftDays;
            var spec = header.Spec;
            labelOrType = System.Text.Encoding.UTF8.GetBytes(spec.LabelOrType);
            labelOrTypeField = header.Field(spec.IsNodeFile ? BulkFormat.Label : BulkFormat.Type);
            recordedAtField = spec.IsNodeFile ? -1 : header.Field(BulkFormat.RecordedAt);
            recordedByField = spec.IsNodeFile ? -1 : header.Field(BulkFormat.RecordedBy);
            build = Builder(spec.Kind);
        }

        public ImportRow Current { get; private set; }

        public long ByteOffset => csv.ByteOffset;

        public bool Next()
        {
            try
            {
                if (!csv.Read())
                {
                    return false;
                }
            }
            catch (CsvFormatException exception)
            {
                throw new ImportException(new SourceLine(file, exception.LineNumber), $"the row is not valid CSV: {exception.Message}");
            }

            source = new SourceLine(file, csv.LineNumber);
            if (csv.FieldCount != header.FieldCount)
            {
                throw Problem($"the row has {csv.FieldCount} field{(csv.FieldCount == 1 ? "" : "s")} but the header has {header.FieldCount}.");
            }

            var kind = csv.GetSpan(labelOrTypeField);
            if (!kind.SequenceEqual(labelOrType))
            {
                var column = header.Spec.IsNodeFile ? BulkFormat.Label : BulkFormat.Type;
                throw Problem(kind.IsEmpty
                    ? $"{column} is empty; the columns of this file fit {header.Spec.LabelOrType}."
                    : $"{column} '{BulkValues.Text(kind)}' does not fit the columns of this file, which hold {header.Spec.LabelOrType}{(header.Spec.IsNodeFile ? " nodes" : "")}.");
            }

            var element = build();
            try
            {
                GraphValidator.Check(element);
            }
            catch (GraphRuleException exception)
            {
                throw Problem(exception.Message);
            }

            Current = new ImportRow(element, source) { CheckedElement = element };
            return true;
        }

        private Func<GraphElement> Builder(BulkFileKind kind)
        {
            int F(string column) => header.Field(column);
            switch (kind)
            {
                case BulkFileKind.Persons:
                {
                    int id = F(BulkFormat.Id), given = F("givenName"), family = F("familyName"), born = F("dateOfBirth"), gender = F("gender"), nhs = F("nhsNumber");
                    return () => new Person(Text(id) ?? "", Text(given) ?? "", Text(family) ?? "", OptionalDate(born, "dateOfBirth"), (Gender)Word(gender, "gender", Genders, allowEmpty: true), Nhs(nhs));
                }

                case BulkFileKind.Households:
                {
                    int id = F(BulkFormat.Id), name = F("name"), address = F("address"), postcode = F("postcode");
                    return () => new Household(Text(id) ?? "", Text(name) ?? "", Text(address), Text(postcode));
                }

                case BulkFileKind.Professionals:
                {
                    int id = F(BulkFormat.Id), given = F("givenName"), family = F("familyName"), title = F("jobTitle"), phone = F("phone"), email = F("email"), roles = F("roles");
                    return () => new Professional(Text(id) ?? "", Text(given) ?? "", Text(family) ?? "", Text(title), Text(phone), Text(email), RoleList(roles));
                }

                case BulkFileKind.Agencies:
                {
                    int id = F(BulkFormat.Id), name = F("name"), agencyKind = F("kind"), phone = F("phone"), sensitive = F("sensitive"), outOfHours = F("outOfHoursPhone");
                    return () => new Agency(Text(id) ?? "", Text(name) ?? "", Text(agencyKind) ?? "", Text(phone), Boolean(sensitive, "sensitive"), Text(outOfHours));
                }

                case BulkFileKind.MemberOf:
                {
                    int start = F(BulkFormat.StartId), end = F(BulkFormat.EndId), since = F("since"), until = F("until");
                    return () => new Membership(Text(start) ?? "", Text(end) ?? "", Period(since, until), Recorded());
                }

                case BulkFileKind.Family:
                {
                    int start = F(BulkFormat.StartId), end = F(BulkFormat.EndId), tieKind = F("kind"), since = F("since"), until = F("until");
                    return () => new FamilyTie(Text(start) ?? "", Text(end) ?? "", (FamilyKind)Word(tieKind, "kind", FamilyKinds, allowEmpty: false), Period(since, until), Recorded());
                }

                case BulkFileKind.WorksFor:
                {
                    int start = F(BulkFormat.StartId), end = F(BulkFormat.EndId), team = F("team"), since = F("since"), until = F("until");
                    return () => new Employment(Text(start) ?? "", Text(end) ?? "", Text(team), Period(since, until), Recorded());
                }

                case BulkFileKind.InvolvedWith:
                {
                    int start = F(BulkFormat.StartId), end = F(BulkFormat.EndId), role = F("role"), lead = F("lead"), sensitive = F("sensitive"), since = F("since"), until = F("until");
                    return () => new Involvement(Text(start) ?? "", Text(end) ?? "", Text(role) ?? "", Boolean(lead, "lead"), Boolean(sensitive, "sensitive"), Period(since, until), Recorded());
                }

                case BulkFileKind.Statuses:
                {
                    int start = F(BulkFormat.StartId), end = F(BulkFormat.EndId), status = F("status"), since = F("since"), until = F("until");
                    return () => new ChildStatus(Text(start) ?? "", Text(end) ?? "", CareStatusAt(status), Period(since, until), Recorded());
                }

                case BulkFileKind.Contacts:
                {
                    int start = F(BulkFormat.StartId), end = F(BulkFormat.EndId), at = F("at"), contactKind = F("kind"), planned = F("planned"), seen = F("seen"), seenAlone = F("seenAlone");
                    return () => new Contact(Text(start) ?? "", Text(end) ?? "", Instant(at, "at") ?? throw Problem("at is empty: a contact needs its date and time."), (ContactKind)Word(contactKind, "kind", ContactKinds, allowEmpty: false), Boolean(planned, "planned"), Recorded(), OptionalBoolean(seen, "seen"), OptionalBoolean(seenAlone, "seenAlone"));
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }

        private ImportException Problem(string problem) => new(source, problem);

        private CareStatus CareStatusAt(int field) => (CareStatus)Word(field, "status", CareStatuses, allowEmpty: false);

        private string? Text(int field)
        {
            if (field < 0 || csv.GetSpan(field).IsEmpty)
            {
                return null;
            }

            return csv.GetString(field);
        }

        private DateOnly? OptionalDate(int field, string column)
        {
            if (field < 0)
            {
                return null;
            }

            var text = csv.GetSpan(field);
            if (text.IsEmpty)
            {
                return null;
            }

            if (!BulkValues.TryParseDate(text, out var date))
            {
                throw Problem($"{column} '{BulkValues.Text(text)}' is not a date (YYYY-MM-DD).");
            }

            return Shift(date, column);
        }

        private DateOnly Shift(DateOnly date, string column)
        {
            if (shiftDays == 0)
            {
                return date;
            }

            var day = (long)date.DayNumber + shiftDays;
            if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
            {
                throw Problem($"{column} {BulkValues.Date(date)} moved by {shiftDays} days is not a date any more.");
            }

            return DateOnly.FromDayNumber((int)day);
        }

        private DateTimeOffset? Instant(int field, string column)
        {
            if (field < 0)
            {
                return null;
            }

            var text = csv.GetSpan(field);
            if (text.IsEmpty)
            {
                return null;
            }

            if (!BulkValues.TryParseDateTime(text, out var instant))
            {
                throw Problem($"{column} '{BulkValues.Text(text)}' is not a date and time (ISO-8601 with an offset or Z, e.g. 2025-01-20T14:30:00Z).");
            }

            if (shiftDays != 0)
            {
                var shifted = Shift(DateOnly.FromDateTime(instant.UtcDateTime), column);
                instant = new DateTimeOffset(shifted.ToDateTime(TimeOnly.FromDateTime(instant.UtcDateTime)), TimeSpan.Zero);
            }

            return instant;
        }

        private Period Period(int sinceField, int untilField)
        {
            var since = OptionalDate(sinceField, "since") ?? throw Problem("since is empty: every relationship needs the day it started.");
            var until = OptionalDate(untilField, "until");
            if (until is { } end && end <= since)
            {
                throw Problem($"until {BulkValues.Date(end)} is not after since {BulkValues.Date(since)}.");
            }

            return new Period(since, until);
        }

        private Recorded? Recorded()
        {
            if (recordedAtField < 0)
            {
                return null;
            }

            var at = Instant(recordedAtField, BulkFormat.RecordedAt);
            var by = Text(recordedByField);
            if (at is null && by is null)
            {
                return null;
            }

            if (at is null || by is null)
            {
                throw Problem($"give both {BulkFormat.RecordedAt} and {BulkFormat.RecordedBy}, or leave both empty.");
            }

            return new Recorded(at.Value, by);
        }

        private bool Boolean(int field, string column)
        {
            if (field < 0)
            {
                return false;
            }

            var text = csv.GetSpan(field);
            return BulkValues.TryParseBoolean(text, out var value)
                ? value
                : throw Problem($"{column} '{BulkValues.Text(text)}' is not a boolean: write true or false.");
        }

        /// <summary>An optional yes/no: empty (or no column) is "not applicable".</summary>
        private bool? OptionalBoolean(int field, string column) =>
            field < 0 || csv.GetSpan(field).IsEmpty ? null : Boolean(field, column);

        private int Word(int field, string column, string[] words, bool allowEmpty)
        {
            var text = field < 0 ? default : csv.GetSpan(field);
            if (text.IsEmpty)
            {
                return allowEmpty ? 0 : throw Problem($"{column} is empty; write one of {string.Join(", ", words.Where(w => w.Length > 0))}.");
            }

            var index = BulkValues.IndexOfWord(text, words);
            return index > 0 || (index == 0 && words[0].Length > 0)
                ? index
                : throw Problem($"{column} '{BulkValues.Text(text)}' is not one of {string.Join(", ", words.Where(w => w.Length > 0))}{(allowEmpty ? " (or empty)" : "")}.");
        }

        private NhsNumber? Nhs(int field)
        {
            var text = Text(field);
            if (text is null)
            {
                return null;
            }

            return NhsNumber.TryParse(text, out var number)
                ? number
                : throw Problem($"nhsNumber '{text}' is not a valid NHS number: it must be 10 digits whose last is the modulus-11 check digit.");
        }

        private List<ProfessionalRole>? RoleList(int field)
        {
            if (field < 0)
            {
                return null;
            }

            var text = csv.GetSpan(field);
            if (text.IsEmpty)
            {
                return null;
            }

            var roles = new List<ProfessionalRole>(2);
            foreach (var range in text.Split((byte)';'))
            {
                var word = text[range].Trim((byte)' ');
                var index = BulkValues.IndexOfWord(word, Roles);
                if (index < 0)
                {
                    throw Problem($"roles '{BulkValues.Text(text)}': '{BulkValues.Text(word)}' is not one of {string.Join(", ", Roles)} (separate roles with ';').");
                }

                if (!roles.Contains((ProfessionalRole)index))
                {
                    roles.Add((ProfessionalRole)index);
                }
            }

            return roles;
        }
    }
}
