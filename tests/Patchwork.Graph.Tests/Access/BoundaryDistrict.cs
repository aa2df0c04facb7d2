using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Patchwork.Graph.Access;

namespace Patchwork.Graph.Tests.Access;

/// <summary>
/// The boundary district (tests/fixtures/boundary-district): a sensitive agency with two workers, an ordinary
/// worker's involvement marked sensitive, a worker who moved out of the sensitive agency and one who moved in, an
/// outsider, a colleague inside and a coordinator. Its secrets are listed here, once: an attack passes when no
/// answer to the outsider holds any of them.
/// </summary>
public static class BoundaryDistrict
{
    public const string Refuge = "BA1";
    public const string ChildrensServices = "BA2";
    public const string CommunityHealth = "BA3";

    /// <summary>Oona Ashworth: lead social worker of Jade and Milo, outside the refuge.</summary>
    public const string Outsider = "BP01";

    /// <summary>Ines Varga: works for the refuge, on no team.</summary>
    public const string Insider = "BP02";

    /// <summary>Hollis Brandt: the refuge's worker on Jade's team.</summary>
    public const string RefugeWorker = "BP03";

    /// <summary>Sasha Pemberton: an ordinary health worker whose involvement with Jade is marked sensitive.</summary>
    public const string SensitiveInvolvement = "BP04";

    /// <summary>Mo Delacroix: left the refuge on 2026-05-15 (Jade's key worker until then), now Milo's health visitor.</summary>
    public const string MovedOut = "BP05";

    /// <summary>Nia Castellano: Jade's community nurse, joined the refuge on 2026-04-01.</summary>
    public const string MovedIn = "BP06";

    public const string Coordinator = "BP07";

    public const string Jade = "BC1";
    public const string Milo = "BC2";
    public const string Harrows = "BH1";

    /// <summary>The district's today (its reference date).</summary>
    public static readonly DateOnly Today = Governed.Today;

    /// <summary>A day when Mo still worked for the refuge and Nia did not yet.</summary>
    public static readonly DateOnly BeforeTheMoves = new(2025, 7, 1);

    /// <summary>The refuge itself: name, kind, phone, teams, mail domain. "Refuge" also catches every refuge job title and role.</summary>
    public static readonly IReadOnlyList<string> TheRefuge = ["Harbour Light", "harbourlight", "Refuge", "domestic-abuse", "01632 970001", "Seaview House", "Community Outreach"];

    public static readonly IReadOnlyList<string> Ines = ["Ines Varga", "Varga", "07700 970002"];

    public static readonly IReadOnlyList<string> Hollis = ["Hollis Brandt", "Brandt", "Outreach Advocate", "07700 970003"];

    /// <summary>Nia's name, and what she is today: her job title and phone name the refuge she joined.</summary>
    public static readonly IReadOnlyList<string> NiaName = ["Castellano"];

    public static readonly IReadOnlyList<string> NiaToday = ["Safe House Nurse", "07700 970006"];

    /// <summary>Mo as he was while he worked for the refuge.</summary>
    public static readonly IReadOnlyList<string> MoInTheRefuge = ["Delacroix", "Refuge key worker"];

    /// <summary>Sasha's involvement with Jade is sensitive: in Jade's picture she must not be named (she may be found by name).</summary>
    public static readonly IReadOnlyList<string> SashaWithJade = ["Pemberton", "Sexual health", "01632 970204"];

    /// <summary>Everything about the sensitive service today.</summary>
    public static IReadOnlyList<string> ServiceToday => [.. TheRefuge, .. Ines, .. Hollis, .. NiaName, .. NiaToday];

    /// <summary>Everything about the sensitive service at <see cref="BeforeTheMoves"/> (Nia was an ordinary nurse then; what she is today still may not show).</summary>
    public static IReadOnlyList<string> ServiceBeforeTheMoves => [.. TheRefuge, .. Ines, .. Hollis, .. NiaToday, .. MoInTheRefuge];

    /// <summary>What an outsider must not learn from Jade's picture today.</summary>
    public static IReadOnlyList<string> AroundJadeToday => [.. ServiceToday, .. SashaWithJade];

    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(), new RuntimeTypes() },
    };

    public static string Folder { get; } = Path.Combine(Root(), "tests", "fixtures", "boundary-district");

    public static Task<Governed> OpenAsync() => Governed.ImportAsync(Folder);

    public static Viewer Viewer(string id) => id == Coordinator ? Governed.Coordinator(id) : Governed.Practitioner(id);

    /// <summary>Every answer as JSON, each node and relationship with all its own properties.</summary>
    public static string ToJson(object? answer) => JsonSerializer.Serialize(answer, Json);

    /// <summary>Fails naming the first secret the answer holds.</summary>
    public static void Keeps(IEnumerable<string> secrets, object? answer)
    {
        var json = ToJson(answer);
        foreach (var secret in secrets)
        {
            Assert.False(json.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The answer gives away \"{secret}\": {json}");
        }
    }

    /// <summary>The other side: an entitled viewer's answer does hold what the outsider's may not.</summary>
    public static void Reveals(string secret, object? answer) =>
        Assert.True(ToJson(answer).Contains(secret, StringComparison.OrdinalIgnoreCase), $"The answer should show \"{secret}\": {ToJson(answer)}");

    private static string Root()
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

    /// <summary>Writes a node or relationship held as its abstract type with its own properties, so nothing hides from the search.</summary>
    private sealed class RuntimeTypes : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsClass && typeToConvert.IsAbstract;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(RuntimeType<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class RuntimeType<T> : JsonConverter<T>
        where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }
}
