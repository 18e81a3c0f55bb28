namespace ReferralInsights.Cli.Commands;

/// <summary>What every command's exit code means (README, CLI).</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    /// <summary>The command ran and failed (a run: nothing published).</summary>
    public const int Failed = 1;
    /// <summary>The configuration is wrong: nothing ran.</summary>
    public const int ConfigError = 2;
    /// <summary>Another run held the output folder for longer than the wait.</summary>
    public const int Locked = 3;
}
