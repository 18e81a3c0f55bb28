using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace ReferralInsights.Transform;

/// <summary>One model of the warehouse: builds the table <see cref="Name"/> from the models it depends on.</summary>
internal abstract record WarehouseModel(string Name, string Layer, IReadOnlyList<string> DependsOn)
{
    public abstract void Build(DuckDBConnection conn);
}

/// <summary>A file <c>sql/&lt;layer&gt;/&lt;name&gt;.sql</c> holding one SELECT, built as <c>CREATE OR REPLACE TABLE</c>, or as a
/// view when the file says <c>-- materialized: view</c> on a line of its own (<see cref="IsView"/>).</summary>
internal sealed record SqlModel(string Name, string Layer, string Select, IReadOnlyList<string> DependsOn)
    : WarehouseModel(Name, Layer, DependsOn)
{
    /// <summary>A model read again by each reader instead of held as a table: for a large, cheap projection of the raw zone
    /// (its Parquet is compressed on disk; the same rows as an in-memory table would fill DuckDB's memory limit).</summary>
    public bool IsView { get; } = Regex.IsMatch(Select, @"^--\s*materialized:\s*view\s*$", RegexOptions.Multiline);

    public override void Build(DuckDBConnection conn) =>
        Warehouse.Execute(conn, $"CREATE OR REPLACE {(IsView ? "VIEW" : "TABLE")} {Name} AS\n{Select}");
}

/// <summary>A model computed in C# where SQL cannot be exact or deterministic (Shapley values in decimal arithmetic,
/// seeded bootstrap resampling): it reads the models it declares and writes its table with the Appender.</summary>
internal sealed record CodeModel(string Name, string Layer, IReadOnlyList<string> DependsOn, Action<DuckDBConnection> Create)
    : WarehouseModel(Name, Layer, DependsOn)
{
    public override void Build(DuckDBConnection conn) => Create(conn);
}

/// <summary>
/// The embedded SQL models plus the C# code models, in build order: by layer (seeds → staging → intermediate → marts), then by
/// dependency inside a layer (a SQL model depends on another whose name appears in its SQL, comments excluded, as a
/// whole word; a code model declares its dependencies), ties by name. A dependency on a later layer or a cycle is an
/// error.
/// </summary>
internal static class ModelCatalog
{
    public static readonly IReadOnlyList<string> Layers = ["seeds", "staging", "intermediate", "marts"];

    /// <summary>The models computed in C#.</summary>
    public static readonly IReadOnlyList<CodeModel> CodeModels = [Attribution.ShapleyCreditsModel.Model, Leadership.DealSizeBootstrapModel.Model];

    private static readonly Lazy<(IReadOnlyList<WarehouseModel> Models, string Macros)> Loaded = new(Load);

    public static IReadOnlyList<WarehouseModel> Ordered => Loaded.Value.Models;

    /// <summary>The statements of <c>sql/macros.sql</c> (CREATE OR REPLACE MACRO …), run before the models.</summary>
    public static string Macros => Loaded.Value.Macros;

    private static (IReadOnlyList<WarehouseModel>, string) Load()
    {
        var assembly = typeof(ModelCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .ToDictionary(n => n, n => Read(assembly, n), StringComparer.Ordinal);
        var macros = files.TryGetValue("sql/macros.sql", out var m) ? m : "";
        var models = new List<(string Name, string Layer, string Sql)>();
        foreach (var (resource, sql) in files)
        {
            if (resource == "sql/macros.sql") continue;
            var parts = resource.Split('/');
            if (parts.Length != 3 || !Layers.Contains(parts[1]))
                throw new InvalidOperationException($"SQL file outside sql/{{{string.Join(",", Layers)}}}/: {resource}");
            models.Add((Path.GetFileNameWithoutExtension(parts[2]), parts[1], sql.Trim().TrimEnd(';')));
        }
        return (Order(models, CodeModels), macros);
    }

    /// <summary>Orders models by layer then dependency (Kahn's algorithm, ready models taken by name).</summary>
    public static IReadOnlyList<WarehouseModel> Order(IReadOnlyList<(string Name, string Layer, string Sql)> models,
        IReadOnlyList<CodeModel>? codeModels = null)
    {
        codeModels ??= [];
        var names = models.Select(m => (m.Name, m.Layer)).Concat(codeModels.Select(c => (c.Name, c.Layer))).ToList();
        var duplicate = names.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"model {duplicate.Key} is defined twice");
        var layerOf = names.ToDictionary(m => m.Name, m => Layers.ToList().IndexOf(m.Layer), StringComparer.Ordinal);
        var withDeps = models.Select(m =>
        {
            var code = StripComments(m.Sql);
            var deps = names.Where(o => o.Name != m.Name && MentionsWord(code, o.Name))
                .Select(o => o.Name).Order(StringComparer.Ordinal).ToArray();
            return (WarehouseModel)new SqlModel(m.Name, m.Layer, m.Sql, deps);
        }).Concat(codeModels).ToList();
        foreach (var m in withDeps)
        foreach (var d in m.DependsOn)
        {
            if (!layerOf.TryGetValue(d, out var layer))
                throw new InvalidOperationException($"model {m.Layer}/{m.Name} depends on {d}, which is no model");
            if (layer > layerOf[m.Name])
                throw new InvalidOperationException($"model {m.Layer}/{m.Name} depends on {d} of a later layer");
        }

        var ordered = new List<WarehouseModel>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in Layers)
        {
            var pending = withDeps.Where(m => m.Layer == layer).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
            while (pending.Count > 0)
            {
                var ready = pending.FirstOrDefault(m => m.DependsOn.All(done.Contains));
                if (ready is null)
                    throw new InvalidOperationException(
                        $"dependency cycle among models: {string.Join(", ", pending.Select(p => p.Name))}");
                ordered.Add(ready);
                done.Add(ready.Name);
                pending.Remove(ready);
            }
        }
        return ordered;
    }

    /// <summary>The models that read <paramref name="table"/> (an input the warehouse attaches, named as a whole word
    /// in their SQL) and every model that depends on them, directly or not, in build order.</summary>
    public static IReadOnlyList<WarehouseModel> ReadersOf(string table)
    {
        var affected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in Ordered)
            if ((model is SqlModel sql && MentionsWord(StripComments(sql.Select), table)) || model.DependsOn.Any(affected.Contains))
                affected.Add(model.Name);
        return Ordered.Where(m => affected.Contains(m.Name)).ToArray();
    }

    private static bool MentionsWord(string code, string word) =>
        Regex.IsMatch(code, $@"(?<![A-Za-z0-9_]){Regex.Escape(word)}(?![A-Za-z0-9_])");

    /// <summary>Removes <c>-- …</c> and <c>/* … */</c> comments outside single-quoted strings.</summary>
    public static string StripComments(string sql)
    {
        var sb = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\'')
            {
                var end = i + 1;
                while (end < sql.Length && !(sql[end] == '\'' && (end + 1 >= sql.Length || sql[end + 1] != '\''))) end += sql[end] == '\'' ? 2 : 1;
                sb.Append(sql, i, Math.Min(end + 1, sql.Length) - i);
                i = end;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                sb.Append('\n');
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 1;
                sb.Append(' ');
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
