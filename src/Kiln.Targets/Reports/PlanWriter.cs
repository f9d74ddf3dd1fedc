using System.Globalization;
using System.Text;
using Kiln.Targets.Engine;
using Kiln.Targets.Output;
using Kiln.Targets.Parameters;
using Kiln.Targets.Text;

namespace Kiln.Targets.Reports;

/// <summary>Renders <c>--plan</c>: the ordered targets, why each is included, static skips and cache status, without running anything.</summary>
internal static class PlanWriter
{
    public static string Render(ExecutionPlan plan, IReadOnlyList<ParameterMember> parameters, bool force)
    {
        var rerunning = new HashSet<TargetNode>();
        var rows = new List<IReadOnlyList<string>>();
        var number = 0;
        foreach (var planned in plan.Targets)
        {
            rows.Add([(++number).ToString(CultureInfo.InvariantCulture), planned.Name, planned.Reason, Status(planned, rerunning, force)]);
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Execution plan for {string.Join(", ", plan.Requested.Select(r => r.Name))} (nothing runs with --plan):").AppendLine();
        text.Append(PlainConsole.Align(["#", "Target", "Included because", "Status"], rows));
        try
        {
            Requirements.Check(plan, parameters);
        }
        catch (BuildError e)
        {
            text.AppendLine().AppendLine("Missing before the run can start:").AppendLine(e.Message);
        }

        return text.ToString();
    }

    private static string Status(PlannedTarget planned, HashSet<TargetNode> rerunning, bool force)
    {
        var node = planned.Node;
        if (planned.SkipReason is { } skip)
        {
            return $"skipped: {skip}";
        }

        var dynamic = node.Definition.DynamicConditions.Count == 0
            ? string.Empty
            : $" (only when {string.Join(" && ", node.Definition.DynamicConditions.Select(c => $"`{ExpressionText.Render(c)}`"))})";
        if (node.Definition.CacheCheck is not { } check)
        {
            return "will run" + dynamic;
        }

        if (force)
        {
            rerunning.Add(node);
            return "will rerun: --force" + dynamic;
        }

        // An upstream cached stage that reruns will change this one's inputs, so its check now would answer about stale files.
        if (NearestRerunningUpstream(node, rerunning) is { } upstream)
        {
            rerunning.Add(node);
            return $"stale once {upstream.Name} reruns" + dynamic;
        }

        try
        {
            var status = check();
            if (status.IsUpToDate)
            {
                return $"up to date: {status.Reason}";
            }

            rerunning.Add(node);
            return $"stale: {status.Reason}" + dynamic;
        }
        catch (Exception e)
        {
            rerunning.Add(node);
            return $"cache check failed: {e.Message}";
        }
    }

    private static TargetNode? NearestRerunningUpstream(TargetNode node, HashSet<TargetNode> rerunning)
    {
        var seen = new HashSet<TargetNode>();
        var queue = new Queue<TargetNode>(node.Dependencies);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (!seen.Add(next))
            {
                continue;
            }

            if (rerunning.Contains(next))
            {
                return next;
            }

            foreach (var dependency in next.Dependencies)
            {
                queue.Enqueue(dependency);
            }
        }

        return null;
    }
}
