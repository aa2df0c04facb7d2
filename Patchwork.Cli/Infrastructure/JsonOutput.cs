using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Patchwork.Cli.Infrastructure;

/// <summary>Writes JSON for scripts: indented, with the same spelling as the bulk format's values.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync(TextWriter output, JsonNode node) => output.WriteLineAsync(node.ToJsonString(Options));
}
