using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth;
using Patchwork.Web.Components;
using Patchwork.Web.Features.Api;
using Patchwork.Web.Features.Audit;
using Patchwork.Web.Features.Coordinator;
using Patchwork.Web.Features.Errors;
using Patchwork.Web.Hardening;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Features.Network.Exports;
using Patchwork.Web.Startup;

namespace Patchwork.Web;

/// <summary>The web app's registrations and pipeline, kept out of Program.cs.</summary>
public static class PatchworkWeb
{
    public static WebApplicationBuilder AddPatchworkWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (!builder.Environment.IsDevelopment() && builder.Configuration.GetValue<bool>("Patchwork:UseBuildAssets"))
        {
            // Run from a build rather than a publish outside Development (a staging check behind a proxy): the static
            // files are found through the build's manifest, as Development does by itself.
            builder.WebHost.UseStaticWebAssets();
        }

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddGraphStore(builder.Configuration);
        // Outside Development every audit checkpoint also goes to the log, a copy that leaves this machine's disk.
        services.PostConfigure<AuditCheckpointOptions>(o => o.LogCheckpoints |= !builder.Environment.IsDevelopment());
        services.AddPatchworkDomain();
        services.AddGovernanceKeyRing();
        services.AddScoped<NetworkExplorer>();
        services.AddOptions<StoreStartupOptions>().BindConfiguration("Patchwork");
        services.AddSingleton<StoreReadiness>();
        services.AddScoped<StoreStatus>();
        // Started before the server listens, so /healthz answers only once the store is ready and seeded.
        services.AddHostedService<StoreStartup>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", HealthStatus.Unhealthy);
        services.AddPatchworkForwardedHeaders();
        builder.AddPatchworkAuthentication();
        builder.AddPatchworkApi();
        return builder;
    }

    public static WebApplication UsePatchworkWeb(this WebApplication app)
    {
        app.UsePatchworkForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UsePatchworkAuthentication();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPatchworkAuthentication();
        app.MapAuditExport();
        app.MapCoordinatorExport();
        app.MapTeamExport();
        app.MapPatchworkApi();
        return app;
    }
}
