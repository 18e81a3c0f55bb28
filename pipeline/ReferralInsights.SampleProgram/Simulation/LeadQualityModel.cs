using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>The latent lead quality of a referral: the probability that it qualifies within 120 days (the model label of
/// pipeline.example.yaml). A logistic function of what the partner wrote, who the partner is, and the partner's hidden skill.</summary>
internal static class LeadQualityModel
{
    private const double Intercept = -1.6;

    private static readonly Dictionary<string, double> IndustryFit = new()
    {
        ["Software"] = 0.6, ["Financial Services"] = 0.45, ["Healthcare"] = 0.2, ["Manufacturing"] = 0.1, ["Retail"] = -0.1,
        ["Logistics"] = 0.05, ["Education"] = -0.45, ["Hospitality"] = -0.55, ["Media"] = -0.2, ["Energy"] = 0.1,
        ["Professional Services"] = 0.15, ["Telecommunications"] = 0.25, ["Government"] = -0.3, ["Public Sector"] = -0.3,
    };

    private static readonly HashSet<string> UrgentPains = ["integration", "compliance", "automation", "migration", "security"];
    private static readonly HashSet<string> VaguePains = ["cost", "other"];

    public static double Quality(ReferralProfile lead, Partner partner, Tier tier)
    {
        var z = Intercept + partner.Skill;
        z += lead.Industry is { } industry ? IndustryFit[industry] : -0.2;
        z += lead.Employees switch { null => -0.2, < 20 => -0.8, < 100 => -0.2, < 1000 => 0.4, < 5000 => 0.5, _ => 0.1 };
        z += lead.PainPoints.Count == 0 ? -0.6 : lead.PainPoints.Sum(p => UrgentPains.Contains(p) ? 0.35 : VaguePains.Contains(p) ? -0.15 : 0.1);
        z += lead.Timeline switch { "0-3m" => 0.8, "3-6m" => 0.4, "6-12m" => -0.1, "12m+" => -0.7, _ => -0.4 };
        z += lead.BudgetConfirmed switch { true => 0.8, false => -0.3, null => -0.2 };
        z += lead.Seniority switch
        {
            Seniority.CLevel => 0.4, Seniority.VicePresident => 0.5, Seniority.Director => 0.35, Seniority.Head => 0.25,
            Seniority.Manager => 0.0, Seniority.IndividualContributor => -0.5, _ => -0.2,
        };
        z += partner.Type switch
        {
            PartnerType.Integrator => 0.45, PartnerType.Consultant => 0.3, PartnerType.Customer => 0.15, PartnerType.Agency => -0.25, _ => -0.45,
        };
        z += tier switch { Tier.Gold => 0.25, Tier.Silver => 0.1, _ => 0.0 };
        return 1.0 / (1.0 + Math.Exp(-z));
    }
}
