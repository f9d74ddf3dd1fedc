namespace Kiln.Pipeline.Stages;

/// <summary>One cached step of the pipeline (features, train, evaluate, predict, register).</summary>
public interface IStage
{
    /// <summary>The stage's name (in kiln.lock, for the stages recorded there).</summary>
    string Name { get; }

    /// <summary>Whether the stage's work is already done: its lock entry still matches (or, for Register, the model is already a version).</summary>
    StageStatus Check();

    /// <summary>Runs the stage unconditionally, writing its outputs atomically (and then its lock entry, when it has one).</summary>
    /// <param name="cancellationToken">Stops the run between steps; nothing half-written is left behind.</param>
    Task<StageResult> RunAsync(CancellationToken cancellationToken = default);
}
