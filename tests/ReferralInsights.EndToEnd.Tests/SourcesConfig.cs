namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Edits the <c>sources:</c> of a copied program's pipeline.yaml.</summary>
public static class SourcesConfig
{
    /// <summary>Replaces the blocks of the given sources under <c>sources:</c> in the copied pipeline.yaml.</summary>
    public static void Replace(string root, string? crm, string? portal, string? clicks)
    {
        var path = Path.Combine(root, "pipeline.yaml");
        var replacements = new Dictionary<string, string?> { ["  crm:"] = crm, ["  portal:"] = portal, ["  clicks:"] = clicks };
        var lines = new List<string>();
        string? skipping = null;
        foreach (var line in File.ReadAllLines(path))
        {
            if (skipping is not null && (line.StartsWith("    ", StringComparison.Ordinal) || line.Length == 0)) continue;
            skipping = null;
            if (replacements.TryGetValue(line, out var with) && with is not null)
            {
                lines.Add(with.TrimEnd('\n'));
                skipping = line;
                continue;
            }
            lines.Add(line);
        }
        File.WriteAllLines(path, lines);
    }
}
