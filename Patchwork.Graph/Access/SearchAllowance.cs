using System.Collections.Concurrent;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Access;

/// <summary>
/// How many searches one professional may run a minute. Searching is how someone would trawl the register for
/// people they have no reason to see, so a burst far beyond what typing produces is refused (and audited by the caller).
/// </summary>
public sealed class SearchAllowance(TimeProvider clock)
{
    public const int PerMinute = 120;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> recent = new(StringComparer.Ordinal);

    public void Take(Viewer viewer)
    {
        var now = clock.GetUtcNow();
        var times = recent.GetOrAdd(viewer.ProfessionalId, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            while (times.Count > 0 && now - times.Peek() >= TimeSpan.FromMinutes(1))
            {
                times.Dequeue();
            }

            if (times.Count >= PerMinute)
            {
                throw new GraphRuleException($"That is more than {PerMinute} searches in a minute. Wait a moment, then search again.");
            }

            times.Enqueue(now);
        }
    }
}
