namespace Kiln.Serving.Models;

/// <summary>Holds the served model once it is loaded and warm, and whether the instance takes traffic.</summary>
public sealed class ModelHost : IDisposable
{
    private volatile ServedModel? _model;
    private volatile bool _stopping;

    /// <summary>The model, or null while it is still loading.</summary>
    public ServedModel? Model => _model;

    /// <summary>True once the model is loaded and warmed and until shutdown begins.</summary>
    public bool IsReady => _model is not null && !_stopping;

    /// <summary>Publishes the warmed model; readiness turns true.</summary>
    /// <param name="model">The loaded model.</param>
    public void Publish(ServedModel model) => _model = model;

    /// <summary>Turns readiness false so load balancers drain this instance while in-flight requests finish.</summary>
    public void BeginStopping() => _stopping = true;

    /// <summary>True once the instance is stopping: responses then ask clients to close their connections.</summary>
    public bool IsDraining => _stopping;

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _model?.Model.Dispose();
}
