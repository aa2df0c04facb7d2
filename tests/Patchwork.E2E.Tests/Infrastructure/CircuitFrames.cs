using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// Everything the Blazor circuit sent a page, as text a test can search: what reached the browser but is not (or
/// not yet) in the page's HTML still reached it.
/// </summary>
internal sealed partial class CircuitFrames
{
    private readonly StringBuilder text = new();

    private CircuitFrames()
    {
    }

    /// <summary>All frames received so far.</summary>
    public string Text
    {
        get
        {
            lock (text)
            {
                return text.ToString();
            }
        }
    }

    /// <summary>Starts recording before the page opens anything, so the first render batch is kept too.</summary>
    public static CircuitFrames Record(IPage page)
    {
        var frames = new CircuitFrames();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            var readable = Readable(frame);
            lock (frames.text)
            {
                frames.text.Append(readable);
            }
        };
        return frames;
    }

    /// <summary>
    /// A WebSocket frame of the Blazor circuit as text: SignalR JSON messages, with the render batches inside them
    /// (base64 of a binary format whose strings are UTF-8) decoded, so a name in a render batch can be searched for.
    /// </summary>
    public static string Readable(IWebSocketFrame frame)
    {
        var text = frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? []);
        var readable = new StringBuilder(text);
        foreach (var message in text.Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var json = JsonDocument.Parse(message);
                if (json.RootElement.TryGetProperty("arguments", out var arguments))
                {
                    foreach (var argument in arguments.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String))
                    {
                        var value = argument.GetString()!;
                        readable.Append(value);
                        if (value.Length % 4 == 0 && Base64().IsMatch(value))
                        {
                            readable.Append(Encoding.UTF8.GetString(Convert.FromBase64String(value)));
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not a JSON message (a handshake or ping): its text is kept as it is.
            }
        }

        return readable.ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9+/]+=*$")]
    private static partial Regex Base64();
}
