using System.Reflection;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>Where the repository and the build outputs the tests use are.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding Patchwork.Graph.sln, found by walking up from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the app is started from the same configuration the tests were built in.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string WebProject => Path.Combine(Root, "Patchwork.Web");

    public static string WebDll => Path.Combine(WebProject, "bin", Configuration, "net10.0", "Patchwork.Web.dll");

    public static string CliDll => Path.Combine(Root, "Patchwork.Cli", "bin", Configuration, "net10.0", "patchwork.dll");

    public static string DemoData => Path.Combine(Root, "seed-data", "demo");

    /// <summary>
    /// Where screenshots and the browser figures go: the repository's docs/ when PATCHWORK_UPDATE_DOCS=1 (to refresh
    /// them on purpose), else beside the test binaries, so an ordinary run leaves the working tree as it was.
    /// </summary>
    public static string Docs => Environment.GetEnvironmentVariable("PATCHWORK_UPDATE_DOCS") == "1"
        ? Path.Combine(Root, "docs")
        : Path.Combine(Artifacts, "docs");

    /// <summary>Screenshots and traces of failed tests, beside the test binaries.</summary>
    public static string Artifacts => Path.Combine(AppContext.BaseDirectory, "artifacts");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Patchwork.Graph.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Patchwork.Graph.sln above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }
}
