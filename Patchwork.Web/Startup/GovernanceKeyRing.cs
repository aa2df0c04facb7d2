using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Governance;

namespace Patchwork.Web.Startup;

/// <summary>
/// The data-protection key ring kept in the governance store, so every app server protects and reads cookies and
/// antiforgery tokens with the same keys: a user whose server goes away carries on, signed in, on another.
/// </summary>
internal sealed class GovernanceXmlRepository(IDataProtectionKeys keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. keys.AllKeyElements().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        keys.StoreKeyElement(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}

internal static class GovernanceKeyRing
{
    /// <summary>The name every server protects under, whatever folder it runs from.</summary>
    public const string ApplicationName = "Patchwork";

    public static IServiceCollection AddGovernanceKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new GovernanceXmlRepository(sp.GetRequiredService<IDataProtectionKeys>())));
        return services;
    }
}
