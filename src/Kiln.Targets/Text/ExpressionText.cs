using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Kiln.Targets.Text;

/// <summary>Renders a condition lambda as the source a person wrote (<c>Inputs.Length > 0</c>), hiding closures and <c>this</c>.</summary>
internal static class ExpressionText
{
    public static string Render(LambdaExpression lambda) => Render(lambda.Body);

    /// <summary>The member a requirement such as <c>() => RegistryPassword</c> reads, or null when it is not a plain member access.</summary>
    public static System.Reflection.MemberInfo? AccessedMember(LambdaExpression lambda)
    {
        var body = lambda.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            body = convert.Operand;
        }

        return body is MemberExpression member && IsHidden(member.Expression) ? member.Member : null;
    }

    private static string Render(Expression? expression) => expression switch
    {
        null => string.Empty,
        MemberExpression member when IsHidden(member.Expression) => member.Member.Name,
        MemberExpression { Expression: null } member => $"{member.Member.DeclaringType?.Name}.{member.Member.Name}",
        MemberExpression member => $"{Render(member.Expression)}.{member.Member.Name}",
        ConstantExpression constant => Literal(constant.Value),
        UnaryExpression { NodeType: ExpressionType.Not } not => $"!{Operand(not.Operand)}",
        UnaryExpression { NodeType: ExpressionType.Negate } negate => $"-{Operand(negate.Operand)}",
        UnaryExpression { NodeType: ExpressionType.ArrayLength } length => $"{Render(length.Operand)}.Length",
        UnaryExpression unary => Render(unary.Operand),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } index => $"{Render(index.Left)}[{Render(index.Right)}]",
        BinaryExpression binary => $"{Child(binary.Left, binary.NodeType, right: false)} {Operator(binary.NodeType)} {EnumAware(binary.Right, binary.Left, binary.NodeType)}",
        MethodCallExpression call => Call(call),
        ConditionalExpression conditional => $"{Operand(conditional.Test)} ? {Operand(conditional.IfTrue)} : {Operand(conditional.IfFalse)}",
        InvocationExpression invocation => $"{Render(invocation.Expression)}({string.Join(", ", invocation.Arguments.Select(Render))})",
        NewExpression created => $"new {created.Type.Name}({string.Join(", ", created.Arguments.Select(Render))})",
        TypeBinaryExpression typeIs => $"{Operand(typeIs.Expression)} is {typeIs.TypeOperand.Name}",
        ParameterExpression parameter => parameter.Name ?? "_",
        _ => expression.ToString(),
    };

    private static string Call(MethodCallExpression call)
    {
        var arguments = call.Arguments.AsEnumerable();
        string target;
        if (call.Object is not null)
        {
            target = IsHidden(call.Object) ? string.Empty : Operand(call.Object) + ".";
        }
        else if (call.Method.IsDefined(typeof(ExtensionAttribute), inherit: false) && call.Arguments.Count > 0)
        {
            target = Operand(call.Arguments[0]) + ".";
            arguments = arguments.Skip(1);
        }
        else
        {
            target = call.Method.DeclaringType is { } type && !IsBuildType(type) ? type.Name + "." : string.Empty;
        }

        if (call.Method.Name == "get_Item" && call.Object is not null)
        {
            return $"{Operand(call.Object)}[{string.Join(", ", arguments.Select(Render))}]";
        }

        return $"{target}{call.Method.Name}({string.Join(", ", arguments.Select(Render))})";
    }

    // The compiler turns `Configuration == Configuration.Release` into `(int)Configuration == 1`; show the enum member again.
    private static string EnumAware(Expression constant, Expression other, ExpressionType parent) =>
        constant is ConstantExpression { Value: { } value } && other is UnaryExpression { NodeType: ExpressionType.Convert, Operand.Type: var enumType } &&
        (Nullable.GetUnderlyingType(enumType) ?? enumType) is { IsEnum: true } type
            ? Literal(Enum.ToObject(type, value))
            : Child(constant, parent, right: true);

    // Parentheses only where precedence needs them: `a > 0 && b`, but `(a || b) && c`.
    private static string Child(Expression child, ExpressionType parent, bool right) =>
        child is BinaryExpression binary && binary.NodeType != ExpressionType.ArrayIndex &&
        (Precedence(binary.NodeType) < Precedence(parent) || (right && Precedence(binary.NodeType) == Precedence(parent)))
            ? $"({Render(child)})"
            : child is ConditionalExpression ? $"({Render(child)})" : Render(child);

    private static int Precedence(ExpressionType type) => type switch
    {
        ExpressionType.Coalesce => 0,
        ExpressionType.OrElse => 1,
        ExpressionType.AndAlso => 2,
        ExpressionType.Or => 3,
        ExpressionType.ExclusiveOr => 4,
        ExpressionType.And => 5,
        ExpressionType.Equal or ExpressionType.NotEqual => 6,
        ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual or ExpressionType.TypeIs => 7,
        ExpressionType.Add or ExpressionType.Subtract => 8,
        ExpressionType.Multiply or ExpressionType.Divide or ExpressionType.Modulo => 9,
        _ => 10,
    };

    private static string Operand(Expression expression) =>
        expression is BinaryExpression or ConditionalExpression or TypeBinaryExpression ? $"({Render(expression)})" : Render(expression);

    // Closures (compiler display classes) and the build instance itself are implementation detail: `Inputs`, not `value(Build).Inputs`.
    private static bool IsHidden(Expression? expression) =>
        expression is ConstantExpression { Value: { } value } && (IsCompilerGenerated(value.GetType()) || value is KilnBuild);

    private static bool IsBuildType(Type type) => typeof(KilnBuild).IsAssignableFrom(type);

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.Contains('<', StringComparison.Ordinal);

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        char c => $"'{c}'",
        Enum e => $"{e.GetType().Name}.{e}",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.AndAlso => "&&",
        ExpressionType.OrElse => "||",
        ExpressionType.And => "&",
        ExpressionType.Or => "|",
        ExpressionType.ExclusiveOr => "^",
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.Add => "+",
        ExpressionType.Subtract => "-",
        ExpressionType.Multiply => "*",
        ExpressionType.Divide => "/",
        ExpressionType.Modulo => "%",
        ExpressionType.Coalesce => "??",
        _ => type.ToString(),
    };
}
