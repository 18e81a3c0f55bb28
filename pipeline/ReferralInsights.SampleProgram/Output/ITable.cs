namespace ReferralInsights.SampleProgram.Output;

/// <summary>One output file of one entity, written a row at a time.</summary>
internal interface ITable<in TRow> : IDisposable where TRow : IContractRow
{
    /// <summary>"source/entity", e.g. "crm/accounts".</summary>
    string Entity { get; }

    long Rows { get; }

    void Write(TRow row);
}
