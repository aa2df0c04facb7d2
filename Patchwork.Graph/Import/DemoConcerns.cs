using System.Globalization;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Import;

/// <summary>
/// The demo district's concerns (<c>workflow/concerns.tsv</c>: person, professional, raisedAt, note), moved like
/// the rest of its dates. Concerns are not part of the graph's bulk format, so they have a file of their own.
/// </summary>
public static class DemoConcerns
{
    public const string FileName = "workflow/concerns.tsv";

    /// <summary>Records the demo's concerns, each on behalf of the agency its professional works for that day.</summary>
    public static async Task<int> SeedAsync(IGraphStore store, IConcernStore concerns, string directory, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(concerns);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return 0;
        }

        var shift = ReferenceDate.ShiftToToday(directory, today);
        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)).Skip(1).Where(l => l.l.Length > 0))
        {
            var fields = line.Split('\t');
            if (fields.Length != 4 || !DateTimeOffset.TryParse(fields[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                throw new ImportException(new SourceLine(FileName, number), "expected four tab-separated fields: person, professional, raisedAt (ISO 8601), note.");
            }

            if (SafeText.Problem(fields[3]) is { } problem)
            {
                throw new ImportException(new SourceLine(FileName, number), $"note {problem}");
            }

            var raisedAt = at.AddDays(shift);
            var professional = await store.FindNodeAsync(new NodeRef(NodeKind.Professional, fields[1]), cancellationToken).ConfigureAwait(false)
                ?? throw new ImportException(new SourceLine(FileName, number), $"there is no professional '{fields[1]}'.");
            var team = await store.GetTeamAsync(fields[0], DateOnly.FromDateTime(raisedAt.UtcDateTime), cancellationToken).ConfigureAwait(false);
            var agency = team.FirstOrDefault(m => m.Professional.Id == professional.Id)?.Agency;
            await concerns.AddAsync(new Concern(0, fields[0], professional.Id, professional.DisplayName, agency?.Id, agency?.Name, raisedAt, fields[3]), cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
