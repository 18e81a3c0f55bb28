namespace ReferralInsights.Ingest.HubSpot;

/// <summary>How HubSpot's objects become contract rows (data-contract.md, the hubspot connector): companies → accounts,
/// contacts → contacts, deals → opportunities and (from the <c>dealstage</c> history) opportunity_stages, meetings / calls /
/// emails / notes → activities. <c>properties:</c> in the config adds contract columns read from other (custom) properties.</summary>
public sealed class HubSpotMapping(
    IReadOnlyDictionary<string, string> stages,
    IReadOnlyCollection<string> wonStages,
    IReadOnlyCollection<string> lostStages,
    IReadOnlyDictionary<string, string> customProperties)
{
    private static readonly Dictionary<string, string> ActivityTypes = new()
        { ["meetings"] = "meeting", ["calls"] = "call", ["emails"] = "email", ["notes"] = "other" };

    /// <summary>The object types an entity is read from (fx_rates: none, HubSpot has no rate table).</summary>
    public static IReadOnlyList<string> ObjectTypes(string entity) => entity switch
    {
        "accounts" => ["companies"],
        "contacts" => ["contacts"],
        "opportunities" or "opportunity_stages" => ["deals"],
        "activities" => ["calls", "emails", "meetings", "notes"],
        _ => [],
    };

    public static IReadOnlyList<string> AssociationsOf(string objectType) => objectType switch
    {
        "companies" => [],
        "contacts" or "deals" => ["companies"],
        _ => ["deals", "companies", "contacts"],
    };

    public static IReadOnlyList<string> HistoryOf(string objectType) => objectType == "deals" ? ["dealstage"] : [];

    /// <summary>The properties to ask for: the defaults of the mapping, hs_lastmodifieddate and the custom ones for the entity.</summary>
    public IReadOnlyList<string> PropertiesOf(string objectType) => DefaultProperties(objectType)
        .Concat(["hs_lastmodifieddate"])
        .Concat(customProperties.Where(p => ObjectTypes(p.Key.Split('.')[0]).Contains(objectType)).Select(p => p.Value))
        .Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> DefaultProperties(string objectType) => objectType switch
    {
        "companies" => ["name", "domain", "industry", "numberofemployees", "annualrevenue", "country", "createdate"],
        "contacts" => ["email", "firstname", "lastname", "jobtitle", "createdate"],
        "deals" => ["dealname", "amount", "deal_currency_code", "dealstage", "createdate", "closedate"],
        _ => ["hs_timestamp"],
    };

    /// <summary>The rows (contract column → text) one object gives the entity.</summary>
    public IEnumerable<Dictionary<string, string?>> Rows(string entity, string objectType, HubSpotObject o)
    {
        switch (entity)
        {
            case "accounts":
                yield return Custom(entity, o, new()
                {
                    ["account_id"] = o.Id, ["name"] = o.Property("name"), ["domain"] = o.Property("domain"), ["industry"] = o.Property("industry"),
                    ["employee_count"] = o.Property("numberofemployees"), ["annual_revenue"] = o.Property("annualrevenue"),
                    ["country"] = o.Property("country"), ["created_at"] = o.Property("createdate"), ["updated_at"] = o.Property("hs_lastmodifieddate"),
                });
                break;
            case "contacts":
                yield return Custom(entity, o, new()
                {
                    ["contact_id"] = o.Id, ["account_id"] = o.FirstAssociated("companies"), ["email"] = o.Property("email"),
                    ["first_name"] = o.Property("firstname"), ["last_name"] = o.Property("lastname"), ["title"] = o.Property("jobtitle"),
                    ["created_at"] = o.Property("createdate"), ["updated_at"] = o.Property("hs_lastmodifieddate"),
                });
                break;
            case "opportunities":
                var stage = o.Property("dealstage");
                var status = stage is null ? null : wonStages.Contains(stage) ? "won" : lostStages.Contains(stage) ? "lost" : "open";
                yield return Custom(entity, o, new()
                {
                    ["opportunity_id"] = o.Id, ["account_id"] = o.FirstAssociated("companies"), ["name"] = o.Property("dealname"),
                    ["amount"] = o.Property("amount"), ["currency"] = o.Property("deal_currency_code"), ["stage"] = StageName(stage),
                    ["status"] = status, ["created_at"] = o.Property("createdate"),
                    // on an open deal HubSpot's closedate is the expected close date
                    ["closed_at"] = status is "won" or "lost" ? o.Property("closedate") : null,
                    ["updated_at"] = o.Property("hs_lastmodifieddate"),
                });
                break;
            case "opportunity_stages":
                foreach (var (value, timestamp) in o.StageHistory)
                    yield return new() { ["opportunity_id"] = o.Id, ["stage"] = StageName(value), ["entered_at"] = timestamp };
                break;
            case "activities":
                yield return Custom(entity, o, new()
                {
                    ["activity_id"] = $"{ActivityTypes[objectType]}-{o.Id}", ["type"] = ActivityTypes[objectType],
                    ["occurred_at"] = o.Property("hs_timestamp"), ["opportunity_id"] = o.FirstAssociated("deals"),
                    ["account_id"] = o.FirstAssociated("companies"), ["contact_id"] = o.FirstAssociated("contacts"),
                });
                break;
        }
    }

    private string? StageName(string? stageId) => stageId is null ? null : stages.GetValueOrDefault(stageId, stageId);

    private Dictionary<string, string?> Custom(string entity, HubSpotObject o, Dictionary<string, string?> row)
    {
        foreach (var (key, property) in customProperties)
            if (key.StartsWith(entity + ".", StringComparison.Ordinal)) row[key[(entity.Length + 1)..]] = o.Property(property);
        return row;
    }
}
