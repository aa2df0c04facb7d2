using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Import;
using Patchwork.Graph.Storage;

namespace Patchwork.Cli.Tests;

public sealed class DemoDistrictTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>seed-data/demo of this checkout, found by walking up to the solution file.</summary>
    public static string DemoFolder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Patchwork.Graph.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "seed-data", "demo");
        }
    }

    [Fact]
    public async Task Demo_district_imports_cleanly_shifted_to_today()
    {
        Assert.SkipUnless(Directory.Exists(DemoFolder), $"No demo district at {DemoFolder}.");

        await cli.OkAsync("import", DemoFolder, "--shift-to-today");

        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;
        Assert.True((int)stats["nodes"]!["Person"]! > 50);
        Assert.True((int)stats["relationships"]!["INVOLVED_WITH"]! > 10);
        Assert.True(int.Parse((await cli.OkAsync("query", "no-lead", "--count")).Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 0);
    }

    [Fact]
    public async Task Seed_if_empty_imports_once_shifted_so_the_reference_date_is_today()
    {
        var folder = new District().WriteTo(cli.Folder("district"));
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(cli.Clock)
            .AddSqliteGraphStore(o => o.Path = cli.Db);
        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(TestContext.Current.CancellationToken);

            var first = await DemoDistrict.SeedIfEmptyAsync(store, folder, new DateOnly(2026, 6, 3), TestContext.Current.CancellationToken);
            var second = await DemoDistrict.SeedIfEmptyAsync(store, folder, new DateOnly(2026, 6, 3), TestContext.Current.CancellationToken);

            Assert.True(first);
            Assert.False(second);
        }

        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;
        Assert.Equal(6, (int)stats["nodes"]!["Person"]!);
        var hits = JsonNode.Parse(await cli.OkAsync("query", "search", "2014-03-16", "--json"))!.AsArray();
        Assert.Equal("P1", (string)Assert.Single(hits)!["id"]!);
    }
}
