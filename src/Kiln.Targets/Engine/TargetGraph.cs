using System.Reflection;

namespace Kiln.Targets.Engine;

/// <summary>The targets of a build in lifecycle order, each property evaluated once, with references resolved by delegate equality.</summary>
internal sealed class TargetGraph
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private TargetGraph(IReadOnlyList<TargetNode> targets) => Targets = targets;

    public IReadOnlyList<TargetNode> Targets { get; }

    public TargetNode? Find(string name) =>
        Targets.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static TargetGraph Create(KilnBuild build)
    {
        var types = new List<Type>();
        for (var type = build.GetType(); type is not null && type != typeof(KilnBuild); type = type.BaseType)
        {
            types.Insert(0, type);
        }

        var delegates = new List<(string Name, Target Target)>();
        foreach (var property in types.SelectMany(t => t.GetProperties(Members)).Where(p => p.PropertyType == typeof(Target) && p.GetIndexParameters().Length == 0))
        {
            var target = (Target?)property.GetValue(build) ?? throw new BuildError($"Target {property.Name} returns null");
            delegates.Add((property.Name, target));
        }

        var byDelegate = new Dictionary<Target, TargetNode>();
        var nodes = new List<TargetNode>();
        foreach (var (name, target) in delegates)
        {
            var definition = new TargetDefinition();
            if (target(definition) is not TargetDefinition)
            {
                throw new BuildError($"Target {name} must return the definition it was given");
            }

            var node = new TargetNode(name, nodes.Count, definition);
            if (!byDelegate.TryAdd(target, node))
            {
                throw new BuildError($"Targets {byDelegate[target].Name} and {name} are the same target; declare each with its own lambda");
            }

            nodes.Add(node);
        }

        foreach (var node in nodes)
        {
            var definition = node.Definition;
            node.Dependencies.AddRange(Resolve(node, "DependsOn", definition.Dependencies, byDelegate));
            node.Predecessors.AddRange(node.Dependencies);
            node.Predecessors.AddRange(Resolve(node, "After", definition.AfterTargets, byDelegate));
            foreach (var later in Resolve(node, "Before", definition.BeforeTargets, byDelegate))
            {
                later.Predecessors.Add(node);
            }

            foreach (var triggered in Resolve(node, "Triggers", definition.TriggerTargets, byDelegate))
            {
                node.Triggered.Add(triggered);
                triggered.Predecessors.Add(node);
            }

            foreach (var trigger in Resolve(node, "TriggeredBy", definition.TriggeredByTargets, byDelegate))
            {
                trigger.Triggered.Add(node);
                node.Predecessors.Add(trigger);
            }
        }

        var ordered = TargetOrder.Sort(nodes);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Index = i;
        }

        return new TargetGraph(ordered);
    }

    private static IEnumerable<TargetNode> Resolve(TargetNode owner, string relation, IEnumerable<Target> targets, Dictionary<Target, TargetNode> byDelegate) =>
        targets.Select(t => byDelegate.TryGetValue(t, out var node)
            ? node
            : throw new BuildError($"Target {owner.Name}: {relation} names a target that is not a Target property of the build"));
}
