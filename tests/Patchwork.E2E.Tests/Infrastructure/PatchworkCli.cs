using System.Diagnostics;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>The patchwork command line tool, run from its build output as a user would run it.</summary>
internal static class PatchworkCli
{
    public static Task<string> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="RunAsync(string[])"/>, with more environment variables (configuration such as Patchwork__Governance__Store).</summary>
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        if (!File.Exists(RepoPaths.CliDll))
        {
            throw new InvalidOperationException($"{RepoPaths.CliDll} is missing: build Patchwork.Cli in {RepoPaths.Configuration} first (the test project's build does).");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet", [RepoPaths.CliDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"patchwork {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }
}
