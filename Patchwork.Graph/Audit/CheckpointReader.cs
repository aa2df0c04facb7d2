using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Patchwork.Graph.Audit;

/// <summary>
/// Reads a checkpoint file block by block and checks the signatures of a block's lines on every core. A line is
/// read exactly as <see cref="AuditCheckpoint.Parse"/> reads it; one that is not plain ASCII, or holds a lone
/// carriage return, goes through that method itself.
/// </summary>
/// <remarks>
/// With <see cref="CheckpointSignatures.Newest"/>, only the signature of the newest checkpoint is checked, and only
/// while the file is a plain run of well-formed lines in ascending order; anything else is read again with every
/// signature checked.
/// </remarks>
internal sealed class CheckpointReader(AuditCheckpointSigner signer, CheckpointSignatures signatures = CheckpointSignatures.Every)
{
    private const int BlockSize = 8 << 20;

    private enum Outcome
    {
        Blank,
        Genuine,
        NotACheckpoint,
        Forged,
    }

    public (CheckpointHashes Hashes, long Last, List<string> Problems, CheckpointSignatures Checked) Read(Stream stream, CancellationToken cancellationToken)
    {
        if (signatures == CheckpointSignatures.Newest)
        {
            var start = stream.Position;
            if (ReadNewestSigned(stream, cancellationToken) is { } plain)
            {
                return plain;
            }

            stream.Position = start;
        }

        var (hashes, last, problems) = ReadEverySigned(stream, cancellationToken);
        return (hashes, last, problems, CheckpointSignatures.Every);
    }

    private (CheckpointHashes Hashes, long Last, List<string> Problems) ReadEverySigned(Stream stream, CancellationToken cancellationToken)
    {
        var builder = new CheckpointHashes.Builder();
        var problems = new List<string>();
        long last = 0, lineNumber = 0;
        var buffer = new byte[BlockSize];
        var filled = 0;
        var first = true;
        var lines = new List<(int Start, int Length)>();
        var parts = Math.Max(1, Environment.ProcessorCount);
        var hmacs = Enumerable.Range(0, parts).Select(_ => signer.NewHmac()).ToArray();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var data = buffer.AsSpan(0, filled);
                var offset = 0;
                if (first && data.StartsWith("\uFEFF"u8))
                {
                    offset = 3;
                }

                first = false;
                lines.Clear();
                while (true)
                {
                    var end = data[offset..].IndexOf((byte)'\n');
                    if (end < 0)
                    {
                        if (read > 0 && filled < buffer.Length)
                        {
                            break;
                        }

                        if (read > 0)
                        {
                            // A line longer than the block: read it as text, as the file reader would.
                            if (offset == 0)
                            {
                                Array.Resize(ref buffer, buffer.Length * 2);
                            }

                            break;
                        }

                        if (offset < filled)
                        {
                            lines.Add((offset, filled - offset));
                        }

                        offset = filled;
                        break;
                    }

                    var length = end > 0 && data[offset + end - 1] == '\r' ? end - 1 : end;
                    lines.Add((offset, length));
                    offset += end + 1;
                }

                var outcomes = new (Outcome Outcome, long Sequence, int HashStart, int HashLength)[lines.Count];
                var share = (lines.Count + parts - 1) / parts;
                var block = buffer;
                Parallel.For(0, parts, p =>
                {
                    for (var i = p * share; i < Math.Min(lines.Count, (p + 1) * share); i++)
                    {
                        outcomes[i] = Check(block, lines[i].Start, lines[i].Length, hmacs[p]);
                    }
                });

                for (var i = 0; i < lines.Count; i++)
                {
                    var (outcome, sequence, hashStart, hashLength) = outcomes[i];
                    if (outcome == Outcome.Genuine)
                    {
                        lineNumber++;
                        builder.Add(sequence, block.AsSpan(hashStart, hashLength));
                        last = Math.Max(last, sequence);
                    }
                    else if (outcome == Outcome.Blank)
                    {
                        lineNumber++;
                    }
                    else if (outcome == Outcome.NotACheckpoint && hashStart < 0)
                    {
                        // Not plain ASCII or holding a lone carriage return: read as text, line by line, as before.
                        using var text = new StringReader(Encoding.UTF8.GetString(block, lines[i].Start, lines[i].Length));
                        while (text.ReadLine() is { } line)
                        {
                            lineNumber++;
                            Slow(line, lineNumber, builder, problems, ref last);
                        }
                    }
                    else
                    {
                        lineNumber++;
                        problems.Add(outcome == Outcome.Forged
                            ? Forged(lineNumber, sequence)
                            : $"line {lineNumber:N0} of the checkpoint file is not a checkpoint");
                    }
                }

                if (read == 0 && offset >= filled)
                {
                    break;
                }

                buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                filled -= offset;
            }
        }
        finally
        {
            foreach (var hmac in hmacs)
            {
                hmac.Dispose();
            }
        }

        return (builder.Build(), last, problems);
    }

    private void Slow(string line, long lineNumber, CheckpointHashes.Builder builder, List<string> problems, ref long last)
    {
        if (line.Length == 0)
        {
            return;
        }

        var checkpoint = AuditCheckpoint.Parse(line);
        if (checkpoint is null)
        {
            problems.Add($"line {lineNumber:N0} of the checkpoint file is not a checkpoint");
        }
        else if (!signer.IsGenuine(checkpoint))
        {
            problems.Add(Forged(lineNumber, checkpoint.Sequence));
        }
        else
        {
            builder.Add(checkpoint.Sequence, Encoding.UTF8.GetBytes(checkpoint.Hash));
            last = Math.Max(last, checkpoint.Sequence);
        }
    }

    /// <summary>
    /// The file read as plain, well-formed lines in ascending order, with only the newest line's signature checked;
    /// null when it is anything else, to be read again with every signature checked.
    /// </summary>
    private (CheckpointHashes, long, List<string>, CheckpointSignatures)? ReadNewestSigned(Stream stream, CancellationToken cancellationToken)
    {
        var builder = new CheckpointHashes.Builder();
        var buffer = new byte[BlockSize];
        var newest = new byte[256];
        var newestLength = 0;
        long last = 0, lineNumber = 0;
        var filled = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var data = buffer.AsSpan(0, filled);
            var offset = 0;
            while (true)
            {
                var end = data[offset..].IndexOf((byte)'\n');
                if (end < 0)
                {
                    break;
                }

                var line = data.Slice(offset, end);
                if (!IsPlain(line) || !TryParse(line, out var sequence, out var hash, out _, out _)
                    || sequence <= last || !builder.TryAddDigest(sequence, line[hash]) || line.Length > newest.Length)
                {
                    return null;
                }

                line.CopyTo(newest);
                newestLength = line.Length;
                last = sequence;
                lineNumber++;
                offset += end + 1;
            }

            if (read == 0)
            {
                // A last line with no newline, or one longer than a block: the thorough reading handles both.
                if (offset < filled)
                {
                    return null;
                }

                break;
            }

            buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
            filled -= offset;
        }

        var problems = new List<string>();
        if (newestLength > 0)
        {
            using var hmac = signer.NewHmac();
            if (Check(newest, 0, newestLength, hmac).Item1 != Outcome.Genuine)
            {
                problems.Add(Forged(lineNumber, last));
            }
        }

        return (builder.Build(), last, problems, CheckpointSignatures.Newest);
    }

    private static string Forged(long lineNumber, long sequence) =>
        $"the checkpoint on line {lineNumber:N0} (record {sequence:N0}) has a signature that does not match: the checkpoint file was edited, or signed with another key";

    /// <summary>One line; a hash start of -1 with <see cref="Outcome.NotACheckpoint"/> asks for the text reading.</summary>
    private static (Outcome, long, int, int) Check(byte[] block, int start, int length, IncrementalHash hmac)
    {
        var line = block.AsSpan(start, length);
        if (line.IsEmpty)
        {
            return (Outcome.Blank, 0, 0, 0);
        }

        if (!IsPlain(line))
        {
            return (Outcome.NotACheckpoint, 0, -1, 0);
        }

        if (!TryParse(line, out var sequence, out var hashRange, out var millis, out var signatureRange))
        {
            return (Outcome.NotACheckpoint, 0, 0, 0);
        }

        // Signed as the signer writes it: the numbers as read, not as written in the line.
        var hash = line[hashRange];
        Span<byte> message = stackalloc byte[hash.Length + 48];
        Utf8Formatter.TryFormat(sequence, message, out var written);
        message[written++] = (byte)'|';
        hash.CopyTo(message[written..]);
        written += hash.Length;
        message[written++] = (byte)'|';
        Utf8Formatter.TryFormat(millis, message[written..], out var millisLength);
        written += millisLength;
        hmac.AppendData(message[..written]);
        Span<byte> digest = stackalloc byte[32];
        hmac.GetHashAndReset(digest);
        Span<byte> hex = stackalloc byte[64];
        AuditCanonical.Hex(digest, hex);
        return CryptographicOperations.FixedTimeEquals(hex, line[signatureRange])
            ? (Outcome.Genuine, sequence, start + hashRange.Start.Value, hash.Length)
            : (Outcome.Forged, sequence, 0, 0);
    }

    private static bool IsPlain(ReadOnlySpan<byte> line) => Ascii.IsValid(line) && !line.Contains((byte)'\r');

    /// <summary>A plain line (<see cref="IsPlain"/>) of four tab-separated fields, read as <see cref="AuditCheckpoint.Parse"/> reads it.</summary>
    private static bool TryParse(ReadOnlySpan<byte> line, out long sequence, out Range hash, out long millis, out Range signature)
    {
        sequence = millis = 0;
        hash = signature = default;
        var firstTab = line.IndexOf((byte)'\t');
        var secondTab = firstTab < 0 ? -1 : line[(firstTab + 1)..].IndexOf((byte)'\t');
        var thirdTab = secondTab < 0 ? -1 : line[(firstTab + secondTab + 2)..].IndexOf((byte)'\t');
        if (thirdTab < 0)
        {
            return false;
        }

        var sequenceText = line[..firstTab];
        var millisStart = firstTab + secondTab + 2;
        var millisText = line.Slice(millisStart, thirdTab);
        hash = new Range(firstTab + 1, firstTab + 1 + secondTab);
        signature = new Range(millisStart + thirdTab + 1, line.Length);
        return !line[signature].Contains((byte)'\t')
            && Digits(sequenceText) && Utf8Parser.TryParse(sequenceText, out sequence, out var used) && used == sequenceText.Length
            && SignedDigits(millisText) && Utf8Parser.TryParse(millisText[(millisText[0] == '+' ? 1 : 0)..], out millis, out used) && used == millisText.Length - (millisText[0] == '+' ? 1 : 0)
            && millis is >= -62135596800000 and <= 253402300799999;
    }

    private static bool Digits(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static bool SignedDigits(ReadOnlySpan<byte> text) => !text.IsEmpty && Digits(text[0] is (byte)'+' or (byte)'-' ? text[1..] : text);
}

/// <summary>Which checkpoints' signatures a reading checks.</summary>
internal enum CheckpointSignatures
{
    /// <summary>Every line's: a forged line is named, whatever it says.</summary>
    Every,

    /// <summary>
    /// The newest line's only, the others being compared with the records. The newest signed hash covers every record
    /// before it through the chain, so a trail that matches it and every other checkpoint is the trail as written.
    /// </summary>
    Newest,
}
