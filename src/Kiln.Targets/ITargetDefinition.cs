using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Kiln.Targets;

/// <summary>The fluent surface a target property configures (NUKE's ITargetDefinition).</summary>
public interface ITargetDefinition
{
    /// <summary>Sets the description shown by <c>--help</c>.</summary>
    /// <param name="description">One sentence saying what the target does.</param>
    /// <param name="declaringFile">Filled in by the compiler: the file declaring the target, which orders <c>--help</c>.</param>
    /// <param name="declaringLine">Filled in by the compiler: the line declaring the target.</param>
    ITargetDefinition Description(string description, [CallerFilePath] string declaringFile = "", [CallerLineNumber] int declaringLine = 0);

    /// <summary>Runs these targets first and does not run this one when any of them fails.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Orders this target after the given ones when both run, without requiring them.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Orders this target before the given ones when both run, without requiring them.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Adds the given targets to the run, after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Adds this target to the run, after any of the given ones.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Skips the target (and dependencies nothing else needs) when the condition is false before anything runs.</summary>
    ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition);

    /// <summary>Skips the target when the condition is false right before it runs.</summary>
    ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition);

    /// <summary>Fails the run before any target runs when the given parameter has no value.</summary>
    ITargetDefinition Requires(Expression<Func<object?>> parameter);

    /// <summary>Fails the run before any target runs when the condition is false.</summary>
    ITargetDefinition Requires(Expression<Func<bool>> condition);

    /// <summary>Lets the run continue with other targets when this one fails.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs this target even after another target failed.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hides the target from <c>--help</c> and the schema.</summary>
    ITargetDefinition Unlisted();

    /// <summary>Adds an action; several run in order.</summary>
    /// <param name="action">The work.</param>
    /// <param name="declaringFile">Filled in by the compiler: the file declaring the target, which orders <c>--help</c>.</param>
    /// <param name="declaringLine">Filled in by the compiler: the line declaring the target.</param>
    ITargetDefinition Executes(Action action, [CallerFilePath] string declaringFile = "", [CallerLineNumber] int declaringLine = 0);

    /// <summary>Adds an asynchronous action; several run in order.</summary>
    /// <param name="action">The work.</param>
    /// <param name="declaringFile">Filled in by the compiler: the file declaring the target, which orders <c>--help</c>.</param>
    /// <param name="declaringLine">Filled in by the compiler: the line declaring the target.</param>
    ITargetDefinition Executes(Func<Task> action, [CallerFilePath] string declaringFile = "", [CallerLineNumber] int declaringLine = 0);

    /// <summary>Adds a cancellable asynchronous action; the token fires on Ctrl-C or SIGTERM.</summary>
    /// <param name="action">The work.</param>
    /// <param name="declaringFile">Filled in by the compiler: the file declaring the target, which orders <c>--help</c>.</param>
    /// <param name="declaringLine">Filled in by the compiler: the line declaring the target.</param>
    ITargetDefinition Executes(Func<CancellationToken, Task> action, [CallerFilePath] string declaringFile = "", [CallerLineNumber] int declaringLine = 0);

    /// <summary>Makes the target a cached stage: skipped as "up to date" when the check says so and <c>--force</c> is absent.</summary>
    ITargetDefinition Cached(Func<CacheStatus> check);
}
