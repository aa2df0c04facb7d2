using Patchwork.Cli.Infrastructure;

namespace Patchwork.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Help_lists_the_commands_and_exits_with_0()
    {
        var result = await cli.RunRawAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "import", "export", "stats", "query", "generate" })
        {
            Assert.Contains($"  {command}", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_command_gives_one_line_and_exits_with_2()
    {
        var result = await cli.RunRawAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("patchwork: Unrecognized command or argument 'frobnicate'.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_print_no_progress_when_stderr_is_not_a_terminal()
    {
        var result = await cli.RunAsync("import", new District().WriteTo(cli.Folder("district")));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Progress_shows_count_rate_and_time_left_then_clears_its_line()
    {
        using var error = new StringWriter();
        var progress = new ConsoleProgress(new CliContext(TextWriter.Null, error, interactive: true), "rows", done => done / 100.0, TimeSpan.Zero);

        progress.Report(25);
        var shown = error.ToString();
        progress.Done();

        Assert.StartsWith("\r25 rows  ", shown, StringComparison.Ordinal);
        Assert.Contains("rows/s  25%  about ", shown, StringComparison.Ordinal);
        Assert.EndsWith(" left", shown, StringComparison.Ordinal);
        Assert.EndsWith("\r", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_is_silent_when_nobody_is_watching()
    {
        using var error = new StringWriter();
        var progress = new ConsoleProgress(new CliContext(TextWriter.Null, error, interactive: false), "rows", _ => null, TimeSpan.Zero);

        progress.Report(1000);
        progress.Done();

        Assert.Empty(error.ToString());
    }
}
