using System.Security.Claims;
using Patchwork.Graph.Model;
using Patchwork.Web.Auth;

namespace Patchwork.Web.Tests.Auth;

/// <summary>Claims shaped as Entra ID and Keycloak send them, read as configuration says.</summary>
public sealed class ProviderClaimsTests
{
    private const string CoordinatorsGroup = "6f1c2d3e-0000-4000-8000-00000000c0de";

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

    private static OidcSettings Settings(Dictionary<string, string>? map = null, List<string>? roleClaims = null, List<string>? emailClaims = null) => new()
    {
        RoleMap = new Dictionary<string, string>(map ?? [], StringComparer.OrdinalIgnoreCase),
        RoleClaims = roleClaims ?? [],
        EmailClaims = emailClaims ?? [],
    };

    [Fact]
    public void Entra_app_role_values_and_group_ids_map_to_Patchwork_roles()
    {
        var claims = new ProviderClaims(Settings(
            new() { ["Patchwork.Coordinator"] = "Coordinator", [CoordinatorsGroup] = "Practitioner" },
            roleClaims: ["roles", "groups"]));
        var user = User(("roles", "Patchwork.Coordinator"), ("roles", "Other.App.Role"), ("groups", CoordinatorsGroup), ("groups", "0000-unmapped"));

        var roles = claims.RolesOf(user);

        Assert.True(roles.FromRoleMap);
        Assert.Equal([ProfessionalRole.Practitioner, ProfessionalRole.Coordinator], roles.Roles.Order());
        Assert.Equal([new ProviderValue("roles", "Other.App.Role"), new ProviderValue("groups", "0000-unmapped")], roles.Unmapped);
    }

    [Fact]
    public void Keycloak_realm_roles_are_read_through_a_dotted_path_into_the_JSON_claim()
    {
        var claims = new ProviderClaims(Settings(new() { ["patchwork-ig"] = "InformationGovernance" }, roleClaims: ["realm_access.roles"]));
        var user = User(("realm_access", """{"roles":["offline_access","patchwork-ig","uma_authorization"]}"""));

        var roles = claims.RolesOf(user);

        Assert.Equal([ProfessionalRole.InformationGovernance], roles.Roles);
        Assert.Equal(["offline_access", "uma_authorization"], roles.Unmapped.Select(v => v.Value));
        Assert.All(roles.Unmapped, v => Assert.Equal("realm_access.roles", v.Claim));
    }

    [Fact]
    public void A_dotted_path_that_leads_nowhere_or_into_bad_JSON_gives_no_values()
    {
        var user = User(("realm_access", """{"groups":["a"]}"""), ("resource_access", "not json"));

        Assert.Empty(ProviderClaims.ValuesOf(user, "realm_access.roles"));
        Assert.Empty(ProviderClaims.ValuesOf(user, "resource_access.patchwork.roles"));
        Assert.Empty(ProviderClaims.ValuesOf(user, "missing.roles"));
    }

    [Fact]
    public void Roles_sent_as_one_JSON_array_claim_are_spread_out()
    {
        var user = User(("roles", """["Coordinator","Practitioner"]"""));

        Assert.Equal(["Coordinator", "Practitioner"], ProviderClaims.ValuesOf(user, "roles"));
    }

    [Fact]
    public void With_a_role_map_a_Patchwork_role_name_that_is_not_mapped_does_not_count()
    {
        var claims = new ProviderClaims(Settings(new() { ["Patchwork.Coordinator"] = "Coordinator" }));

        var roles = claims.RolesOf(User(("roles", "Coordinator")));

        Assert.Empty(roles.Roles);
        Assert.Equal([new ProviderValue("roles", "Coordinator")], roles.Unmapped);
    }

    [Fact]
    public void Without_a_role_map_role_names_count_as_they_are_whatever_their_case()
    {
        var roles = new ProviderClaims(Settings()).RolesOf(User(("roles", "coordinator"), ("roles", "Patchwork.Coordinator")));

        Assert.False(roles.FromRoleMap);
        Assert.Equal([ProfessionalRole.Coordinator], roles.Roles);
    }

    [Fact]
    public void The_email_comes_from_the_first_configured_claim_that_has_one()
    {
        var claims = new ProviderClaims(Settings());

        Assert.Equal(new ProviderEmail("sam.adeyemi@northvale.gov.uk", "preferred_username", true),
            claims.EmailOf(User(("preferred_username", " sam.adeyemi@northvale.gov.uk "), ("upn", "other@northvale.gov.uk"))));
        Assert.Equal("upn", claims.EmailOf(User(("email", ""), ("upn", "sam@northvale.gov.uk")))!.Claim);
        Assert.Null(claims.EmailOf(User(("name", "Sam Adeyemi"))));
        Assert.Equal("name", new ProviderClaims(Settings(emailClaims: ["name"])).EmailOf(User(("email", "x@y"), ("name", "n@y")))!.Claim);
    }

    [Fact]
    public void An_email_the_provider_says_is_not_verified_is_marked_so()
    {
        var claims = new ProviderClaims(Settings());

        Assert.False(claims.EmailOf(User(("email", "sam@northvale.gov.uk"), ("email_verified", "false")))!.Verified);
        Assert.True(claims.EmailOf(User(("email", "sam@northvale.gov.uk"), ("email_verified", "true")))!.Verified);
        Assert.True(claims.EmailOf(User(("upn", "sam@northvale.gov.uk"), ("email_verified", "false")))!.Verified);
    }

    [Fact]
    public void A_role_map_value_that_is_no_Patchwork_role_is_named_in_the_problem()
    {
        var settings = Settings(new() { ["Patchwork.Coordinator"] = "Coordinator", ["Patchwork.Boss"] = "Boss" });

        Assert.Equal(
            "Authentication:Oidc:RoleMap maps 'Patchwork.Boss' to 'Boss'; each value must be one of Practitioner, Coordinator, InformationGovernance, Administrator.",
            settings.ProblemWithRoleMap());
        Assert.Null(Settings(new() { ["a"] = "informationgovernance" }).ProblemWithRoleMap());
    }
}
