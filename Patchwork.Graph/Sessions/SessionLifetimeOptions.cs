using Microsoft.Extensions.Options;

namespace Patchwork.Graph.Sessions;

/// <summary>How long a signed-in session lasts (<c>Authentication:Session</c>).</summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Authentication:Session";

    /// <summary>A session not used for this long ends (Authentication:Session:IdleTimeout, default 30 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in however busy it is (Authentication:Session:AbsoluteLifetime, default 10 hours).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>
    /// How often the identity provider is asked again whether the user may stay signed in, by renewing their tokens
    /// (Authentication:Session:RevalidateEvery, default 15 minutes).
    /// </summary>
    public TimeSpan RevalidateEvery { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Says which setting is wrong, and how, before the app starts with it.</summary>
internal sealed class SessionLifetimeOptionsValidator : IValidateOptions<SessionLifetimeOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionLifetimeOptions options)
    {
        var problems = new List<string>();
        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{SessionLifetimeOptions.Section}:IdleTimeout must be more than zero (e.g. 00:30:00); it is {options.IdleTimeout}.");
        }

        if (options.RevalidateEvery <= TimeSpan.Zero)
        {
            problems.Add($"{SessionLifetimeOptions.Section}:RevalidateEvery must be more than zero (e.g. 00:15:00); it is {options.RevalidateEvery}.");
        }

        if (options.AbsoluteLifetime <= TimeSpan.Zero)
        {
            problems.Add($"{SessionLifetimeOptions.Section}:AbsoluteLifetime must be more than zero (e.g. 10:00:00); it is {options.AbsoluteLifetime}.");
        }
        else if (options.IdleTimeout > options.AbsoluteLifetime)
        {
            problems.Add($"{SessionLifetimeOptions.Section}:IdleTimeout ({options.IdleTimeout}) must not be longer than {SessionLifetimeOptions.Section}:AbsoluteLifetime ({options.AbsoluteLifetime}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
