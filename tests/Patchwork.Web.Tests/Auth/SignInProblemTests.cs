using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Patchwork.Web.Auth;

namespace Patchwork.Web.Tests.Auth;

/// <summary>Each failure the provider or the handler reports is sorted onto the page that fits it.</summary>
public sealed class SignInProblemTests
{
    [Theory]
    [InlineData("access_denied", "The user cancelled.", SignInProblemKind.Cancelled)]
    [InlineData("access_denied", "AADSTS50105: The signed in user is not assigned to a role for the application", SignInProblemKind.Refused)]
    [InlineData("access_denied", "AADSTS50057: The user account is disabled.", SignInProblemKind.Refused)]
    [InlineData("login_required", null, SignInProblemKind.Refused)]
    [InlineData("temporarily_unavailable", null, SignInProblemKind.Unavailable)]
    [InlineData("invalid_client", "Invalid client secret", SignInProblemKind.Configuration)]
    [InlineData("invalid_scope", "roles", SignInProblemKind.Configuration)]
    [InlineData("something_new", null, SignInProblemKind.Configuration)]
    public void An_OAuth_error_code_is_sorted_by_what_the_person_can_do(string error, string? description, SignInProblemKind expected) =>
        Assert.Equal(expected, SignInProblem.FromError(error, description));

    [Fact]
    public void Handler_failures_are_sorted_by_their_cause()
    {
        var protocol = new OpenIdConnectProtocolException("Message contains error: 'invalid_client'");
        protocol.Data["error"] = "invalid_client";

        Assert.Equal(SignInProblemKind.Unavailable, SignInProblem.FromException(new InvalidOperationException("token", new HttpRequestException("refused", new SocketException()))));
        Assert.Equal(SignInProblemKind.Configuration, SignInProblem.FromException(protocol));
        Assert.Equal(SignInProblemKind.Configuration, SignInProblem.FromException(new SecurityTokenInvalidSignatureException("IDX10511")));
        Assert.Equal(SignInProblemKind.Configuration, SignInProblem.FromException(new SecurityTokenNotYetValidException("IDX10222: clock skew")));
        Assert.Equal(SignInProblemKind.Expired, SignInProblem.FromException(new AuthenticationFailureException("Correlation failed.")));
        Assert.Equal(SignInProblemKind.Expired, SignInProblem.FromException(new AuthenticationFailureException("Unable to unprotect the message.State.")));
    }

    [Fact]
    public void A_metadata_read_that_failed_on_the_network_is_the_provider_not_answering()
    {
        var down = new InvalidOperationException("IDX20803: Unable to obtain configuration from: 'https://login.example/.well-known/openid-configuration'.",
            new IOException("IDX20804: Unable to retrieve document", new HttpRequestException("Connection refused")));

        Assert.True(SignInFailures.IsProviderUnreachable(down));
        Assert.False(SignInFailures.IsProviderUnreachable(new InvalidOperationException("Something else", new HttpRequestException("x"))));
    }

    [Fact]
    public void References_are_eight_hex_digits_and_differ()
    {
        var first = SignInProblem.NewReference();

        Assert.Matches("^[0-9A-F]{8}$", first);
        Assert.NotEqual(first, SignInProblem.NewReference());
    }
}
