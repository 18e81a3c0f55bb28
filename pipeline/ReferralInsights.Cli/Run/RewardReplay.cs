using ReferralInsights.Config;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Transform;

namespace ReferralInsights.Cli.Run;

/// <summary>Replays the published raw zone, with the published lead scores (the rewards' quality gate reads them; a rewards
/// table does not change them), through the run's transform (<see cref="PipelineRunner.BuildWarehouse"/>) under a
/// configuration whose rewards section is a candidate's, and writes the marts it gives to <see cref="OutputLayout.WhatIfMarts"/>
/// (replacing the last replay's). The published output is not touched.</summary>
internal static class RewardReplay
{
    public static string Run(OutputLayout layout, PipelineConfig replayConfig, DateOnly asOf, IProgress<string>? progress)
    {
        if (!Directory.Exists(layout.State)) throw new DirectoryNotFoundException($"no published raw zone in {layout.Raw}: run `referral-insights run` first");
        var work = layout.Staging($"what-if-{Guid.NewGuid():N}");
        try
        {
            using (var db = DuckDbSession.Open(work.Temp, replayConfig.Engine))
            {
                var scores = Path.Combine(layout.Marts, "lead_scores.parquet");
                PipelineRunner.BuildWarehouse(db, RawZone.LiveFiles(layout.Raw, layout.State), File.Exists(scores) ? scores : null, replayConfig, asOf, progress);
                Warehouse.PublishMarts(db, work.Marts);
            }
            if (Directory.Exists(layout.WhatIfMarts)) Directory.Delete(layout.WhatIfMarts, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(layout.WhatIfMarts)!);
            Directory.Move(work.Marts, layout.WhatIfMarts);
            return layout.WhatIfMarts;
        }
        finally
        {
            if (Directory.Exists(work.Root)) Directory.Delete(work.Root, recursive: true);
        }
    }
}
