using System.Reflection;
using System.Runtime.ExceptionServices;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Web.Tests.Infrastructure;

/// <summary>
/// A store that answers through another until it is switched off, then fails every call the way an unreachable Neo4j
/// does once its retries are spent: with a <see cref="GraphStoreException"/>.
/// </summary>
public class SwitchableStore : DispatchProxy
{
    private IGraphStore inner = null!;

    /// <summary>While true, every call fails.</summary>
    public bool Down { get; set; }

    public static (IGraphStore Store, SwitchableStore Switch) Over(IGraphStore inner)
    {
        var store = Create<IGraphStore, SwitchableStore>();
        var proxy = (SwitchableStore)(object)store;
        proxy.inner = inner;
        return (store, proxy);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (Down)
        {
            throw new GraphStoreException(
                "Cannot reach Neo4j at http://127.0.0.1:7474: the connection was refused. Is the server running, and is Patchwork:Neo4j:Url its HTTP address (port 7474 by default)?");
        }

        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }
}
