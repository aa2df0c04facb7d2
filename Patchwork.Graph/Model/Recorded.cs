namespace Patchwork.Graph.Model;

/// <summary>Who recorded a fact and when: every relationship carries one, for accountability.</summary>
public sealed record Recorded(DateTimeOffset At, string By)
{
    public static Recorded Now(string by, TimeProvider? clock = null) => new((clock ?? TimeProvider.System).GetUtcNow(), by);
}
