using Microsoft.Extensions.Options;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// Where the Neo4j store finds its server and how it signs in, bound from <c>Patchwork:Neo4j</c> (configuration or
/// environment variables such as <c>Patchwork__Neo4j__Url</c>). Credentials never come from code.
/// </summary>
public sealed class Neo4jStoreOptions
{
    public const string Section = "Patchwork:Neo4j";

    /// <summary>The server's HTTP(S) address: http://localhost:7474, or https://xxxx.databases.neo4j.io for Aura.</summary>
    public string? Url { get; set; }

    /// <summary>The database to use; <c>neo4j</c> unless told otherwise.</summary>
    public string Database { get; set; } = "neo4j";

    /// <summary>The user for basic authentication, with <see cref="Password"/>.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>A bearer token (single sign-on), instead of <see cref="User"/> and <see cref="Password"/>; sent as given.</summary>
    public string? Token { get; set; }

    /// <summary>How long one request may take before it is abandoned; reads are then tried again.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows per UNWIND batch of an import; the whole import is still one transaction.</summary>
    public int ImportBatchSize { get; set; } = 5000;

    /// <summary>Also apply cypher/schema-enterprise.cypher (types, required properties): Neo4j Enterprise or Aura only.</summary>
    public bool EnterpriseSchema { get; set; }

    internal Uri BaseUri => new(Url!.EndsWith('/') ? Url : Url + "/", UriKind.Absolute);
}

/// <summary>Says, for an administrator, what is wrong with the Neo4j settings and which key to change.</summary>
internal sealed class Neo4jStoreOptionsValidator : IValidateOptions<Neo4jStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, Neo4jStoreOptions options)
    {
        const string S = Neo4jStoreOptions.Section;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            problems.Add($"{S}:Url is missing: set it to the Neo4j server's HTTP address, e.g. http://localhost:7474 (environment variable Patchwork__Neo4j__Url).");
        }
        else if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{S}:Url '{options.Url}' is not an http:// or https:// address. Use Neo4j's HTTP port (7474, or 7473 for HTTPS), not a bolt:// or neo4j:// address.");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            problems.Add($"{S}:Url must not carry credentials: set {S}:User and {S}:Password (or {S}:Token) instead.");
        }

        if (string.IsNullOrWhiteSpace(options.Database) || options.Database.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
        {
            problems.Add($"{S}:Database '{options.Database}' is not a Neo4j database name: use letters, digits, '.', '-' or '_'.");
        }

        var basic = !string.IsNullOrEmpty(options.User) || !string.IsNullOrEmpty(options.Password);
        if (basic && !string.IsNullOrEmpty(options.Token))
        {
            problems.Add($"Set either {S}:User and {S}:Password or {S}:Token, not both.");
        }
        else if (basic && (string.IsNullOrEmpty(options.User) || string.IsNullOrEmpty(options.Password)))
        {
            problems.Add($"{S}:User and {S}:Password go together: set both.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromHours(1))
        {
            problems.Add($"{S}:RequestTimeout must be between 00:00:01 and 01:00:00; it is {options.RequestTimeout}.");
        }

        if (options.ImportBatchSize is < 1 or > 100_000)
        {
            problems.Add($"{S}:ImportBatchSize must be between 1 and 100000; it is {options.ImportBatchSize}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
