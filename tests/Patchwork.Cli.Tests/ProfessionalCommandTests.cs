namespace Patchwork.Cli.Tests;

/// <summary>An administrator shows, makes and removes the identity-provider accounts a professional signs in with.</summary>
public sealed class ProfessionalCommandTests : IDisposable
{
    private const string Issuer = "https://login.microsoftonline.com/0000-tenant/v2.0";
    private readonly CliHarness cli = new();

    private async Task ImportDemoAsync() => await cli.OkAsync("import", DemoDistrictTests.DemoFolder);

    [Fact]
    public async Task Link_show_and_unlink_a_professional_by_work_email()
    {
        await ImportDemoAsync();

        Assert.Contains("Not linked to any account yet", await cli.OkAsync("professionals", "show", "--email", "SAM.ADEYEMI@northvale.gov.uk"), StringComparison.Ordinal);
        Assert.Contains("Sam Adeyemi is linked to 11111111-aaaa at " + Issuer, await cli.OkAsync("professionals", "link", "--email", "sam.adeyemi@northvale.gov.uk", "--issuer", Issuer, "--subject", "11111111-aaaa"), StringComparison.Ordinal);

        var shown = await cli.OkAsync("professionals", "show", "--email", "sam.adeyemi@northvale.gov.uk");
        Assert.Contains(Issuer, shown, StringComparison.Ordinal);
        Assert.Contains("11111111-aaaa", shown, StringComparison.Ordinal);

        Assert.Contains("1 link(s) removed from Sam Adeyemi", await cli.OkAsync("professionals", "unlink", "--email", "sam.adeyemi@northvale.gov.uk"), StringComparison.Ordinal);
        Assert.Contains("Not linked to any account yet", await cli.OkAsync("professionals", "show", "--email", "sam.adeyemi@northvale.gov.uk"), StringComparison.Ordinal);
        var trail = await cli.OkAsync("audit", "verify");
        Assert.Contains("intact", trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_account_at_the_same_issuer_or_an_account_taken_by_another_is_refused_with_the_fix()
    {
        await ImportDemoAsync();
        await cli.OkAsync("professionals", "link", "--email", "sam.adeyemi@northvale.gov.uk", "--issuer", Issuer, "--subject", "sam-account");

        var second = await cli.RunAsync("professionals", "link", "--email", "sam.adeyemi@northvale.gov.uk", "--issuer", Issuer, "--subject", "another-account");
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already linked to another account", second.Error, StringComparison.Ordinal);
        Assert.Contains("professionals unlink --email sam.adeyemi@northvale.gov.uk", second.Error, StringComparison.Ordinal);

        var taken = await cli.RunAsync("professionals", "link", "--email", "jo.whitfield@northvale.gov.uk", "--issuer", Issuer, "--subject", "sam-account");
        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("already linked to professional PR001", taken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_nobody_has_is_named_in_the_message()
    {
        await ImportDemoAsync();

        var result = await cli.RunAsync("professionals", "show", "--email", "nobody@northvale.gov.uk");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No professional has the work email nobody@northvale.gov.uk", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
