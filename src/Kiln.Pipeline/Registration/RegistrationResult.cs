using Kiln.Registry.Models;
using Kiln.Registry.Promotion;

namespace Kiln.Pipeline.Registration;

/// <summary>The version Register ended with and, when it created one, the champion/challenger decision and the loading test.</summary>
/// <param name="Version">The new registry version, or the existing one that already holds these model bytes.</param>
/// <param name="Created">False when model.onnx was already a version: nothing was registered and no alias moved.</param>
/// <param name="Decision">Why the new version became champion or challenger; null when nothing was registered.</param>
/// <param name="LoadedProbability">The probability the reloaded model gave its input example (the loading test); null when nothing was registered.</param>
public sealed record RegistrationResult(ModelVersion Version, bool Created, PromotionDecision? Decision, float? LoadedProbability)
{
    /// <summary>The result of registering bytes that are already <paramref name="existing"/>.</summary>
    /// <param name="existing">The version holding the same model file.</param>
    public static RegistrationResult AlreadyRegistered(ModelVersion existing) => new(existing, false, null, null);
}
