using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Storage;

namespace Patchwork.Web.Auth;

/// <summary>
/// The professional the signed-in user is, for the components of one circuit or request. Every domain service that
/// returns people takes the <see cref="Viewer"/> from here.
/// </summary>
public sealed class CurrentViewer(AuthenticationStateProvider authentication, IGraphStore store, IOptions<OidcSettings> settings)
{
    private Viewer? viewer;
    private bool found;

    /// <summary>The viewer, or null when the user is not signed in or not linked to a professional.</summary>
    public async Task<Viewer?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!found)
        {
            var state = await authentication.GetAuthenticationStateAsync();
            viewer = await SignedInProfessional.FindAsync(state.User, store, settings.Value, cancellationToken);
            found = true;
        }

        return viewer;
    }

    /// <summary>The viewer; throws when there is none (pages are only served to linked users, so that is a bug).</summary>
    public async Task<Viewer> GetRequiredAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken)
        ?? throw new InvalidOperationException("The signed-in user is not linked to a professional in Patchwork.");
}
