using Patchwork.Graph.Changes;
using Patchwork.Graph.Coordination;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Storage;

/// <summary>
/// The store port: the questions the product asks of its graph and the writes it makes. Every adapter answers
/// them with the same meaning (see the contract tests); dates follow the time semantics in <see cref="Period"/>.
/// </summary>
public interface IGraphStore
{
    /// <summary>Creates or upgrades the store's schema. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The network of a person at a date: their households, household members and relatives, <paramref name="depth"/>
    /// steps out; every professional involved with anyone in it; those professionals' agencies; and the relationships
    /// among them active that day. At most <paramref name="nodeCap"/> nodes; the rest are counted per kind.
    /// </summary>
    Task<GraphNetwork> OpenNetworkAsync(string personId, DateOnly asOf, int depth = 1, int nodeCap = NetworkLimits.DefaultNodeCap, CancellationToken cancellationToken = default);

    /// <summary>
    /// One step out from a node at a date. A person gives its households, their members, its relatives and its
    /// team; a household its members; a professional only its agency (never its caseload); an agency nothing but a
    /// count of its professionals.
    /// </summary>
    Task<GraphNetwork> ExpandAsync(NodeRef node, DateOnly asOf, int nodeCap = NetworkLimits.DefaultExpandCap, CancellationToken cancellationToken = default);

    /// <summary>The professionals involved with a person at a date, with agency, contact details, last contact and next visit.</summary>
    Task<IReadOnlyList<TeamMember>> GetTeamAsync(string personId, DateOnly asOf, CancellationToken cancellationToken = default);

    /// <summary>
    /// The statuses (child protection plan, looked after...) of the given people active at a date, each with the
    /// agency responsible, ordered by <see cref="StatusOrder"/>. An id that names nobody has none.
    /// </summary>
    Task<IReadOnlyList<PersonStatus>> GetStatusesAsync(IReadOnlyCollection<string> personIds, DateOnly asOf, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every status a person has had, has or is to have, whatever the date, each with the agency responsible, by start
    /// date: what a new status must not overlap.
    /// </summary>
    Task<IReadOnlyList<PersonStatus>> GetStatusHistoryAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>People, households, professionals and agencies whose names start with the words typed; people also by date of birth.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>Clients at a date with no active lead involvement, ordered by name.</summary>
    Task<Page<ClientSummary>> ClientsWithoutLeadAsync(DateOnly asOf, int skip = 0, int take = 50, CancellationToken cancellationToken = default);

    /// <summary>How many clients at a date have no lead.</summary>
    Task<int> CountClientsWithoutLeadAsync(DateOnly asOf, CancellationToken cancellationToken = default);

    /// <summary>
    /// Clients at a date with no active lead whose most recent lead involvement ended within the
    /// <paramref name="withinDays"/> days up to it (its end date from asOf - withinDays to asOf, both included), by
    /// name, with the end date and that lead. A client is a person with an active involvement at the date.
    /// </summary>
    Task<Page<LeadEndedClient>> ClientsWhoseLeadEndedAsync(DateOnly asOf, int withinDays = 30, int skip = 0, int take = 50, CancellationToken cancellationToken = default);

    /// <summary>How many clients <see cref="ClientsWhoseLeadEndedAsync"/> lists.</summary>
    Task<int> CountClientsWhoseLeadEndedAsync(DateOnly asOf, int withinDays = 30, CancellationToken cancellationToken = default);

    /// <summary>
    /// Clients at a date with no active lead and active involvements from professionals of at least
    /// <paramref name="minAgencies"/> distinct agencies (a professional's agency by their WORKS_FOR active that day), by name.
    /// </summary>
    Task<Page<ClientSummary>> ClientsWithManyAgenciesAndNoLeadAsync(DateOnly asOf, int minAgencies = 3, int skip = 0, int take = 50, CancellationToken cancellationToken = default);

    /// <summary>How many clients <see cref="ClientsWithManyAgenciesAndNoLeadAsync"/> lists.</summary>
    Task<int> CountClientsWithManyAgenciesAndNoLeadAsync(DateOnly asOf, int minAgencies = 3, CancellationToken cancellationToken = default);

    /// <summary>
    /// Clients at a date whose latest recorded (not planned) contact up to the end of that day fell on a day more than
    /// <paramref name="days"/> days before it, or who have none recorded, by name, with that contact. Days are UTC days.
    /// </summary>
    Task<Page<UncontactedClient>> ClientsWithoutContactAsync(DateOnly asOf, int days = 90, int skip = 0, int take = 50, CancellationToken cancellationToken = default);

    /// <summary>How many clients <see cref="ClientsWithoutContactAsync"/> lists.</summary>
    Task<int> CountClientsWithoutContactAsync(DateOnly asOf, int days = 90, CancellationToken cancellationToken = default);

    /// <summary>
    /// Planned contacts on the UTC days from <paramref name="from"/> to <paramref name="to"/> (both included), by time,
    /// with the person, the professional and the agency the professional works for on the contact's day.
    /// </summary>
    Task<Page<PlannedContact>> PlannedContactsAsync(DateOnly from, DateOnly to, int skip = 0, int take = 50, CancellationToken cancellationToken = default);

    /// <summary>How many contacts <see cref="PlannedContactsAsync"/> lists.</summary>
    Task<int> CountPlannedContactsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default);

    Task<Node?> FindNodeAsync(NodeRef node, CancellationToken cancellationToken = default);

    /// <summary>The professional a signed-in user is, matched by email (case-insensitive).</summary>
    Task<Professional?> FindProfessionalByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>The person with an NHS number, or null (another system names a child by it).</summary>
    Task<Person?> FindPersonByNhsNumberAsync(NhsNumber nhsNumber, CancellationToken cancellationToken = default);

    Task AddNodeAsync(Node node, CancellationToken cancellationToken = default);

    Task AddRelationshipAsync(Relationship relationship, CancellationToken cancellationToken = default);

    /// <summary>Ends an open relationship: sets its end date. Nothing is ever deleted.</summary>
    Task EndRelationshipAsync(RelationshipKey key, DateOnly until, Recorded recorded, CancellationToken cancellationToken = default);

    Task RecordContactAsync(Contact contact, CancellationToken cancellationToken = default);

    /// <summary>How many changes the person's network has had through <see cref="ApplyAsync"/>, and who made the last.</summary>
    Task<NetworkRevision> GetRevisionAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a change to a person's network all or nothing, and moves its revision on by one. Throws
    /// <see cref="StaleWriteException"/>, having written nothing, when the revision is no longer the one expected.
    /// </summary>
    Task<NetworkRevision> ApplyAsync(ChangeSet change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads rows in the bulk format, all or nothing: the first bad row aborts the import with an
    /// <see cref="ImportException"/> naming its file and line, and the store stays exactly as it was.
    /// Node rows must come before the relationship rows that name them.
    /// </summary>
    Task<ImportSummary> ImportAsync(IEnumerable<ImportRow> rows, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Every node, then every relationship and contact, for the bulk format.</summary>
    IAsyncEnumerable<GraphElement> ExportAsync(CancellationToken cancellationToken = default);
}
