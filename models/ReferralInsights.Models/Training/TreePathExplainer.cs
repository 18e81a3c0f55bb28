using System.Numerics;
using Microsoft.ML.Trainers.FastTree;

namespace ReferralInsights.Models.Training;

/// <summary>A FastTree or LightGbm ensemble in flat arrays, scoring a dense <c>Features</c> row and splitting the score
/// over its slots the way ML.NET's feature contribution calculator does for trees: at every split on the row's path,
/// the leaf the row reaches minus the leaf it would reach by going the other way there (a categorical split credits
/// the level that sent the row right and debits the others, or credits every level when none did). ML.NET re-walks
/// the tree from every split and scans a categorical split's levels; here the path is walked once, each node off it
/// only to find the other branch's leaf, with the nodes packed together, and a categorical split is tested with one
/// AND of its levels' bitmask against the row's non-zero slots.
/// Contributions go to groups of slots (<see cref="Group"/>: a source column's slots, or each slot on its own), so a
/// categorical split costs one addition per group its levels fall in, not one per level.
/// The score is ML.NET's (the leaf outputs summed in tree order, no bias or weights, as a float); the contributions
/// are summed in double where ML.NET sums floats, so the two agree to about 1e-6.</summary>
internal sealed class TreePathExplainer
{
    private readonly Tree[] _trees;
    private readonly int _slotsRead;

    public TreePathExplainer(RegressionTreeEnsemble ensemble)
    {
        _trees = ensemble.Trees.Select(Tree.From).ToArray();
        _slotsRead = _trees.Length == 0 ? 0 : _trees.Max(t => t.HighestSlot) + 1;
        ScratchLength = 2 * Math.Max(1, _trees.Length == 0 ? 0 : _trees.Max(t => t.Nodes));
    }

    /// <summary>The length of the scratch span <see cref="Explain"/> needs (one per thread).</summary>
    public int ScratchLength { get; }

    /// <summary>The words of the row mask <see cref="Explain"/> needs for a row of <paramref name="slots"/> slots (one per thread).</summary>
    public static int MaskLength(int slots) => (slots + 63) / 64;

    /// <summary>Where each split's contribution goes when slot <c>k</c> counts towards group <c>groupOfSlot[k]</c>.</summary>
    public SlotGroups Group(int[] groupOfSlot)
    {
        if (groupOfSlot.Length < _slotsRead)
            throw new ArgumentException($"the trees split on {_slotsRead} Features slots, the grouping has {groupOfSlot.Length}", nameof(groupOfSlot));
        return new SlotGroups(groupOfSlot, _trees.Select(t => t.Group(groupOfSlot)).ToArray());
    }

    /// <summary>The raw score of <paramref name="features"/>; adds each group's contribution to <paramref name="contributions"/>.</summary>
    public float Explain(ReadOnlySpan<float> features, Span<double> contributions, SlotGroups groups, Span<int> scratch, Span<ulong> rowMask)
    {
        rowMask = MaskOf(features, rowMask);
        var output = 0.0;
        for (var t = 0; t < _trees.Length; t++)
            output += _trees[t].Explain(features, rowMask, contributions, groups.OfSlot, groups.Trees[t], scratch);
        return (float)output;
    }

    /// <summary>The raw score of <paramref name="features"/> alone, as <see cref="Explain"/> gives it.</summary>
    public float Score(ReadOnlySpan<float> features, Span<ulong> rowMask)
    {
        rowMask = MaskOf(features, rowMask);
        var output = 0.0;
        foreach (var tree in _trees) output += tree.Score(features, rowMask);
        return (float)output;
    }

    // The row's non-zero slots as bits, which a categorical split tests against its levels.
    private Span<ulong> MaskOf(ReadOnlySpan<float> features, Span<ulong> rowMask)
    {
        if (features.Length < _slotsRead)
            throw new ArgumentException($"the trees split on {_slotsRead} Features slots, the row has {features.Length}", nameof(features));
        rowMask = rowMask[..MaskLength(features.Length)];
        rowMask.Clear();
        for (var k = 0; k < features.Length; k++)
        {
            if (float.IsNaN(features[k]))
                throw new InvalidDataException($"Features slot {k} is NaN: the featurizer replaces missing values, so the row did not come through it");
            if (features[k] > 0f) rowMask[k >> 6] |= 1UL << (k & 63);
        }
        return rowMask;
    }

    /// <summary>A grouping of the slots as each tree's splits use it: a numeric split's group, and per categorical split
    /// the groups its levels fall in with how many levels in each.</summary>
    internal sealed class SlotGroups(int[] ofSlot, TreeGroups[] trees)
    {
        public int[] OfSlot { get; } = ofSlot;
        public TreeGroups[] Trees { get; } = trees;
    }

    internal sealed record TreeGroups(int[] NumericGroup, int[]?[] LevelGroups, int[]?[] LevelCounts);

    private sealed class Tree
    {
        // A node's children: ≥ 0 an internal node, < 0 the leaf ~child. Categorical is -1 for a numeric split, else the
        // index of its levels: their slots in _levels (in ML.NET's order: the first one set is the level that sent the row
        // right) and their bitmask, words _maskOffset[c]… of _maskWords matching the row's words from _maskStart[c].
        private struct Node
        {
            public int Left, Right, Feature, Categorical;
            public float Threshold;
        }

        private readonly Node[] _nodes;
        private readonly int[][] _levels;
        private readonly int[] _maskStart, _maskOffset, _maskLength;
        private readonly ulong[] _maskWords;
        private readonly double[] _leaves;

        private Tree(Node[] nodes, int[][] levels, double[] leaves)
        {
            (_nodes, _levels, _leaves) = (nodes, levels, leaves);
            _maskStart = new int[levels.Length];
            _maskOffset = new int[levels.Length];
            _maskLength = new int[levels.Length];
            var words = new List<ulong>();
            for (var c = 0; c < levels.Length; c++)
            {
                var first = levels[c].Min() >> 6;
                var length = (levels[c].Max() >> 6) - first + 1;
                (_maskStart[c], _maskOffset[c], _maskLength[c]) = (first, words.Count, length);
                var mask = new ulong[length];
                foreach (var slot in levels[c]) mask[(slot >> 6) - first] |= 1UL << (slot & 63);
                words.AddRange(mask);
            }
            _maskWords = words.ToArray();
        }

        public int Nodes => _nodes.Length;

        // ML.NET's test for a tree without a root split (it then outputs leaf 0 and contributes nothing).
        private bool HasSplit => _nodes.Length > 0 && _nodes[0].Left != 0;

        /// <summary>The highest Features slot a split reads (-1 without splits).</summary>
        public int HighestSlot => !HasSplit ? -1
            : _nodes.Max(n => n.Categorical >= 0 ? _levels[n.Categorical].Max() : n.Feature);

        public static Tree From(RegressionTree tree)
        {
            var levels = new List<int[]>();
            var nodes = new Node[tree.NumberOfNodes];
            for (var n = 0; n < nodes.Length; n++)
            {
                nodes[n] = new Node
                {
                    Left = tree.LeftChild[n], Right = tree.RightChild[n], Feature = tree.NumericalSplitFeatureIndexes[n],
                    Threshold = tree.NumericalSplitThresholds[n], Categorical = -1,
                };
                if (tree.CategoricalSplitFlags[n])
                {
                    var slots = tree.GetCategoricalSplitFeaturesAt(n).ToArray();
                    if (slots.Length == 0 || slots.Min() < 0) throw new InvalidDataException("a categorical split reads no Features slot");
                    nodes[n].Categorical = levels.Count;
                    levels.Add(slots);
                }
                else if (nodes[n].Feature < 0) throw new InvalidDataException("a split reads no Features slot");
            }
            return new Tree(nodes, levels.ToArray(), tree.LeafValues.ToArray());
        }

        public TreeGroups Group(int[] groupOfSlot)
        {
            var numeric = new int[Nodes];
            var levelGroups = new int[]?[Nodes];
            var levelCounts = new int[]?[Nodes];
            for (var node = 0; node < Nodes; node++)
            {
                if (_nodes[node].Categorical < 0)
                {
                    numeric[node] = groupOfSlot[_nodes[node].Feature];
                    continue;
                }
                var counts = _levels[_nodes[node].Categorical].GroupBy(slot => groupOfSlot[slot]).OrderBy(g => g.Key).ToArray();
                levelGroups[node] = counts.Select(g => g.Key).ToArray();
                levelCounts[node] = counts.Select(g => g.Count()).ToArray();
            }
            return new TreeGroups(numeric, levelGroups, levelCounts);
        }

        /// <summary>Walks the row's path, then from each node on it down the other branch to the leaf the row would have
        /// reached there: the path's length plus the other branches' depths, not every node of the tree.</summary>
        public double Explain(ReadOnlySpan<float> x, ReadOnlySpan<ulong> rowMask, Span<double> contributions, int[] groupOfSlot,
            TreeGroups groups, Span<int> scratch)
        {
            if (!HasSplit) return _leaves[0];
            var path = scratch[..Nodes];
            var level = scratch.Slice(Nodes, Nodes);
            var steps = 0;
            var at = 0;
            while (at >= 0)
            {
                path[steps] = at;
                at = GoesRight(at, x, rowMask, out level[steps]) ? _nodes[at].Right : _nodes[at].Left;
                steps++;
            }
            var output = _leaves[~at];
            for (var i = 0; i < steps; i++)
            {
                var node = path[i];
                var next = i + 1 < steps ? path[i + 1] : at;
                var other = next == _nodes[node].Left ? _nodes[node].Right : _nodes[node].Left;
                while (other >= 0) other = GoesRight(other, x, rowMask, out _) ? _nodes[other].Right : _nodes[other].Left;
                var delta = (double)(float)(output - _leaves[~other]);
                if (groups.LevelGroups[node] is not { } levelGroups)
                {
                    contributions[groups.NumericGroup[node]] += delta;
                    continue;
                }
                // every level −delta and the matched one +delta, i.e. −delta on all and +2·delta on it; +delta on all when none matched
                var perLevel = level[i] < 0 ? delta : -delta;
                var counts = groups.LevelCounts[node]!;
                for (var g = 0; g < levelGroups.Length; g++) contributions[levelGroups[g]] += counts[g] * perLevel;
                if (level[i] >= 0) contributions[groupOfSlot[level[i]]] += 2 * delta;
            }
            return output;
        }

        public double Score(ReadOnlySpan<float> x, ReadOnlySpan<ulong> rowMask)
        {
            if (!HasSplit) return _leaves[0];
            var at = 0;
            while (at >= 0) at = GoesRight(at, x, rowMask, out _) ? _nodes[at].Right : _nodes[at].Left;
            return _leaves[~at];
        }

        // A categorical node sends the row right when one of its levels is set; the level that did is the first set one in
        // ML.NET's order, which only needs looking up when more than one is set.
        private bool GoesRight(int node, ReadOnlySpan<float> x, ReadOnlySpan<ulong> rowMask, out int level)
        {
            level = -1;
            var n = _nodes[node];
            if (n.Categorical < 0) return !(x[n.Feature] <= n.Threshold);
            var c = n.Categorical;
            var (start, offset, length) = (_maskStart[c], _maskOffset[c], _maskLength[c]);
            var set = 0;
            for (var w = 0; w < length && start + w < rowMask.Length; w++)
            {
                var bits = _maskWords[offset + w] & rowMask[start + w];
                if (bits == 0) continue;
                set += BitOperations.PopCount(bits);
                level = ((start + w) << 6) + BitOperations.TrailingZeroCount(bits);
            }
            if (set > 1)
                foreach (var slot in _levels[c])
                    if (x[slot] > 0f) { level = slot; break; }
            return set > 0;
        }
    }
}
