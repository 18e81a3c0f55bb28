using System.CommandLine;
using ReferralInsights.Cli.Run;
using ReferralInsights.Cli.Serve;
using ReferralInsights.Config;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>serve [--port N]</c>: the published site on 127.0.0.1 behind tokens (<see cref="SiteServer"/>), until Ctrl+C.</summary>
internal static class ServeCommand
{
    public const int DefaultPort = 8765;

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var port = new Option<int>("--port", "-p")
        {
            Description = $"The port on 127.0.0.1 (0 = any free port). Default: {DefaultPort}",
            DefaultValueFactory = _ => DefaultPort,
        };
        var command = new Command("serve", "Serve the published site on 127.0.0.1; program pages need the admin token, a scorecard its partner's") { config, port };
        command.SetAction(async (parse, cancel) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            OutputLayout layout;
            try
            {
                layout = new OutputLayout(ConfigLoader.Load(parse.GetValue(config)!).OutputDir);
            }
            catch (ConfigException e)
            {
                error.WriteLine($"configuration error: {e.Message}");
                return ExitCodes.ConfigError;
            }
            if (!Directory.Exists(layout.Site)) error.WriteLine($"warning: no published site in {layout.Site} yet: run `referral-insights run`");
            var tokens = new TokenStore(layout.Tokens);
            if (tokens.List().Count == 0)
                error.WriteLine("warning: no tokens issued, so every request gets 401: run `referral-insights tokens issue --admin`");
            try
            {
                await using var server = await SiteServer.StartAsync(layout.Site, tokens, parse.GetValue(port), cancel);
                output.WriteLine($"Serving {layout.Site} on {server.Address} (tokens: {layout.Tokens}). Ctrl+C stops.");
                output.WriteLine($"Open {server.Address}?token=<token>");
                await server.WaitForShutdownAsync(cancel);
                return 0;
            }
            catch (IOException e)
            {
                error.WriteLine($"cannot listen on 127.0.0.1:{parse.GetValue(port)}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
