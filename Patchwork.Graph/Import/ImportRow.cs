using Patchwork.Graph.Model;

namespace Patchwork.Graph.Import;

/// <summary>Where a row came from, so a bad one can be named.</summary>
public sealed record SourceLine(string File, long Line)
{
    public override string ToString() => $"{File}, line {Line}";
}

/// <summary>One parsed row of the bulk format and where it came from.</summary>
public readonly record struct ImportRow(GraphElement Element, SourceLine Source)
{
    /// <summary>
    /// The element as the reader checked it against the graph's rules, so a store need not check it again (it was a
    /// tenth of a large import's work). A row made from another element (with <c>with</c>) is not taken as checked.
    /// </summary>
    internal GraphElement? CheckedElement { get; init; }

    internal bool IsChecked => ReferenceEquals(CheckedElement, Element);

    public bool Equals(ImportRow other) => Equals(Element, other.Element) && Equals(Source, other.Source);

    public override int GetHashCode() => HashCode.Combine(Element, Source);
}

/// <summary>What an import loaded.</summary>
public sealed record ImportSummary(long Nodes, long Relationships, TimeSpan Elapsed)
{
    public long Rows => Nodes + Relationships;

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : Rows;
}

/// <summary>A bad row or file: nothing of the import was kept. The message names the file, the line and the problem.</summary>
public sealed class ImportException : GraphRuleException
{
    public ImportException(SourceLine? source, string problem)
        : base(source is null ? problem : $"{source}: {problem}")
    {
        Source = source;
        Problem = problem;
    }

    public ImportException()
    {
        Problem = "";
    }

    public ImportException(string message)
        : base(message)
    {
        Problem = message;
    }

    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    public new SourceLine? Source { get; }

    public string Problem { get; }
}
