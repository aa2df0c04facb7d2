using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Patchwork.Graph.Audit;

/// <summary>
/// Where the audit trail's signed checkpoints go, and the key that signs them. Both live outside the store, so
/// someone who can rewrite the store file cannot also rewrite what the checkpoints say about it.
/// </summary>
public sealed class AuditCheckpointOptions
{
    public const string Section = "Patchwork:Audit";

    /// <summary>The checkpoint file (default: beside the store file, its name with <c>.checkpoints</c> added).</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>
    /// The signing key, base64 or plain text. A production deployment sets it from its secret store; without one a
    /// key file is made once beside the checkpoint file, readable by its owner only.
    /// </summary>
    public string? CheckpointKey { get; set; }

    /// <summary>Also write every checkpoint to the log, a second copy outside this machine's disk (on outside Development).</summary>
    public bool LogCheckpoints { get; set; }

    /// <summary>The checkpoint file for a store file when none is configured.</summary>
    public static string DefaultPathFor(string storePath) => storePath + ".checkpoints";

    /// <summary>The key file made beside a checkpoint file when no key is configured.</summary>
    public static string KeyPathFor(string checkpointPath) => checkpointPath + ".key";
}

/// <summary>What the trail was at one append: its newest record's number and hash, when, and an HMAC-SHA256 over them.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset At, string Signature)
{
    /// <summary>One line of the checkpoint file: sequence, hash, time (Unix milliseconds) and signature, tab-separated.</summary>
    public string ToLine() => string.Join('\t', Sequence.ToString(CultureInfo.InvariantCulture), Hash, At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), Signature);

    /// <summary>Reads a line written by <see cref="ToLine"/>; null when it is not one.</summary>
    public static AuditCheckpoint? Parse(string line)
    {
        var parts = line.Split('\t');
        return parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            && long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis)
            && millis is >= -62135596800000 and <= 253402300799999
            ? new AuditCheckpoint(sequence, parts[1], DateTimeOffset.FromUnixTimeMilliseconds(millis), parts[3])
            : null;
    }
}

/// <summary>Signs and checks checkpoints with HMAC-SHA256 under one key.</summary>
public sealed class AuditCheckpointSigner
{
    private readonly byte[] key;

    public AuditCheckpointSigner(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("An audit checkpoint key must be at least 16 bytes.", nameof(key));
        }

        this.key = key;
    }

    /// <summary>
    /// The key a configured value stands for: base64 when it decodes to at least 16 bytes, otherwise its UTF-8 text
    /// (which must then be at least 16 characters, so a short password cannot stand in for a key).
    /// </summary>
    public static AuditCheckpointSigner FromConfigured(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new byte[value.Length];
        if (Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written >= 16)
        {
            return new AuditCheckpointSigner(buffer[..written]);
        }

        var text = Encoding.UTF8.GetBytes(value);
        return text.Length >= 16
            ? new AuditCheckpointSigner(text)
            : throw new InvalidOperationException($"{AuditCheckpointOptions.Section}:CheckpointKey is too short: give at least 16 bytes, as base64 or as text of 16 characters or more.");
    }

    public AuditCheckpoint Sign(long sequence, string hash, DateTimeOffset at)
    {
        var checkpoint = new AuditCheckpoint(sequence, hash, DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()), "");
        return checkpoint with { Signature = SignatureOf(checkpoint) };
    }

    public bool IsGenuine(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var expected = Encoding.ASCII.GetBytes(SignatureOf(checkpoint));
        var given = Encoding.ASCII.GetBytes(checkpoint.Signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>An HMAC under the key to sign many checkpoints with, one after the other (one per thread).</summary>
    internal IncrementalHash NewHmac() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);

    private string SignatureOf(AuditCheckpoint checkpoint)
    {
        var signed = $"{checkpoint.Sequence.ToString(CultureInfo.InvariantCulture)}|{checkpoint.Hash}|{checkpoint.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
    }
}

/// <summary>
/// The checkpoint file as read back: its checkpoints and the lines that did not hold. Every signature was checked,
/// or (<see cref="EverySignatureChecked"/> false) only the newest one's, which a caller that finds anything amiss
/// reads again with every signature checked.
/// </summary>
public sealed record AuditCheckpointFile(bool Exists, IReadOnlyDictionary<long, string> HashBySequence, long LastSequence, IReadOnlyList<string> Problems, bool EverySignatureChecked = true);

/// <summary>
/// The checkpoint file beside the store: one signed line per audit append, appended under an exclusive file lock
/// so the web app and the <c>patchwork</c> command never interleave their lines.
/// </summary>
public sealed partial class AuditCheckpointLog
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);
    private readonly Lazy<AuditCheckpointSigner> signer;
    private readonly ILogger logger;
    private readonly bool logCheckpoints;
    private readonly bool hasConfiguredKey;

    public AuditCheckpointLog(string path, string? configuredKey, ILogger logger, bool logCheckpoints = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        this.logger = logger;
        this.logCheckpoints = logCheckpoints;
        hasConfiguredKey = !string.IsNullOrWhiteSpace(configuredKey);
        // The key is read or made on first use, so a store that is only read never creates a key file.
        signer = new Lazy<AuditCheckpointSigner>(() => string.IsNullOrWhiteSpace(configuredKey) ? KeyFromFile() : AuditCheckpointSigner.FromConfigured(configuredKey));
    }

    public string Path { get; }

    public string KeyPath => AuditCheckpointOptions.KeyPathFor(Path);

    /// <summary>
    /// Signs a checkpoint for the record just committed and appends it as one line, flushed to disk. The record is
    /// already in the store, so a disk that refuses the line is logged as an error rather than reported as a failed
    /// action; verify then checks the trail up to the last checkpoint that was written.
    /// </summary>
    public AuditCheckpoint? Append(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AuditCheckpoint checkpoint;
        try
        {
            checkpoint = signer.Value.Sign(record.Sequence, record.Hash, record.At);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var stream = OpenLocked(FileMode.Append, FileAccess.Write);
            stream.Write(Encoding.UTF8.GetBytes(checkpoint.ToLine() + "\n"));
            stream.Flush(flushToDisk: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogCheckpointFailed(logger, exception, record.Sequence, Path);
            return null;
        }

        if (logCheckpoints)
        {
            LogCheckpoint(logger, checkpoint.Sequence, checkpoint.Hash, checkpoint.At, checkpoint.Signature);
        }

        return checkpoint;
    }

    /// <summary>Reads every checkpoint, checking each signature, or the newest only; problems name the line.</summary>
    public AuditCheckpointFile Read(CancellationToken cancellationToken = default) => Read(CheckpointSignatures.Every, cancellationToken);

    internal AuditCheckpointFile Read(CheckpointSignatures signatures, CancellationToken cancellationToken) => Open(signatures, cancellationToken)();

    /// <summary>
    /// Takes the file's lock now and reads it on another thread, so that the store can be read meanwhile. No line
    /// can be added until the reading ends, so a snapshot of the store taken after this call holds the record of
    /// every line read.
    /// </summary>
    internal Task<AuditCheckpointFile> ReadInBackground(CheckpointSignatures signatures, CancellationToken cancellationToken)
    {
        var read = Open(signatures, cancellationToken);
        return Task.Run(read, CancellationToken.None);
    }

    /// <summary>Opens the file under its lock now; the function given reads it and lets it go.</summary>
    private Func<AuditCheckpointFile> Open(CheckpointSignatures signatures, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return () => new AuditCheckpointFile(false, new Dictionary<long, string>(), 0, []);
        }

        if (!hasConfiguredKey && !signer.IsValueCreated && !File.Exists(KeyPath))
        {
            // Checking must never make a new key: the checkpoints would all look forged, and the next append would sign
            // with a key the running app does not have.
            return () => new AuditCheckpointFile(true, new Dictionary<long, string>(), 0, [$"the checkpoint key file {KeyPath} is missing, so the checkpoints cannot be checked: restore it, or configure {AuditCheckpointOptions.Section}:CheckpointKey"]);
        }

        var reader = new CheckpointReader(signer.Value, signatures);
        var stream = OpenLocked(FileMode.Open, FileAccess.Read);
        return () =>
        {
            using (stream)
            {
                var (hashes, last, problems, signed) = reader.Read(stream, cancellationToken);
                return new AuditCheckpointFile(true, hashes, last, problems, signed == CheckpointSignatures.Every);
            }
        };
    }

    /// <summary>Appends a checkpoint for each record, in one write and one flush to disk: for a trail made in bulk.</summary>
    internal void AppendMany(IReadOnlyList<AuditRecord> records)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var hmac = signer.Value.NewHmac();
        using var stream = OpenLocked(FileMode.Append, FileAccess.Write);
        var buffered = new BufferedStream(stream, 1 << 20);
        {
            Span<byte> line = stackalloc byte[256];
            Span<byte> digest = stackalloc byte[32];
            foreach (var record in records)
            {
                // The line AuditCheckpoint.ToLine writes, signed over what AuditCheckpointSigner signs.
                var millis = record.At.ToUnixTimeMilliseconds();
                var signed = Encoding.ASCII.GetBytes($"{record.Sequence.ToString(CultureInfo.InvariantCulture)}|{record.Hash}|{millis.ToString(CultureInfo.InvariantCulture)}", line);
                hmac.AppendData(line[..signed]);
                hmac.GetHashAndReset(digest);
                var written = Encoding.ASCII.GetBytes($"{record.Sequence.ToString(CultureInfo.InvariantCulture)}\t{record.Hash}\t{millis.ToString(CultureInfo.InvariantCulture)}\t", line);
                AuditCanonical.Hex(digest, line[written..]);
                written += 64;
                line[written++] = (byte)'\n';
                buffered.Write(line[..written]);
            }
        }

        // Flushed, not disposed: disposing would close the locked stream before it reaches the disk.
        buffered.Flush();
        stream.Flush(flushToDisk: true);
    }

    private FileStream OpenLocked(FileMode mode, FileAccess access)
    {
        // FileShare.None takes an exclusive lock on the file (flock on Linux) that other processes honour: a writer
        // in the web app and one in the CLI wait for each other instead of mixing their bytes.
        var deadline = DateTimeOffset.UtcNow + LockWait;
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
                if (mode == FileMode.Append && !OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                return new FileStream(Path, options);
            }
            catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException && DateTimeOffset.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
        }
    }

    private AuditCheckpointSigner KeyFromFile()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(KeyPath)!);
        try
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Owner-only: the key is what makes a checkpoint worth more than the store it describes.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(KeyPath, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            return new AuditCheckpointSigner(key);
        }
        catch (IOException) when (File.Exists(KeyPath))
        {
            // Made already, by an earlier run or by the other process a moment ago; it may still be being written.
            var deadline = DateTimeOffset.UtcNow + LockWait;
            while (true)
            {
                var text = File.ReadAllText(KeyPath).Trim();
                if (text.Length > 0 || DateTimeOffset.UtcNow >= deadline)
                {
                    return AuditCheckpointSigner.FromConfigured(text);
                }

                Thread.Sleep(5);
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Audit record {Sequence} was written but its checkpoint could not be added to {Path}")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, long sequence, string path);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Audit checkpoint {Sequence} {Hash} at {At:o} signed {Signature}")]
    private static partial void LogCheckpoint(ILogger logger, long sequence, string hash, DateTimeOffset at, string signature);
}
