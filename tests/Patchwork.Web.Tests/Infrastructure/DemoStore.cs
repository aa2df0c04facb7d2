using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Coordination;
using Patchwork.Graph.Import;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth;
using Patchwork.Web.Features.Network;

namespace Patchwork.Web.Tests.Infrastructure;

/// <summary>
/// The real embedded store on a temporary file, loaded with the Northvale demo district the way the app loads it:
/// every date moved so that the district's reference date (2026-06-01) falls on <see cref="Today"/>.
/// </summary>
public sealed class DemoStore : IAsyncLifetime
{
    /// <summary>The demo's own "today", written in its reference-date.txt.</summary>
    public static readonly DateOnly ReferenceDate = new(2026, 6, 1);

    /// <summary>
    /// The day the tests run "on": 30 days after the reference date, so a screen that shows an unshifted date is
    /// caught; in British Summer Time, so times on screen are an hour ahead of the data's UTC; and with no date
    /// the tests read in September, whose short name differs between platforms' locale data ("Sep", "Sept").
    /// </summary>
    public static readonly DateOnly Today = new(2026, 7, 1);

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"patchwork-web-tests-{Guid.NewGuid():N}");
    private ServiceProvider? services;

    /// <summary>The demo district's files in the repository.</summary>
    public static string DemoFolder { get; } = Path.Combine(RepoRoot(), "seed-data", "demo");

    /// <summary>How many days every date of the district moved on load.</summary>
    public static int ShiftDays => Today.DayNumber - ReferenceDate.DayNumber;

    public IGraphStore Store => Services.GetRequiredService<IGraphStore>();

    public NetworkService Network => Services.GetRequiredService<NetworkService>();

    public Patchwork.Graph.Changes.ChangeService Changes => Services.GetRequiredService<Patchwork.Graph.Changes.ChangeService>();

    /// <summary>The services a component that changes networks needs, signed in as <paramref name="email"/>.</summary>
    public void AddChangeServices(IServiceCollection target, string email)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.AddSingleton(Changes);
        target.AddSingleton(Network);
        target.AddSingleton(Services.GetRequiredService<Patchwork.Graph.Changes.INetworkChangeFeed>());
        target.AddSingleton(new CurrentViewer(new SignedInAs(email), Store, Options.Create(new OidcSettings())));
    }

    public CoordinatorService Coordinator => Services.GetRequiredService<CoordinatorService>();

    public IAuditTrail Audit => Services.GetRequiredService<IAuditTrail>();

    /// <summary>A service of the store's own provider (the audit trail, break-glass grants...), to hand to a component test.</summary>
    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    private ServiceProvider Services => services ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>A date as the demo's files write it, moved the way the load moved it.</summary>
    public static DateOnly Day(int year, int month, int day) => new DateOnly(year, month, day).AddDays(ShiftDays);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.AddSingleton<TimeProvider>(new FixedClock(Today));
        collection.AddSqliteGraphStore(o => o.Path = Path.Combine(folder, "patchwork.db"));
        collection.AddPatchworkDomain();
        services = collection.BuildServiceProvider();

        var cancellationToken = TestContext.Current.CancellationToken;
        await Store.InitializeAsync(cancellationToken);
        var seeded = await DemoDistrict.SeedIfEmptyAsync(Store, DemoFolder, Today, cancellationToken);
        if (!seeded)
        {
            throw new InvalidOperationException("A fresh store was expected to be empty before the demo district was loaded.");
        }

        await DemoConcerns.SeedAsync(Store, Services.GetRequiredService<Patchwork.Graph.Changes.IConcernStore>(), DemoFolder, Today, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Jo Whitfield, the demo's coordinator, who sees every network and sensitive services by name.</summary>
    public const string CoordinatorEmail = "jo.whitfield@northvale.gov.uk";

    /// <summary>Sam Adeyemi, a practitioner: sensitive services outside his agency reach him only as a notice.</summary>
    public const string PractitionerEmail = "sam.adeyemi@northvale.gov.uk";

    /// <summary>The viewer a demo professional is, as the app finds them when they sign in.</summary>
    public async Task<Viewer> ViewerAsync(string email = CoordinatorEmail) =>
        await SignedIn(email).GetRequiredAsync(TestContext.Current.CancellationToken);

    /// <summary>Who is signed in, as a page finds out: the demo professional with this email.</summary>
    public CurrentViewer SignedIn(string email = CoordinatorEmail) => new(new SignedInAs(email), Store, Options.Create(new OidcSettings()));

    /// <summary>A fresh explorer, as each page of the app gets one, for a signed-in demo professional.</summary>
    public NetworkExplorer Explorer(string email = CoordinatorEmail) =>
        new(Network, SignedIn(email));

    /// <summary>A person's network as the page first draws it.</summary>
    public async Task<Scene> SceneAsync(string personId, int depth = 1, DateOnly? asOf = null)
    {
        var explorer = Explorer();
        await explorer.OpenAsync(personId, asOf ?? Today, depth, [], TestContext.Current.CancellationToken);
        return explorer.BuildScene();
    }

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Patchwork.Graph.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Patchwork.Graph.sln above {AppContext.BaseDirectory}.");
    }
}
