namespace Kiln.Targets.Engine;

/// <summary>A target of the build with its declaration resolved to other nodes.</summary>
internal sealed class TargetNode(string name, int index, TargetDefinition definition)
{
    public string Name { get; } = name;

    /// <summary>The position in lifecycle order (see <see cref="TargetOrder"/>), which breaks ordering ties; the reflection order until the graph is sorted.</summary>
    public int Index { get; set; } = index;

    public TargetDefinition Definition { get; } = definition;

    public List<TargetNode> Dependencies { get; } = [];

    /// <summary>Targets this one must follow when both run (After, reversed Before, DependsOn, trigger sources).</summary>
    public List<TargetNode> Predecessors { get; } = [];

    /// <summary>Targets this one adds to the run (Triggers and reversed TriggeredBy).</summary>
    public List<TargetNode> Triggered { get; } = [];

    public override string ToString() => Name;
}
