using System.CommandLine;
using System.Globalization;
using ReferralInsights.Cli.Run;
using ReferralInsights.Cli.Serve;
using ReferralInsights.Config;
using ReferralInsights.Reports;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>tokens issue --admin | --partner ID</c>, <c>tokens list</c>, <c>tokens revoke ID</c>: the tokens of <c>serve</c>
/// (<see cref="TokenStore"/>).</summary>
internal static class TokensCommand
{
    public static Command Create() => new("tokens", "Access tokens for `serve` (only their SHA-256 is stored, in <out>/tokens.json)")
    {
        Issue(),
        ListTokens(),
        Revoke(),
    };

    private static Command Issue()
    {
        var config = CommonOptions.Config();
        var admin = new Option<bool>("--admin") { Description = "A token that opens every page" };
        var partner = new Option<string?>("--partner") { Description = "A token that opens only this partner's scorecard (partner_id)" };
        var command = new Command("issue", "Print a new token (shown once) and store its hash with its scope") { config, admin, partner };
        command.Validators.Add(result =>
        {
            if (result.GetValue(admin) == (result.GetValue(partner) is not null)) result.AddError("give exactly one of --admin or --partner <partner_id>");
        });
        command.SetAction(parse => Run(parse, config, layout =>
        {
            var partnerId = parse.GetValue(partner)?.Trim();
            if (partnerId is not null && !IsPublishedPartner(layout, partnerId, out var problem))
            {
                parse.InvocationConfiguration.Error.WriteLine(problem);
                return 1;
            }
            var scope = partnerId is null ? TokenScope.Admin : TokenScope.Partner(partnerId);
            var (token, stored) = new TokenStore(layout.Tokens).Issue(scope, DateTime.UtcNow);
            parse.InvocationConfiguration.Output.WriteLine(token);
            parse.InvocationConfiguration.Error.WriteLine($"issued token {stored.Id} ({scope}); it is not shown again");
            return 0;
        }));
        return command;
    }

    private static Command ListTokens()
    {
        var config = CommonOptions.Config();
        var command = new Command("list", "The issued tokens: id, scope, issue time (never the token)") { config };
        command.SetAction(parse => Run(parse, config, layout =>
        {
            var output = parse.InvocationConfiguration.Output;
            var tokens = new TokenStore(layout.Tokens).List();
            foreach (var t in tokens)
                output.WriteLine($"{t.Id}  {t.ToScope(),-20}  issued {t.IssuedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
            output.WriteLine($"{tokens.Count.ToString(CultureInfo.InvariantCulture)} tokens");
            return 0;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var config = CommonOptions.Config();
        var id = new Argument<string>("id") { Description = "The token's id, as `tokens list` shows it" };
        var command = new Command("revoke", "Stop accepting a token (a running `serve` notices at once)") { config, id };
        command.SetAction(parse => Run(parse, config, layout =>
        {
            if (new TokenStore(layout.Tokens).Revoke(parse.GetValue(id)!))
            {
                parse.InvocationConfiguration.Output.WriteLine($"revoked {parse.GetValue(id)}");
                return 0;
            }
            parse.InvocationConfiguration.Error.WriteLine($"no token with id {parse.GetValue(id)}");
            return 1;
        }));
        return command;
    }

    /// <summary>A partner token is only for a partner of the published marts, so a typo does not give a useless token.</summary>
    private static bool IsPublishedPartner(OutputLayout layout, string partnerId, out string problem)
    {
        problem = "";
        if (!File.Exists(Path.Combine(layout.Marts, "dim_partners.parquet")))
        {
            problem = $"no published marts in {layout.Marts} to check partner {partnerId} against: run `referral-insights run` first";
            return false;
        }
        using var marts = new MartReader(layout.Marts);
        if (marts.Query("SELECT 1 FROM dim_partners WHERE partner_id = ?", partnerId).Count > 0) return true;
        problem = $"partner {partnerId} is not in the published dim_partners";
        return false;
    }

    private static int Run(ParseResult parse, Option<string> config, Func<OutputLayout, int> action)
    {
        try
        {
            return action(new OutputLayout(ConfigLoader.Load(parse.GetValue(config)!).OutputDir));
        }
        catch (ConfigException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"configuration error: {e.Message}");
            return ExitCodes.ConfigError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
