using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ReferralInsights.Transform.Audit;
using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>The audit trail: canonical form and hash chain, what a run appends (decisions, restatements, one run
/// entry), tampering found by verification, and the diff between runs.</summary>
public sealed class AuditTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ri-audit-");
    private readonly AuditLog _log;

    public AuditTests() => _log = new AuditLog(Path.Combine(_dir.FullName, "audit", "audit_log.ndjson"));

    public void Dispose() => _dir.Delete(recursive: true);

    // P1 (R1) and P2 (R2) co-refer O1 (10,000, won 2025-05-20): P1 primary 0.6 → 300.00, P2 0.4 → 200.00; both
    // referrals are accepted (empty status, matched: upfront 50) and qualified at O1's creation (milestone 250).
    private static TestWarehouse Program()
    {
        var w = new TestWarehouse().WithExampleRewards();
        w.Partner("P1", signed: Signed).Partner("P2", signed: Signed).Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-03-01", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-03-02", "Alpha", domain: "a.com")
         .Opportunity("O1", "A", "2025-03-10", "won", "2025-05-20", 10000m, stage: "Closed Won");
        return w;
    }

    /// <summary>What the pipeline does for a run: build, export the decisions, prepare the entries, append.</summary>
    private IReadOnlyList<AuditEntry> Run(TestWarehouse w, string runId)
    {
        using var prepared = Prepare(Decisions(w, runId), runId);
        Assert.Null(_log.Append(prepared));
        return prepared.ReadEntries().ToList();
    }

    private PreparedAudit Prepare(string decisionsFile, string runId)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        return AuditTrail.Prepare(db, _log, decisionsFile, runId, new JsonObject { ["as_of"] = "2025-12-31" },
            Path.Combine(_dir.FullName, runId, "pending.ndjson"));
    }

    private static List<string> Summary(IEnumerable<AuditEntry> entries) =>
        entries.Select(e => $"{e.Seq} {e.Entity} {e.EntityId}: {e.Decision}").ToList();

    [Fact]
    public void CanonicalJson_IsPythonsJsonDumpsWithSortedKeysAndAsciiEscapes()
    {
        // the value Python prints for json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=True), so the
        // chain can be recomputed without this code
        var value = new JsonObject
        {
            ["b"] = "q\"b\\n\nt\tc\u0001d\u007fé😀<&>/",
            ["a"] = null,
            ["c"] = new JsonObject { ["z"] = 1, ["y"] = "x" },
        };
        Assert.Equal("""{"a":null,"b":"q\"b\\n\nt\tc\u0001d\u007f\u00e9\ud83d\ude00<&>/","c":{"y":"x","z":1}}""", CanonicalJson.Write(value));
    }

    [Fact]
    public void CanonicalJson_FromText_IsTheSameCanonicalFormAsFromNodes()
    {
        // DuckDB writes inputs as JSON text with keys in its own order, raw UTF-8 and its own escapes
        const string text = """{"c":{"z":1,"y":"x"},"b":"q\"b\\n\nt\tc\u0001d\u007fé😀<&>\/","a":null,"d":[true,false,"\u00e9"]}""";
        Assert.Equal("""{"a":null,"b":"q\"b\\n\nt\tc\u0001d\u007f\u00e9\ud83d\ude00<&>/","c":{"y":"x","z":1},"d":[true,false,"\u00e9"]}""",
            CanonicalJson.FromText(text));
        Assert.Equal(CanonicalJson.Write(JsonNode.Parse(text)), CanonicalJson.FromText(text));
        Assert.Throws<InvalidDataException>(() => CanonicalJson.FromText("""{"amount":1.5}"""));
        Assert.Throws<InvalidDataException>(() => CanonicalJson.FromText("""{"a":"1","a":"2"}"""));   // Python would keep one
    }

    [Fact]
    public void FirstRun_RecordsEveryRewardAndAttributionSplitWithItsInputs_ThenOneRunEntry()
    {
        using var w = Program();
        var entries = Run(w, "run1");
        Assert.Equal(
        [
            "1 attribution O1: co_referral: P1 0.6 primary, P2 0.4 co",
            "2 reward commission:O1:P1: payable 300.00",
            "3 reward commission:O1:P2: payable 200.00",
            "4 reward milestone:R1: payable 250.00",
            "5 reward milestone:R2: payable 250.00",
            "6 reward upfront:R1: payable 50.00",
            "7 reward upfront:R2: payable 50.00",
            "8 run run1: published",
        ], Summary(entries));
        Assert.Equal(
            """{"disputes":null,"model":"primary_share","primary_share":"0.600000","sourcing_touches":"P1: referral R1 2025-03-01T00:00:00Z, no click; P2: referral R2 2025-03-02T00:00:00Z, no click"}""",
            CanonicalJson.Write(entries[0].Inputs));
        Assert.Equal(
            """{"basis_amount":"6000.00","earned_at":"2025-05-20T00:00:00Z","flag_ids":"","ineligibility":null,"opportunity_id":"O1","partner_id":"P1","rate":"0.050000","referral_id":"R1","tier":"Registered","type":"commission","uncapped_amount":"300.00"}""",
            CanonicalJson.Write(entries[1].Inputs));
        Assert.Equal("""{"as_of":"2025-12-31","decisions":7,"new":7,"restated":0,"withdrawn":0}""", CanonicalJson.Write(entries[7].Inputs));
        // the chain: genesis → 1 → 2 …, and the file is exactly these lines
        Assert.Equal(AuditEntry.GenesisHash, entries[0].PrevHash);
        Assert.All(entries.Skip(1), (e, i) => Assert.Equal(entries[i].Hash, e.PrevHash));
        Assert.Equal(entries.Select(e => e.ToLine()), File.ReadAllLines(_log.Path));
        Assert.Equal(new AuditVerification(8, null, null), _log.Verify());
    }

    [Fact]
    public void UnchangedRerun_AppendsOnlyARunEntry()
    {
        using var w = Program();
        Run(w, "run1");
        var second = Run(w, "run2");
        Assert.Equal(["9 run run2: published"], Summary(second));
        Assert.Equal("""{"as_of":"2025-12-31","decisions":7,"new":0,"restated":0,"withdrawn":0}""", CanonicalJson.Write(second[0].Inputs));
    }

    [Fact]
    public void ChangedRerun_AppendsRestatementsWithOldAndNewValues_AndWithdrawsWhatIsNoLongerPublished()
    {
        using var w = Program();
        var first = Run(w, "run1");

        // late data: a dispute on O1 is opened → both commissions become withheld; the attribution's inputs change
        w.Dispute("D1", "O1", "P2", "2025-06-01", "open");
        Assert.Equal(
        [
            "9 attribution O1: restated",
            "10 reward commission:O1:P1: restated",
            "11 reward commission:O1:P2: restated",
            "12 run run2: published",
        ], Summary(Run(w, "run2")));
        var restatement = _log.Read().Single(e => e.Seq == 10);
        var inputs = CanonicalJson.Write(first[1].Inputs);   // unchanged: only the decision moved
        Assert.Equal(
            $$$"""{"new":{"decision":"withheld 300.00 (disputed)","inputs":{{{inputs}}}},"old":{"decision":"payable 300.00","inputs":{{{inputs}}},"seq":2}}""",
            CanonicalJson.Write(restatement.Inputs));

        // a correction at the source: R2 is deleted → P1 sources O1 alone; P2's rewards are withdrawn, not dropped silently
        w.Exec("DELETE FROM raw_portal__referrals WHERE referral_id = 'R2'");
        var third = Run(w, "run3");
        Assert.Equal(
        [
            "13 attribution O1: restated",
            "14 reward commission:O1:P1: restated",
            "15 reward commission:O1:P2: restated",
            "16 reward milestone:R2: restated",
            "17 reward upfront:R2: restated",
            "18 run run3: published",
        ], Summary(third));
        Assert.Equal("""{"decision":"withdrawn","inputs":{}}""", CanonicalJson.Write(third[2].Inputs["new"]));
        Assert.Equal("""{"as_of":"2025-12-31","decisions":4,"new":0,"restated":2,"withdrawn":3}""", CanonicalJson.Write(third[5].Inputs));
        Assert.True(_log.Verify().Intact);
    }

    [Fact]
    public void Rerun_ReadsTheStateFromTheCheckpoint_AndWithoutOneFoldsTheWholeLogToTheSameEntries()
    {
        using var w = Program();
        Run(w, "run1");
        w.Dispute("D1", "O1", "P2", "2025-06-01", "open");
        var decisions = Decisions(w, "run2");

        using (var fromCheckpoint = Prepare(decisions, "run2"))
        {
            Assert.Equal((true, 0L), (fromCheckpoint.Resumed, fromCheckpoint.FoldedEntries));
            Assert.Equal(["9 attribution O1: restated", "10 reward commission:O1:P1: restated", "11 reward commission:O1:P2: restated",
                "12 run run2: published"], Summary(fromCheckpoint.ReadEntries()));
        }
        var expected = File.ReadAllLines(Path.Combine(_dir.FullName, "run2", "pending.ndjson"));
        File.Delete(Path.Combine(_dir.FullName, "audit", "audit_state.json"));
        using var folded = Prepare(decisions, "run2");
        Assert.Equal((false, 8L), (folded.Resumed, folded.FoldedEntries));
        Assert.Equal(expected, File.ReadAllLines(folded.PendingFile));
    }

    [Fact]
    public void EntriesAppendedAfterTheCheckpoint_AreReadFromTheLog()
    {
        // the recovery of a torn append adds entries without moving the checkpoint: the next run reads them
        using var w = Program();
        Run(w, "run1");
        w.Dispute("D1", "O1", "P2", "2025-06-01", "open");
        using (var second = Prepare(Decisions(w, "run2"), "run2"))
            _log.Append(second.ReadEntries().ToList());

        using var third = Prepare(Decisions(w, "run3"), "run3");
        Assert.Equal((true, 4L), (third.Resumed, third.FoldedEntries));
        Assert.Equal(["13 run run3: published"], Summary(third.ReadEntries()));
        Assert.Null(_log.Append(third));
        using var fourth = Prepare(Decisions(w, "run4"), "run4");
        Assert.Equal((true, 0L), (fourth.Resumed, fourth.FoldedEntries));
        Assert.Equal(["14 run run4: published"], Summary(fourth.ReadEntries()));
    }

    [Fact]
    public void LogRestoredToAnEarlierHead_IsFoldedWhole_NotReadThroughTheNewerCheckpoint()
    {
        using var w = Program();
        Run(w, "run1");
        var run1Lines = File.ReadAllLines(_log.Path);
        w.Dispute("D1", "O1", "P2", "2025-06-01", "open");
        Run(w, "run2");
        File.WriteAllLines(_log.Path, run1Lines);   // the log restored from a backup taken after run1

        using var third = Prepare(Decisions(w, "run3"), "run3");
        Assert.Equal((false, 8L), (third.Resumed, third.FoldedEntries));
        Assert.Equal(["9 attribution O1: restated", "10 reward commission:O1:P1: restated", "11 reward commission:O1:P2: restated",
            "12 run run3: published"], Summary(third.ReadEntries()));
    }

    [Fact]
    public void EntryEditedBehindTheCheckpoint_IsStillFound()
    {
        // the same length, another amount: the checkpoint's hash of the log's bytes no longer matches, so the run
        // verifies the whole chain and refuses
        using var w = Program();
        Run(w, "run1");
        File.WriteAllText(_log.Path, File.ReadAllText(_log.Path).Replace("payable 300.00", "payable 900.00"));
        var e = Assert.Throws<InvalidDataException>(() => Run(w, "run2"));
        Assert.Contains("broken at seq 2: seq 2 was altered", e.Message);
    }

    [Fact]
    public void InputsWrittenDifferentlyWithTheSameCanonicalForm_AddNoEntry()
    {
        var first = DecisionsFile("a", """{"b":"2","a":"é"}""");
        using (var run1 = Prepare(first, "run1"))
        {
            Assert.Equal("""{"a":"\u00e9","b":"2"}""", run1.ReadEntries().First().CanonicalInputs);
            Assert.Null(_log.Append(run1));
        }
        var second = DecisionsFile("b", """{"a":"\u00e9", "b":"2"}""");
        for (var run = 2; run <= 3; run++)
        {
            using var rerun = Prepare(second, $"run{run}");
            Assert.Equal([$"{run + 1} run run{run}: published"], Summary(rerun.ReadEntries()));
            Assert.Null(_log.Append(rerun));
        }
    }

    private string Decisions(TestWarehouse w, string runId)
    {
        w.Build("2025-12-31");
        var file = Path.Combine(_dir.FullName, runId, "decisions.parquet");
        AuditDecisions.Export(w.Connection, file);
        return file;
    }

    /// <summary>A decisions file of one reward, its inputs as the given JSON text.</summary>
    private string DecisionsFile(string name, string inputs)
    {
        var file = Path.Combine(_dir.FullName, name + ".parquet");
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $"COPY (SELECT 'reward' AS entity, 'R1' AS entity_id, 'payable 1.00' AS decision, $inputs AS inputs) TO '{file}' (FORMAT parquet)";
        command.Parameters.Add(new DuckDBParameter("inputs", inputs));
        command.ExecuteNonQuery();
        return file;
    }

    [Fact]
    public void Diff_ListsTheDecisionsThatChangedBetweenTwoRuns()
    {
        using var w = Program();
        Run(w, "run1");
        w.Dispute("D1", "O1", "P2", "2025-06-01", "open");
        Run(w, "run2");
        w.Exec("DELETE FROM raw_portal__referrals WHERE referral_id = 'R2'");
        Run(w, "run3");
        Assert.Equal(
        [
            "attribution O1: co_referral: P1 0.6 primary, P2 0.4 co → direct: P1 1 primary; disputes: null → \"D1 open\"; " +
                "sourcing_touches: \"P1: referral R1 2025-03-01T00:00:00Z, no click; P2: referral R2 2025-03-02T00:00:00Z, no click\" → " +
                "\"P1: referral R1 2025-03-01T00:00:00Z, no click\"",
            "reward commission:O1:P1: payable 300.00 → withheld 500.00 (disputed); basis_amount: \"6000.00\" → \"10000.00\"; " +
                "uncapped_amount: \"300.00\" → \"500.00\"",
            "reward commission:O1:P2: payable 200.00 → withdrawn",
            "reward milestone:R2: payable 250.00 → withdrawn",
            "reward upfront:R2: payable 50.00 → withdrawn",
        ], AuditDiff.Between(_log, "run1", "run3").Select(c => c.ToString()));
        Assert.Empty(AuditDiff.Between(_log, "run2", "run2"));
        Assert.Throws<ArgumentException>(() => AuditDiff.Between(_log, "run1", "run9"));
    }

    [Fact]
    public void Verify_EditedEntry_IsBrokenAtThatSeq()
    {
        // an amount changed in place: the entry's hash no longer matches its content
        using var w = Program();
        Run(w, "run1");
        var lines = File.ReadAllLines(_log.Path);
        lines[1] = lines[1].Replace("payable 300.00", "payable 3000.00");
        File.WriteAllLines(_log.Path, lines);
        var result = _log.Verify();
        Assert.Equal((2L, "seq 2 was altered: its hash does not match its content"), (result.BrokenSeq, result.Problem));
    }

    [Fact]
    public void Verify_EditedEntryWithARecomputedHash_BreaksTheNextLink()
    {
        // a forger who also recomputes the edited entry's own hash breaks the link to the next entry
        using var w = Program();
        Run(w, "run1");
        var lines = File.ReadAllLines(_log.Path);
        var original = AuditEntry.Parse(lines[1]);
        lines[1] = AuditEntry.Create(original.Seq, original.RunId, original.Entity, original.EntityId, "payable 3000.00", original.Inputs,
            original.PrevHash).ToLine();
        File.WriteAllLines(_log.Path, lines);
        var result = _log.Verify();
        Assert.Equal((3L, "prev_hash of seq 3 is not the hash of seq 2"), (result.BrokenSeq, result.Problem));
    }

    [Fact]
    public void Verify_DeletedEntry_IsBrokenAtTheMissingSeq()
    {
        using var w = Program();
        Run(w, "run1");
        var lines = File.ReadAllLines(_log.Path).ToList();
        lines.RemoveAt(3);
        File.WriteAllLines(_log.Path, lines);
        var result = _log.Verify();
        Assert.Equal((4L, "entry seq 4 is missing: line 4 holds seq 5"), (result.BrokenSeq, result.Problem));
    }

    [Fact]
    public void Verify_DeletedLastEntries_AreFoundThroughTheHeadARunRecorded()
    {
        // the chain alone cannot tell a truncated log from a shorter one: the head each run recorded in its manifest can
        using var w = Program();
        var entries = Run(w, "run1");
        File.WriteAllLines(_log.Path, File.ReadAllLines(_log.Path).Take(6));
        Assert.True(_log.Verify().Intact);
        var result = _log.Verify([new AuditHead(8, entries[^1].Hash, "run run1")]);
        Assert.Equal((7L, "entries from seq 7 on are missing: run run1 recorded the chain up to seq 8"), (result.BrokenSeq, result.Problem));
    }

    [Fact]
    public void Verify_TailRewrittenWithAConsistentChain_IsFoundThroughTheHeadARunRecorded()
    {
        // a forger who rewrites entry 6 and re-chains everything after it leaves an intact chain, but not the head
        // (seq 8) that run1 recorded in its manifest
        using var w = Program();
        var entries = Run(w, "run1");
        var lines = File.ReadAllLines(_log.Path);
        var previous = AuditEntry.Parse(lines[4]).Hash;
        for (var i = 5; i < lines.Length; i++)
        {
            var e = AuditEntry.Parse(lines[i]);
            var forged = AuditEntry.Create(e.Seq, e.RunId, e.Entity, e.EntityId, i == 5 ? "payable 5000.00" : e.Decision, e.Inputs, previous);
            lines[i] = forged.ToLine();
            previous = forged.Hash;
        }
        File.WriteAllLines(_log.Path, lines);
        Assert.True(_log.Verify().Intact);
        var result = _log.Verify([new AuditHead(8, entries[^1].Hash, "run run1")]);
        Assert.Equal((8L, "seq 8 differs from the entry run run1 recorded"), (result.BrokenSeq, result.Problem));
    }

    [Fact]
    public void Prepare_OnABrokenLog_RefusesToAppend()
    {
        // a run never extends a broken chain: it fails before publishing, naming the broken seq
        using var w = Program();
        Run(w, "run1");
        File.WriteAllLines(_log.Path, File.ReadAllLines(_log.Path).Where((_, i) => i != 0));
        var e = Assert.Throws<InvalidDataException>(() => Run(w, "run2"));
        Assert.Contains("broken at seq 1", e.Message);
        Assert.Equal(7, File.ReadAllLines(_log.Path).Length);
    }
}
