namespace Patchwork.Cli.Infrastructure;

/// <summary>A plain text table with aligned columns, for people reading a terminal.</summary>
internal sealed class Table(params string[] headings)
{
    private readonly List<string[]> rows = [];

    public int Count => rows.Count;

    public void Add(params string?[] cells) => rows.Add([.. cells.Select(c => c ?? "")]);

    public async Task WriteAsync(TextWriter output)
    {
        var widths = headings.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        await output.WriteLineAsync(Line(headings, widths)).ConfigureAwait(false);
        await output.WriteLineAsync(Line([.. widths.Select(w => new string('-', w))], widths)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
