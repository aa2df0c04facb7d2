using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

/// <summary>A clock that stands still until a test moves it.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>
/// A real SQLite store with the domain services over it, as the web app registers them, on a temporary file:
/// the access rules, redaction and audit trail are tested against the store they run on.
/// </summary>
public sealed class Governed : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 6, 1);

    private readonly ServiceProvider provider;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "patchwork-tests", Guid.NewGuid().ToString("N"));

    private Governed()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSqliteGraphStore(o => o.Path = Path.Combine(folder, "patchwork.db"));
        services.AddPatchworkDomain();
        provider = services.BuildServiceProvider();
    }

    public StoppedClock Clock { get; } = new(new DateTimeOffset(Today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    public IGraphStore Store => provider.GetRequiredService<IGraphStore>();

    public AccessPolicy Access => provider.GetRequiredService<AccessPolicy>();

    public NetworkService Networks => provider.GetRequiredService<NetworkService>();

    public IAuditTrail Audit => provider.GetRequiredService<IAuditTrail>();

    public IServiceProvider Services => provider;

    public string DatabasePath => Path.Combine(folder, "patchwork.db");

    public static async Task<Governed> CreateAsync(District district)
    {
        var governed = new Governed();
        await governed.Store.InitializeAsync();
        await district.WriteToAsync(governed.Store, CancellationToken.None);
        return governed;
    }

    /// <summary>A store loaded from a folder in the bulk format, as the import command loads one.</summary>
    public static async Task<Governed> ImportAsync(string folder)
    {
        var governed = new Governed();
        await governed.Store.InitializeAsync();
        await governed.Store.ImportAsync(new BulkFormatReader(folder));
        return governed;
    }

    public static Viewer Practitioner(string id) => new(id, $"Practitioner {id}", $"{id}@example.org", new HashSet<ProfessionalRole> { ProfessionalRole.Practitioner });

    public static Viewer Coordinator(string id) => new(id, $"Coordinator {id}", $"{id}@example.org", new HashSet<ProfessionalRole> { ProfessionalRole.Coordinator });

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
