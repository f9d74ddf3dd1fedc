using System.Diagnostics;
using Kiln.Targets.Output;

namespace Kiln.Targets.Engine;

/// <summary>Runs the plan in order: dynamic conditions, cache checks, actions, failure and abort handling.</summary>
internal sealed class TargetExecutor(BuildConsole console, bool force, bool verbose, CancellationToken cancellationToken)
{
    public async Task<IReadOnlyList<TargetOutcome>> RunAsync(ExecutionPlan plan)
    {
        var outcomes = new Dictionary<TargetNode, TargetOutcome>();
        var failed = false;
        foreach (var planned in plan.Targets)
        {
            var node = planned.Node;
            var definition = node.Definition;
            TargetOutcome outcome;
            if (cancellationToken.IsCancellationRequested)
            {
                outcome = new(node.Name, TargetStatus.NotRun, "aborted", TimeSpan.Zero);
            }
            else if (planned.SkipReason is { } skip)
            {
                outcome = new(node.Name, TargetStatus.Skipped, skip, TimeSpan.Zero);
            }
            else if (failed && !definition.IsAssuredAfterFailure)
            {
                outcome = new(node.Name, TargetStatus.NotRun, "an earlier target failed", TimeSpan.Zero);
            }
            else if (!definition.IsAssuredAfterFailure && node.Dependencies.FirstOrDefault(d => outcomes.TryGetValue(d, out var o) && o.Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted) is { } broken)
            {
                outcome = new(node.Name, TargetStatus.NotRun, $"{broken.Name} did not succeed", TimeSpan.Zero);
            }
            else
            {
                outcome = await RunAsync(node).ConfigureAwait(false);
                failed |= outcome.Status == TargetStatus.Failed && !definition.ProceedsAfterFailure;
            }

            outcomes[node] = outcome;
        }

        return [.. plan.Targets.Select(t => outcomes[t.Node])];
    }

    private async Task<TargetOutcome> RunAsync(TargetNode node)
    {
        var definition = node.Definition;
        console.Header(node.Name);
        var watch = Stopwatch.StartNew();
        try
        {
            if (Conditions.FirstFalse(node, definition.DynamicConditions, "OnlyWhenDynamic") is { } condition)
            {
                console.Write(LogLevel.Information, $"Skipped: {condition}");
                return new(node.Name, TargetStatus.Skipped, condition, watch.Elapsed);
            }

            if (definition.CacheCheck is { } check)
            {
                if (force)
                {
                    console.Write(LogLevel.Information, "Running: --force");
                }
                else
                {
                    var status = check() ?? throw new InvalidOperationException("the cache check returned null");
                    if (status.IsUpToDate)
                    {
                        console.Write(LogLevel.Information, $"Up to date: {status.Reason}");
                        return new(node.Name, TargetStatus.UpToDate, status.Reason, watch.Elapsed);
                    }

                    console.Write(LogLevel.Information, $"Running: {status.Reason}");
                }
            }

            foreach (var action in definition.Actions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await action(cancellationToken).ConfigureAwait(false);
            }

            return new(node.Name, TargetStatus.Succeeded, null, watch.Elapsed);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or AggregateException)
        {
            console.Write(LogLevel.Error, $"Target {node.Name} aborted");
            return new(node.Name, TargetStatus.Aborted, null, watch.Elapsed);
        }
        catch (Exception e)
        {
            console.Write(LogLevel.Error, verbose ? $"Target {node.Name} failed: {e}" : $"Target {node.Name} failed: {Messages(e)}");
            return new(node.Name, TargetStatus.Failed, null, watch.Elapsed);
        }
    }

    /// <summary>The message of an exception and of its inner exceptions, one per line.</summary>
    public static string Messages(Exception exception)
    {
        var lines = new List<string>();
        void Collect(Exception e, int depth)
        {
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, depth);
                }

                return;
            }

            lines.Add(depth == 0 ? e.Message : $"{new string(' ', depth * 2)}caused by: {e.Message}");
            if (e.InnerException is { } innerException)
            {
                Collect(innerException, depth + 1);
            }
        }

        Collect(exception, 0);
        return string.Join(Environment.NewLine, lines);
    }
}
