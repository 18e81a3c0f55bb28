using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace ReferralInsights.Config;

/// <summary>Reads pipeline.yaml into <see cref="PipelineConfig"/> and validates it. Any problem throws
/// <see cref="ConfigException"/> naming the file, the line and the dotted key.</summary>
/// <remarks>
/// Steps: <see cref="YamlPositions"/> reads the document's events (syntax errors, duplicate keys, and
/// the position of every path); YamlDotNet deserializes it (unknown keys, wrong types, mapped back to
/// a path through the positions); <see cref="ConfigValidator"/> checks the values.
/// A key given with no value (<c>output:</c>) reads as an empty section, list or mapping; a scalar
/// key with no value is an error unless its option is nullable (e.g. <c>rewards.caps.per_deal</c>).
/// </remarks>
public static class ConfigLoader
{
    private const string ValueRequired = "a value is required (leave the key out to keep the default)";

    public static LoadedConfig Load(string path)
    {
        var (fullPath, bytes, text) = Read(path);
        var parsed = Parse(text, path);
        var located = new LoadedConfig(parsed, fullPath, Path.GetDirectoryName(fullPath)!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return located with
        {
            Config = parsed with
            {
                ReviewDecisions = LoadReviewDecisions(located.ResolvePath(parsed.Compliance.ReviewDecisions)),
                Engine = parsed.Engine.TempDirectory is { } temp ? parsed.Engine with { TempDirectory = located.ResolvePath(temp) } : parsed.Engine,
            },
        };
    }

    /// <summary>Reads a reward what-if candidate: a file holding only a <c>rewards:</c> section, in pipeline.yaml's schema
    /// and checked by the same rules (errors <c>file:line:col: key: problem</c>).</summary>
    public static RewardsOptions LoadRewardsCandidate(string path)
    {
        var (_, _, text) = Read(path);
        var positions = YamlPositions.Read(text, path);
        var others = positions.Nodes.Where(n => n.Segments.Count == 1 && n.Path != "rewards")
            .Select(n => new ConfigError(path, (int)n.Key.Line, (int)n.Key.Column, n.Path,
                "a rewards candidate holds only a rewards: section (the rest comes from pipeline.yaml)"))
            .OrderBy(e => e.Line).ToList();
        if (others.Count > 0) throw new ConfigException(others);
        if (!positions.Contains("rewards")) throw new ConfigException(new ConfigError(path, 0, 0, "rewards", "a rewards candidate needs a rewards: section"));
        var rewards = Parse(text, path).Rewards;
        if (!positions.Contains("rewards.tiers"))
            throw new ConfigException(At(positions, path, "rewards.tiers", "a rewards candidate lists its tiers (lowest first), even unchanged ones"));
        return rewards;
    }

    private static (string FullPath, byte[] Bytes, string Text) Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath;
        byte[] bytes;
        try
        {
            fullPath = Path.GetFullPath(path);
            if (Directory.Exists(fullPath)) throw FileError(path, $"is a folder, not a configuration file ({fullPath})");
            if (!File.Exists(fullPath)) throw FileError(path, $"configuration file not found ({fullPath})");
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw FileError(path, $"configuration file cannot be read: {e.Message}");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw FileError(path, "configuration file is not UTF-8 text");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return (fullPath, bytes, text);
    }

    /// <summary>Parses and validates YAML text; <paramref name="fileNameForErrors"/> only names the file in errors.</summary>
    public static PipelineConfig Parse(string yaml, string fileNameForErrors)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var positions = YamlPositions.Read(yaml, fileNameForErrors);
        var config = ReadDocument<PipelineConfig>(yaml, fileNameForErrors, positions, ConfigValidator.Validate);

        // rules.md: "the program currency = 1". Without an fx section the default table (USD) would
        // be about the wrong currency, so it becomes just the program currency.
        if (!positions.Contains("fx")) return config with { Fx = new() { [config.Program.Currency] = 1m } };
        config.Fx.TryAdd(config.Program.Currency, 1m);
        return config;
    }

    /// <summary>The review decisions file (<c>compliance.review_decisions</c>, <see cref="ReviewDecisionsFile"/>): none when
    /// the file does not exist yet; a file that cannot be used throws <see cref="ConfigException"/> naming its line and key.</summary>
    public static IReadOnlyList<ReviewDecision> LoadReviewDecisions(string path)
    {
        if (!File.Exists(path)) return [];
        var (_, _, text) = Read(path);
        var positions = YamlPositions.Read(text, path);
        return ReadDocument<ReviewDecisionsFile>(text, path, positions, (file, _) => file.Problems()).Reviews;
    }

    /// <summary>Deserializes a document whose positions were read, then checks it with <paramref name="validate"/>; every
    /// problem throws, located at its key.</summary>
    private static T ReadDocument<T>(string yaml, string file, YamlPositions positions,
        Func<T, Func<string, bool>, IEnumerable<(string Key, string Problem)>> validate) where T : class, new()
    {
        T document;
        try
        {
            document = CreateDeserializer().Deserialize<T?>(yaml) ?? new T();
        }
        catch (YamlException e)
        {
            throw new ConfigException(DescribeReadError(e, positions, file, typeof(T)));
        }

        var missing = ConfigSchema.MissingValues(document, "").Select(key => (key, ValueRequired)).ToList();
        var problems = missing.Count > 0 ? missing : validate(document, positions.Contains);
        var errors = problems
            .Select(error => At(positions, file, error.Key, error.Problem))
            .OrderBy(error => error.Line).ThenBy(error => error.Column)
            .ToList();
        if (errors.Count > 0) throw new ConfigException(errors);
        return document;
    }

    private static IDeserializer CreateDeserializer() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .WithNodeDeserializer(new EmptyValueNodeDeserializer(), s => s.Before<NullNodeDeserializer>())
        .Build();

    private static ConfigError At(YamlPositions positions, string file, string key, string problem)
    {
        var node = positions.FindNearest(key);
        return node is null
            ? new ConfigError(file, 0, 0, key, problem)
            : new ConfigError(file, (int)node.Key.Line, (int)node.Key.Column, key, problem);
    }

    private static ConfigError DescribeReadError(YamlException e, YamlPositions positions, string file, Type root)
    {
        if (e.Message.StartsWith("Property '", StringComparison.Ordinal) && e.Message.Contains("not found on type", StringComparison.Ordinal)
            && positions.KeyAt(e.Start) is { } unknown)
        {
            var section = ConfigSchema.TypeAt(root, unknown.Segments.Take(unknown.Segments.Count - 1));
            var expected = section is null ? "" : $"; expected one of: {string.Join(", ", ConfigSchema.KeysOf(section))}";
            return Error(unknown, $"unknown key{expected}");
        }

        var inner = e;
        while (inner.InnerException is YamlException deeper) inner = deeper;
        var node = positions.ValueAt(inner.Start);
        if (node is null)
            return new ConfigError(file, (int)e.Start.Line, (int)e.Start.Column, "", (e.InnerException ?? e).Message);
        if (inner is EmptyValueException) return Error(node, ValueRequired);

        var type = ConfigSchema.TypeAt(root, node.Segments);
        var got = node.Kind switch
        {
            YamlPositions.NodeKind.Scalar => $"'{node.Value}'",
            YamlPositions.NodeKind.Mapping => "a mapping",
            YamlPositions.NodeKind.Sequence => "a list",
            YamlPositions.NodeKind.Null => "nothing",
            _ => "an alias",
        };
        var problem = type is null ? $"cannot read {got}: {(inner.InnerException ?? inner).Message}" : $"expected {ConfigSchema.Describe(type)}, got {got}";
        if (inner.InnerException is OverflowException) problem += " (out of range)";
        return Error(node, problem);

        ConfigError Error(YamlPositions.Node at, string problem) =>
            new(file, (int)at.Key.Line, (int)at.Key.Column, at.Path, problem);
    }

    private static ConfigException FileError(string path, string problem) =>
        new(new ConfigError(path, 0, 0, "", problem));

    /// <summary>A null scalar (<c>key:</c>, <c>~</c>) read as a section, list or mapping gives an empty
    /// one; read as a non-nullable number or boolean it is an error. Strings are left to
    /// <see cref="ConfigSchema.MissingValues"/>, which knows their nullability.</summary>
    private sealed class EmptyValueNodeDeserializer : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer,
            out object? value, ObjectDeserializer rootDeserializer)
        {
            value = null;
            if (!reader.Accept<Scalar>(out var scalar) || !YamlPositions.IsNull(scalar)) return false;
            if (Nullable.GetUnderlyingType(expectedType) is not null || expectedType == typeof(string) || expectedType == typeof(object))
                return false;
            if (expectedType.IsValueType) throw new EmptyValueException(scalar.Start, scalar.End);
            if (expectedType.IsAbstract || expectedType.GetConstructor(Type.EmptyTypes) is null) return false;
            reader.MoveNext();
            value = Activator.CreateInstance(expectedType);
            return true;
        }
    }

    private sealed class EmptyValueException(Mark start, Mark end) : YamlException(start, end, ValueRequired);
}
