namespace Patchwork.Web.Tests.Infrastructure;

/// <summary>A clock stopped at noon UTC on one day, so "today" is the same on every run.</summary>
internal sealed class FixedClock(DateOnly today) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
