using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Patchwork.Web.Auth.DevIdentity;

namespace Patchwork.Web.Auth;

/// <summary>
/// The URL the app is reached at, without a trailing slash: <c>DevIdentity:BaseUrl</c> when set, else the first
/// address the server listens on (a loopback one preferred, a wildcard host read as localhost). Known only once the
/// server has started; a test server has no addresses, so tests set <c>DevIdentity:BaseUrl</c>.
/// </summary>
public sealed class AppBaseAddress(IServer server, IOptions<DevIdentityOptions> options)
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public string? TryGet()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return options.Value.BaseUrl.TrimEnd('/');
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return null;
        }

        var candidates = addresses.Select(Normalize).OfType<Uri>().ToList();
        var chosen = candidates.FirstOrDefault(uri => uri.IsLoopback) ?? candidates.FirstOrDefault();
        return chosen?.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public string Get() => TryGet() ?? throw new InvalidOperationException(
        "Cannot tell which URL the app is reached at: the server reports no listening address. Set DevIdentity:BaseUrl (for example https://localhost).");

    /// <summary>
    /// The same URL under each name of the loopback host (localhost, 127.0.0.1, [::1]), so a browser that opened the
    /// app under another name than the one chosen is still sent back to where its cookies are.
    /// </summary>
    public static IEnumerable<string> Aliases(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        if (!uri.IsLoopback)
        {
            return [baseUrl];
        }

        return LoopbackHosts.Select(host => new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'))
            .Prepend(baseUrl)
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private static Uri? Normalize(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }

        if (binding.IsUnixPipe || binding.IsNamedPipe || binding.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var host = binding.Host is "*" or "+" or "0.0.0.0" or "[::]" or "::" ? "localhost" : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port, binding.PathBase).Uri;
    }
}
