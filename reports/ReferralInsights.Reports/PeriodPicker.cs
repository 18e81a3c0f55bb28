using System.Text;

namespace ReferralInsights.Reports;

/// <summary>A period-dependent part of a page as one period shows it. Ids of the default period are the page's plain ids
/// (<c>program-cost</c>, and so its CSV <c>program-cost.csv</c>); every other period's carry its label
/// (<c>program-cost-2025-Q3</c>, <c>program-cost-T12M</c>), so each period's tables export on their own.</summary>
public sealed record PeriodView(ReportPeriod Period, bool IsDefault)
{
    public string Id(string id) => IsDefault ? id : $"{id}-{Period.Label}";
}

/// <summary>The period picker of a static page: a <c>select</c> of <see cref="SitePeriods.Pickable"/> and, for each
/// period-dependent part, one block per period of which only the picked one is shown. Every period is rendered into the
/// page, so the site needs no server; without script the default period shows. The pick is kept in the address
/// (<c>#period=2025-Q3</c>), so a link opens the page on that period.</summary>
public sealed class PeriodPicker(SitePeriods periods)
{
    /// <summary>The picker's control, to put once at the top of the page.</summary>
    public string Control()
    {
        var html = new StringBuilder("<form class=\"period-bar\"><label>Period <select class=\"period-picker\" aria-label=\"period\">");
        foreach (var group in periods.Pickable.GroupBy(p => p.Type))
        {
            html.Append($"<optgroup label=\"{Html.E(GroupName(group.Key))}\">");
            foreach (var p in group)
                html.Append($"<option value=\"{Html.E(p.Label)}\"{(p == periods.Default ? " selected" : "")}>{Html.E(p.Option)}</option>");
            html.Append("</optgroup>");
        }
        return html.Append("</select></label></form>").Append(Script).ToString();
    }

    /// <summary>One block per period (the default first, shown; the others hidden) holding <paramref name="content"/>.</summary>
    public string Blocks(Func<PeriodView, string> content)
    {
        var html = new StringBuilder();
        foreach (var p in periods.Pickable.OrderBy(p => p == periods.Default ? 0 : 1))
        {
            var isDefault = p == periods.Default;
            html.Append($"<div class=\"period\" data-period=\"{Html.E(p.Label)}\"{(isDefault ? "" : " hidden")}>")
                .Append(content(new PeriodView(p, isDefault))).Append("</div>\n");
        }
        return html.ToString();
    }

    private static string GroupName(string type) => type switch
    {
        "year" => "fiscal years",
        "quarter" => "fiscal quarters",
        _ => "rolling",
    };

    private const string Script = """
        <script>
        document.addEventListener('DOMContentLoaded', function () {
          var picker = document.querySelector('select.period-picker');
          function show(period) {
            document.querySelectorAll('div.period').forEach(function (block) { block.hidden = block.dataset.period !== period; });
          }
          function fromAddress() {
            var asked = /(?:^#|&)period=([^&]+)/.exec(location.hash);
            var wanted = asked ? decodeURIComponent(asked[1]) : null;
            if (wanted && Array.prototype.some.call(picker.options, function (o) { return o.value === wanted; })) picker.value = wanted;
            show(picker.value);
          }
          fromAddress();
          window.addEventListener('hashchange', fromAddress);
          picker.addEventListener('change', function () {
            show(picker.value);
            history.replaceState(null, '', '#period=' + encodeURIComponent(picker.value));
          });
        });
        </script>
        """;
}
