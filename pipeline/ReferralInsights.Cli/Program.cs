using ReferralInsights.Cli;

// Signals are the commands' own business: `schedule` and `serve` run a host that stops cleanly on SIGTERM and Ctrl+C (after the
// running job, however long it takes); System.CommandLine's handler would end the process two seconds after the signal.
return await CliApp.Build().Parse(args).InvokeAsync(new() { ProcessTerminationTimeout = null });

// top-level statements make a public Program class; nothing outside this assembly needs it
internal partial class Program;
