namespace Kiln.Pipeline.Stages;

/// <summary>One cached step of the pipeline (features, train, evaluate, predict).</summary>
public interface IStage
{
    /// <summary>The stage's name in kiln.lock.</summary>
    string Name { get; }

    /// <summary>Compares the recorded lock entry with the current dependencies, parameters, code and outputs.</summary>
    StageStatus Check();

    /// <summary>Runs the stage unconditionally, writes its outputs atomically and then its lock entry.</summary>
    /// <param name="cancellationToken">Stops the run between steps; nothing half-written is left behind.</param>
    Task<StageResult> RunAsync(CancellationToken cancellationToken = default);
}
