using System.Collections.Concurrent;
using System.Text;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// The statements in the repository's cypher/ folder, embedded in this assembly as they are (CI lints those files).
/// A file holds one statement, except the schema files, which hold several separated by ';'.
/// </summary>
internal static class CypherCatalog
{
    private const string Prefix = "Patchwork.Graph.Cypher.";
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Cache = new(StringComparer.Ordinal);

    /// <summary>Every embedded file, by name without the .cypher extension.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(CypherCatalog).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".cypher", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".cypher".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The one statement of <paramref name="name"/>.</summary>
    public static string Statement(string name)
    {
        var statements = Statements(name);
        return statements.Count == 1
            ? statements[0]
            : throw new InvalidOperationException($"cypher/{name}.cypher holds {statements.Count} statements where one was expected.");
    }

    /// <summary>Every statement of <paramref name="name"/>, in order.</summary>
    public static IReadOnlyList<string> Statements(string name) => Cache.GetOrAdd(name, static n => Split(Load(n)));

    private static string Load(string name)
    {
        using var stream = typeof(CypherCatalog).Assembly.GetManifestResourceStream(Prefix + name + ".cypher")
            ?? throw new InvalidOperationException($"cypher/{name}.cypher is not embedded in {typeof(CypherCatalog).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Splits on ';' outside strings, quoted names and comments, as cypher/lint/lint.mjs does; drops the parts that
    /// hold nothing but comments and white space.
    /// </summary>
    internal static IReadOnlyList<string> Split(string text)
    {
        var statements = new List<string>();
        var start = 0;
        var hasCode = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c is '\'' or '"' or '`')
            {
                hasCode = true;
                var j = i + 1;
                while (j < text.Length && text[j] != c)
                {
                    j += text[j] == '\\' && c != '`' ? 2 : 1;
                }

                i = j + 1;
            }
            else if (c == ';')
            {
                Add(i);
                start = i + 1;
                i++;
            }
            else
            {
                hasCode |= !char.IsWhiteSpace(c);
                i++;
            }
        }

        Add(text.Length);
        return statements;

        void Add(int end)
        {
            if (hasCode)
            {
                statements.Add(text[start..Math.Min(end, text.Length)].Trim());
            }

            hasCode = false;
        }
    }
}

/// <summary>The names of the files in cypher/, so a misspelt one fails a unit test rather than a request.</summary>
internal static class CypherFile
{
    public const string Schema = "schema";
    public const string SchemaEnterprise = "schema-enterprise";
    public const string NetworkHouseholds = "network-households";
    public const string NetworkMembers = "network-members";
    public const string NetworkRelatives = "network-relatives";
    public const string NetworkTeam = "network-team";
    public const string NetworkAgencies = "network-agencies";
    public const string NetworkAgencyStaff = "network-agency-staff";
    public const string NetworkNodes = "network-nodes";
    public const string Team = "team";
    public const string Statuses = "statuses";
    public const string StatusHistory = "status-history";
    public const string SearchNames = "search-names";
    public const string SearchDateOfBirth = "search-date-of-birth";
    public const string ClientsWithoutLead = "clients-without-lead";
    public const string CountClientsWithoutLead = "count-clients-without-lead";
    public const string ClientsWhoseLeadEnded = "clients-whose-lead-ended";
    public const string CountClientsWhoseLeadEnded = "count-clients-whose-lead-ended";
    public const string ClientsWithManyAgenciesAndNoLead = "clients-with-many-agencies-and-no-lead";
    public const string CountClientsWithManyAgenciesAndNoLead = "count-clients-with-many-agencies-and-no-lead";
    public const string ClientsWithoutContact = "clients-without-contact";
    public const string CountClientsWithoutContact = "count-clients-without-contact";
    public const string PlannedContacts = "planned-contacts";
    public const string CountPlannedContacts = "count-planned-contacts";
    public const string Stats = "stats";
    public const string FindNode = "find-node";
    public const string FindProfessionalByEmail = "find-professional-by-email";
    public const string FindPersonByNhsNumber = "find-person-by-nhs-number";
    public const string ExistingNodes = "existing-nodes";
    public const string ExistingRelationships = "existing-relationships";
    public const string RecordContact = "record-contact";
    public const string Revision = "revision";
    public const string Revise = "revise";
    public const string ImportContacts = "import-contacts";
    public const string ExportContacts = "export-contacts";

    public static string AddNode(NodeKind kind) => "add-" + kind.Name();

    public static string ImportNodes(NodeKind kind) => "import-" + Plural(kind);

    public static string ExportNodes(NodeKind kind) => "export-" + Plural(kind);

    public static string AddRelationship(RelationshipType type) => "add-" + Dashed(type);

    public static string EndRelationship(RelationshipType type) => "end-" + Dashed(type);

    public static string ImportRelationships(RelationshipType type) => "import-" + Dashed(type);

    public static string ExportRelationships(RelationshipType type) => "export-" + Dashed(type);

    private static string Plural(NodeKind kind) => kind == NodeKind.Agency ? "agencies" : kind.Name() + "s";

    private static string Dashed(RelationshipType type) =>
        type.TypeName().ToLowerInvariant().Replace('_', '-');
}
