using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Patchwork.Graph.Audit;

/// <summary>
/// Reads a checkpoint file block by block and checks the signatures of a block's lines on every core. A line is
/// read exactly as <see cref="AuditCheckpoint.Parse"/> reads it; one that is not plain ASCII, or holds a lone
/// carriage return, goes through that method itself.
/// </summary>
internal sealed class CheckpointReader(AuditCheckpointSigner signer)
{
    private const int BlockSize = 8 << 20;

    private enum Outcome
    {
        Blank,
        Genuine,
        NotACheckpoint,
        Forged,
    }

    public (CheckpointHashes Hashes, long Last, List<string> Problems) Read(Stream stream, CancellationToken cancellationToken)
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
                            ? $"the checkpoint on line {lineNumber:N0} (record {sequence:N0}) has a signature that does not match: the checkpoint file was edited, or signed with another key"
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
            problems.Add($"the checkpoint on line {lineNumber:N0} (record {checkpoint.Sequence:N0}) has a signature that does not match: the checkpoint file was edited, or signed with another key");
        }
        else
        {
            builder.Add(checkpoint.Sequence, Encoding.UTF8.GetBytes(checkpoint.Hash));
            last = Math.Max(last, checkpoint.Sequence);
        }
    }

    /// <summary>One line; a hash start of -1 with <see cref="Outcome.NotACheckpoint"/> asks for the text reading.</summary>
    private static (Outcome, long, int, int) Check(byte[] block, int start, int length, IncrementalHash hmac)
    {
        var line = block.AsSpan(start, length);
        if (line.IsEmpty)
        {
            return (Outcome.Blank, 0, 0, 0);
        }

        if (!Ascii.IsValid(line) || line.Contains((byte)'\r'))
        {
            return (Outcome.NotACheckpoint, 0, -1, 0);
        }

        var firstTab = line.IndexOf((byte)'\t');
        var secondTab = firstTab < 0 ? -1 : line[(firstTab + 1)..].IndexOf((byte)'\t');
        var thirdTab = secondTab < 0 ? -1 : line[(firstTab + secondTab + 2)..].IndexOf((byte)'\t');
        if (thirdTab < 0)
        {
            return (Outcome.NotACheckpoint, 0, 0, 0);
        }

        var sequenceText = line[..firstTab];
        var hash = line.Slice(firstTab + 1, secondTab);
        var millisStart = firstTab + secondTab + 2;
        var millisText = line.Slice(millisStart, thirdTab);
        var signature = line[(millisStart + thirdTab + 1)..];
        if (signature.Contains((byte)'\t')
            || !Digits(sequenceText) || !Utf8Parser.TryParse(sequenceText, out long sequence, out var used) || used != sequenceText.Length
            || !SignedDigits(millisText) || !Utf8Parser.TryParse(millisText[(millisText[0] == '+' ? 1 : 0)..], out long millis, out used) || used != millisText.Length - (millisText[0] == '+' ? 1 : 0)
            || millis is < -62135596800000 or > 253402300799999)
        {
            return (Outcome.NotACheckpoint, 0, 0, 0);
        }

        // Signed as the signer writes it: the numbers as read, not as written in the line.
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
        return CryptographicOperations.FixedTimeEquals(hex, signature)
            ? (Outcome.Genuine, sequence, start + firstTab + 1, hash.Length)
            : (Outcome.Forged, sequence, 0, 0);
    }

    private static bool Digits(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static bool SignedDigits(ReadOnlySpan<byte> text) => !text.IsEmpty && Digits(text[0] is (byte)'+' or (byte)'-' ? text[1..] : text);
}
