using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Coordination;
using Patchwork.Graph.Feed;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Network;
using Patchwork.Graph.Sessions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Storage.Neo4j;
using Patchwork.Graph.Storage.PostgreSql;
using Patchwork.Graph.Storage.Sqlite;
using Polly;

namespace Patchwork.Graph.Storage;

public static class GraphStoreRegistration
{
    /// <summary>The domain services over whichever store is registered: access rules, audit, networks.</summary>
    public static IServiceCollection AddPatchworkDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<SearchAllowance>();
        services.AddSingleton<NetworkService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<CoordinatorService>();
        services.AddSingleton<ChangeService>();
        services.AddSingleton<FeedService>();
        services.AddPatchworkSessions();
        services.TryAddSingleton<INetworkChangeFeed>(sp => new InProcessNetworkChangeFeed(
            sp.GetService<ILogger<InProcessNetworkChangeFeed>>() ?? NullLogger<InProcessNetworkChangeFeed>.Instance));
        return services;
    }

    /// <summary>
    /// The lifetime rules of signed-in sessions, from <c>Authentication:Session</c> (IdleTimeout, AbsoluteLifetime),
    /// checked at start, and the session service over whichever governance store is registered.
    /// </summary>
    public static IServiceCollection AddPatchworkSessions(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SessionLifetimeOptions>().BindConfiguration(SessionLifetimeOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionLifetimeOptions>, SessionLifetimeOptionsValidator>());
        services.TryAddSingleton<SessionPolicy>();
        services.TryAddSingleton<SessionService>();
        return services;
    }

    /// <summary>The configuration key that picks the store: <c>Sqlite</c> (the default) or <c>Neo4j</c>.</summary>
    public const string StoreKey = "Patchwork:Store";

    /// <summary>Registers the store that <c>Patchwork:Store</c> names: <c>Sqlite</c> (the default) or <c>Neo4j</c>.</summary>
    public static IServiceCollection AddGraphStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddGovernanceStore(configuration);
        var store = configuration[StoreKey];
        if (string.IsNullOrWhiteSpace(store) || store.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddSqliteGraphStore();
        }

        if (store.Equals("Neo4j", StringComparison.OrdinalIgnoreCase))
        {
            // The governance records go where Patchwork:Governance:Store says; by default the local SQLite file.
            return services.AddNeo4jGraphStore().AddSqliteGovernance();
        }

        throw new InvalidOperationException($"{StoreKey} is '{store}': use Sqlite (the default) or Neo4j.");
    }

    /// <summary>Registers the embedded SQLite store, its file taken from <c>Patchwork:Sqlite:Path</c>.</summary>
    public static IServiceCollection AddSqliteGraphStore(this IServiceCollection services, Action<SqliteStoreOptions>? configure = null)
    {
        services.AddSqliteGovernance(configure);
        services.AddSingleton<IGraphStore, SqliteGraphStore>();
        return services;
    }

    /// <summary>
    /// The audit trail, break-glass grants, invitations, concerns, sessions and change log in the SQLite file at <c>Patchwork:Sqlite:Path</c>;
    /// the audit trail's signed checkpoints in the file <c>Patchwork:Audit:CheckpointPath</c> (default: beside the
    /// store), signed with <c>Patchwork:Audit:CheckpointKey</c>.
    /// </summary>
    public static IServiceCollection AddSqliteGovernance(this IServiceCollection services, Action<SqliteStoreOptions>? configure = null)
    {
        var options = services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), $"{SqliteStoreOptions.Section}:Path must name the store file.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddAuditCheckpoints();
        services.TryAddSingleton<SqliteGovernanceStore>();
        services.TryAddSingleton<IGovernanceStore>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<IChangeLog>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<IDataProtectionKeys>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<IAuditTrail>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<IAccessGrants>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<IInvitationStore>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<IConcernStore>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<ISessionStore>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<IIdentityLinks>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.TryAddSingleton<IFeedMessageStore>(sp => sp.GetRequiredService<SqliteGovernanceStore>());

        // This server's changes reach its views as they are made; the file's change log brings those written by
        // another process on the same file (an import by the patchwork command).
        services.TryAddSingleton<INetworkChangeFeed>(sp => SharedNetworkChangeFeed.ForOneServer(
            sp.GetRequiredService<IChangeLog>(),
            sp.GetService<ILogger<SharedNetworkChangeFeed>>() ?? NullLogger<SharedNetworkChangeFeed>.Instance,
            sp.GetService<ILogger<InProcessNetworkChangeFeed>>() ?? NullLogger<InProcessNetworkChangeFeed>.Instance,
            sp.GetService<IGraphStore>() is { } graph ? graph.GetRevisionAsync : null));
        return services;
    }

    /// <summary>The configuration key that picks the governance store: <c>Sqlite</c> (the default) or <c>PostgreSql</c>.</summary>
    public const string GovernanceStoreKey = GovernanceOptions.Section + ":Store";

    /// <summary>
    /// Registers the governance store that <c>Patchwork:Governance:Store</c> names: <c>Sqlite</c> (the default, in the
    /// graph's file at <c>Patchwork:Sqlite:Path</c>) or <c>PostgreSql</c> (<c>Patchwork:Governance:PostgreSql</c>).
    /// The web app and the <c>patchwork</c> command both come here, so they read the same keys.
    /// </summary>
    public static IServiceCollection AddGovernanceStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = configuration[GovernanceStoreKey];
        if (string.IsNullOrWhiteSpace(store) || store.Equals(nameof(GovernanceStoreKind.Sqlite), StringComparison.OrdinalIgnoreCase))
        {
            return services.AddSqliteGovernance();
        }

        if (store.Equals(nameof(GovernanceStoreKind.PostgreSql), StringComparison.OrdinalIgnoreCase))
        {
            return services.AddPostgreSqlGovernance();
        }

        // A store that cannot be used, said as the app and the command say it (the command prints it and exits 1).
        throw new Model.GraphStoreException($"{GovernanceStoreKey} is '{store}': use Sqlite (the default) or PostgreSql.");
    }

    /// <summary>
    /// The governance records in PostgreSQL (<c>Patchwork:Governance:PostgreSql:ConnectionString</c>, and optionally
    /// <c>:MigrationConnectionString</c> for an owner role), shared by every app server, with the change feed that
    /// reads the shared change log. The checkpoints stay in a file (<c>Patchwork:Audit:CheckpointPath</c>).
    /// </summary>
    public static IServiceCollection AddPostgreSqlGovernance(this IServiceCollection services, Action<PostgreSqlGovernanceOptions>? configure = null)
    {
        var options = services.AddOptions<PostgreSqlGovernanceOptions>().BindConfiguration(GovernanceOptions.Section + ":PostgreSql")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"{GovernanceOptions.Section}:PostgreSql:ConnectionString must name the governance database when {GovernanceStoreKey} is PostgreSql.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAuditCheckpoints();

        // Several servers append to one trail: each must sign the same checkpoint file with the same key, or each
        // would keep a file and key of its own beside its local store and none could vouch for the whole trail.
        services.AddOptions<AuditCheckpointOptions>()
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.CheckpointPath) && !string.IsNullOrWhiteSpace(o.CheckpointKey),
                $"With {GovernanceStoreKey} = PostgreSql several servers write one audit trail: set {AuditCheckpointOptions.Section}:CheckpointPath to one file on storage every server reaches, and {AuditCheckpointOptions.Section}:CheckpointKey to the same signing key on every server and for the patchwork command (docs/deployment.md).")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new PostgreSqlGovernanceStore(
            sp.GetRequiredService<IOptions<PostgreSqlGovernanceOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AuditCheckpointLog>()));
        services.TryAddSingleton<IGovernanceStore>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IAuditTrail>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IAccessGrants>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IInvitationStore>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IConcernStore>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<ISessionStore>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IIdentityLinks>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IFeedMessageStore>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IChangeLog>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IDataProtectionKeys>(sp => sp.GetRequiredService<PostgreSqlGovernanceStore>());
        services.TryAddSingleton<IChangeSignal>(sp => new PostgreSqlChangeSignal(sp.GetRequiredService<PostgreSqlGovernanceStore>()));
        services.TryAddSingleton<INetworkChangeFeed>(sp => new SharedNetworkChangeFeed(
            sp.GetRequiredService<IChangeLog>(), sp.GetRequiredService<IChangeSignal>(),
            sp.GetService<ILogger<SharedNetworkChangeFeed>>() ?? NullLogger<SharedNetworkChangeFeed>.Instance,
            sp.GetService<ILogger<InProcessNetworkChangeFeed>>() ?? NullLogger<InProcessNetworkChangeFeed>.Instance,
            sp.GetService<IGraphStore>() is { } graph ? graph.GetRevisionAsync : null));
        return services;
    }

    /// <summary>
    /// The audit trail's signed checkpoints in the file <c>Patchwork:Audit:CheckpointPath</c> (default: beside the
    /// SQLite store), signed with <c>Patchwork:Audit:CheckpointKey</c>: the same for every governance store.
    /// </summary>
    private static IServiceCollection AddAuditCheckpoints(this IServiceCollection services)
    {
        services.AddOptions<AuditCheckpointOptions>().BindConfiguration(AuditCheckpointOptions.Section);
        services.TryAddSingleton(sp =>
        {
            var store = System.IO.Path.GetFullPath(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path);
            var audit = sp.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value;
            return new AuditCheckpointLog(
                string.IsNullOrWhiteSpace(audit.CheckpointPath) ? AuditCheckpointOptions.DefaultPathFor(store) : audit.CheckpointPath,
                audit.CheckpointKey,
                sp.GetService<ILogger<AuditCheckpointLog>>() ?? (ILogger)NullLogger.Instance,
                audit.LogCheckpoints);
        });
        return services;
    }

    /// <summary>
    /// Registers the Neo4j store, its server and credentials taken from <c>Patchwork:Neo4j</c> (Url, Database, User and
    /// Password or Token). Requests go through IHttpClientFactory with the standard resilience handler: timeouts per
    /// attempt and overall, a circuit breaker, and retries of reads (a write is sent again only when the connection
    /// was refused, so it never reached the server).
    /// </summary>
    public static IServiceCollection AddNeo4jGraphStore(this IServiceCollection services, Action<Neo4jStoreOptions>? configure = null)
    {
        var options = services.AddOptions<Neo4jStoreOptions>().BindConfiguration(Neo4jStoreOptions.Section).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Neo4jStoreOptions>, Neo4jStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Neo4jBookmarks>();
        services.AddHttpClient<QueryApiClient>(Neo4jHttp.ClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                // The resilience pipeline owns the timeouts; this only stops a request that outlives all of them.
                var settings = provider.GetRequiredService<IOptions<Neo4jStoreOptions>>().Value;
                client.Timeout = Neo4jHttp.TotalTimeout(settings) + TimeSpan.FromSeconds(5);
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, provider) =>
            {
                // Bad settings are reported once, by their own validation at start; the handler keeps its defaults meanwhile.
                if (TryGet(provider.GetRequiredService<IOptionsMonitor<Neo4jStoreOptions>>(), out var settings))
                {
                    Neo4jHttp.Configure(resilience, settings);
                }
            });
        services.AddSingleton<IGraphStore>(provider => new Neo4jGraphStore(
            provider.GetRequiredService<QueryApiClient>,
            provider.GetRequiredService<IOptions<Neo4jStoreOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<Neo4jGraphStore>>(),
            provider.GetService<IAuditTrail>()));
        return services;
    }

    private static bool TryGet(IOptionsMonitor<Neo4jStoreOptions> monitor, out Neo4jStoreOptions settings)
    {
        try
        {
            settings = monitor.CurrentValue;
            return true;
        }
        catch (OptionsValidationException)
        {
            settings = new Neo4jStoreOptions();
            return false;
        }
    }
}

/// <summary>How the Neo4j store's HTTP client copes with a slow or failing server.</summary>
internal static class Neo4jHttp
{
    public const string ClientName = "Patchwork.Neo4j";

    /// <summary>Retries of a read after its first attempt.</summary>
    public const int Retries = 3;

    /// <summary>The wait before the first retry; each later one waits about twice as long as the one before.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Three attempts of a read that time out, with the back-off between them; a fourth is cut short.</summary>
    public static TimeSpan TotalTimeout(Neo4jStoreOptions settings) => settings.RequestTimeout * 3 + TimeSpan.FromSeconds(10);

    public static void Configure(HttpStandardResilienceOptions resilience, Neo4jStoreOptions settings)
    {
        resilience.AttemptTimeout.Timeout = settings.RequestTimeout;
        resilience.TotalRequestTimeout.Timeout = TotalTimeout(settings);

        // Said here rather than left to the handler's defaults, because docs/reliability.md promises them: a server
        // that is restarting gets 2, 4 and 8 seconds (jittered, so many app servers do not retry in step) to come back.
        resilience.Retry.MaxRetryAttempts = Retries;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = FirstRetryDelay;

        // The circuit breaker must sample for at least twice the attempt timeout.
        resilience.CircuitBreaker.SamplingDuration = settings.RequestTimeout * 2 + TimeSpan.FromSeconds(1);
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome) && MayRetry(args.Context, args.Outcome.Exception));
    }

    /// <summary>
    /// A read, or an idempotent schema statement, may be sent again. A write may not - it may have been applied
    /// before the answer was lost - unless the connection was refused, so the server never saw it.
    /// </summary>
    internal static bool MayRetry(ResilienceContext context, Exception? exception) =>
        context.GetRequestMessage()?.Options.TryGetValue(QueryApiClient.RetryableOption, out var retryable) == true && retryable
        || exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } }
        || exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError };
}
