using Kiln.Targets.Text;

namespace Kiln.Targets.Engine;

/// <summary>The ordered targets of one run with their inclusion and static skip reasons.</summary>
internal sealed class ExecutionPlan
{
    private ExecutionPlan(IReadOnlyList<PlannedTarget> targets, IReadOnlyList<TargetNode> requested)
    {
        Targets = targets;
        Requested = requested;
    }

    public IReadOnlyList<PlannedTarget> Targets { get; }

    public IReadOnlyList<TargetNode> Requested { get; }

    public PlannedTarget? Find(TargetNode node) => Targets.FirstOrDefault(t => t.Node == node);

    /// <summary>Includes dependencies and triggered targets, applies --skip and OnlyWhenStatic, and orders topologically (lifecycle order breaks ties).</summary>
    public static ExecutionPlan Create(IReadOnlyList<TargetNode> requested, IReadOnlyList<TargetNode>? skip)
    {
        var included = new Dictionary<TargetNode, PlannedTarget>();
        var queue = new Queue<TargetNode>();
        foreach (var node in requested)
        {
            if (included.TryAdd(node, new PlannedTarget(node, "requested")))
            {
                queue.Enqueue(node);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var dependency in node.Dependencies)
            {
                if (included.TryAdd(dependency, new PlannedTarget(dependency, $"dependency of {node.Name}") { IncludedBy = node }))
                {
                    queue.Enqueue(dependency);
                }
            }

            foreach (var triggered in node.Triggered)
            {
                if (included.TryAdd(triggered, new PlannedTarget(triggered, $"triggered by {node.Name}") { IncludedBy = node }))
                {
                    queue.Enqueue(triggered);
                }
            }
        }

        var ordered = Order(included.Keys);
        foreach (var planned in included.Values)
        {
            if (skip is not null && (skip.Count == 0 ? !requested.Contains(planned.Node) : skip.Contains(planned.Node)))
            {
                planned.SkipReason = "--skip";
            }
        }

        foreach (var node in ordered)
        {
            var planned = included[node];
            if (planned.SkipReason is null && Conditions.FirstFalse(node, node.Definition.StaticConditions, "OnlyWhenStatic") is { } condition)
            {
                planned.SkipReason = condition;
            }
        }

        PruneUnneeded(requested, included);
        return new ExecutionPlan([.. ordered.Select(n => included[n])], requested);
    }

    // A statically skipped target does not pull in its dependencies or triggers: what nothing else needs is skipped too.
    private static void PruneUnneeded(IReadOnlyList<TargetNode> requested, Dictionary<TargetNode, PlannedTarget> included)
    {
        var needed = new HashSet<TargetNode>();
        var stack = new Stack<TargetNode>(requested);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!needed.Add(node) || (included[node].SkipReason is { } reason && reason != "--skip"))
            {
                continue;
            }

            foreach (var next in node.Dependencies.Concat(node.Triggered))
            {
                stack.Push(next);
            }
        }

        foreach (var planned in included.Values.Where(p => !needed.Contains(p.Node) && p.SkipReason is null))
        {
            planned.SkipReason = $"only needed by skipped {planned.IncludedBy?.Name}";
        }
    }

    private static List<TargetNode> Order(IEnumerable<TargetNode> nodes)
    {
        var remaining = new HashSet<TargetNode>(nodes);
        var ordered = new List<TargetNode>(remaining.Count);
        while (remaining.Count > 0)
        {
            TargetNode? next = null;
            foreach (var node in remaining)
            {
                if ((next is null || node.Index < next.Index) && !node.Predecessors.Any(remaining.Contains))
                {
                    next = node;
                }
            }

            if (next is null)
            {
                throw new BuildError($"Dependency cycle: {DescribeCycle(remaining)}");
            }

            remaining.Remove(next);
            ordered.Add(next);
        }

        return ordered;
    }

    private static string DescribeCycle(HashSet<TargetNode> remaining)
    {
        // Every remaining node waits on another remaining one, so walking predecessors must revisit a node: that loop is the cycle.
        var path = new List<TargetNode>();
        var node = remaining.MinBy(n => n.Index)!;
        while (!path.Contains(node))
        {
            path.Add(node);
            node = node.Predecessors.Where(remaining.Contains).MinBy(n => n.Index)!;
        }

        var cycle = path.Skip(path.IndexOf(node)).Append(node);
        return string.Join(" -> ", cycle.Select(n => n.Name));
    }
}
