using System.Text.Json.Nodes;

namespace Patchwork.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Generate_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        var first = Path.Combine(cli.Root, "first");
        var second = Path.Combine(cli.Root, "second");
        var other = Path.Combine(cli.Root, "other");

        await cli.OkAsync("generate", "--persons", "3000", "--seed", "7", first);
        await cli.OkAsync("generate", "--persons", "3000", "--seed", "7", second);
        await cli.OkAsync("generate", "--persons", "3000", "--seed", "8", other);

        foreach (var file in Directory.GetFiles(first).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file!)), File.ReadAllBytes(Path.Combine(second, file!)));
        }

        Assert.NotEqual(File.ReadAllText(Path.Combine(first, "persons.csv")), File.ReadAllText(Path.Combine(other, "persons.csv")));
    }

    [Fact]
    public async Task Generated_district_imports_cleanly_and_looks_like_a_district()
    {
        var folder = Path.Combine(cli.Root, "district");
        var output = await cli.OkAsync("generate", "--persons", "4000", "--seed", "1", folder);
        Assert.StartsWith("Generated 4,000 persons in ", output, StringComparison.Ordinal);

        await cli.OkAsync("import", folder, "--shift-to-today");

        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;
        Assert.Equal(4000, (int)stats["nodes"]!["Person"]!);
        Assert.Equal(12, (int)stats["nodes"]!["Agency"]!);
        var households = (int)stats["nodes"]!["Household"]!;
        Assert.InRange(4000.0 / households, 1.8, 3.2);
        var professionals = (int)stats["nodes"]!["Professional"]!;
        Assert.InRange(professionals, 25, 40);
        Assert.True((int)stats["relationships"]!["FAMILY"]! > 3000);
        Assert.True((int)stats["relationships"]!["MEMBER_OF"]! > 4000, "some people moved house: ended memberships");
        Assert.True((int)stats["relationships"]!["CONTACT"]! > 1000);

        var involvements = File.ReadLines(Path.Combine(folder, "involved_with.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var clients = involvements.Where(f => f[6].Length == 0).Select(f => f[1]).Distinct().Count();
        Assert.InRange(clients, 900, 1500);
        Assert.Contains(involvements, f => f[6].Length > 0);
        Assert.InRange(involvements.GroupBy(f => f[1]).Max(g => g.Count()), 2, 4);
        Assert.True(int.Parse((await cli.OkAsync("query", "no-lead", "--count")).Trim(), System.Globalization.CultureInfo.InvariantCulture) > 10);

        var contacts = File.ReadLines(Path.Combine(folder, "contacts.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Contains(contacts, f => f[4] == "true");
        Assert.True(contacts.Count(f => f[4] == "false") > contacts.Count(f => f[4] == "true"));

        var sizes = File.ReadLines(Path.Combine(folder, "member_of.csv")).Skip(1).Select(l => l.Split(',')).Where(f => f[3].Length == 0).GroupBy(f => f[1]).Select(g => g.Count()).ToList();
        Assert.Equal(1, sizes.Min());
        Assert.Equal(6, sizes.Max());
        Assert.True(sizes.Count(s => s == 1) > sizes.Count / 10, "many people live alone");
    }

    [Fact]
    public async Task Generated_district_answers_network_and_team_questions()
    {
        var folder = Path.Combine(cli.Root, "district");
        await cli.OkAsync("generate", "--persons", "500", "--seed", "3", folder);
        await cli.OkAsync("import", folder);
        var client = File.ReadLines(Path.Combine(folder, "involved_with.csv")).Skip(1).Select(l => l.Split(',')).First(f => f[6].Length == 0)[1];

        var team = JsonNode.Parse(await cli.OkAsync("query", "team", client, "--as-of", "2026-06-01", "--json"))!.AsArray();
        var network = JsonNode.Parse(await cli.OkAsync("query", "network", client, "--as-of", "2026-06-01", "--json"))!;

        Assert.NotEmpty(team);
        Assert.True((bool)network["nodes"]![0]!["client"]!);
        Assert.Contains(network["nodes"]!.AsArray(), n => (string)n!["kind"]! == "agency");
    }

    [Fact]
    public async Task Generate_refuses_a_folder_that_already_holds_csv_files()
    {
        var folder = cli.Folder("busy");
        File.WriteAllText(Path.Combine(folder, "persons.csv"), "x\n");

        var result = await cli.RunAsync("generate", "--persons", "10", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already holds CSV files", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_needs_at_least_one_person()
    {
        var result = await cli.RunAsync("generate", "--persons", "0", Path.Combine(cli.Root, "none"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--persons must be between 1 and", result.Error, StringComparison.Ordinal);
    }
}
