namespace ReferralInsights.Transform.DataTests;

/// <summary>One data test of a model: <see cref="FailingKeysSql"/> is a SELECT returning one VARCHAR column <c>key</c>
/// per offending row (or group); the test passes when it returns nothing.</summary>
public sealed record DataTest(string Model, string Name, string FailingKeysSql);

/// <summary>A data test that failed: how many keys offend, the first five (ordinal), or the error that stopped it.</summary>
public sealed record DataTestFailure(string Model, string Test, long Failing, IReadOnlyList<string> SampleKeys, string? Error = null)
{
    public override string ToString() => Error is not null
        ? $"{Model} › {Test}: could not run: {Error}"
        : $"{Model} › {Test}: {Failing:N0} failing, e.g. {string.Join("; ", SampleKeys)}";
}

/// <summary>Thrown by a build whose marts break their data tests: lists every failing test with its model and up to five
/// offending keys. Nothing built by such a run may be published.</summary>
public sealed class DataTestException(IReadOnlyList<DataTestFailure> failures)
    : Exception($"{failures.Count} data test{(failures.Count == 1 ? "" : "s")} failed:" + string.Concat(failures.Select(f => "\n  " + f)))
{
    public IReadOnlyList<DataTestFailure> Failures { get; } = failures;
}
