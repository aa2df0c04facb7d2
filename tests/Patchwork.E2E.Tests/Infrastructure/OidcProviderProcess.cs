using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// panva's certified oidc-provider (tests/oidc-provider/provider.mjs) run by Node.js on a loopback port, in its own
/// folder, shaped by a JSON configuration (issuer path, clients, accounts and their claims). It can be stopped and
/// started again on the same port with the same signing key and another configuration, as a provider that goes down or
/// whose client registration an administrator changes.
/// </summary>
internal sealed class OidcProviderProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly StringBuilder output = new();
    private Process? process;

    private OidcProviderProcess(string folder, int port, string issuerPath, Uri? publicOrigin)
    {
        Folder = folder;
        Port = port;
        Local = new Uri($"http://127.0.0.1:{port}{issuerPath}");
        Issuer = publicOrigin is null ? Local : new Uri(publicOrigin, issuerPath);
    }

    /// <summary>The issuer's address on the provider's own port, whatever is in front of it.</summary>
    private Uri Local { get; }

    public static string ProgramFolder => Path.Combine(RepoPaths.Root, "tests", "oidc-provider");

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The issuer, with its path (<c>/{tenant}/v2.0</c> as Entra ID, <c>/realms/{realm}</c> as Keycloak), no trailing slash.</summary>
    public Uri Issuer { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// A provider that is not started yet, on a port chosen now, so the app can be configured with its issuer. With
    /// <paramref name="publicOrigin"/> (a TLS proxy in front of it) the issuer is there instead.
    /// </summary>
    public static OidcProviderProcess Prepare(string issuerPath, Uri? publicOrigin = null)
    {
        if (!File.Exists(Path.Combine(ProgramFolder, "node_modules", "oidc-provider", "package.json")))
        {
            throw new InvalidOperationException(
                $"The sign-in tests run the npm package oidc-provider from {ProgramFolder}, which is not installed: run `npm ci` there (.ci/run does).");
        }

        return new OidcProviderProcess(Directory.CreateTempSubdirectory("patchwork-oidc-").FullName, WebAppProcess.FreePort(), issuerPath, publicOrigin);
    }

    /// <summary>
    /// Starts the provider with <paramref name="clients"/> and <paramref name="accounts"/> (as provider.mjs reads them) and
    /// the rest of its <paramref name="shape"/> (refreshTokens, pushedAuthorizationRequests), and returns once its
    /// discovery document answers.
    /// </summary>
    public async Task StartAsync(JsonArray clients, JsonObject accounts, JsonObject shape, CancellationToken cancellationToken)
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("The provider is already running.");
        }

        var config = new JsonObject
        {
            ["port"] = Port,
            ["issuer"] = Issuer.ToString().TrimEnd('/'),
            ["keyFile"] = Path.Combine(Folder, "signing-key.json"),
            ["clients"] = clients.DeepClone(),
            ["accounts"] = accounts.DeepClone(),
        };
        foreach (var (name, value) in shape)
        {
            config[name] = value?.DeepClone();
        }

        var path = Path.Combine(Folder, "config.json");
        await File.WriteAllTextAsync(path, config.ToJsonString(), cancellationToken);
        var start = new ProcessStartInfo("node", [Path.Combine(ProgramFolder, "provider.mjs"), path])
        {
            WorkingDirectory = ProgramFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        // Polls until the provider answers; bounded by the deadline and by node exiting.
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"oidc-provider exited with code {process.ExitCode}.\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Local + "/.well-known/openid-configuration"), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"oidc-provider at {Local} did not answer within {StartTimeout.TotalSeconds:0} s.\n{Output}");
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>Stops the provider, as an outage does; its sessions and grants are gone when it starts again.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        process = null;
    }

    /// <summary>Revokes every grant of the account with <paramref name="login"/>, as disabling the user at the provider does.</summary>
    public async Task RevokeAsync(string login, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{Port}/admin/revoke?login={Uri.EscapeDataString(login)}"), null, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"The provider did not revoke {login}'s grants: {body}");
        Assert.True(JsonNode.Parse(body)!["revoked"]!.GetValue<int>() > 0, $"{login} held no grant at the provider to revoke.");
    }

    /// <summary>What the provider's token endpoint granted or refused so far (grant_type, client, sub or error).</summary>
    public Task<JsonArray> GrantsAsync(CancellationToken cancellationToken) => AdminAsync("grants", cancellationToken);

    /// <summary>The back-channel logouts the provider delivered so far (client, sub, sid, ok).</summary>
    public Task<JsonArray> BackchannelAsync(CancellationToken cancellationToken) => AdminAsync("backchannel", cancellationToken);

    private async Task<JsonArray> AdminAsync(string hook, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/admin/{hook}"), cancellationToken);
        return JsonNode.Parse(body)!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>JSON text of a value, for building provider configuration.</summary>
    internal static JsonNode? Json<T>(T value) => JsonSerializer.SerializeToNode(value);
}
