using ReferralInsights.Cli;

return await CliApp.Build().Parse(args).InvokeAsync();
