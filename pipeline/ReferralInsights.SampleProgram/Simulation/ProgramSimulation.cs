using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.Simulation.Stories;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>Runs the program day by day: each day's company stories in time order, then the day's background clicks.
/// Rows are written as they happen; nothing grows with the number of rows but the partner roster.</summary>
internal static class ProgramSimulation
{
    private enum StoryKind { PartnerReferral, ClickJourney, DirectSales }

    public static void Run(SampleFiles files, int seed, ScaleProfile scale, IProgress<string>? progress)
    {
        var namer = new CompanyNamer(Scramble.Mix64((uint)seed ^ 0xA5A5_0001UL));
        var codes = new ReferralCodes(Scramble.Mix64((uint)seed ^ 0xA5A5_0002UL));
        var roster = PartnerRoster.Create(scale.Partners, namer, codes, Rng.ForStream(seed, 1));
        roster.WriteTo(files);
        FxTable.WriteTo(files.FxRates);

        var rng = Rng.ForStream(seed, 2);
        var firms = new Firmographics(namer);
        var kit = new SimulationKit(files, new Ids(seed), roster, firms, rng);
        var deals = new DealLifecycle(kit);
        var referrals = new PartnerReferralStory(kit, deals);
        var journeys = new ClickJourneyStory(kit, deals);
        var directSales = new DirectSalesStory(kit, deals);
        var traffic = new BackgroundTraffic(scale.BackgroundClicks, roster, codes, kit.Clicks, kit.People, firms, kit.Breaker, rng);

        var perDay = new Dictionary<StoryKind, int[]>
        {
            [StoryKind.PartnerReferral] = ProgramCalendar.Spread(scale.ReferralStories),
            [StoryKind.ClickJourney] = ProgramCalendar.Spread(scale.ClickJourneyStories),
            [StoryKind.DirectSales] = ProgramCalendar.Spread(scale.DirectSalesStories),
        };
        var unknownPartnerStories = Distinct(scale.UnknownPartnerReferrals, scale.ReferralStories, rng);
        var referralNumber = 0;

        for (var day = 0; day < ProgramCalendar.Days; day++)
        {
            var dayStart = ProgramCalendar.DayStart(day);
            var stories = new List<(int Second, StoryKind Kind)>();
            foreach (var kind in Enum.GetValues<StoryKind>())
                for (var i = 0; i < perDay[kind][day]; i++) stories.Add((WorkingSecond(rng), kind));
            stories.Sort();
            foreach (var (second, kind) in stories)
            {
                var at = dayStart.AddSeconds(second);
                switch (kind)
                {
                    case StoryKind.PartnerReferral:
                        var unknownPartner = unknownPartnerStories.IndexOf(referralNumber++);
                        referrals.Run(at, unknownPartner < 0 ? null : unknownPartner + 1);
                        break;
                    case StoryKind.ClickJourney: journeys.Run(at); break;
                    default: directSales.Run(at); break;
                }
            }
            traffic.Emit(day);
            if (dayStart.AddDays(1).Day == 1) progress?.Report($"simulated through {dayStart:yyyy-MM}");
        }
    }

    /// <summary>A second of the day, mostly within working hours (UTC).</summary>
    private static int WorkingSecond(Rng rng) => rng.Chance(0.85) ? rng.Int(7 * 3600, 19 * 3600) : rng.Int(0, 86_400);

    private static List<int> Distinct(int count, int below, Rng rng)
    {
        var picked = new SortedSet<int>();
        while (picked.Count < Math.Min(count, below)) picked.Add(rng.Int(0, below));
        return picked.ToList();
    }
}
