using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Web.Auth;

namespace Patchwork.Integration.Tests;

/// <summary>
/// The whole app in process, on a fresh store seeded with the demo district on start, with the development identity
/// provider on. The app is reached at https://localhost: the sign-in cookies are Secure, and a cookie container sends
/// them over https only.
/// </summary>
public sealed class PatchworkAppFactory : WebApplicationFactory<Program>
{
    public static readonly Uri BaseAddress = new("https://localhost");

    private readonly string directory = Path.Combine(Path.GetTempPath(), "patchwork-it-" + Guid.NewGuid().ToString("N"));
    private readonly string environment;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    public PatchworkAppFactory(string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        this.environment = environment;
        this.settings = settings ?? new Dictionary<string, string?>();
        this.services = services;
        ClientOptions.BaseAddress = BaseAddress;
        ClientOptions.AllowAutoRedirect = false;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Patchwork:Sqlite:Path", Path.Combine(directory, "patchwork.db"));
        builder.UseSetting("DevIdentity:BaseUrl", BaseAddress.ToString());
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // The OpenID Connect handler fetches the provider's metadata and exchanges the code over its back channel;
        // in process that is the test server, not the network.
        builder.ConfigureTestServices(collection =>
        {
            collection.Configure<OpenIdConnectOptions>(
                PatchworkAuth.OidcScheme, options => options.BackchannelHttpHandler = new TestServerHandler(() => Server));
            services?.Invoke(collection);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Sends to the test server, created by the time the first request is sent.</summary>
    private sealed class TestServerHandler(Func<TestServer> server) : HttpMessageHandler
    {
        private readonly Lazy<HttpMessageInvoker> invoker = new(() => new HttpMessageInvoker(server().CreateHandler()));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            invoker.Value.SendAsync(request, cancellationToken);
    }
}
