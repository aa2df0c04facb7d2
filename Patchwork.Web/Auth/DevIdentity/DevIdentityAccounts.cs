using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Web.Auth.DevIdentity;

/// <summary>A demo account as the sign-in page lists it.</summary>
public sealed record DemoAccount(string Email, string Name, string JobTitle, string Roles);

/// <summary>The provider's users: the professionals in the store, all with the one configured password.</summary>
internal sealed class DevIdentityAccounts(IGraphStore store, IOptions<DevIdentityOptions> options)
{
    /// <summary>The professional with this email when the password is right; null otherwise, whichever was wrong.</summary>
    public async Task<Professional?> CheckAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var passwordRight = Matches(password, options.Value.Password);
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var professional = await store.FindProfessionalByEmailAsync(email, cancellationToken);
        return passwordRight && professional is { Email: not null } ? professional : null;
    }

    public Task<Professional?> FindAsync(string email, CancellationToken cancellationToken) =>
        store.FindProfessionalByEmailAsync(email, cancellationToken);

    public async Task<IReadOnlyList<DemoAccount>> DemoAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<DemoAccount>();
        foreach (var email in options.Value.DemoAccounts)
        {
            if (await store.FindProfessionalByEmailAsync(email, cancellationToken) is { } professional)
            {
                accounts.Add(new DemoAccount(
                    professional.Email ?? email,
                    professional.DisplayName,
                    professional.JobTitle ?? "",
                    string.Join(", ", professional.RoleList.Select(SignedInProfessional.DisplayName))));
            }
        }

        return accounts;
    }

    // Compares digests in constant time, so neither the password nor its length leaks through timing.
    private static bool Matches(string? given, string? expected) =>
        !string.IsNullOrEmpty(given) && !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
