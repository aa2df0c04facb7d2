using Microsoft.AspNetCore.Components;
using Patchwork.Graph.Access;
using Patchwork.Graph.Changes;
using Patchwork.Web.Auth;

namespace Patchwork.Web.Features.Changes;

/// <summary>
/// What every change form shares: the request it answers, its errors, and one way to submit - check the form's own
/// fields, then let the domain apply its rules, then tell the page what was done.
/// </summary>
public abstract class ChangeFormBase : ComponentBase
{
    [Inject] protected ChangeService Changes { get; set; } = null!;

    [Inject] protected CurrentViewer CurrentViewer { get; set; } = null!;

    /// <summary>The change asked for from a network; null for a form that starts from nothing (a new client).</summary>
    [Parameter] public ChangeRequest? Request { get; set; }

    protected ChangeRequest Asked => Request ?? throw new InvalidOperationException("This form changes a network: give it the request.");

    /// <summary>Called with a sentence saying what was saved.</summary>
    [Parameter] public EventCallback<string> OnDone { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    /// <summary>Called when the network moved on under the form: the page reloads it.</summary>
    [Parameter] public EventCallback OnStale { get; set; }

    protected FormErrors Errors { get; } = new();

    /// <summary>Dates typed into the form's date entries that could not be read; they stop the save first.</summary>
    [CascadingParameter] public DateEntries? DateEntries { get; set; }

    protected bool Busy { get; private set; }

    protected DateOnly Today => Changes.Today;

    /// <summary>Runs <paramref name="change"/> unless <paramref name="check"/> found a problem; reports <paramref name="done"/> when it was saved.</summary>
    protected async Task SubmitAsync(Action check, Func<Viewer, Task> change, Func<string> done)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (Busy)
        {
            return;
        }

        Errors.Clear();
        foreach (var (field, problem) in DateEntries?.Problems ?? [])
        {
            Errors.Require(field, ok: false, problem);
        }

        check();
        Busy = true;
        try
        {
            var viewer = await CurrentViewer.GetRequiredAsync();
            if (await Errors.TryAsync(() => change(viewer)))
            {
                await OnDone.InvokeAsync(done());
            }
            else if (Errors.Stale)
            {
                await OnStale.InvokeAsync();
            }
        }
        finally
        {
            Busy = false;
        }
    }

    protected static DateOnly Day(DateTime value) => DateOnly.FromDateTime(value);

    protected static DateTime AtMidnight(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);
}
