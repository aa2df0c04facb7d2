using System.Diagnostics;

namespace Patchwork.Cli.Infrastructure;

/// <summary>
/// Shows on stderr how far a long command has got - rows done, rate and time left - when a person is watching
/// (stderr is a terminal); says nothing otherwise, so scripts and logs stay clean.
/// </summary>
internal sealed class ConsoleProgress : IProgress<long>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly TextWriter error;
    private readonly bool enabled;
    private readonly string unit;
    private readonly Func<long, double?> fraction;
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private TimeSpan last = TimeSpan.MinValue;
    private int width;

    /// <summary><paramref name="fraction"/> tells how much of the work a count stands for, 0 to 1, when that is known.</summary>
    public ConsoleProgress(CliContext context, string unit, Func<long, double?> fraction)
    {
        error = context.Error;
        enabled = context.Interactive;
        this.unit = unit;
        this.fraction = fraction;
    }

    public void Report(long value)
    {
        if (!enabled || stopwatch.Elapsed - last < Interval)
        {
            return;
        }

        last = stopwatch.Elapsed;
        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
        var text = $"{value:N0} {unit}  {value / seconds:N0} {unit}/s";
        if (fraction(value) is { } done and > 0.001 and < 1)
        {
            var left = TimeSpan.FromSeconds(seconds * (1 - done) / done);
            text += $"  {done:P0}  about {left:m\\:ss} left";
        }

        width = Math.Max(width, text.Length);
        error.Write($"\r{text.PadRight(width)}");
    }

    /// <summary>Clears the progress line before the command prints its result.</summary>
    public void Done()
    {
        if (enabled && width > 0)
        {
            error.Write($"\r{new string(' ', width)}\r");
        }
    }
}
