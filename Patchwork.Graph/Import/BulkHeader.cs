using Patchwork.Graph.Model;

namespace Patchwork.Graph.Import;

/// <summary>
/// The header of one file of the bulk format, understood: which kind of file it is and which field holds each
/// column. Built from the header cells alone, so a bad header fails before any row is loaded.
/// </summary>
internal sealed class BulkHeader
{
    private static readonly HashSet<string> OtherNeo4jTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "int", "long", "float", "double", "short", "byte", "char", "point", "localtime", "time", "localdatetime", "duration",
    };

    private BulkHeader(FileSpec spec, int[] fieldOf, int fieldCount)
    {
        Spec = spec;
        FieldOf = fieldOf;
        FieldCount = fieldCount;
    }

    public FileSpec Spec { get; }

    /// <summary>For each column of <see cref="Spec"/>, the index of the field that holds it, or -1 when the header leaves it out.</summary>
    public int[] FieldOf { get; }

    /// <summary>How many fields every row must have.</summary>
    public int FieldCount { get; }

    public int Field(string column) => FieldOf[Spec.IndexOf(column)];

    /// <summary>Understands a header row or throws an <see cref="ImportException"/> naming the file and what is wrong.</summary>
    public static BulkHeader Parse(string fileName, IReadOnlyList<string> cells)
    {
        var source = new SourceLine(fileName, 1);
        if (cells.Count == 0 || (cells.Count == 1 && string.IsNullOrWhiteSpace(cells[0])))
        {
            throw new ImportException(source, "the header row is empty: the first row must name the columns, e.g. id:ID(Person),givenName,...,:LABEL.");
        }

        var parsed = new HeaderCell[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            // A byte order mark that reached the text would otherwise stick to the first column's name.
            var text = (i == 0 ? cells[i].TrimStart('\uFEFF') : cells[i]).Trim();
            parsed[i] = HeaderCell.Parse(text, source);
        }

        var spec = Detect(parsed, source);
        var fieldOf = Enumerable.Repeat(-1, spec.Columns.Count).ToArray();
        for (var i = 0; i < parsed.Length; i++)
        {
            var cell = parsed[i];
            if (cell.Type is null)
            {
                continue; // an IGNORE column
            }

            var column = cell.Type switch
            {
                ColumnType.Id or ColumnType.StartId or ColumnType.EndId or ColumnType.Label or ColumnType.Type =>
                    spec.Columns.Select((c, index) => (c, index)).First(x => x.c.Type == cell.Type).index,
                _ => spec.IndexOf(cell.Name),
            };
            if (column < 0)
            {
                throw new ImportException(source, $"unknown column '{cell.Text}' in {Describe(spec)}.{SuggestionFor(spec, cell.Name)} {Expects(spec)}");
            }

            var expected = spec.Columns[column];
            if (cell.IsOtherNeo4jType || expected.Type != cell.Type)
            {
                throw new ImportException(source, $"column '{cell.Text}' has the wrong type: write it '{spec.FullHeader[column]}'.");
            }

            if (fieldOf[column] >= 0)
            {
                throw new ImportException(source, $"column '{cell.Text}' appears twice (columns {fieldOf[column] + 1} and {i + 1}): give each column once. {Expects(spec)}");
            }

            fieldOf[column] = i;
        }

        var missing = spec.Columns.Select((c, index) => (c, index)).Where(x => x.c.Required && fieldOf[x.index] < 0).Select(x => spec.FullHeader[x.index]).ToList();
        if (missing.Count > 0)
        {
            throw new ImportException(source, $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}: {Describe(spec)} needs {(missing.Count > 1 ? "them" : "it")}. {Expects(spec)}");
        }

        if (!spec.IsNodeFile && (fieldOf[spec.IndexOf(BulkFormat.RecordedAt)] >= 0) != (fieldOf[spec.IndexOf(BulkFormat.RecordedBy)] >= 0))
        {
            throw new ImportException(source, $"give both columns '{BulkFormat.RecordedAt}:datetime' and '{BulkFormat.RecordedBy}', or neither.");
        }

        return new BulkHeader(spec, fieldOf, cells.Count);
    }

    /// <summary>"a Person file" or "a MEMBER_OF file".</summary>
    public static string Describe(FileSpec spec) => $"{("AEIOU".Contains(spec.LabelOrType[0], StringComparison.Ordinal) ? "an" : "a")} {spec.LabelOrType} file";

    /// <summary>"A Person file has the columns ... and may also have ...": what the format expects, for every header message.</summary>
    public static string Expects(FileSpec spec)
    {
        var required = spec.Columns.Select((c, i) => (c, i)).Where(x => x.c.Required).Select(x => spec.FullHeader[x.i]);
        var optional = spec.Columns.Select((c, i) => (c, i)).Where(x => !x.c.Required).Select(x => spec.FullHeader[x.i]).ToList();
        var article = Describe(spec);
        return $"{char.ToUpperInvariant(article[0])}{article[1..]} has the columns {string.Join(",", required)}"
            + (optional.Count == 0 ? "." : $" and may also have {string.Join(",", optional)}.");
    }

    private static FileSpec Detect(HeaderCell[] cells, SourceLine source)
    {
        var id = cells.Where(c => c.Type == ColumnType.Id).ToList();
        var start = cells.FirstOrDefault(c => c.Type == ColumnType.StartId);
        var end = cells.FirstOrDefault(c => c.Type == ColumnType.EndId);
        if (id.Count > 1)
        {
            throw new ImportException(source, "the header has more than one :ID column.");
        }

        if (id.Count == 1)
        {
            if (start is not null || end is not null)
            {
                throw new ImportException(source, "the header has both an :ID column (a node file) and :START_ID/:END_ID columns (a relationship file).");
            }

            var label = IdSpace(id[0], source);
            return BulkFormat.All.First(s => s.NodeLabel == label);
        }

        if (start is null || end is null)
        {
            throw new ImportException(
                source,
                "cannot tell what this file holds: a node file needs an id:ID(Label) column and a relationship file :START_ID(Label) and :END_ID(Label) columns.");
        }

        var from = IdSpace(start, source);
        var to = IdSpace(end, source);
        var candidates = BulkFormat.All.Where(s => s.Start == from && s.End == to).ToList();
        if (candidates.Count == 0)
        {
            var known = string.Join(", ", BulkFormat.All.Where(s => !s.IsNodeFile).Select(s => $"{s.LabelOrType} ({s.Start!.Value.Label()} to {s.End!.Value.Label()})"));
            throw new ImportException(source, $"no relationship joins {from.Label()} to {to.Label()}; the relationships are {known}.");
        }

        // Professional to Person is either an involvement or a contact: the columns tell which.
        return candidates
            .OrderByDescending(s => cells.Count(c => c.Name.Length > 0 && s.IndexOf(c.Name) >= 0 && s.Columns[s.IndexOf(c.Name)].Required))
            .ThenByDescending(s => cells.Count(c => c.Name.Length > 0 && s.IndexOf(c.Name) >= 0))
            .First();
    }

    private static NodeKind IdSpace(HeaderCell cell, SourceLine source)
    {
        if (string.IsNullOrEmpty(cell.IdSpace))
        {
            throw new ImportException(source, $"column '{cell.Text}' needs an ID space naming the label, e.g. '{cell.Text}(Person)'.");
        }

        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            if (kind.Label() == cell.IdSpace)
            {
                return kind;
            }
        }

        throw new ImportException(source, $"column '{cell.Text}' names unknown ID space '{cell.IdSpace}'; use Person, Household, Professional or Agency.");
    }

    private static string SuggestionFor(FileSpec spec, string name)
    {
        var match = spec.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return $" Did you mean '{spec.FullHeader[spec.IndexOf(match.Name)]}'? Column names are case-sensitive.";
        }

        // A typo (familyNmae, gendr): the nearest column name within two edits.
        var near = spec.Columns
            .Where(c => c.Name.Length > 0 && char.IsLetter(c.Name[0]))
            .Select(c => (c.Name, Distance: Distance(c.Name.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(x => x.Distance <= 2)
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return near.Name is null ? "" : $" Did you mean '{spec.FullHeader[spec.IndexOf(near.Name)]}'?";
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private sealed record HeaderCell(string Text, string Name, ColumnType? Type, string? IdSpace, bool IsOtherNeo4jType)
    {
        public static HeaderCell Parse(string text, SourceLine source)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? text : text[..colon];
            var type = colon < 0 ? "" : text[(colon + 1)..];
            if (colon < 0 && name.Length == 0)
            {
                throw new ImportException(source, "a column of the header has no name.");
            }

            string? space = null;
            var open = type.IndexOf('(', StringComparison.Ordinal);
            var keyword = type;
            if (open >= 0)
            {
                if (!type.EndsWith(')'))
                {
                    throw new ImportException(source, $"column '{text}' has an unclosed bracket.");
                }

                keyword = type[..open];
                space = type[(open + 1)..^1];
            }

            ColumnType? parsed = keyword.ToUpperInvariant() switch
            {
                "" or "STRING" => ColumnType.String,
                "STRING[]" => ColumnType.StringArray,
                "DATE" => ColumnType.Date,
                "DATETIME" => ColumnType.DateTime,
                "BOOLEAN" => ColumnType.Boolean,
                "ID" => ColumnType.Id,
                "START_ID" => ColumnType.StartId,
                "END_ID" => ColumnType.EndId,
                "LABEL" => ColumnType.Label,
                "TYPE" => ColumnType.Type,
                "IGNORE" => null,
                _ => OtherNeo4jTypes.Contains(keyword.TrimEnd('[', ']')) ? ColumnType.String : throw new ImportException(source, $"column '{text}' has unknown type '{type}'; the types are string, string[], date, datetime and boolean."),
            };

            if (space is not null && parsed is not (ColumnType.Id or ColumnType.StartId or ColumnType.EndId))
            {
                throw new ImportException(source, $"column '{text}' has unknown type '{type}'.");
            }

            if (parsed is ColumnType.StartId or ColumnType.EndId or ColumnType.Label or ColumnType.Type && name.Length > 0)
            {
                throw new ImportException(source, $"column '{text}' should be written ':{keyword.ToUpperInvariant()}{(space is null ? "" : $"({space})")}', without a name before the colon.");
            }

            // A neo4j type Patchwork never uses (age:int): unknown column, or the wrong type for a known one.
            return new HeaderCell(text, name, parsed, space, OtherNeo4jTypes.Contains(keyword.TrimEnd('[', ']')));
        }
    }
}
