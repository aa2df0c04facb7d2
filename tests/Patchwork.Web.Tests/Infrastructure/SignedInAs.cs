using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Patchwork.Web.Tests.Infrastructure;

/// <summary>The authentication state a circuit has after someone signed in with this email.</summary>
public sealed class SignedInAs(string email) : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
        Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", email)], "test"))));
}
