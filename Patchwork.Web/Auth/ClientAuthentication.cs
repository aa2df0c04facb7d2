using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Patchwork.Web.Auth;

/// <summary>
/// <c>Authentication:Oidc:ClientCertificate</c>: the certificate (PEM with its key, or PFX) whose key the app signs its
/// client assertions with. The password comes from user-secrets or the environment, never from a file in the repository.
/// </summary>
public sealed class ClientCertificateSettings
{
    /// <summary>A PEM file holding the certificate and its private key, or a PFX (.pfx, .p12).</summary>
    public string? Path { get; set; }

    /// <summary>The PFX's password, or the PEM key's when it is encrypted; empty for an unencrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// How the assertion is shaped (<c>:AssertionFormat</c>). Unset means <see cref="AssertionFormat.Rfc7523"/>, except
    /// with the development identity provider, which is OpenIddict 7 and takes only <see cref="AssertionFormat.Rfc7523bis"/>.
    /// </summary>
    public AssertionFormat? AssertionFormat { get; set; }
}

/// <summary>The two shapes of client assertion providers accept.</summary>
public enum AssertionFormat
{
    /// <summary>RFC 7523 and OpenID Connect Core: audience the token endpoint, type JWT. Entra ID, Keycloak, ADFS.</summary>
    Rfc7523,

    /// <summary>
    /// The update of RFC 7523 (draft-ietf-oauth-rfc7523bis): audience the provider's issuer, type
    /// <c>client-authentication+jwt</c>. Providers that follow it refuse the older shape (OpenIddict 7).
    /// </summary>
    Rfc7523bis,
}

/// <summary>
/// How the app proves itself at the provider's token endpoint, for the authorization code and for every refresh: with
/// the client secret, or - when a certificate is configured - with a signed client assertion (private_key_jwt, RFC
/// 7523). Neither the secret, the password nor an assertion is ever logged.
/// </summary>
public sealed class ClientAuthentication : IDisposable
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromMinutes(2);

    private readonly X509Certificate2? certificate;
    private readonly string clientId;
    private readonly TimeProvider clock;
    private readonly AssertionFormat format;

    public ClientAuthentication(string clientId, X509Certificate2? certificate, TimeProvider clock, AssertionFormat format = AssertionFormat.Rfc7523)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        this.clientId = clientId;
        this.certificate = certificate;
        this.clock = clock;
        this.format = format;
    }

    /// <summary>Whether the app signs client assertions rather than sending a secret.</summary>
    public bool UsesCertificate => certificate is not null;

    /// <summary>
    /// Loads the configured certificate; null when none is configured. Says what is wrong with the file - never the
    /// password - when it cannot be used.
    /// </summary>
    public static X509Certificate2? LoadCertificate(ClientCertificateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Path))
        {
            return null;
        }

        const string Key = OidcSettings.Section + ":ClientCertificate:Path";
        if (!File.Exists(settings.Path))
        {
            throw new InvalidOperationException($"{Key} names '{settings.Path}', which does not exist.");
        }

        X509Certificate2 loaded;
        try
        {
            var extension = System.IO.Path.GetExtension(settings.Path);
            loaded = extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(settings.Path, settings.Password, X509KeyStorageFlags.EphemeralKeySet)
                : string.IsNullOrEmpty(settings.Password)
                    ? X509Certificate2.CreateFromPemFile(settings.Path)
                    : X509Certificate2.CreateFromEncryptedPemFile(settings.Path, settings.Password);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"{Key} names '{settings.Path}', which could not be read as a PFX or as a PEM certificate with its private key " +
                $"(check the file and {OidcSettings.Section}:ClientCertificate:Password): {exception.Message}");
        }

        if (loaded.GetRSAPrivateKey() is null)
        {
            loaded.Dispose();
            throw new InvalidOperationException($"{Key} names '{settings.Path}', which holds no RSA private key; private_key_jwt needs the certificate's RSA key (RS256).");
        }

        return loaded;
    }

    /// <summary>Adds the client's proof to a request for <paramref name="tokenEndpoint"/>: the secret, or a fresh assertion.</summary>
    public void AddTo(IDictionary<string, string> form, string tokenEndpoint, string issuer, string? clientSecret)
    {
        ArgumentNullException.ThrowIfNull(form);
        form["client_id"] = clientId;
        form.Remove("client_secret");
        if (certificate is not null)
        {
            form["client_assertion_type"] = AssertionType;
            form["client_assertion"] = CreateAssertion(tokenEndpoint, issuer);
        }
        else if (!string.IsNullOrEmpty(clientSecret))
        {
            form["client_secret"] = clientSecret;
        }
    }

    /// <summary>
    /// A client assertion (RFC 7523): the client id as issuer and subject, the token endpoint as audience (the provider's
    /// issuer under <see cref="AssertionFormat.Rfc7523bis"/>), a new jti, two minutes to live, signed RS256 with the
    /// certificate's key and naming the certificate by its SHA-256 thumbprint (<c>x5t#S256</c>) as Entra ID asks.
    /// </summary>
    public string CreateAssertion(string tokenEndpoint, string issuer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        var signing = certificate ?? throw new InvalidOperationException("No client certificate is configured.");
        var now = clock.GetUtcNow().UtcDateTime;
        var (audience, type) = format switch
        {
            AssertionFormat.Rfc7523 => (tokenEndpoint, "JWT"),
            AssertionFormat.Rfc7523bis => (issuer, "client-authentication+jwt"),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            TokenType = type,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + AssertionLifetime,
            SigningCredentials = new X509SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
            AdditionalHeaderClaims = new Dictionary<string, object>
            {
                ["x5t#S256"] = Base64UrlEncoder.Encode(signing.GetCertHash(HashAlgorithmName.SHA256)),
            },
        });
    }

    public void Dispose() => certificate?.Dispose();
}
