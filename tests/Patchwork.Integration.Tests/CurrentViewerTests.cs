using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Model;
using Patchwork.Web.Auth;

namespace Patchwork.Integration.Tests;

/// <summary>Who the signed-in user is, matched by email against the demo district's professionals.</summary>
public sealed class CurrentViewerTests : IAsyncDisposable
{
    private readonly PatchworkAppFactory app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Roles_come_from_the_professional_when_the_role_claim_names_none()
    {
        var viewer = await ViewerForAsync(new Claim("email", "JO.WHITFIELD@northvale.gov.uk"));

        Assert.NotNull(viewer);
        Assert.Equal("PR030", viewer.ProfessionalId);
        Assert.Equal("Jo Whitfield", viewer.Name);
        Assert.Equal([ProfessionalRole.Practitioner, ProfessionalRole.Coordinator], viewer.Roles.Order());
    }

    [Fact]
    public async Task Roles_come_from_the_role_claim_when_it_names_some()
    {
        var viewer = await ViewerForAsync(new Claim("email", "jo.whitfield@northvale.gov.uk"), new Claim("roles", "InformationGovernance"), new Claim("roles", "not-a-role"));

        Assert.NotNull(viewer);
        Assert.Equal([ProfessionalRole.InformationGovernance], viewer.Roles);
    }

    [Fact]
    public async Task Nobody_is_the_viewer_when_no_professional_has_the_email()
    {
        Assert.Null(await ViewerForAsync(new Claim("email", "stranger@example.org")));
    }

    private async Task<Patchwork.Graph.Access.Viewer?> ViewerForAsync(params Claim[] claims)
    {
        _ = app.Server; // starts the app, which seeds the store
        await using var scope = app.Services.CreateAsyncScope();
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")))));
        return await scope.ServiceProvider.GetRequiredService<CurrentViewer>().GetAsync(TestContext.Current.CancellationToken);
    }
}
