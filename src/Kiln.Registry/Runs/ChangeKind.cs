namespace Kiln.Registry.Runs;

/// <summary>How a value differs between the base run and the other run.</summary>
public enum ChangeKind
{
    /// <summary>Same value in both runs.</summary>
    Unchanged,

    /// <summary>Present in both runs with different values.</summary>
    Modified,

    /// <summary>Only in the other run.</summary>
    Added,

    /// <summary>Only in the base run.</summary>
    Removed,
}
