using System.Text.RegularExpressions;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>A scorecard is safe to send to its partner: one per partner with data, naming no other partner (id or
/// name) and no company another partner referred, and linking only inside <c>partners/&lt;partner_id&gt;</c>.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ScorecardLeakTests(SampleProgramRun run)
{
    [Fact]
    public void Scorecards_OnePerPartnerWithData()
    {
        using var db = new Db();
        var withData = db.Rows($"SELECT DISTINCT partner_id FROM '{run.Mart("fct_partner_metrics")}' ORDER BY 1").Select(r => (string)r[0]!).ToList();
        var pages = Directory.EnumerateFiles(Path.Combine(run.OutDir, "site", "partners"), "*.html")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();
        Assert.True(withData.Count > 100, $"only {withData.Count} partners with data");
        Assert.Equal(withData, pages);
    }

    [Fact]
    public void EveryScorecard_ContainsNoOtherPartnersIdNameOrReferredCompany_AndLinksOnlyToItsOwnFiles()
    {
        using var db = new Db();
        var partners = db.Rows($"SELECT partner_id, name FROM '{run.Mart("dim_partners")}'")
            .Select(r => (Id: (string)r[0]!, Name: (string)r[1]!, LowerName: ((string)r[1]!).ToLowerInvariant())).ToList();
        var companies = db.Rows($"""
            SELECT DISTINCT partner_id, lower(trim(company_name)) FROM {run.Raw("portal/referrals")}
            WHERE company_name IS NOT NULL AND length(trim(company_name)) > 3
            """).GroupBy(r => (string)r[0]!, r => (string)r[1]!).ToDictionary(g => g.Key, g => g.ToHashSet());
        var checkedPages = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(run.OutDir, "site", "partners"), "*.html"))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            var html = File.ReadAllText(file);
            var text = System.Net.WebUtility.HtmlDecode(html);
            // the names and companies are compared in lower case: an ordinal search of lowered text is many times faster
            // than a case-insensitive one, and this test reads every pair of a page and another partner
            var lower = text.ToLowerInvariant();
            var own = companies.GetValueOrDefault(id) ?? [];
            foreach (var other in partners.Where(p => p.Id != id))
            {
                Assert.False(Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(other.Id)}(?!\w)"), $"{id}'s scorecard names partner id {other.Id}");
                Assert.False(lower.Contains(other.LowerName, StringComparison.Ordinal), $"{id}'s scorecard names partner {other.Name}");
                foreach (var company in companies.GetValueOrDefault(other.Id) ?? [])
                    Assert.False(!own.Contains(company) && lower.Contains(company, StringComparison.Ordinal),
                        $"{id}'s scorecard names {company}, referred by {other.Id}");
            }
            foreach (Match link in Regex.Matches(html, "(?:href|src)=\"([^\"]*)\""))
                Assert.StartsWith($"{id}/", link.Groups[1].Value);
            checkedPages++;
        }
        Assert.Equal(partners.Count(p => File.Exists(Path.Combine(run.OutDir, "site", "partners", p.Id + ".html"))), checkedPages);
    }
}
