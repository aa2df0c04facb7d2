using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// Debian's nginx terminating TLS in front of an app, as a council runs it: its own folder, a certificate from a test
/// authority made for the run, loopback only, stopped with the test. The app's own calls to itself through the proxy
/// (the development provider's back channel) trust that authority through <see cref="TrustBundle"/>.
/// </summary>
internal sealed class TlsProxy : IAsyncDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";
    private Process? process;

    private TlsProxy(string folder, int port)
    {
        Folder = folder;
        BaseUrl = new Uri($"https://127.0.0.1:{port}/");
    }

    public Uri BaseUrl { get; }

    public string Folder { get; }

    /// <summary>The system's trusted authorities and the test authority, for SSL_CERT_FILE.</summary>
    public string TrustBundle => Path.Combine(Folder, "trust.pem");

    public X509Certificate2 Authority => X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Folder, "ca.pem"));

    /// <summary>Makes the certificates, for an app that is not started yet and a proxy port chosen now.</summary>
    public static (string Folder, int Port) Prepare()
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"The proxy test runs Debian's nginx at {NginxPath}, which is not installed: `apt-get install nginx` (.ci/run does).");
        }

        var folder = Directory.CreateTempSubdirectory("patchwork-proxy-").FullName;
        Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Patchwork test authority", "-keyout", Path.Combine(folder, "ca.key"), "-out", Path.Combine(folder, "ca.pem"));
        Run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", Path.Combine(folder, "server.key"), "-out", Path.Combine(folder, "server.csr"));
        File.WriteAllText(Path.Combine(folder, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:patchwork.test\nextendedKeyUsage=serverAuth\n");
        Run("openssl", "x509", "-req", "-in", Path.Combine(folder, "server.csr"), "-CA", Path.Combine(folder, "ca.pem"), "-CAkey", Path.Combine(folder, "ca.key"), "-CAcreateserial", "-days", "2", "-extfile", Path.Combine(folder, "san.ext"), "-out", Path.Combine(folder, "server.pem"));
        var system = File.Exists("/etc/ssl/certs/ca-certificates.crt") ? File.ReadAllText("/etc/ssl/certs/ca-certificates.crt") : "";
        File.WriteAllText(Path.Combine(folder, "trust.pem"), system + "\n" + File.ReadAllText(Path.Combine(folder, "ca.pem")));
        return (folder, WebAppProcess.FreePort());
    }

    /// <summary>Starts nginx on <paramref name="port"/>, passing everything to <paramref name="app"/>, and waits until it answers.</summary>
    public static async Task<TlsProxy> StartAsync(string folder, int port, Uri app, CancellationToken cancellationToken)
    {
        var upstream = app.GetLeftPart(UriPartial.Authority);
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{folder}}/server.pem;
                    ssl_certificate_key {{folder}}/server.key;
                    location / {
                        proxy_pass {{upstream}};
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_buffer_size 16k;
                        proxy_buffers 8 16k;
                    }
                }
            }
            """);
        var proxy = new TlsProxy(folder, port);
        try
        {
            using var http = proxy.Client();
            proxy.process = await RunNginxAsync(folder, Path.Combine(folder, "nginx.conf"), http, cancellationToken);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts nginx in its own folder on a configuration and returns once it answers /healthz through
    /// <paramref name="http"/>; if it exits or does not answer within 30 seconds, it is stopped and the start fails.
    /// </summary>
    public static async Task<Process> RunNginxAsync(string folder, string configuration, HttpClient http, CancellationToken cancellationToken)
    {
        var process = Process.Start(new ProcessStartInfo(NginxPath, ["-p", folder, "-c", configuration])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            // Polls until nginx answers; bounded by the deadline and by nginx exiting.
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"nginx exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
                }

                try
                {
                    using var response = await http.GetAsync("/healthz", deadline.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return process;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100, deadline.Token);
                }
            }
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>A client of the proxy that trusts the test authority and no other, and follows no redirects.</summary>
    public HttpClient Client()
    {
        var authority = Authority;
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await StopAsync(process);
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static void Run(string file, params string[] arguments)
    {
        using var run = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        var error = run.StandardError.ReadToEnd();
        run.WaitForExit();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
