using Patchwork.Web.Auth;

namespace Patchwork.Integration.Tests;

public sealed class LocalUrlsTests
{
    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/network/P001?asOf=2026-01-01", "/network/P001?asOf=2026-01-01")]
    [InlineData("https://evil.example/steal?x=1", "/steal?x=1")]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/\\evil.example/steal", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("network/P001", "/")]
    public void Sanitize_keeps_only_local_paths(string? returnUrl, string expected) =>
        Assert.Equal(expected, LocalUrls.Sanitize(returnUrl));

    [Fact]
    public void Aliases_name_the_loopback_host_every_way()
    {
        Assert.Equal(
            ["http://127.0.0.1:5180", "http://localhost:5180", "http://[::1]:5180"],
            AppBaseAddress.Aliases("http://127.0.0.1:5180"));
        Assert.Equal(["https://patchwork.example"], AppBaseAddress.Aliases("https://patchwork.example"));
    }
}
