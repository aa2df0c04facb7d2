using System.Diagnostics;

namespace Patchwork.Neo4j.Tests.Lint;

/// <summary>
/// Every file under cypher/ through Neo4j's own Cypher parser and semantic analysis (cypher/lint/lint.mjs, pinned
/// in its package-lock.json). The script first lints a known-bad fixture and fails if that passes, so a silent
/// linter cannot pass this test.
/// </summary>
public sealed class CypherLintTests
{
    [Fact]
    public async Task Every_cypher_file_passes_the_Neo4j_linter()
    {
        Assert.SkipUnless(OnPath("node") && OnPath("npm"), "Node.js and npm are not installed: the Cypher lint needs them (CI installs them).");
        var lint = Path.Combine(RepositoryRoot(), "cypher", "lint");
        if (!Directory.Exists(Path.Combine(lint, "node_modules")))
        {
            var install = await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", lint);
            Assert.True(install.ExitCode == 0, $"npm ci in cypher/lint failed:\n{install.Output}");
        }

        var result = await RunAsync("node", "lint.mjs", lint);
        Assert.True(result.ExitCode == 0, $"The Cypher lint found problems:\n{result.Output}");
        Assert.Contains("known-bad", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string arguments, string folder)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, program)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Patchwork.Graph.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Patchwork.Graph.sln not found above the test's folder.");
    }
}
