using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Patchwork.Cli.Infrastructure;

/// <summary>The options several commands share, and the context they run in.</summary>
internal sealed class CommonOptions(CliContext context)
{
    public CliContext Context { get; } = context;

    public Option<string?> Db { get; } = new("--db")
    {
        Description = "The store file (default: configuration Patchwork:Sqlite:Path, else the user's application data).",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<string?> Checkpoints { get; } = new("--checkpoints")
    {
        Description = "The audit trail's signed checkpoint file (default: configuration Patchwork:Audit:CheckpointPath, else beside the store file).",
        HelpName = "PATH",
        Recursive = true,
    };

    public static Option<DateOnly?> AsOf() => new("--as-of")
    {
        Description = "The day to answer for, YYYY-MM-DD (default: today).",
        HelpName = "DATE",
        CustomParser = ParseDate,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table." };

    public static Option<int> Count(string name, string description, int defaultValue, int min, int max = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError(max == int.MaxValue
                    ? $"{name} must be at least {min}; {value} was given."
                    : $"{name} must be between {min} and {max}; {value} was given.");
            }
        });
        return option;
    }

    public Task<StoreSession> OpenStoreAsync(ParseResult parsed, CancellationToken cancellationToken) =>
        StoreSession.OpenAsync(Context, parsed.GetValue(Db), parsed.GetValue(Checkpoints), cancellationToken);

    public DateOnly AsOfOrToday(ParseResult parsed, Option<DateOnly?> asOf) => parsed.GetValue(asOf) ?? Context.Today;

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date: write YYYY-MM-DD, e.g. 2026-06-01.");
        return null;
    }
}
