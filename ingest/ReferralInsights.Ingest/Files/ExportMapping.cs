using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Files;

/// <summary>How a CRM's export files (a Salesforce report, a HubSpot CSV export) map onto the contract (<c>kind: exports</c>):
/// per entity, contract column → the export's column label; an optional <c>timestamp_format</c> (DuckDB strptime, e.g.
/// <c>%m/%d/%Y</c> for a US-locale Salesforce export) for dates that are not ISO-8601; and, when an opportunities export has
/// no status column, the status from its stage (<c>won_stages</c> / <c>lost_stages</c>, else open), with the close date
/// kept only for won and lost deals (an open deal's close date is the expected one); and, per entity and column, the
/// export's values → the contract's (<c>values:</c>, e.g. a Salesforce task subtype <c>Task</c> → activity type
/// <c>other</c>), matched trimmed and case-insensitively. A mapping that names an entity or column the CRM contract does not
/// have is refused before anything is read, naming its config key.</summary>
public sealed class ExportMapping
{
    private const string ConfigKey = "sources.crm";
    private readonly IReadOnlyDictionary<string, Dictionary<string, string>> columns;
    private readonly IReadOnlyDictionary<string, Dictionary<string, Dictionary<string, string>>> values;
    private readonly string? timestampFormat;
    private readonly IReadOnlyCollection<string> wonStages;
    private readonly IReadOnlyCollection<string> lostStages;

    public ExportMapping(IReadOnlyDictionary<string, Dictionary<string, string>> columns,
        IReadOnlyDictionary<string, Dictionary<string, Dictionary<string, string>>> values,
        string? timestampFormat, IReadOnlyCollection<string> wonStages, IReadOnlyCollection<string> lostStages)
    {
        this.columns = columns;
        this.values = values;
        this.timestampFormat = timestampFormat;
        this.wonStages = wonStages;
        this.lostStages = lostStages;
        var problems = Problems("columns", columns.ToDictionary(e => e.Key, e => e.Value.Keys.ToList()))
            .Concat(Problems("values", values.ToDictionary(e => e.Key, e => e.Value.Keys.ToList()))).ToList();
        if (problems.Count > 0) throw new IngestException(string.Join("; ", problems));
    }

    private static IEnumerable<string> Problems(string section, Dictionary<string, List<string>> columnsByEntity)
    {
        var crm = Contract.Entities.Where(e => e.Source == "crm").ToList();
        foreach (var (entityName, names) in columnsByEntity)
        {
            var entity = crm.FirstOrDefault(e => e.Name == entityName);
            if (entity is null)
            {
                yield return $"{ConfigKey}.{section}.{entityName}: not a CRM entity (expected one of {string.Join(", ", crm.Select(e => e.Name))})";
                continue;
            }
            foreach (var name in names.Where(n => entity.Columns.All(c => c.Name != n)))
                yield return $"{ConfigKey}.{section}.{entityName}.{name}: not a column of {entity.QualifiedName} " +
                             $"(expected one of {string.Join(", ", entity.Columns.Select(c => c.Name))})";
        }
    }

    /// <summary>Export label → contract column, for an entity's header.</summary>
    public IReadOnlyDictionary<string, string> Renames(ContractEntity entity) =>
        columns.TryGetValue(entity.Name, out var map) ? map.ToDictionary(m => m.Value, m => m.Key, StringComparer.Ordinal) : new Dictionary<string, string>();

    /// <summary>Contract columns this mapping fills itself, so a header need not have them.</summary>
    public IReadOnlyList<string> Derived(ContractEntity entity) =>
        entity.Name == "opportunities" && DerivesStatus(entity) ? ["status"] : [];

    private bool DerivesStatus(ContractEntity entity) =>
        (wonStages.Count > 0 || lostStages.Count > 0) && !(columns.TryGetValue(entity.Name, out var map) && map.ContainsKey("status"));

    /// <summary>Rewrites a loaded batch: the export's values to the contract's, timestamps in the export's format to
    /// ISO-8601 (text that does not fit stays as it is, for the contract checks to quarantine), then the derived status.</summary>
    public void Apply(DuckDBConnection db, TextBatch batch)
    {
        var entity = batch.Entity;
        if (values.TryGetValue(entity.Name, out var translations))
            foreach (var (column, map) in translations.Where(t => t.Value.Count > 0))
            {
                var name = Sql.Name(column);
                var cases = string.Join(" ", map.Select(m => $"WHEN {Sql.Literal(m.Key.Trim().ToLowerInvariant())} THEN {Sql.Literal(m.Value)}"));
                Sql.Execute(db, $"UPDATE {batch.Table} SET {name} = CASE lower(trim({name})) {cases} ELSE {name} END WHERE _read_error IS NULL");
            }
        if (timestampFormat is not null)
            foreach (var column in entity.Columns.Where(c => c.Type == ColumnType.Timestamp))
            {
                var name = Sql.Name(column.Name);
                var parsed = $"try_strptime(trim({name}), {Sql.Literal(timestampFormat)})";
                Sql.Execute(db, $"UPDATE {batch.Table} SET {name} = strftime({parsed}, '%Y-%m-%dT%H:%M:%S') WHERE {parsed} IS NOT NULL");
            }
        if (entity.Name == "opportunities" && DerivesStatus(entity))
        {
            string In(IEnumerable<string> stages) => "(" + string.Join(", ", stages.Select(Sql.Literal).DefaultIfEmpty("NULL")) + ")";
            Sql.Execute(db, $"""
                UPDATE {batch.Table} SET
                    status = CASE WHEN stage IN {In(wonStages)} THEN 'won' WHEN stage IN {In(lostStages)} THEN 'lost' ELSE 'open' END,
                    closed_at = CASE WHEN stage IN {In(wonStages)} OR stage IN {In(lostStages)} THEN closed_at END
                WHERE _read_error IS NULL AND coalesce(stage, '') <> ''
                """);
        }
    }
}
