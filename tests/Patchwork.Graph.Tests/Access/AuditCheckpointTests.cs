using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Patchwork.Graph.Audit;

namespace Patchwork.Graph.Tests.Access;

public sealed class AuditCheckpointTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-checkpoints-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Signer_accepts_its_own_checkpoint_and_refuses_an_altered_one()
    {
        var signer = new AuditCheckpointSigner(Encoding.UTF8.GetBytes("a key of sixteen bytes or more"));
        var checkpoint = signer.Sign(12, new string('a', 64), At);

        Assert.True(signer.IsGenuine(checkpoint));
        Assert.False(signer.IsGenuine(checkpoint with { Sequence = 13 }));
        Assert.False(signer.IsGenuine(checkpoint with { Hash = new string('b', 64) }));
        Assert.False(signer.IsGenuine(checkpoint with { At = At.AddSeconds(1) }));
        Assert.False(new AuditCheckpointSigner(Encoding.UTF8.GetBytes("another key of sixteen bytes")).IsGenuine(checkpoint));
    }

    [Fact]
    public void Signer_a_checkpoint_survives_its_line()
    {
        var signer = AuditCheckpointSigner.FromConfigured(Convert.ToBase64String(new byte[32]));
        var checkpoint = signer.Sign(7, new string('c', 64), At);

        var read = AuditCheckpoint.Parse(checkpoint.ToLine());

        Assert.Equal(checkpoint, read);
        Assert.True(signer.IsGenuine(read!));
        Assert.Null(AuditCheckpoint.Parse("7\tnot a checkpoint"));
    }

    [Fact]
    public void Signer_a_configured_key_is_base64_or_text_and_never_short()
    {
        var base64 = AuditCheckpointSigner.FromConfigured(Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        var text = AuditCheckpointSigner.FromConfigured("correct horse battery staple");
        var checkpoint = base64.Sign(1, new string('d', 64), At);

        Assert.False(text.IsGenuine(checkpoint));
        var refused = Assert.Throws<InvalidOperationException>(() => AuditCheckpointSigner.FromConfigured("short"));
        Assert.Contains("Patchwork:Audit:CheckpointKey", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_without_a_configured_key_makes_one_owner_only_key_file_and_keeps_using_it()
    {
        var path = Path.Combine(folder, "trail.checkpoints");
        new AuditCheckpointLog(path, null, NullLogger.Instance).Append(Record(1));
        var key = File.ReadAllText(path + ".key");

        new AuditCheckpointLog(path, null, NullLogger.Instance).Append(Record(2));

        Assert.Equal(key, File.ReadAllText(path + ".key"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path + ".key"));
        }

        var file = new AuditCheckpointLog(path, null, NullLogger.Instance).Read(Ct);
        Assert.Empty(file.Problems);
        Assert.Equal(2, file.LastSequence);
    }

    [Fact]
    public void Log_read_with_another_key_names_every_line_as_not_genuine()
    {
        var path = Path.Combine(folder, "trail.checkpoints");
        var writer = new AuditCheckpointLog(path, "the key the app was given", NullLogger.Instance);
        writer.Append(Record(1));
        writer.Append(Record(2));

        var file = new AuditCheckpointLog(path, "a key someone else chose", NullLogger.Instance).Read(Ct);

        Assert.Equal(2, file.Problems.Count);
        Assert.Contains("line 2 (record 2) has a signature that does not match", file.Problems[1], StringComparison.Ordinal);
        Assert.Equal(0, file.LastSequence);
    }

    [Fact]
    public async Task Log_two_writers_on_one_file_never_interleave_their_lines()
    {
        var path = Path.Combine(folder, "trail.checkpoints");
        const string key = "one key shared by the web app and the cli";
        var web = new AuditCheckpointLog(path, key, NullLogger.Instance);
        var cli = new AuditCheckpointLog(path, key, NullLogger.Instance);

        await Task.WhenAll(
            Task.Run(() => { for (var i = 1; i <= 400; i += 2) web.Append(Record(i)); }, Ct),
            Task.Run(() => { for (var i = 2; i <= 400; i += 2) cli.Append(Record(i)); }, Ct));

        var file = web.Read(Ct);
        Assert.Empty(file.Problems);
        Assert.Equal(400, file.HashBySequence.Count);
        Assert.Equal(400, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Log_set_to_log_checkpoints_writes_each_one_to_the_log_too()
    {
        var logger = new ListLogger();
        var path = Path.Combine(folder, "trail.checkpoints");

        var checkpoint = new AuditCheckpointLog(path, "a key of sixteen bytes or more", logger, logCheckpoints: true).Append(Record(5));
        new AuditCheckpointLog(path, "a key of sixteen bytes or more", logger).Append(Record(6));

        var line = Assert.Single(logger.Lines);
        Assert.Contains("Audit checkpoint 5", line, StringComparison.Ordinal);
        Assert.Contains(checkpoint!.Signature, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Verifier_rebuilds_the_index_from_the_records_and_names_what_the_stored_one_lacks_or_adds()
    {
        var verifier = new AuditVerifier(new AuditCheckpointFile(true, new Dictionary<long, string>(), 0, []), "checkpoints");
        var previous = AuditRecord.FirstPreviousHash;
        for (var seq = 1; seq <= 5; seq++)
        {
            var entry = new AuditEntry("sw", "Sam", AuditActions.ViewNetwork, "person:c1", ["c1", "m1"]);
            var record = new AuditRecord(seq, At, entry, previous, AuditRecord.ComputeHash(seq, At, entry, previous));
            verifier.Record(record);
            previous = record.Hash;
            verifier.Indexed("c1", seq);
            // m1's rows: 4 and 5 are missing, and one points at a record about someone else.
            if (seq <= 3)
            {
                verifier.Indexed("m1", seq);
            }
        }

        verifier.Indexed("g1", 2);
        Assert.Equal(["g1", "m1"], verifier.MismatchedPeople());
        verifier.IndexDifference("g1", 0, 1);
        verifier.IndexDifference("m1", 2, 0);

        var result = verifier.Finish();
        Assert.False(result.IsIntact);
        Assert.Equal(
            ["the index of who looked at g1 has 1 record that is not about them", "the index of who looked at m1 lacks 2 records"],
            result.Problems);
    }

    [Fact]
    public void Verifier_an_index_with_the_same_count_but_other_records_is_found()
    {
        var verifier = new AuditVerifier(new AuditCheckpointFile(true, new Dictionary<long, string>(), 0, []), "checkpoints");
        var entry = new AuditEntry("sw", "Sam", AuditActions.ViewNetwork, "person:c1", ["c1"]);
        var first = new AuditRecord(1, At, entry, AuditRecord.FirstPreviousHash, AuditRecord.ComputeHash(1, At, entry, AuditRecord.FirstPreviousHash));
        verifier.Record(first);
        verifier.Indexed("c1", 2);

        Assert.Equal(["c1"], verifier.MismatchedPeople());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    private static AuditRecord Record(long sequence) =>
        new(sequence, At, new AuditEntry("sw", "Sam", AuditActions.Search, "Turner", []), AuditRecord.FirstPreviousHash, Convert.ToHexStringLower(BitConverter.GetBytes(sequence)).PadLeft(64, '0'));
}
