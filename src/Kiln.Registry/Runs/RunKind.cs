namespace Kiln.Registry.Runs;

/// <summary>What a run did.</summary>
public enum RunKind
{
    /// <summary>Trained a model.</summary>
    Train,

    /// <summary>Scored a model on held-out data.</summary>
    Evaluate,

    /// <summary>Registered a model version.</summary>
    Register,

    /// <summary>Scored one tuning trial by cross-validation on the training split.</summary>
    Tune,
}
