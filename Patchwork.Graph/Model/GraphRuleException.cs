namespace Patchwork.Graph.Model;

/// <summary>
/// A broken rule of the domain (an end before a start, an unknown person, a second lead...), with a message
/// a practitioner or an administrator can act on. Nothing was changed when it is thrown.
/// </summary>
public class GraphRuleException : Exception
{
    public GraphRuleException(string message)
        : base(message)
    {
    }

    public GraphRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GraphRuleException()
    {
    }
}

/// <summary>A node that the question or write names does not exist.</summary>
public sealed class NodeNotFoundException : GraphRuleException
{
    public NodeNotFoundException(NodeRef node)
        : base($"There is no {node.Kind.Name()} with id '{node.Id}'.")
    {
        Node = node;
    }

    public NodeNotFoundException()
    {
    }

    public NodeNotFoundException(string message)
        : base(message)
    {
    }

    public NodeNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NodeRef? Node { get; }
}

/// <summary>The store itself failed (I/O, a locked file, an unreachable server). Wraps the cause.</summary>
public sealed class GraphStoreException : Exception
{
    public GraphStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GraphStoreException(string message)
        : base(message)
    {
    }

    public GraphStoreException()
    {
    }
}
