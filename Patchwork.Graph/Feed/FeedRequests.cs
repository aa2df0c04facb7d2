using System.Globalization;
using System.Text.Json;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Feed;

/// <summary>
/// A feed message as understood: who it is about (<see cref="PersonId"/> or <see cref="NhsNumber"/>, one of the
/// two) under the source system's own id. Kept as JSON in the governance store, so a held one is applied as sent.
/// </summary>
public abstract record FeedRequest(string SourceId, string? PersonId, string? NhsNumber)
{
    public abstract FeedKind Kind { get; }

    /// <summary>What orders messages of one source id: the later of the dates it gives (see <see cref="FeedMessage"/>).</summary>
    public abstract DateTimeOffset MessageTime { get; }

    protected static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>An involvement starts (or, with <see cref="Until"/>, ends) for a professional of the client's agency.</summary>
public sealed record FeedInvolvement(string SourceId, string? PersonId, string? NhsNumber, string? ProfessionalId, string? ProfessionalEmail, string Role, bool Lead, bool Sensitive, DateOnly Since, DateOnly? Until)
    : FeedRequest(SourceId, PersonId, NhsNumber)
{
    public override FeedKind Kind => FeedKind.Involvement;

    public override DateTimeOffset MessageTime => StartOf(Until ?? Since);
}

/// <summary>A contact that happened, or a visit planned (<see cref="Planned"/>), by a professional of the client's agency.</summary>
public sealed record FeedContact(string SourceId, string? PersonId, string? NhsNumber, string? ProfessionalId, string? ProfessionalEmail, DateTimeOffset At, ContactKind ContactKind, bool Planned, bool? Seen, bool? SeenAlone)
    : FeedRequest(SourceId, PersonId, NhsNumber)
{
    public override FeedKind Kind => FeedKind.Contact;

    public override DateTimeOffset MessageTime => At;
}

/// <summary>A status the client's agency holds for a person, from a date (to one, when it ended).</summary>
public sealed record FeedStatus(string SourceId, string? PersonId, string? NhsNumber, CareStatus Status, DateOnly Since, DateOnly? Until)
    : FeedRequest(SourceId, PersonId, NhsNumber)
{
    public override FeedKind Kind => FeedKind.Status;

    public override DateTimeOffset MessageTime => StartOf(Until ?? Since);
}

/// <summary>
/// Reads a feed message's camelCase JSON body, collecting one message per bad field (keyed by the field's name as
/// sent) so the sender learns everything that is wrong at once. Nothing is looked up here: only the form.
/// </summary>
public static class FeedRequestReader
{
    public const int MaxSourceIdLength = 200;
    public const int MaxRoleLength = 200;

    private static readonly string[] PersonFields = ["personId", "nhsNumber"];
    private static readonly string[] ProfessionalFields = ["professionalId", "professionalEmail"];

    /// <summary>The fields each kind of message takes, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> FieldsOf(FeedKind kind) => kind switch
    {
        FeedKind.Involvement => ["sourceId", .. PersonFields, .. ProfessionalFields, "role", "lead", "sensitive", "since", "until"],
        FeedKind.Contact => ["sourceId", .. PersonFields, .. ProfessionalFields, "at", "kind", "planned", "seen", "seenAlone"],
        FeedKind.Status => ["sourceId", .. PersonFields, "status", "since", "until"],
    };

    public static FeedRequest? Read(FeedKind kind, JsonElement body, out IReadOnlyDictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Problem(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        FeedRequest? request = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            Problem("", $"The body must be a JSON object with the fields {string.Join(", ", FieldsOf(kind))}.");
        }
        else
        {
            var fields = new Fields(body, Problem);
            foreach (var property in body.EnumerateObject())
            {
                if (!FieldsOf(kind).Contains(property.Name, StringComparer.Ordinal))
                {
                    var near = FieldsOf(kind).FirstOrDefault(f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
                    Problem(property.Name, near is null
                        ? $"'{property.Name}' is not a field of this message; its fields are {string.Join(", ", FieldsOf(kind))}."
                        : $"'{property.Name}' is not a field of this message: field names are case-sensitive, did you mean '{near}'?");
                }
            }

            var sourceId = fields.Text("sourceId", required: true, MaxSourceIdLength);
            var (personId, nhs) = fields.OneOf("personId", "nhsNumber", "the person (Patchwork's id) or their NHS number");
            if (nhs is not null && !Model.NhsNumber.TryParse(nhs, out _))
            {
                Problem("nhsNumber", "That is not a valid NHS number: ten digits, the last a check digit.");
            }

            switch (kind)
            {
                case FeedKind.Involvement:
                {
                    var (professionalId, email) = fields.OneOf("professionalId", "professionalEmail", "the professional (Patchwork's id) or their work email");
                    var role = fields.Text("role", required: true, MaxRoleLength);
                    var lead = fields.Flag("lead") ?? false;
                    var sensitive = fields.Flag("sensitive") ?? false;
                    var since = fields.Date("since", required: true);
                    var until = fields.Date("until", required: false);
                    if (since is { } s && until is { } u && u <= s)
                    {
                        Problem("until", $"The end date {u:yyyy-MM-dd} must be after the start date {s:yyyy-MM-dd}.");
                    }

                    if (problems.Count == 0)
                    {
                        request = new FeedInvolvement(sourceId!, personId, Normal(nhs), professionalId, email, role!, lead, sensitive, since!.Value, until);
                    }

                    break;
                }

                case FeedKind.Contact:
                {
                    var (professionalId, email) = fields.OneOf("professionalId", "professionalEmail", "the professional (Patchwork's id) or their work email");
                    var at = fields.Instant("at");
                    var contactKind = fields.Word<ContactKind>("kind", KindNames.TryParseContactKind);
                    var planned = fields.Flag("planned") ?? false;
                    var seen = fields.Flag("seen");
                    var seenAlone = fields.Flag("seenAlone");
                    if (problems.Count == 0)
                    {
                        request = new FeedContact(sourceId!, personId, Normal(nhs), professionalId, email, at!.Value, contactKind!.Value, planned, seen, seenAlone);
                    }

                    break;
                }

                case FeedKind.Status:
                {
                    var status = fields.Word<CareStatus>("status", KindNames.TryParseCareStatus, KindNames.AllowedCareStatuses);
                    var since = fields.Date("since", required: true);
                    var until = fields.Date("until", required: false);
                    if (since is { } s && until is { } u && u <= s)
                    {
                        Problem("until", $"The end date {u:yyyy-MM-dd} must be after the start date {s:yyyy-MM-dd}.");
                    }

                    if (problems.Count == 0)
                    {
                        request = new FeedStatus(sourceId!, personId, Normal(nhs), status!.Value, since!.Value, until);
                    }

                    break;
                }
            }
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return problems.Count == 0 ? request : null;
    }

    /// <summary>The one JSON form a request is kept in: what a replay is compared by and what a match applies.</summary>
    public static string Serialize(FeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.Serialize(request, request.GetType(), Json);
    }

    public static FeedRequest Deserialize(FeedKind kind, string json) => kind switch
    {
        FeedKind.Involvement => JsonSerializer.Deserialize<FeedInvolvement>(json, Json)!,
        FeedKind.Contact => JsonSerializer.Deserialize<FeedContact>(json, Json)!,
        FeedKind.Status => JsonSerializer.Deserialize<FeedStatus>(json, Json)!,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string? Normal(string? nhs) => nhs is not null && Model.NhsNumber.TryParse(nhs, out var parsed) ? parsed.Digits : null;

    private delegate bool TryParse<T>(string? text, out T value);

    /// <summary>Reads one field at a time, reporting what is wrong with it under its own name.</summary>
    private sealed class Fields(JsonElement body, Action<string, string> problem)
    {
        private JsonElement? Get(string name) =>
            body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        public string? Text(string name, bool required, int maxLength)
        {
            if (Get(name) is not { } value)
            {
                if (required)
                {
                    problem(name, $"'{name}' is required.");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                problem(name, $"'{name}' must be a JSON string.");
                return null;
            }

            var text = value.GetString()!.Trim();
            if (text.Length == 0)
            {
                problem(name, $"'{name}' is empty.");
                return null;
            }

            if (text.Length > maxLength)
            {
                problem(name, $"'{name}' is longer than {maxLength} characters.");
                return null;
            }

            if (SafeText.Sentence(text) is { } unsafeText)
            {
                problem(name, unsafeText);
                return null;
            }

            return text;
        }

        public (string? First, string? Second) OneOf(string first, string second, string what)
        {
            var a = Text(first, required: false, MaxSourceIdLength);
            var b = Text(second, required: false, MaxSourceIdLength);
            var sentA = Get(first) is not null;
            var sentB = Get(second) is not null;
            if (sentA && sentB)
            {
                problem(first, $"Give either '{first}' or '{second}', not both.");
                problem(second, $"Give either '{first}' or '{second}', not both.");
                return (null, null);
            }

            if (!sentA && !sentB)
            {
                problem(first, $"Name {what}: '{first}' or '{second}' is required.");
            }

            return (a, b);
        }

        public bool? Flag(string name)
        {
            if (Get(name) is not { } value)
            {
                return null;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            problem(name, $"'{name}' must be true or false (a JSON boolean, not a string).");
            return null;
        }

        public DateOnly? Date(string name, bool required)
        {
            var text = Text(name, required, 40);
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problem(name, $"'{name}' must be a date as YYYY-MM-DD (for example 2026-03-14), not '{text}'.");
            return null;
        }

        public DateTimeOffset? Instant(string name)
        {
            var text = Text(name, required: true, 40);
            if (text is null)
            {
                return null;
            }

            // Only a time with its offset is unambiguous: a local time means something different in each system.
            if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                && (text.EndsWith('Z') || text.EndsWith("+00:00", StringComparison.Ordinal)))
            {
                return at.ToUniversalTime();
            }

            problem(name, $"'{name}' must be a UTC time as YYYY-MM-DDTHH:MM:SSZ (for example 2026-03-14T10:30:00Z), not '{text}'.");
            return null;
        }

        public T? Word<T>(string name, TryParse<T> parse, string? allowed = null)
            where T : struct, Enum
        {
            var text = Text(name, required: true, 60);
            if (text is null)
            {
                return null;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            problem(name, $"'{text}' is not a {name} Patchwork knows; use one of {allowed ?? string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
            return null;
        }
    }
}
