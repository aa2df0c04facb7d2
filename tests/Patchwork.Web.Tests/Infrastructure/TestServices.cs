using Bunit;
using MudBlazor.Services;

namespace Patchwork.Web.Tests.Infrastructure;

public static class TestServices
{
    /// <summary>
    /// What every component test needs: MudBlazor's services, and JS interop that answers any call with a default
    /// (the components' JS only moves focus or measures the canvas, which a test without a browser cannot see).
    /// </summary>
    public static BunitContext AddTestServices(this BunitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }
}
