namespace Kiln.Registry.Resolution;

/// <summary>The forms a model reference can take.</summary>
public enum ModelReferenceKind
{
    /// <summary><c>models:/name@alias</c>.</summary>
    Alias,

    /// <summary><c>models:/name/3</c>.</summary>
    Version,

    /// <summary><c>models:/name/latest</c>: the highest version.</summary>
    Latest,

    /// <summary>A plain file path.</summary>
    FilePath,
}
