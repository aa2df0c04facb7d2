using Microsoft.Extensions.Configuration;

namespace Patchwork.Cli.Infrastructure;

/// <summary>
/// What a command runs against: where it writes, whether a person is watching stderr (progress is shown only
/// then), the clock that says what "today" is, and the configuration that may name the store file.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool interactive = false, TimeProvider? clock = null, IConfiguration? configuration = null)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Interactive { get; } = interactive;

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>appsettings.json beside the program and the environment (Patchwork__Sqlite__Path), unless given.</summary>
    public IConfiguration Configuration { get; } = configuration ?? new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
}

/// <summary>A command line that parsed but asks for something impossible (both --shift-days and --shift-to-today).</summary>
internal sealed class UsageException(string message) : Exception(message);
