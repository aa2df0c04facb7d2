namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// A second app, on its own copy of the demo district, for tests that change networks: the shared app's district
/// stays exactly as the other tests expect it.
/// </summary>
public sealed class ChangeableApp : PatchworkApp;
