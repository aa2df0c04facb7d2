using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Changes;

/// <summary>
/// What went wrong with a form: messages under the fields they belong to, or one for the whole form (a stale write,
/// a refusal). Forms check what they can themselves; the domain's rules come back through <see cref="TryAsync"/>.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> fields = new(StringComparer.Ordinal);

    public string? this[string field] => fields.GetValueOrDefault(field);

    public string? General { get; private set; }

    /// <summary>Each field's message, in the order the checks found them (the order of the form, as forms check).</summary>
    public IEnumerable<KeyValuePair<string, string>> Fields => fields;

    /// <summary>The network changed under the form: the page must show the latest before the user tries again.</summary>
    public bool Stale { get; private set; }

    public bool Any => fields.Count > 0 || General is not null;

    public void Clear()
    {
        fields.Clear();
        General = null;
        Stale = false;
    }

    /// <summary>Records a message for a field when <paramref name="ok"/> is false.</summary>
    public void Require(string field, bool ok, string message)
    {
        if (!ok)
        {
            fields.TryAdd(field, message);
        }
    }

    /// <summary>Runs a change; false, with the messages kept here, when a rule refused it.</summary>
    public async Task<bool> TryAsync(Func<Task> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Any)
        {
            return false;
        }

        try
        {
            await change();
            return true;
        }
        catch (FieldRuleException refused)
        {
            fields[refused.Field] = refused.Message;
        }
        catch (StaleWriteException stale)
        {
            General = stale.Message;
            Stale = true;
        }
        catch (GraphRuleException refused)
        {
            General = refused.Message;
        }

        return false;
    }
}
