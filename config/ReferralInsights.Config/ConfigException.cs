namespace ReferralInsights.Config;

/// <summary>One problem in a configuration file. <see cref="Line"/> and <see cref="Column"/> are
/// 1-based and point at the offending key; both are 0 when the problem has no position (a missing file).</summary>
public sealed record ConfigError(string File, int Line, int Column, string Key, string Problem)
{
    /// <summary><c>file:line:col: key.path: problem</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Key.Length > 0 ? $"{where}: {Key}: {Problem}" : $"{where}: {Problem}";
    }
}

/// <summary>The configuration file cannot be used; nothing may run. <see cref="Exception.Message"/>
/// holds one <c>file:line:col: key.path: problem</c> line per problem, in file order; the
/// properties describe the first.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join("\n", errors))
    {
        if (errors.Count == 0) throw new ArgumentException("At least one error is required.", nameof(errors));
        Errors = errors;
    }

    public ConfigException(ConfigError error) : this([error]) { }

    /// <summary>Every problem found, in file order (line, then column).</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    public string File => Errors[0].File;
    public int Line => Errors[0].Line;
    public int Column => Errors[0].Column;
    /// <summary>Dotted key path, e.g. <c>rewards.tiers[1].commission_rate</c>; empty when the problem is the file itself.</summary>
    public string Key => Errors[0].Key;
}
