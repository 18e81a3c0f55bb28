namespace ReferralInsights.SampleProgram.World;

/// <summary>The program's timeline, 2024-07-01 .. 2026-10-31 (UTC), and how busy each day of it is.</summary>
internal static class ProgramCalendar
{
    public static readonly DateTime Start = new(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The last instant that holds data (deliberate future_timestamp defects aside).</summary>
    public static readonly DateTime End = new(2026, 10, 31, 23, 59, 59, DateTimeKind.Utc);

    public static readonly int Days = (int)(End.Date - Start).TotalDays + 1;

    public static DateTime DayStart(int day) => Start.AddDays(day);

    public static bool HasHappened(DateTime instant) => instant <= End;

    public static DateTime Earliest(DateTime instant) => instant <= End ? instant : End;

    /// <summary>Relative volume of program activity on a day: the program grows, weekends and late December are quiet.</summary>
    public static double Activity(int day)
    {
        var date = DayStart(day);
        var growth = 0.35 + 0.65 * day / (Days - 1.0);
        var weekday = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.25 : 1.0;
        var season = date.Month == 12 && date.Day >= 18 ? 0.45 : date.Month == 8 ? 0.8 : 1.0;
        return growth * weekday * season;
    }

    /// <summary>Spreads <paramref name="total"/> events over the days in proportion to <see cref="Activity"/>, exactly.</summary>
    public static int[] Spread(long total)
    {
        var weights = Enumerable.Range(0, Days).Select(Activity).ToArray();
        var sum = weights.Sum();
        var counts = new int[Days];
        double cumulative = 0;
        long assigned = 0;
        for (var day = 0; day < Days; day++)
        {
            cumulative += weights[day];
            var target = (long)Math.Round(total * cumulative / sum, MidpointRounding.AwayFromZero);
            counts[day] = (int)(target - assigned);
            assigned = target;
        }
        return counts;
    }
}
