using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ReferralInsights.Config;

/// <summary>Where every key and value of a YAML document sits, by dotted path
/// (<c>rewards.tiers[1].commission_rate</c>). Built from the parser's events, so syntax errors and
/// duplicate keys are reported with the path being read and the line of the offending key.</summary>
internal sealed class YamlPositions
{
    internal enum NodeKind { Scalar, Null, Mapping, Sequence, Alias }

    /// <param name="Segments">The path as property names / dictionary keys (string) and list indexes (int).</param>
    /// <param name="Key">The key's start (for a list item: the item's start).</param>
    /// <param name="Start">The value's start.</param>
    /// <param name="End">The value's end.</param>
    internal sealed record Node(
        string Path, IReadOnlyList<object> Segments, Mark Key, Mark Start, Mark End, NodeKind Kind, string? Value);

    private readonly Dictionary<string, Node> _byPath = new(StringComparer.Ordinal);

    private YamlPositions() { }

    public IEnumerable<Node> Nodes => _byPath.Values;

    public bool Contains(string path) => _byPath.ContainsKey(path);

    /// <summary>The node at <paramref name="path"/>, else its nearest ancestor in the file, else null.</summary>
    public Node? FindNearest(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (_byPath.TryGetValue(p, out var node)) return node;
            if (p.Length == 0) return null;
        }
    }

    /// <summary>The deepest node whose key starts at <paramref name="mark"/>.</summary>
    public Node? KeyAt(Mark mark) =>
        Deepest(_byPath.Values.Where(n => n.Key.Index == mark.Index && n.Segments.Count > 0));

    /// <summary>The deepest node whose value starts at <paramref name="mark"/>, else the deepest that contains it.</summary>
    public Node? ValueAt(Mark mark) =>
        Deepest(_byPath.Values.Where(n => n.Start.Index == mark.Index))
        ?? Deepest(_byPath.Values.Where(n => n.Start.Index <= mark.Index && mark.Index < n.End.Index));

    private static Node? Deepest(IEnumerable<Node> nodes) => nodes.MaxBy(n => n.Segments.Count);

    public static string Join(string parent, object segment) => segment switch
    {
        int index => $"{parent}[{index}]",
        _ when parent.Length == 0 => (string)segment,
        _ => $"{parent}.{segment}",
    };

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? "" : path[..cut];
    }

    /// <summary>An untagged plain <c>~</c>, <c>null</c> or nothing at all: YAML's null.</summary>
    public static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Reads the positions of <paramref name="yaml"/>; throws <see cref="ConfigException"/> on a
    /// syntax error, a duplicate key, a non-scalar key or a second document.</summary>
    public static YamlPositions Read(string yaml, string file)
    {
        var positions = new YamlPositions();
        var reader = new Reader(new Parser(new StringReader(yaml)), positions, file);
        try
        {
            reader.ReadStream();
        }
        catch (YamlException e)
        {
            throw new ConfigException(new ConfigError(
                file, (int)e.Start.Line, (int)e.Start.Column, reader.CurrentPath, $"not valid YAML: {e.Message}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some unterminated flow collections ("[a,\nb: c").
            throw new ConfigException(new ConfigError(file, (int)reader.LastSeen.Line, (int)reader.LastSeen.Column,
                reader.CurrentPath, "not valid YAML after this point; check for an unclosed bracket or quote"));
        }
        return positions;
    }

    private sealed class Reader(IParser parser, YamlPositions positions, string file)
    {
        public string CurrentPath { get; private set; } = "";

        /// <summary>Start of the last event looked at: where to point when the parser fails without a position.</summary>
        public Mark LastSeen { get; private set; } = Mark.Empty;

        public void ReadStream()
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<DocumentStart>(out _))
            {
                ReadNode([], "", "", parser.Current!.Start);
                parser.Consume<DocumentEnd>();
                if (parser.Accept<DocumentStart>(out var second))
                    throw Error(second.Start, "", "the file must hold a single YAML document");
            }
            parser.Consume<StreamEnd>();
        }

        /// <param name="parentPath">Reported for errors once this node is read and the parser looks past it.</param>
        private void ReadNode(IReadOnlyList<object> segments, string path, string parentPath, Mark key)
        {
            CurrentPath = path;
            LastSeen = parser.Current?.Start ?? LastSeen;
            switch (parser.Current)
            {
                case Scalar scalar:
                    CurrentPath = parentPath;
                    parser.MoveNext();
                    Add(segments, path, key, scalar.Start, scalar.End,
                        IsNull(scalar) ? NodeKind.Null : NodeKind.Scalar, scalar.Value);
                    break;
                case AnchorAlias alias:
                    CurrentPath = parentPath;
                    parser.MoveNext();
                    Add(segments, path, key, alias.Start, alias.End, NodeKind.Alias, null);
                    break;
                case MappingStart mapping:
                    parser.MoveNext();
                    var seen = new Dictionary<string, Mark>(StringComparer.Ordinal);
                    while (!parser.Accept<MappingEnd>(out _))
                    {
                        if (parser.Current is not Scalar name)
                            throw Error(parser.Current!.Start, path, "a key must be a plain name");
                        var childPath = Join(path, name.Value);
                        CurrentPath = childPath;
                        LastSeen = name.Start;
                        parser.MoveNext();
                        if (seen.TryGetValue(name.Value, out var first))
                            throw Error(name.Start, childPath, $"duplicate key (first given on line {first.Line})");
                        seen.Add(name.Value, name.Start);
                        ReadNode([.. segments, name.Value], childPath, path, name.Start);
                    }
                    CurrentPath = parentPath;
                    var mappingEnd = parser.Consume<MappingEnd>();
                    Add(segments, path, key, mapping.Start, mappingEnd.End, NodeKind.Mapping, null);
                    break;
                case SequenceStart sequence:
                    parser.MoveNext();
                    for (var i = 0; !parser.Accept<SequenceEnd>(out _); i++)
                    {
                        ReadNode([.. segments, i], Join(path, i), path, parser.Current!.Start);
                    }
                    CurrentPath = parentPath;
                    var sequenceEnd = parser.Consume<SequenceEnd>();
                    Add(segments, path, key, sequence.Start, sequenceEnd.End, NodeKind.Sequence, null);
                    break;
                default:
                    throw Error(parser.Current?.Start ?? Mark.Empty, path, "unexpected YAML content");
            }
        }

        private void Add(IReadOnlyList<object> segments, string path, Mark key, Mark start, Mark end, NodeKind kind, string? value) =>
            positions._byPath[path] = new Node(path, segments, key, start, end, kind, value);

        private ConfigException Error(Mark at, string path, string problem) =>
            new(new ConfigError(file, (int)at.Line, (int)at.Column, path, problem));
    }
}
