using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Patchwork.Web.Auth;

namespace Patchwork.Integration.Tests;

/// <summary>
/// With Authentication:Oidc:ClientCertificate set, the app proves itself at the token endpoint with assertions signed
/// by the certificate's key (private_key_jwt), and the provider - holding only the certificate's public key - accepts
/// them, for the sign-in and for the refresh; with a key the provider does not know, sign-in stops on the
/// configuration fault page.
/// </summary>
public sealed class CertificateClientTests : IAsyncDisposable
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";
    private readonly string directory = Directory.CreateTempSubdirectory("patchwork-cert-").FullName;
    private readonly PatchworkAppFactory app;

    public CertificateClientTests()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=patchwork-web", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(directory, "patchwork-web.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        app = new PatchworkAppFactory(settings: new Dictionary<string, string?>
        {
            ["Authentication:Oidc:ClientCertificate:Path"] = path,
            ["Authentication:Oidc:ClientCertificate:Password"] = "pfx-password",
        });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task The_provider_accepts_the_apps_signed_assertion_and_the_user_signs_in()
    {
        var browser = new AppBrowser(app.CreateClient());

        await browser.SignInAsync(Sam, startAt: "/");

        Assert.True(app.Services.GetRequiredService<ClientAuthentication>().UsesCertificate);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/network/P001/team.csv", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_certificate_the_provider_does_not_know_stops_sign_in_on_the_configuration_page()
    {
        _ = app.CreateClient();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The provider now holds another certificate's key, as when the app's certificate was replaced but not uploaded.
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var client = await applications.FindByClientIdAsync("patchwork-web", Ct);
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, client!, Ct);
            using var other = RSA.Create(2048);
            descriptor.JsonWebKeySet = new JsonWebKeySet { Keys = { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(other.ExportParameters(false))) } };
            await applications.UpdateAsync(client!, descriptor, Ct);
        }

        var browser = new AppBrowser(app.CreateClient());
        var answer = await browser.SignInAsync(Sam, startAt: "/");

        Assert.Contains("/authentication/problem/configuration", browser.Visited.Select(u => u.AbsolutePath).Append(answer.RequestMessage?.RequestUri?.AbsolutePath ?? ""));
        Assert.NotEqual(HttpStatusCode.OK, (await browser.Client.GetAsync("/network/P001/team.csv", Ct)).StatusCode);
    }
}
