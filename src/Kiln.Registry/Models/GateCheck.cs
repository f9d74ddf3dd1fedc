namespace Kiln.Registry.Models;

/// <summary>One quality-gate rule and how the model fared, e.g. <c>roc_auc ≥ 0.80: 0.84 passed</c>.</summary>
/// <param name="Metric">The metric checked.</param>
/// <param name="Comparison">The rule's operator as text, e.g. <c>&gt;=</c>.</param>
/// <param name="Threshold">The bound.</param>
/// <param name="Actual">The model's value.</param>
/// <param name="Passed">Whether the rule held.</param>
public sealed record GateCheck(string Metric, string Comparison, double Threshold, double Actual, bool Passed);
