namespace ReferralInsights.SampleProgram.Randomness;

/// <summary>A seeded <see cref="Random"/> with the draws the simulation needs. Never reads the clock.</summary>
internal sealed class Rng(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>A generator for one independent stream of the run (partners, stories, traffic …).</summary>
    public static Rng ForStream(int seed, int stream) => new((int)(Scramble.Mix64(((ulong)(uint)seed << 32) | (uint)stream) & 0x7FFF_FFFF));

    public double NextDouble() => _random.NextDouble();

    public bool Chance(double probability) => _random.NextDouble() < probability;

    /// <summary>An integer in [min, maxExclusive).</summary>
    public int Int(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    public double Uniform(double min, double max) => min + (max - min) * _random.NextDouble();

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public T Pick<T>(IReadOnlyList<(T Item, double Weight)> weighted)
    {
        var total = 0.0;
        foreach (var (_, weight) in weighted) total += weight;
        var u = _random.NextDouble() * total;
        foreach (var (item, weight) in weighted)
        {
            if (u < weight) return item;
            u -= weight;
        }
        return weighted[^1].Item;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A whole number of seconds between <paramref name="minDays"/> and <paramref name="maxDays"/> days.</summary>
    public TimeSpan Days(double minDays, double maxDays) => TimeSpan.FromSeconds(Math.Floor(Uniform(minDays, maxDays) * 86_400));
}
