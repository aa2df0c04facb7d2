using System.Reflection;
using Patchwork.Graph.Storage;

namespace Patchwork.Web.Tests.Infrastructure;

/// <summary>
/// A store that answers through another, but only once <see cref="Release"/> is called: a graph database slow to
/// answer, for the state a page shows while it waits.
/// </summary>
public class HeldStore : DispatchProxy
{
    private static readonly MethodInfo Later = typeof(HeldStore).GetMethod(nameof(AnswerLaterWithAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IGraphStore inner = null!;

    public static (IGraphStore Store, HeldStore Hold) Over(IGraphStore inner)
    {
        var store = Create<IGraphStore, HeldStore>();
        var proxy = (HeldStore)(object)store;
        proxy.inner = inner;
        return (store, proxy);
    }

    /// <summary>Lets every held call, and every later one, through.</summary>
    public void Release() => released.TrySetResult();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var returns = targetMethod.ReturnType;
        if (returns == typeof(Task))
        {
            return AnswerLaterAsync(targetMethod, args);
        }

        return returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>)
            ? Later.MakeGenericMethod(returns.GetGenericArguments()[0]).Invoke(this, [targetMethod, args])
            : targetMethod.Invoke(inner, args);
    }

    private async Task AnswerLaterAsync(MethodInfo method, object?[]? args)
    {
        await released.Task;
        await (Task)method.Invoke(inner, args)!;
    }

    private async Task<T> AnswerLaterWithAsync<T>(MethodInfo method, object?[]? args)
    {
        await released.Task;
        return await (Task<T>)method.Invoke(inner, args)!;
    }
}
