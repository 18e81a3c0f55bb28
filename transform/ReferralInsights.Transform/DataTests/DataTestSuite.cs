using System.Reflection;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ReferralInsights.Transform.DataTests;

/// <summary>
/// The data tests declared next to the models, dbt style: <c>sql/&lt;layer&gt;/&lt;model&gt;.yml</c> holds
/// <code>
/// grain: [opportunity_id, model, partner_id]     # unique together, the publishing order; names the offending rows
/// columns:
///   model: [not_null, {accepted_values: [first_touch, linear]}]
///   opportunity_id: [not_null, {relationships: {to: fct_opportunities, field: opportunity_id}}]
/// expressions:
///   - name: credit_between_0_and_1
///     expect: credit BETWEEN 0 AND 1               # per row: a row fails unless this is true
///   - name: credits_sum_to_1
///     failing_keys: SELECT … AS key FROM … HAVING …  # any query: each key it returns is a failure
/// </code>
/// Each declaration compiles to <see cref="DataTest"/>s, whose SQL returns the keys of the offending rows.
/// </summary>
public sealed class DataTestSuite
{
    private DataTestSuite(IReadOnlyList<DataTest> tests, IReadOnlyDictionary<string, IReadOnlyList<string>> grains) =>
        (Tests, Grains) = (tests, grains);

    public IReadOnlyList<DataTest> Tests { get; }

    /// <summary>Each declared model's grain, in its declared order: the columns that identify a row, and the order in which
    /// the mart is published.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Grains { get; }

    private static readonly Lazy<DataTestSuite> EmbeddedSuite = new(LoadEmbedded);

    /// <summary>The declarations embedded with the SQL models.</summary>
    public static DataTestSuite Embedded => EmbeddedSuite.Value;

    /// <summary>Compiles declarations given as model name → YAML text.</summary>
    public static DataTestSuite Parse(IEnumerable<KeyValuePair<string, string>> declarations)
    {
        var grains = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var tests = declarations.OrderBy(d => d.Key, StringComparer.Ordinal).SelectMany(d => Compile(d.Key, d.Value, grains)).ToArray();
        return new(tests, grains);
    }

    private static DataTestSuite LoadEmbedded()
    {
        var assembly = typeof(DataTestSuite).Assembly;
        var declarations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/", StringComparison.Ordinal) && n.EndsWith(".yml", StringComparison.Ordinal))
            .Select(n => KeyValuePair.Create(Path.GetFileNameWithoutExtension(n), Read(assembly, n)));
        var suite = Parse(declarations);
        var unknown = suite.Tests.Select(t => t.Model).Distinct().Except(ModelCatalog.Ordered.Select(m => m.Name)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"data tests declared for models that do not exist: {string.Join(", ", unknown)}");
        var undeclared = ModelCatalog.Ordered.Where(m => m.Layer == "marts" && !suite.Grains.ContainsKey(m.Name)).Select(m => m.Name).ToList();
        if (undeclared.Count > 0) throw new InvalidOperationException($"marts without a grain in their .yml: {string.Join(", ", undeclared)}");
        return suite;
    }

    private static IEnumerable<DataTest> Compile(string model, string yaml, IDictionary<string, IReadOnlyList<string>> grains)
    {
        Dictionary<string, object?> root;
        try
        {
            root = new DeserializerBuilder().WithDuplicateKeyChecking().Build().Deserialize<Dictionary<string, object?>>(yaml) ?? [];
        }
        catch (YamlException e)
        {
            throw new InvalidOperationException($"{model}.yml:{e.Start.Line}: {e.Message}", e);
        }
        var extra = root.Keys.Except(["grain", "columns", "expressions"]).ToList();
        if (extra.Count > 0) throw Invalid(model, $"unknown key {extra[0]} (expected grain, columns, expressions)");
        var grain = Strings(model, "grain", root.GetValueOrDefault("grain"));
        if (grain.Count == 0) throw Invalid(model, "grain (the columns that identify a row) is required");
        grains[model] = grain;
        var key = string.Join(" || ' | ' || ", grain.Select(c => $"coalesce(CAST({Id(c)} AS VARCHAR), 'NULL')"));

        yield return new(model, $"unique({string.Join(", ", grain)})",
            $"SELECT {key} AS key FROM {Id(model)} GROUP BY ALL HAVING count(*) > 1");

        foreach (var (column, tests) in Mapping(model, "columns", root.GetValueOrDefault("columns")))
        foreach (var test in List(model, $"columns.{column}", tests))
            yield return ColumnTest(model, key, column, test);

        foreach (var item in List(model, "expressions", root.GetValueOrDefault("expressions")))
            yield return ExpressionTest(model, key, item);
    }

    private static DataTest ColumnTest(string model, string key, string column, object? test)
    {
        var where = $"FROM {Id(model)} AS t WHERE t.{Id(column)}";
        if (test is "not_null") return new(model, $"not_null({column})", $"SELECT {key} AS key {where} IS NULL");
        if (test is "unique")
            return new(model, $"unique({column})", $"SELECT CAST({Id(column)} AS VARCHAR) AS key FROM {Id(model)} WHERE {Id(column)} IS NOT NULL GROUP BY ALL HAVING count(*) > 1");
        var (kind, argument) = test is string name ? KeyValuePair.Create(name, (object?)null) : Mapping(model, $"columns.{column}[]", test).SingleOrDefault();
        switch (kind)
        {
            case "accepted_values":
                var values = Strings(model, $"columns.{column}.accepted_values", argument);
                return new(model, $"accepted_values({column})",
                    $"SELECT {key} AS key {where} IS NOT NULL AND CAST(t.{Id(column)} AS VARCHAR) NOT IN ({string.Join(", ", values.Select(Literal))})");
            case "relationships":
                var target = Mapping(model, $"columns.{column}.relationships", argument).ToDictionary(kv => kv.Key, kv => kv.Value as string);
                if (target.GetValueOrDefault("to") is not { } to || target.GetValueOrDefault("field") is not { } field)
                    throw Invalid(model, $"columns.{column}.relationships needs to: and field:");
                return new(model, $"relationships({column} → {to}.{field})",
                    $"SELECT {key} AS key {where} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {Id(to)} AS r WHERE r.{Id(field)} = t.{Id(column)})");
            default:
                throw Invalid(model, $"columns.{column}: unknown test {kind} (expected not_null, unique, accepted_values, relationships)");
        }
    }

    private static DataTest ExpressionTest(string model, string key, object? item)
    {
        var fields = Mapping(model, "expressions[]", item).ToDictionary(kv => kv.Key, kv => kv.Value as string);
        if (fields.GetValueOrDefault("name") is not { Length: > 0 } name) throw Invalid(model, "an expression needs a name");
        if (fields.Keys.Except(["name", "expect", "failing_keys"]).FirstOrDefault() is { } unknown)
            throw Invalid(model, $"expression {name}: unknown key {unknown}");
        return (fields.GetValueOrDefault("expect"), fields.GetValueOrDefault("failing_keys")) switch
        {
            ({ } expect, null) => new(model, name, $"SELECT {key} AS key FROM {Id(model)} WHERE NOT coalesce(({expect.Trim()}), false)"),
            (null, { } failing) => new(model, name, failing.Trim()),
            _ => throw Invalid(model, $"expression {name} needs exactly one of expect, failing_keys"),
        };
    }

    private static IReadOnlyList<KeyValuePair<string, object?>> Mapping(string model, string path, object? node) => node switch
    {
        null => [],
        Dictionary<object, object?> map => map.Select(kv => KeyValuePair.Create((string)kv.Key, kv.Value)).ToList(),
        _ => throw Invalid(model, $"{path} must be a mapping"),
    };

    private static IReadOnlyList<object?> List(string model, string path, object? node) => node switch
    {
        null => [],
        List<object?> list => list,
        _ => throw Invalid(model, $"{path} must be a list"),
    };

    private static IReadOnlyList<string> Strings(string model, string path, object? node) =>
        List(model, path, node).Select(v => v as string ?? throw Invalid(model, $"{path} must list plain values")).ToList();

    private static string Id(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    private static InvalidOperationException Invalid(string model, string message) => new($"{model}.yml: {message}");

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
