using System.Text.RegularExpressions;

namespace ReferralInsights.EndToEnd.Tests.Schedule;

/// <summary>A copy of the sample program whose pipeline.yaml has the given <c>schedule:</c> section and no <c>sample:</c>
/// section (a source pointed at a missing folder must fail, not regenerate the sample).</summary>
public static partial class ScheduleConfig
{
    public static string Write(string root, string scheduleSection, string? crmPath = null)
    {
        var file = Path.Combine(root, "pipeline.yaml");
        var yaml = File.ReadAllText(file);
        yaml = SampleSection().Replace(yaml, "");
        yaml = ScheduleSection().Replace(yaml, scheduleSection.TrimEnd() + "\n\n");
        if (crmPath is not null) yaml = yaml.Replace("    path: sample/crm", "    path: " + crmPath);
        File.WriteAllText(file, yaml);
        return file;
    }

    [GeneratedRegex(@"^sample:.*\n(  .*\n)*", RegexOptions.Multiline)]
    private static partial Regex SampleSection();

    [GeneratedRegex(@"^schedule:.*\n(  .*\n)*", RegexOptions.Multiline)]
    private static partial Regex ScheduleSection();
}
