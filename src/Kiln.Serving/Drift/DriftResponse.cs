namespace Kiln.Serving.Drift;

/// <summary>GET /v2/models/{name}/drift: how far the recently scored rows have moved from the training data, per feature.</summary>
/// <param name="Model">The served model's name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Available">False when the model carries no (usable) reference statistics or monitoring is off; <paramref name="Reason"/> says why.</param>
/// <param name="Reason">Why drift is unavailable, or null.</param>
/// <param name="Threshold">The PSI from which a feature is marked drifted.</param>
/// <param name="WindowRows">The window's capacity in rows.</param>
/// <param name="WindowFilled">Rows currently in the window.</param>
/// <param name="RowsObserved">Rows scored since the model was loaded.</param>
/// <param name="MinimumRows">Rows the window needs before a PSI is reported.</param>
/// <param name="ReferenceRows">Training rows behind the reference statistics.</param>
/// <param name="Features">One entry per feature, in reference order.</param>
public sealed record DriftResponse(
    string Model,
    string Version,
    bool Available,
    string? Reason,
    double Threshold,
    int WindowRows,
    int WindowFilled,
    long RowsObserved,
    int MinimumRows,
    long ReferenceRows,
    IReadOnlyList<FeatureDriftResponse> Features);
