using System.Reflection;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage.Neo4j;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>The store runs the files of cypher/ as they are: each one it names is embedded, and each embedded one is used.</summary>
public sealed class CypherCatalogTests
{
    private static IEnumerable<string> NamesTheStoreUses()
    {
        foreach (var field in typeof(CypherFile).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            yield return (string)field.GetRawConstantValue()!;
        }

        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            yield return CypherFile.AddNode(kind);
            yield return CypherFile.ImportNodes(kind);
            yield return CypherFile.ExportNodes(kind);
        }

        foreach (var type in Enum.GetValues<RelationshipType>())
        {
            yield return CypherFile.AddRelationship(type);
            yield return CypherFile.EndRelationship(type);
            yield return CypherFile.ImportRelationships(type);
            yield return CypherFile.ExportRelationships(type);
        }
    }

    [Fact]
    public void Every_file_the_store_names_is_embedded_and_every_embedded_file_is_used() =>
        Assert.Equal(NamesTheStoreUses().Distinct().Order(StringComparer.Ordinal), CypherCatalog.Names);

    [Fact]
    public void Operation_files_hold_exactly_one_statement()
    {
        foreach (var name in CypherCatalog.Names.Where(n => !n.StartsWith("schema", StringComparison.Ordinal)))
        {
            Assert.NotEmpty(CypherCatalog.Statement(name));
        }
    }

    [Fact]
    public void Schema_files_split_into_their_statements()
    {
        var schema = CypherCatalog.Statements(CypherFile.Schema);

        Assert.Contains(schema, s => s.Contains("CREATE CONSTRAINT person_id IF NOT EXISTS", StringComparison.Ordinal));
        Assert.Contains(schema, s => s.Contains("CREATE FULLTEXT INDEX patchwork_names", StringComparison.Ordinal));
        Assert.All(schema, s => Assert.DoesNotContain(";", s.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).Aggregate("", (a, l) => a + l), StringComparison.Ordinal));
        Assert.All(CypherCatalog.Statements(CypherFile.SchemaEnterprise), s => Assert.Contains("CREATE CONSTRAINT", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Split_ignores_semicolons_in_strings_names_and_comments()
    {
        var statements = CypherCatalog.Split("""
            // one; still a comment
            RETURN 'a;b' AS `x;y`;
            /* two; */ RETURN "c;d";
            // nothing after this one;
            """);

        Assert.Equal(2, statements.Count);
        Assert.EndsWith("RETURN 'a;b' AS `x;y`", statements[0], StringComparison.Ordinal);
        Assert.EndsWith("RETURN \"c;d\"", statements[1], StringComparison.Ordinal);
    }

    [Fact]
    public void No_statement_walks_a_variable_length_pattern_through_an_agency()
    {
        foreach (var name in CypherCatalog.Names)
        {
            foreach (var statement in CypherCatalog.Statements(name))
            {
                Assert.DoesNotContain("WORKS_FOR*", statement, StringComparison.Ordinal);
                Assert.DoesNotContain(":Agency)<-", statement, StringComparison.Ordinal);
            }
        }
    }
}
