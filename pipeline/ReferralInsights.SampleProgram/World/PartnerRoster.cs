using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;

namespace ReferralInsights.SampleProgram.World;

/// <summary>The program's partners and their links: made once at the start, written to portal/partners, partner_tiers and
/// links, then asked who submits, who gets clicked.</summary>
internal sealed class PartnerRoster
{
    public const string VendorSite = "https://www.northwind-analytics.example";

    private static readonly IReadOnlyList<(PartnerType Item, double Weight)> TypeMix =
        [(PartnerType.Customer, 35), (PartnerType.Consultant, 25), (PartnerType.Integrator, 15), (PartnerType.Agency, 15), (PartnerType.Other, 10)];

    private static readonly string?[] Campaigns =
        [null, "launch-2024", "q4-webinar", "newsletter", "spring-2025", "partner-week-2025", "summer-2025", "q1-2026", "evergreen"];

    private static readonly string[] LandingPaths = ["/", "/pricing", "/demo", "/integrations", "/partners/{0}"];

    private readonly Partner[] _partners;
    private readonly double[] _cumulativeProductivity;
    private readonly PartnerLink[] _linksByCreation;
    private readonly double[] _cumulativeClickWeight;

    private PartnerRoster(Partner[] partners)
    {
        _partners = partners;
        _cumulativeProductivity = Cumulative(partners.Select(p => p.Productivity));
        _linksByCreation = partners.SelectMany(p => p.Links).OrderBy(l => l.CreatedAt).ThenBy(l => l.Code, StringComparer.Ordinal).ToArray();
        _cumulativeClickWeight = Cumulative(_linksByCreation.Select(l => l.ClickWeight));
    }

    public static PartnerRoster Create(int count, CompanyNamer namer, ReferralCodes codes, Rng rng)
    {
        var drafts = Enumerable.Range(0, count).Select(_ => Draft(namer, rng)).ToList();
        // The most productive partners mostly hold the higher tiers.
        var rankByProductivity = drafts.Select((d, i) => (d.Productivity, i)).OrderByDescending(x => x.Productivity).ThenBy(x => x.i)
            .Select((x, rank) => (x.i, rank)).OrderBy(x => x.i).Select(x => x.rank).ToArray();
        var partners = new Partner[count];
        var linkNumber = 0;
        for (var i = 0; i < count; i++)
        {
            var share = (double)rankByProductivity[i] / count;
            var initialTier = rng.Chance(0.2) ? (Tier)rng.Int(0, 3) : share < 0.12 ? Tier.Gold : share < 0.4 ? Tier.Silver : Tier.Registered;
            partners[i] = Build($"P-{i + 1:D4}", drafts[i], initialTier, rng);
            AddLinks(partners[i], codes, ref linkNumber, rng);
        }
        return new PartnerRoster(partners);
    }

    /// <summary>An id that is deliberately no partner's (rules.md §11 unknown_partner).</summary>
    public static string UnknownPartnerId(int number) => $"P-{9900 + number:D4}";

    /// <summary>A partner, weighted by productivity, who can submit at <paramref name="at"/>: joined and active; null when
    /// none turns up.</summary>
    public Partner? PickReferrer(DateTime at, Rng rng, IReadOnlyCollection<Partner>? excluded = null)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var partner = _partners[Find(_cumulativeProductivity, rng.NextDouble() * _cumulativeProductivity[^1])];
            if (partner.CanReferAt(at) && excluded?.Contains(partner) != true) return partner;
        }
        return null;
    }

    /// <summary>A link that exists at <paramref name="at"/>, weighted by how much traffic it draws; null before the first link.</summary>
    public PartnerLink? PickLink(DateTime at, Rng rng)
    {
        int existing = 0, beyond = _linksByCreation.Length;   // links [0, existing) were created before `at`
        while (existing < beyond)
        {
            var middle = (existing + beyond) / 2;
            if (_linksByCreation[middle].CreatedAt < at) existing = middle + 1;
            else beyond = middle;
        }
        return existing == 0 ? null : _linksByCreation[Find(_cumulativeClickWeight, rng.NextDouble() * _cumulativeClickWeight[existing - 1])];
    }

    public static PartnerLink? PickLinkOf(Partner partner, DateTime at, Rng rng)
    {
        var existing = partner.Links.Where(l => l.CreatedAt < at).ToList();
        return existing.Count == 0 ? null : rng.Pick(existing);
    }

    public Partner PickAny(Rng rng) => rng.Pick(_partners);

    public void WriteTo(SampleFiles files)
    {
        foreach (var p in _partners)
        {
            files.Partners.Write(new PartnerRow(p.Id, p.Identity.Name, p.Type.ToString().ToLowerInvariant(), p.CurrentTier.ToString(),
                p.Status.ToString().ToLowerInvariant(), Format.Timestamp(p.StatusSince), Format.Timestamp(p.JoinedAt), p.Country.Region,
                p.Country.Code, p.Domain, Format.Timestamp(p.CodeOfConductSignedAt), Format.Timestamp(p.DataPrivacySignedAt)));
            if (p.HasTierHistoryRows)
                foreach (var (from, tier) in p.TierHistory) files.PartnerTiers.Write(new PartnerTierRow(p.Id, tier.ToString(), Format.Timestamp(from)));
            foreach (var link in p.Links)
                files.Links.Write(new LinkRow(link.Code, p.Id, link.LandingPage, link.Campaign, Format.Timestamp(link.CreatedAt)));
        }
    }

    private sealed record PartnerDraft(CompanyIdentity Identity, PartnerType Type, Country Country, DateTime JoinedAt, double Productivity, double Skill);

    private static PartnerDraft Draft(CompanyNamer namer, Rng rng)
    {
        var type = rng.Pick(TypeMix);
        var founding = rng.Chance(0.35);
        var joinedAt = ProgramCalendar.Start + (founding ? rng.Days(0, 10) : rng.Days(10, ProgramCalendar.Days - 60));
        var typeFactor = type switch { PartnerType.Agency => 1.2, PartnerType.Other => 0.6, PartnerType.Customer => 0.8, _ => 1.0 };
        return new PartnerDraft(namer.NextPartner(), type, rng.Pick(Country.Weighted), joinedAt,
            Math.Exp(rng.Normal()) * typeFactor, 0.35 * rng.Normal());
    }

    private static Partner Build(string id, PartnerDraft d, Tier initialTier, Rng rng)
    {
        var end = ProgramCalendar.End;
        var history = new List<(DateTime, Tier)> { (d.JoinedAt, initialTier) };
        var changeAt = d.JoinedAt + rng.Days(120, 500);
        if (rng.Chance(0.18) && changeAt < end.AddDays(-20))
        {
            history.Add((changeAt, Move(initialTier, rng)));
            var secondAt = changeAt + rng.Days(90, 300);
            if (rng.Chance(0.25) && secondAt < end.AddDays(-20)) history.Add((secondAt, Move(history[^1].Item2, rng)));
        }

        var (status, statusSince) = (PartnerStatus.Active, rng.Chance(0.7) ? d.JoinedAt : (DateTime?)null);
        var leftAt = d.JoinedAt + rng.Days(90, 600);
        if (leftAt < end.AddDays(-5) && rng.Chance(0.1))
            (status, statusSince) = (rng.Chance(0.5) ? PartnerStatus.Suspended : PartnerStatus.Terminated, leftAt);

        return new Partner
        {
            Id = id,
            Identity = d.Identity,
            Type = d.Type,
            Country = d.Country,
            Domain = rng.Chance(0.96) ? d.Identity.DomainStem + rng.Pick(d.Country.TopLevelDomains) : null,
            JoinedAt = d.JoinedAt,
            Status = status,
            StatusSince = statusSince,
            CodeOfConductSignedAt = Signature(d.JoinedAt, missing: 0.03, late: 0.02, rng),
            DataPrivacySignedAt = Signature(d.JoinedAt, missing: 0.03, late: 0.03, rng),
            TierHistory = history,
            HasTierHistoryRows = history.Count > 1 || rng.Chance(0.94),
            Productivity = d.Productivity,
            Skill = d.Skill,
        };
    }

    private static Tier Move(Tier tier, Rng rng) => tier switch
    {
        Tier.Registered => Tier.Silver,
        Tier.Gold => Tier.Silver,
        _ => rng.Chance(0.65) ? Tier.Gold : Tier.Registered,
    };

    private static DateTime? Signature(DateTime joinedAt, double missing, double late, Rng rng)
    {
        var u = rng.NextDouble();
        if (u < missing) return null;
        var signedAt = joinedAt + (u < missing + late ? rng.Days(60, 240) : rng.Days(0, 14));
        return ProgramCalendar.HasHappened(signedAt) ? signedAt : null;
    }

    private static void AddLinks(Partner partner, ReferralCodes codes, ref int linkNumber, Rng rng)
    {
        var count = partner.Type == PartnerType.Agency ? rng.Int(2, 6) : rng.Int(1, 3);
        var traffic = Math.Sqrt(partner.Productivity) * partner.Type switch
        {
            PartnerType.Agency => 5.0, PartnerType.Integrator => 1.2, PartnerType.Consultant => 1.0, PartnerType.Customer => 0.8, _ => 0.6,
        };
        var slug = partner.Identity.DomainStem;
        for (var i = 0; i < count; i++)
        {
            var createdAt = partner.JoinedAt + (i == 0 ? rng.Days(0, 20) : rng.Days(20, 500));
            if (!ProgramCalendar.HasHappened(createdAt)) continue;
            var landing = VendorSite + string.Format(rng.Pick(LandingPaths), slug);
            partner.Links.Add(new PartnerLink(codes.ForLink(linkNumber++), partner, createdAt, landing, rng.Pick(Campaigns), traffic * rng.Uniform(0.3, 1.0)));
        }
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sums = new List<double>();
        var total = 0.0;
        foreach (var w in weights) sums.Add(total += w);
        return sums.ToArray();
    }

    /// <summary>The first index whose cumulative weight exceeds <paramref name="u"/>.</summary>
    private static int Find(double[] cumulative, double u)
    {
        var index = Array.BinarySearch(cumulative, u);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }
}
