using Kiln.Registry.Models;
using Kiln.Registry.Promotion;

namespace Kiln.Pipeline.Registration;

/// <summary>The version Register created and the champion/challenger decision it took.</summary>
/// <param name="Version">The new registry version.</param>
/// <param name="Decision">Why it became champion or challenger.</param>
/// <param name="LoadedProbability">The probability the reloaded model gave its input example (the loading test).</param>
public sealed record RegistrationResult(ModelVersion Version, PromotionDecision Decision, float LoadedProbability);
