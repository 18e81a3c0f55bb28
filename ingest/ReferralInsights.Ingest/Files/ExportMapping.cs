using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Files;

/// <summary>How a CRM's export files (a Salesforce report, a HubSpot CSV export) map onto the contract (<c>kind: exports</c>):
/// per entity, contract column → the export's column label; an optional <c>timestamp_format</c> (DuckDB strptime, e.g.
/// <c>%m/%d/%Y</c> for a US-locale Salesforce export) for dates that are not ISO-8601; and, when an opportunities export has
/// no status column, the status from its stage (<c>won_stages</c> / <c>lost_stages</c>, else open), with the close date
/// kept only for won and lost deals (an open deal's close date is the expected one).</summary>
public sealed class ExportMapping(
    IReadOnlyDictionary<string, Dictionary<string, string>> columns,
    string? timestampFormat,
    IReadOnlyCollection<string> wonStages,
    IReadOnlyCollection<string> lostStages)
{
    /// <summary>Export label → contract column, for an entity's header.</summary>
    public IReadOnlyDictionary<string, string> Renames(ContractEntity entity) =>
        columns.TryGetValue(entity.Name, out var map) ? map.ToDictionary(m => m.Value, m => m.Key, StringComparer.Ordinal) : new Dictionary<string, string>();

    /// <summary>Contract columns this mapping fills itself, so a header need not have them.</summary>
    public IReadOnlyList<string> Derived(ContractEntity entity) =>
        entity.Name == "opportunities" && DerivesStatus(entity) ? ["status"] : [];

    private bool DerivesStatus(ContractEntity entity) =>
        (wonStages.Count > 0 || lostStages.Count > 0) && !(columns.TryGetValue(entity.Name, out var map) && map.ContainsKey("status"));

    /// <summary>Rewrites a loaded batch: timestamps in the export's format to ISO-8601 (text that does not fit stays as it is,
    /// for the contract checks to quarantine), then the derived status.</summary>
    public void Apply(DuckDBConnection db, TextBatch batch)
    {
        var entity = batch.Entity;
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
