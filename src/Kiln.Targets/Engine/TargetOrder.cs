namespace Kiln.Targets.Engine;

/// <summary>
/// Puts a build's targets in lifecycle order: the order <c>--help</c> lists them in and the one a run follows where the
/// ordering relations leave a choice.
/// </summary>
/// <remarks>
/// It is a topological order of every ordering relation (DependsOn, After, Before, Triggers, TriggeredBy). Each step takes,
/// among the targets whose predecessors are all placed, the earliest in the lifecycle:
/// <list type="number">
/// <item>targets on a DependsOn chain before standalone ones (no DependsOn either way, such as Models or Workflows);</item>
/// <item>the lower stage: the length of the longest DependsOn chain below the target (Features 0, Train 1, Evaluate 2);</item>
/// <item>the longer chain above it: the main line before a branch off it (Evaluate before Predict, both on Train);</item>
/// <item>declaration order: the build's files in the order of the first stage each declares, then the line.</item>
/// </list>
/// A target that must run before another (Clean.Before(Features)) is placed as early as the earliest target it precedes.
/// Declaration positions come from the compiler (<c>[CallerFilePath]</c>, <c>[CallerLineNumber]</c> of Description and
/// Executes), because reflection does not promise to return members in declaration order.
/// </remarks>
internal static class TargetOrder
{
    /// <summary>Returns the targets in lifecycle order; targets caught in a cycle follow in declaration order (the plan reports the cycle).</summary>
    /// <param name="nodes">The targets with their relations resolved, in any order.</param>
    public static IReadOnlyList<TargetNode> Sort(IReadOnlyList<TargetNode> nodes)
    {
        var successors = nodes.ToDictionary(n => n, _ => new List<TargetNode>());
        var dependents = nodes.ToDictionary(n => n, _ => new List<TargetNode>());
        foreach (var node in nodes)
        {
            foreach (var predecessor in node.Predecessors.Distinct())
            {
                successors[predecessor].Add(node);
            }

            foreach (var dependency in node.Dependencies.Distinct())
            {
                dependents[dependency].Add(node);
            }
        }

        var stage = Longest(nodes, n => n.Dependencies);
        var height = Longest(nodes, n => dependents[n]);
        var fileRank = RankFiles(nodes, n => IsStandalone(n, dependents) ? null : stage[n]);
        var key = nodes.ToDictionary(n => n, n => new Key(
            IsStandalone(n, dependents) ? 1 : 0, stage[n], -height[n],
            n.Definition.DeclaringFile is { } file ? fileRank[file] : int.MaxValue,
            n.Definition.DeclaringFile is null ? int.MaxValue : n.Definition.DeclaringLine,
            n.Index));
        var urgency = Urgency(nodes, key, successors);

        var placed = new HashSet<TargetNode>();
        var ordered = new List<TargetNode>(nodes.Count);
        while (ordered.Count < nodes.Count)
        {
            var next = nodes
                .Where(n => !placed.Contains(n) && n.Predecessors.All(placed.Contains))
                .OrderBy(n => urgency[n]).ThenBy(n => key[n])
                .FirstOrDefault();
            if (next is null)
            {
                ordered.AddRange(nodes.Where(n => !placed.Contains(n)).OrderBy(n => key[n].Declaration));
                break;
            }

            placed.Add(next);
            ordered.Add(next);
        }

        return ordered;
    }

    private static bool IsStandalone(TargetNode node, Dictionary<TargetNode, List<TargetNode>> dependents) =>
        node.Dependencies.Count == 0 && dependents[node].Count == 0;

    // The length of the longest chain through next(); an edge back into the chain (a cycle) counts for nothing.
    private static Dictionary<TargetNode, int> Longest(IReadOnlyList<TargetNode> nodes, Func<TargetNode, IEnumerable<TargetNode>> next)
    {
        var length = new Dictionary<TargetNode, int>();
        var visiting = new HashSet<TargetNode>();
        int Measure(TargetNode node)
        {
            if (length.TryGetValue(node, out var known))
            {
                return known;
            }

            if (!visiting.Add(node))
            {
                return -1;
            }

            var result = next(node).Select(n => Measure(n) + 1).DefaultIfEmpty(0).Max();
            visiting.Remove(node);
            return length[node] = Math.Max(result, 0);
        }

        foreach (var node in nodes)
        {
            Measure(node);
        }

        return length;
    }

    // A build's partial files are its concerns; each ranks by the first lifecycle stage it declares, then by name.
    private static Dictionary<string, int> RankFiles(IReadOnlyList<TargetNode> nodes, Func<TargetNode, int?> lifecycleStage) =>
        nodes.Where(n => n.Definition.DeclaringFile is not null)
            .GroupBy(n => n.Definition.DeclaringFile!, StringComparer.Ordinal)
            .OrderBy(file => file.Min(n => lifecycleStage(n) ?? int.MaxValue))
            .ThenBy(file => file.Key, StringComparer.Ordinal)
            .Select((file, rank) => (file.Key, rank))
            .ToDictionary(f => f.Key, f => f.rank, StringComparer.Ordinal);

    // A target is as urgent as the most urgent target it has to precede, so it is placed just before that one.
    private static Dictionary<TargetNode, Key> Urgency(IReadOnlyList<TargetNode> nodes, Dictionary<TargetNode, Key> key, Dictionary<TargetNode, List<TargetNode>> successors)
    {
        var urgency = new Dictionary<TargetNode, Key>(key);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in nodes)
            {
                foreach (var successor in successors[node])
                {
                    if (urgency[successor].CompareTo(urgency[node]) < 0)
                    {
                        urgency[node] = urgency[successor];
                        changed = true;
                    }
                }
            }
        }

        return urgency;
    }

    private readonly record struct Key(int Group, int Stage, int NegativeHeight, int FileRank, int Line, int Reflected) : IComparable<Key>
    {
        public (int FileRank, int Line, int Reflected) Declaration => (FileRank, Line, Reflected);

        public int CompareTo(Key other) =>
            (Group, Stage, NegativeHeight, FileRank, Line, Reflected).CompareTo((other.Group, other.Stage, other.NegativeHeight, other.FileRank, other.Line, other.Reflected));
    }
}
