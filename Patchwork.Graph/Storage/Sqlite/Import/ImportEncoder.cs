using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite.Import;

/// <summary>
/// Turns import rows into <see cref="BoundRows"/> on the preparing thread: checks each row, gives each node its key
/// (the next after the table's highest, in the order the rows come), finds the keys a relationship joins, and types
/// and encodes every value, so that the writer only binds and steps. The checks and their messages are those of the
/// single writes, in the same order: a duplicate id, then an unknown id, then the row's own rules.
/// </summary>
internal sealed class ImportEncoder
{
    private readonly Dictionary<string, long>[] keys;
    private readonly long[] nextKeys;
    private readonly Recorded importedAt;
    private readonly Func<NodeRef, long?> findStored;

    /// <summary>Per statement and value, what was bound last: SQLite keeps it, so an equal value is not bound again.</summary>
    private readonly Bound[][] bound;

    /// <summary>A first load's involvements, for the no-lead table (see <see cref="Finish"/>); null otherwise.</summary>
    private readonly List<(long Person, int Since, int? Until, bool Lead)>? involvements;

    private BoundRows rows = null!;
    private BoundRows names = null!;
    private Bound[] slots = null!;
    private int position;

    /// <param name="nextKeys">Per node kind, the key the first node of that kind in this import gets.</param>
    /// <param name="importedAt">The stamp of a relationship or contact that does not say who recorded it.</param>
    /// <param name="findStored">Finds the key of a node an earlier import or write loaded.</param>
    /// <param name="tallyNoLead">A first load: the store has no involvements, so the no-lead table can be made from these rows alone.</param>
    public ImportEncoder(long[] nextKeys, Recorded importedAt, Func<NodeRef, long?> findStored, bool tallyNoLead)
    {
        involvements = tallyNoLead ? [] : null;
        this.nextKeys = nextKeys;
        this.importedAt = importedAt;
        this.findStored = findStored;
        keys = [.. Enum.GetValues<NodeKind>().Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
        bound = [.. ImportStatements.Sql.Select(_ => new Bound[ImportStatements.MostParameters])];
    }

    /// <summary>
    /// Adds the row to <paramref name="into"/> and a node's full-text row to <paramref name="namesInto"/> (which may be
    /// the same batch), or throws an <see cref="ImportException"/> naming its line.
    /// </summary>
    public void Encode(ImportRow row, BoundRows into, BoundRows namesInto)
    {
        rows = into;
        names = namesInto;
        switch (row.Element)
        {
            case Node node:
                EncodeNode(node, row);
                break;
            case Relationship relationship:
                EncodeRelationship(relationship, row);
                break;
            case Contact contact:
                EncodeContact(contact, row);
                break;
        }
    }

    /// <summary>
    /// The no-lead table's rows for a first load, made on this thread once every row is encoded (while the writer
    /// builds the indexes), instead of reading every involvement back; null if not a first load or not finished.
    /// </summary>
    public Dictionary<int, long>? NoLeadTotals { get; private set; }

    /// <summary>Called once every row is encoded.</summary>
    public void Finish()
    {
        if (involvements is not null)
        {
            involvements.Sort((a, b) => a.Person.CompareTo(b.Person));
            NoLeadTotals = NoLeadChanges.Tally(involvements);
        }
    }

    private void EncodeNode(Node node, ImportRow row)
    {
        var known = keys[(int)node.Kind];
        if (known.ContainsKey(node.Id))
        {
            throw new ImportException(row.Source, $"duplicate {node.Kind.Label()} id '{node.Id}': it was already given on an earlier line.");
        }

        Check(node, row);
        var key = nextKeys[(int)node.Kind]++;
        known[node.Id] = key;
        switch (node)
        {
            case Person p:
                Start(ImportStatements.Person, row);
                Value(key);
                Value(p.Id);
                Value(p.GivenName);
                Value(p.FamilyName);
                Value(p.DateOfBirth?.DayNumber);
                Value((int)p.Gender);
                Value(NonEmpty(p.NhsNumber?.Digits));
                break;
            case Household h:
                Start(ImportStatements.Household, row);
                Value(key);
                Value(h.Id);
                Value(h.Name);
                Value(NonEmpty(h.Address));
                Value(NonEmpty(h.Postcode));
                break;
            case Professional p:
                Start(ImportStatements.Professional, row);
                Value(key);
                Value(p.Id);
                Value(p.GivenName);
                Value(p.FamilyName);
                Value(NonEmpty(p.JobTitle));
                Value(NonEmpty(p.Phone));
                Value(NonEmpty(p.Email));
                Value(FormatRoles(p.RoleList));
                break;
            case Agency a:
                Start(ImportStatements.Agency, row);
                Value(key);
                Value(a.Id);
                Value(a.Name);
                Value(a.AgencyKind);
                Value(NonEmpty(a.Phone));
                Value(a.Sensitive ? 1 : 0);
                Value(NonEmpty(a.OutOfHoursPhone));
                break;
        }

        rows.EndRow();
        var (name, detail) = SearchText(node);
        rows = names;
        Start(ImportStatements.NameIndex, row);
        Value(name);
        Value((int)node.Kind);
        Value(node.Id);
        Value(NonEmpty(detail));
        rows.EndRow();
    }

    private void EncodeRelationship(Relationship relationship, ImportRow row)
    {
        var from = Key(relationship.From, ":START_ID", row);
        var to = Key(relationship.To, ":END_ID", row);
        Check(relationship, row);
        var recorded = relationship.Recorded ?? importedAt;
        Start(
            relationship switch
            {
                Membership => ImportStatements.MemberOf,
                FamilyTie => ImportStatements.Family,
                Employment => ImportStatements.WorksFor,
                Involvement => ImportStatements.InvolvedWith,
                ChildStatus => ImportStatements.Status,
                _ => throw new ArgumentOutOfRangeException(nameof(relationship)),
            },
            row);
        Value(from);
        Value(to);
        Value(relationship.Period.Since.DayNumber);
        Value(relationship.Period.Until?.DayNumber);
        Value(Millis(recorded.At));
        Value(recorded.By);
        switch (relationship)
        {
            case FamilyTie f:
                Value((int)f.Kind);
                break;
            case Employment e:
                Value(NonEmpty(e.Team));
                break;
            case Involvement i:
                involvements?.Add((to, i.Period.Since.DayNumber, i.Period.Until?.DayNumber, i.Lead));
                Value(i.Role);
                Value(i.Lead ? 1 : 0);
                Value(i.Sensitive ? 1 : 0);
                break;
            case ChildStatus c:
                Value(c.Status.Name());
                break;
        }

        rows.EndRow();
    }

    private void EncodeContact(Contact contact, ImportRow row)
    {
        var professional = Key(new NodeRef(NodeKind.Professional, contact.ProfessionalId), ":START_ID", row);
        var person = Key(new NodeRef(NodeKind.Person, contact.PersonId), ":END_ID", row);
        Check(contact, row);
        var recorded = contact.Recorded ?? importedAt;
        Start(ImportStatements.Contact, row);
        Value(professional);
        Value(person);
        Value(Millis(contact.At));
        Value((int)contact.Kind);
        Value(contact.Planned ? 1 : 0);
        Value(Millis(recorded.At));
        Value(recorded.By);
        Value(Flag(contact.Seen));
        Value(Flag(contact.SeenAlone));
        rows.EndRow();
    }

    private static void Check(GraphElement element, ImportRow row)
    {
        if (row.IsChecked)
        {
            return;
        }

        try
        {
            GraphValidator.Check(element);
        }
        catch (GraphRuleException exception) when (exception is not ImportException)
        {
            throw new ImportException(row.Source, exception.Message);
        }
    }

    private long Key(NodeRef node, string column, ImportRow row)
    {
        var known = keys[(int)node.Kind];
        if (known.TryGetValue(node.Id, out var key))
        {
            return key;
        }

        // Relationships may name nodes that an earlier import loaded.
        key = findStored(node) ?? throw new ImportException(row.Source, $"{column} names unknown {node.Kind.Label()} id '{node.Id}'.");
        known[node.Id] = key;
        return key;
    }

    private void Start(int statement, ImportRow row)
    {
        rows.StartRow(statement, row);
        slots = bound[statement];
        position = 0;
    }

    private void Value(long value)
    {
        ref var slot = ref slots[position++];
        if (slot.Kind == BoundKind.Integer && slot.Number == value)
        {
            rows.AddSame();
            return;
        }

        slot = new Bound(BoundKind.Integer, value, null);
        rows.Add(value);
    }

    private void Value(long? value)
    {
        if (value is { } number)
        {
            Value(number);
        }
        else
        {
            Null();
        }
    }

    private void Value(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        ref var slot = ref slots[position++];
        if (slot.Kind == BoundKind.Text && string.Equals(slot.Text, value, StringComparison.Ordinal))
        {
            rows.AddSame();
            return;
        }

        slot = new Bound(BoundKind.Text, 0, value);
        rows.Add(value);
    }

    private void Null()
    {
        // A statement's values start as NULL, so a slot never bound is already NULL.
        ref var slot = ref slots[position++];
        if (slot.Kind == BoundKind.Null)
        {
            rows.AddSame();
            return;
        }

        slot = default;
        rows.AddNull();
    }

    private static int? Flag(bool? value) => value is { } flag ? (flag ? 1 : 0) : null;

    /// <summary>Empty text is stored as NULL, as <see cref="SqliteRows.Text"/> does.</summary>
    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private readonly record struct Bound(BoundKind Kind, long Number, string? Text);
}
