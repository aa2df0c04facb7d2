using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Patchwork.Web.Auth;

namespace Patchwork.Web.Tests.Auth;

/// <summary>
/// The client assertion the app signs for private_key_jwt, as RFC 7523 and Entra ID ask, and the certificate files it
/// reads: PFX, PEM with its key, encrypted PEM; a file it cannot use is named with the reason, never the password.
/// </summary>
public sealed class ClientAuthenticationTests : IDisposable
{
    private const string TokenEndpoint = "https://login.council.example/oauth2/v2.0/token";
    private const string Issuer = "https://login.council.example/v2.0";
    private readonly string directory = Directory.CreateTempSubdirectory("patchwork-assertion-").FullName;
    private readonly RSA key = RSA.Create(2048);
    private readonly X509Certificate2 certificate;

    public ClientAuthenticationTests()
    {
        certificate = new CertificateRequest("CN=patchwork-web", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public void Dispose()
    {
        certificate.Dispose();
        key.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private ClientAuthentication Client(AssertionFormat format = AssertionFormat.Rfc7523) =>
        new("patchwork-web", X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null), TimeProvider.System, format);

    [Fact]
    public async Task The_assertion_names_the_client_and_the_token_endpoint_and_verifies_with_the_certificate()
    {
        using var client = Client();

        var assertion = client.CreateAssertion(TokenEndpoint, Issuer);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = "patchwork-web",
            ValidAudience = TokenEndpoint,
            IssuerSigningKey = new X509SecurityKey(X509CertificateLoader.LoadCertificate(certificate.RawData)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("patchwork-web", jwt.Subject);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Equal(Base64UrlEncoder.Encode(certificate.GetCertHash(HashAlgorithmName.SHA256)), jwt.GetHeaderValue<string>("x5t#S256"));
        Assert.Equal(TimeSpan.FromMinutes(2), jwt.ValidTo - jwt.IssuedAt);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.NotEqual(jwt.Id, new JsonWebToken(client.CreateAssertion(TokenEndpoint, Issuer)).Id);
    }

    [Fact]
    public void The_newer_format_names_the_issuer_as_audience_and_types_the_token()
    {
        using var client = Client(AssertionFormat.Rfc7523bis);

        var jwt = new JsonWebToken(client.CreateAssertion(TokenEndpoint, Issuer));

        Assert.Equal([Issuer], jwt.Audiences);
        Assert.Equal("client-authentication+jwt", jwt.Typ);
        Assert.Equal("patchwork-web", jwt.Issuer);
    }

    [Fact]
    public async Task An_assertion_does_not_verify_with_another_key()
    {
        using var client = Client();
        using var other = RSA.Create(2048);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(client.CreateAssertion(TokenEndpoint, Issuer), new TokenValidationParameters
        {
            ValidIssuer = "patchwork-web",
            ValidAudience = TokenEndpoint,
            IssuerSigningKey = new RsaSecurityKey(other.ExportParameters(false)),
        });

        Assert.False(result.IsValid);
    }

    [Fact]
    public void With_a_certificate_the_form_carries_an_assertion_and_no_secret_and_without_one_the_secret()
    {
        using var withCertificate = Client();
        using var withSecret = new ClientAuthentication("patchwork-web", null, TimeProvider.System);
        var signed = new Dictionary<string, string>();
        var secret = new Dictionary<string, string>();

        withCertificate.AddTo(signed, TokenEndpoint, Issuer, clientSecret: "s3cret");
        withSecret.AddTo(secret, TokenEndpoint, Issuer, clientSecret: "s3cret");

        Assert.Equal(ClientAuthentication.AssertionType, signed["client_assertion_type"]);
        Assert.False(signed.ContainsKey("client_secret"));
        Assert.Equal("patchwork-web", signed["client_id"]);
        Assert.Equal("s3cret", secret["client_secret"]);
        Assert.False(secret.ContainsKey("client_assertion"));
    }

    [Fact]
    public void A_pfx_a_pem_with_its_key_and_an_encrypted_pem_all_load_with_their_key()
    {
        var pfx = Write("client.pfx", certificate.Export(X509ContentType.Pfx, "pfx-password"));
        var pem = WriteText("client.pem", certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        var encrypted = WriteText("client-encrypted.pem", certificate.ExportCertificatePem() + "\n" + key.ExportEncryptedPkcs8PrivateKeyPem(
            "pem-password", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));

        foreach (var (path, password) in new[] { (pfx, "pfx-password"), (pem, null), (encrypted, "pem-password") })
        {
            using var loaded = ClientAuthentication.LoadCertificate(new ClientCertificateSettings { Path = path, Password = password });
            Assert.NotNull(loaded);
            Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
            Assert.NotNull(loaded.GetRSAPrivateKey());
        }
    }

    [Fact]
    public void No_path_means_no_certificate()
    {
        Assert.Null(ClientAuthentication.LoadCertificate(new ClientCertificateSettings()));
    }

    [Fact]
    public void A_wrong_password_a_missing_file_and_a_certificate_without_its_key_are_named_and_the_password_never_shown()
    {
        var pfx = Write("client.pfx", certificate.Export(X509ContentType.Pfx, "pfx-password"));
        var publicOnly = WriteText("public.pem", certificate.ExportCertificatePem());

        var wrongPassword = Assert.Throws<InvalidOperationException>(() => ClientAuthentication.LoadCertificate(new ClientCertificateSettings { Path = pfx, Password = "Wr0ng-Passw0rd" }));
        var missing = Assert.Throws<InvalidOperationException>(() => ClientAuthentication.LoadCertificate(new ClientCertificateSettings { Path = Path.Combine(directory, "nowhere.pem") }));
        var noKey = Assert.Throws<InvalidOperationException>(() => ClientAuthentication.LoadCertificate(new ClientCertificateSettings { Path = publicOnly }));

        Assert.Contains("Authentication:Oidc:ClientCertificate:Path", wrongPassword.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication:Oidc:ClientCertificate:Password", wrongPassword.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng-Passw0rd", wrongPassword.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read", noKey.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteText(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
