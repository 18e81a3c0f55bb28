using System.IO.Compression;
using System.Text;

namespace ReferralInsights.Ingest.Tests.Corpus;

/// <summary>One file of the bad-input corpus: which entity it feeds, its name and bytes, and the exact outcome — each
/// row as <c>"&lt;line&gt; landed &lt;first column&gt;"</c> or <c>"&lt;line&gt; quarantined: &lt;reason&gt;"</c> in line order,
/// or the one error the entity fails with (<c>"error: …"</c>); an expected line ending in <c>*</c> is matched up to it
/// (the rest is the JSON or gzip library's own wording). Plus an optional query over the landed rows
/// (<c>{landed}</c>) and its single expected value.</summary>
/// <param name="Summarised">the outcome gives the landed rows as one <c>"&lt;count&gt; landed"</c> (for a file of a million
/// lines) followed by the quarantined rows</param>
public sealed record BadInputCase(string Name, string Entity, string File, byte[] Content, string[] Outcome,
    string? Check = null, string? Checked = null, bool Summarised = false)
{
    public string Source => Entity.Split('/')[0];

    public override string ToString() => Name;

    public static BadInputCase Text(string name, string entity, string file, string text, params string[] outcome) =>
        new(name, entity, file, Encoding.UTF8.GetBytes(text), outcome);

    public static BadInputCase Gzip(string name, string entity, string file, string text, params string[] outcome) =>
        new(name, entity, file, Gzipped(text), outcome);

    public static byte[] Gzipped(string text)
    {
        var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    public BadInputCase Checking(string query, string expected) => this with { Check = query, Checked = expected };
}
