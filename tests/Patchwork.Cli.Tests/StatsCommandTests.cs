using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Patchwork.Cli.Tests;

public sealed class StatsCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Stats_json_counts_nodes_per_label_and_relationships_per_type()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));

        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;

        Assert.Equal(
            """{"Person":6,"Household":3,"Professional":3,"Agency":3}""",
            stats["nodes"]!.ToJsonString());
        Assert.Equal(
            """{"MEMBER_OF":6,"FAMILY":6,"WORKS_FOR":3,"INVOLVED_WITH":4,"STATUS":0,"CONTACT":3}""",
            stats["relationships"]!.ToJsonString());
    }

    [Fact]
    public async Task Stats_of_a_new_store_are_all_zero()
    {
        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;

        Assert.All(stats["nodes"]!.AsObject(), pair => Assert.Equal(0, (int)pair.Value!));
        Assert.All(stats["relationships"]!.AsObject(), pair => Assert.Equal(0, (int)pair.Value!));
    }

    [Fact]
    public async Task Stats_table_lists_each_label_and_type_with_its_count()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));

        var lines = (await cli.OkAsync("stats")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("KIND          NAME           COUNT", lines[0]);
        Assert.Contains("node          Person         6", lines);
        Assert.Contains("relationship  INVOLVED_WITH  4", lines);
    }

    [Fact]
    public async Task Store_file_comes_from_configuration_when_db_is_not_given()
    {
        var path = Path.Combine(cli.Root, "configured.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Patchwork:Sqlite:Path"] = path })
            .Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Cli.RunAsync(["stats"], new Infrastructure.CliContext(output, error, false, cli.Clock, configuration), TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(path));
    }
}
