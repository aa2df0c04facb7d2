using System.Diagnostics;
using Patchwork.Cli.Generate;
using Patchwork.Cli.Infrastructure;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Cli.Bench;

/// <summary>What to measure: the store file, the district size and seed, how many samples per question, and the day asked about.</summary>
internal sealed record BenchOptions(string Db, int Persons, int Seed, int Samples, DateOnly AsOf);

/// <summary>
/// Times every question of the store port over randomly chosen focuses (the same ones for the same seed) after a
/// warm-up, then the same network questions against the in-memory floor. A missing or empty store file is filled
/// with a generated district first, and that import is timed; for a store that exists already, a district of the
/// same size is imported into a throwaway file beside it to time the import.
/// </summary>
internal sealed class StoreBenchmark(CliContext context, BenchOptions options)
{
    private readonly Random random = new(options.Seed);
    private readonly Action<string> say = line => context.Error.WriteLine($"bench: {line}");

    public async Task<BenchResult> RunAsync(CancellationToken cancellationToken)
    {
        var db = Path.GetFullPath(options.Db);
        var fresh = !File.Exists(db) || new FileInfo(db).Length == 0;
        (ImportSummary Summary, double FloorRowsPerSecond) import;
        if (fresh)
        {
            import = await GenerateAndImportAsync(db, options.Persons, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var throwaway = Path.Combine(Path.GetDirectoryName(db)!, $".{Path.GetFileName(db)}.import-{Guid.NewGuid():N}.db");
            try
            {
                import = await GenerateAndImportAsync(throwaway, options.Persons, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                foreach (var file in new[] { throwaway, throwaway + "-wal", throwaway + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }

        await using var session = await StoreSession.OpenAsync(context, db, cancellationToken).ConfigureAwait(false);
        var store = session.Store;
        // The district's size, before the write mix below adds people of its own.
        var persons = (await store.GetStatsAsync(cancellationToken).ConfigureAwait(false)).Nodes[NodeKind.Person.Label()];
        var focus = await Focuses.ChooseAsync(store, random, options.Samples * 2, cancellationToken).ConfigureAwait(false);
        WarmFileCache(db);

        say($"timing the store's questions, {options.Samples} samples each after a warm-up");
        var load = LoadAverage();
        var asOf = options.AsOf;
        var searches = focus.SearchTexts(random);
        var pastDays = focus.People.Select(_ => asOf.AddDays(-random.Next(1, 3 * 365))).ToList();
        Question[] asked =
        [
            Ask(focus.People, p => store.OpenNetworkAsync(p, asOf, 1, cancellationToken: cancellationToken)),
            Ask(focus.People, p => store.OpenNetworkAsync(p, asOf, 2, cancellationToken: cancellationToken)),
            Ask(focus.People, p => store.ExpandAsync(new NodeRef(NodeKind.Person, p), asOf, cancellationToken: cancellationToken)),
            Ask(focus.Households, h => store.ExpandAsync(new NodeRef(NodeKind.Household, h), asOf, cancellationToken: cancellationToken)),
            Ask(focus.Professionals, p => store.ExpandAsync(new NodeRef(NodeKind.Professional, p), asOf, cancellationToken: cancellationToken)),
            Ask(focus.Agencies, a => store.ExpandAsync(new NodeRef(NodeKind.Agency, a), asOf, cancellationToken: cancellationToken)),
            Ask(focus.Clients, p => store.GetTeamAsync(p, asOf, cancellationToken)),
            Ask(searches, text => store.SearchAsync(text, cancellationToken: cancellationToken)),
            Ask(focus.People, _ => store.ClientsWithoutLeadAsync(asOf, 0, 50, cancellationToken)),
            Ask(pastDays, day => store.CountClientsWithoutLeadAsync(day, cancellationToken)),
        ];

        // Every question warms up before any is timed, so the code they share is compiled at its final tier
        // before the first timing rather than during it.
        foreach (var question in asked)
        {
            await question.WarmAsync().ConfigureAwait(false);
        }

        var timed = new List<List<double>>();
        foreach (var question in asked)
        {
            timed.Add(await question.TimeAsync().ConfigureAwait(false));
        }

        var (depth1, depth2, expandPerson, expandHousehold, expandProfessional, expandAgency, team, search, firstPage, count) =
            (timed[0], timed[1], timed[2], timed[3], timed[4], timed[5], timed[6], timed[7], timed[8], timed[9]);
        var writes = await TimeWritesAsync(store, focus, cancellationToken).ConfigureAwait(false);

        // The store's own memory: the floor below holds the whole graph in this process, so it is read first.
        var peakMemory = PeakMemoryBytes();
        var storeBytes = new[] { db, db + "-wal", db + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

        say("loading the in-memory floor through the store's export");
        var floor = await NetworkFloor.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var floorDepth1 = TimeFloor(focus.People, p => floor.OpenNetwork(p, asOf, 1));
        var floorDepth2 = TimeFloor(focus.People, p => floor.OpenNetwork(p, asOf, 2));
        var floorExpand = TimeFloor(focus.People, p => floor.Expand(new NodeRef(NodeKind.Person, p), asOf))
            .Concat(TimeFloor(focus.Households, h => floor.Expand(new NodeRef(NodeKind.Household, h), asOf)))
            .Concat(TimeFloor(focus.Professionals, p => floor.Expand(new NodeRef(NodeKind.Professional, p), asOf)))
            .Concat(TimeFloor(focus.Agencies, a => floor.Expand(new NodeRef(NodeKind.Agency, a), asOf)))
            .ToList();
        var mismatches = await CompareAsync(store, floor, focus, asOf, cancellationToken).ConfigureAwait(false);

        var expand = Pick(expandPerson, options.Samples / 4).Concat(Pick(expandHousehold, options.Samples / 4))
            .Concat(Pick(expandProfessional, options.Samples / 4)).Concat(Pick(expandAgency, options.Samples - (3 * (options.Samples / 4)))).ToList();
        var floorExpandSample = floorExpand;
        QuestionTimes[] questions =
        [
            QuestionTimes.Of("network-depth-1", "network, depth 1", depth1, 2) with { FloorP95 = P95(floorDepth1) },
            QuestionTimes.Of("network-depth-2", "network, depth 2", depth2, 5) with { FloorP95 = P95(floorDepth2) },
            QuestionTimes.Of("expand", "expand (all four kinds)", expand, 1) with { FloorP95 = P95(floorExpandSample) },
            QuestionTimes.Of("team", "team of a client", team, 2),
            QuestionTimes.Of("search", "search by name prefix", search, 5),
            QuestionTimes.Of("no-lead-first-page", "no lead: first page of 50", firstPage, 10),
            QuestionTimes.Of("no-lead-count", "no lead: count at a past date", count, 500),
            QuestionTimes.Of("writes", "writes (5 kinds, one transaction each)", writes.SelectMany(w => w.Value).ToList()),
        ];
        QuestionTimes[] details =
        [
            QuestionTimes.Of("expand-person", "  expand a person", expandPerson),
            QuestionTimes.Of("expand-household", "  expand a household", expandHousehold),
            QuestionTimes.Of("expand-professional", "  expand a professional", expandProfessional),
            QuestionTimes.Of("expand-agency", "  expand an agency", expandAgency),
            .. writes.Select(w => QuestionTimes.Of($"write-{w.Key}", $"  write: {w.Key}", w.Value)),
        ];
        return new BenchResult(persons, questions, details, import.Summary.Rows, import.Summary.Elapsed.TotalSeconds, storeBytes, peakMemory, mismatches, load) { ImportFloorRowsPerSecond = import.FloorRowsPerSecond };
    }

    /// <summary>The peak resident memory of this process (VmHWM on Linux), else the peak working set.</summary>
    internal static long PeakMemoryBytes()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>The machine's load when the timing started (Linux): other work on the cores shows in the tail.</summary>
    internal static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static double P95(List<double> samples) => QuestionTimes.Percentile([.. samples.Order()], 95);

    private static IEnumerable<double> Pick(List<double> samples, int count) => samples.Take(count);

    /// <summary>The store is measured warm: its file is read once so the operating system holds it in memory.</summary>
    private static void WarmFileCache(string db)
    {
        var buffer = new byte[1 << 20];
        using var file = new FileStream(db, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        while (file.Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }

    private async Task<(ImportSummary Summary, double FloorRowsPerSecond)> GenerateAndImportAsync(string db, int persons, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("patchwork-bench-").FullName;
        try
        {
            say($"generating a district of {persons:N0} persons (seed {options.Seed})");
            new DistrictGenerator(persons, options.Seed).Write(folder, cancellationToken: cancellationToken);
            await using var session = await StoreSession.OpenAsync(context, db, cancellationToken).ConfigureAwait(false);
            say($"importing it into {db}");
            var stopwatch = Stopwatch.StartNew();
            var summary = await session.Store.ImportAsync(new BulkFormatReader(folder).InBackground(), cancellationToken: cancellationToken).ConfigureAwait(false);
            // Reading the files runs beside the writes; the figure is the whole import, wall clock.
            var result = summary with { Elapsed = stopwatch.Elapsed };
            say($"imported {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:N1} s");
            // The floor right after, from the same files while they are still cached, by this same process.
            var (floorRows, floorElapsed) = ImportFloor.Measure(folder, Path.Combine(Path.GetDirectoryName(db)!, $".{Path.GetFileName(db)}.floor-{Guid.NewGuid():N}.db"), cancellationToken);
            var floorRate = floorRows / Math.Max(floorElapsed.TotalSeconds, 1e-9);
            say($"import floor: the same {floorRows:N0} rows as text into plain tables in {floorElapsed.TotalSeconds:N1} s ({floorRate:N0} rows/s)");
            return (result, floorRate);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Question Ask<TFocus, TAnswer>(IReadOnlyList<TFocus> focuses, Func<TFocus, Task<TAnswer>> ask) => new(
        focuses.Count,
        async i => await ask(focuses[i]).ConfigureAwait(false));

    private static List<double> TimeFloor<TFocus>(IReadOnlyList<TFocus> focuses, Func<TFocus, GraphNetwork> ask)
    {
        var half = focuses.Count / 2;
        for (var i = 0; i < half; i++)
        {
            ask(focuses[i]);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var samples = new List<double>(focuses.Count - half);
        for (var i = half; i < focuses.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            ask(focuses[i]);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return samples;
    }

    /// <summary>
    /// The write mix, once per sample: a new person, their membership of an existing household, an involvement with
    /// an existing professional, a contact, and the end of the membership. Ids carry this run's stamp, so they cannot
    /// clash with the district or with another run; the warm-up writes count as writes too, untimed.
    /// </summary>
    private async Task<Dictionary<string, List<double>>> TimeWritesAsync(IGraphStore store, Focuses focus, CancellationToken cancellationToken)
    {
        var stamp = $"bench-{DateTime.UtcNow:yyyyMMddHHmmssfff}-";
        var recorded = new Recorded(DateTimeOffset.UtcNow, "bench");
        var times = new Dictionary<string, List<double>>
        {
            ["add person"] = [],
            ["add membership"] = [],
            ["add involvement"] = [],
            ["record contact"] = [],
            ["end membership"] = [],
        };
        var total = options.Samples * 2;
        for (var i = 0; i < total; i++)
        {
            var timed = i >= options.Samples;
            var personId = $"{stamp}{i}";
            var household = focus.Households[i % focus.Households.Count];
            var professional = focus.Professionals[i % focus.Professionals.Count];
            var since = options.AsOf.AddDays(-random.Next(30, 2_000));
            var membership = new Membership(personId, household, new Period(since), recorded);
            await Time("add person", () => store.AddNodeAsync(new Person(personId, "Bench", $"Person{i}", since, Gender.Unknown), cancellationToken)).ConfigureAwait(false);
            await Time("add membership", () => store.AddRelationshipAsync(membership, cancellationToken)).ConfigureAwait(false);
            await Time("add involvement", () => store.AddRelationshipAsync(new Involvement(professional, personId, "Bench worker", false, false, new Period(since), recorded), cancellationToken)).ConfigureAwait(false);
            await Time("record contact", () => store.RecordContactAsync(new Contact(professional, personId, new DateTimeOffset(options.AsOf.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), ContactKind.Visit, false, recorded), cancellationToken)).ConfigureAwait(false);
            await Time("end membership", () => store.EndRelationshipAsync(membership.Key, options.AsOf, recorded, cancellationToken)).ConfigureAwait(false);

            async Task Time(string kind, Func<Task> write)
            {
                var start = Stopwatch.GetTimestamp();
                await write().ConfigureAwait(false);
                if (timed)
                {
                    times[kind].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }

        return times;
    }

    /// <summary>Asks store and floor the same network questions for the first focuses; counts the answers that differ.</summary>
    private static async Task<int> CompareAsync(IGraphStore store, NetworkFloor floor, Focuses focus, DateOnly asOf, CancellationToken cancellationToken)
    {
        var mismatches = 0;
        foreach (var person in focus.People.Take(20))
        {
            for (var depth = 1; depth <= 2; depth++)
            {
                mismatches += Same(await store.OpenNetworkAsync(person, asOf, depth, cancellationToken: cancellationToken).ConfigureAwait(false), floor.OpenNetwork(person, asOf, depth)) ? 0 : 1;
            }

            var node = new NodeRef(NodeKind.Person, person);
            mismatches += Same(await store.ExpandAsync(node, asOf, cancellationToken: cancellationToken).ConfigureAwait(false), floor.Expand(node, asOf)) ? 0 : 1;
        }

        foreach (var node in focus.Households.Take(10).Select(h => new NodeRef(NodeKind.Household, h))
            .Concat(focus.Professionals.Take(10).Select(p => new NodeRef(NodeKind.Professional, p)))
            .Concat(focus.Agencies.Take(10).Select(a => new NodeRef(NodeKind.Agency, a))))
        {
            mismatches += Same(await store.ExpandAsync(node, asOf, cancellationToken: cancellationToken).ConfigureAwait(false), floor.Expand(node, asOf)) ? 0 : 1;
        }

        return mismatches;
    }

    internal static bool Same(GraphNetwork a, GraphNetwork b) =>
        a.Nodes.SequenceEqual(b.Nodes) && a.Edges.SequenceEqual(b.Edges)
        && a.Omitted.Count == b.Omitted.Count && a.Omitted.All(o => b.Omitted.GetValueOrDefault(o.Key) == o.Value);
}

/// <summary>
/// One question over its focuses: the first half warm up, the second half are timed one call each, after a
/// collection so that garbage left by the question before is not collected in this one's time.
/// </summary>
internal sealed class Question(int count, Func<int, Task> ask)
{
    public async Task WarmAsync()
    {
        for (var i = 0; i < count / 2; i++)
        {
            await ask(i).ConfigureAwait(false);
        }
    }

    public async Task<List<double>> TimeAsync()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var samples = new List<double>(count - (count / 2));
        for (var i = count / 2; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await ask(i).ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return samples;
    }
}
