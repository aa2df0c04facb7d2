namespace Patchwork.Web.Features.Changes;

/// <summary>
/// What each date entry of an open form could not read, by field name. A date entry holds its own boxes' text; the
/// form asks here on submit, so a mistyped date stops the save with its message instead of saving the last good one.
/// </summary>
public sealed class DateEntries
{
    private readonly Dictionary<string, string> problems = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, string>> Problems => problems;

    public void Report(string field, string? problem)
    {
        if (problem is null)
        {
            problems.Remove(field);
        }
        else
        {
            problems[field] = problem;
        }
    }
}
