namespace Patchwork.Web.Auth.DevIdentity;

/// <summary>
/// The development identity provider (configuration section <c>DevIdentity</c>): signs in the professionals of the
/// store with one shared password, for local work, tests and demos. Never in Production.
/// </summary>
public sealed class DevIdentityOptions
{
    public const string Section = "DevIdentity";

    /// <summary>On by default in Development only; refused in Production.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The one password of every account (patchwork-demo in Development).</summary>
    public string? Password { get; set; }

    /// <summary>The app's URL when the server cannot tell it (a test server); by default its listening address.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Emails of accounts listed on the sign-in page, for demos.</summary>
    public IList<string> DemoAccounts { get; } = [];

    /// <summary>Sign-in attempts allowed from one address in a minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Whether the provider is on: <c>DevIdentity:Enabled</c>, else whether this is Development.</summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>($"{Section}:{nameof(Enabled)}") ?? environment.IsDevelopment();
}
