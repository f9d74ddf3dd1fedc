using System.Reflection;
using Kiln.Naming;

namespace Kiln.Targets.Parameters;

/// <summary>A [Parameter] field or property of the build class and its spellings.</summary>
internal sealed class ParameterMember(MemberInfo member, ParameterAttribute attribute)
{
    public MemberInfo Member { get; } = member;

    public string MemberName => Member.Name;

    public string? Description => attribute.Description;

    /// <summary>The command-line spelling without dashes (<c>registry-password</c>).</summary>
    public string CliName { get; } = attribute.Name ?? Names.Kebab(member.Name);

    public string Option => "--" + CliName;

    public string EnvironmentName => Names.UpperSnake(Member.Name);

    public bool IsSecret { get; } = member.IsDefined(typeof(SecretAttribute), inherit: true);

    public Type Type => Member switch
    {
        FieldInfo f => f.FieldType,
        PropertyInfo property => property.PropertyType,
        _ => throw new InvalidOperationException($"{Member.Name} is neither a field nor a property"),
    };

    /// <summary>The element type for arrays, the underlying type for nullables, else the type itself.</summary>
    public Type ValueType => ElementType ?? Nullable.GetUnderlyingType(Type) ?? Type;

    public Type? ElementType => Type.IsArray ? Nullable.GetUnderlyingType(Type.GetElementType()!) ?? Type.GetElementType() : null;

    public bool IsArray => Type.IsArray;

    public bool IsBool => !IsArray && ValueType == typeof(bool);

    public object? GetValue(object build) => Member switch
    {
        FieldInfo f => f.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null,
    };

    public void SetValue(object build, object? value)
    {
        switch (Member)
        {
            case FieldInfo f:
                f.SetValue(build, value);
                break;
            case PropertyInfo { CanWrite: true } property:
                property.SetValue(build, value);
                break;
            case PropertyInfo property:
                // A get-only auto-property keeps its value in a compiler-generated backing field.
                var backing = property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
                              ?? throw new InvalidOperationException($"Parameter {property.Name} has no setter");
                backing.SetValue(build, value);
                break;
        }
    }

    /// <summary>What <c>--help</c> shows as the type: enum members, element type for arrays.</summary>
    public string TypeDescription
    {
        get
        {
            var name = ValueType.IsEnum
                ? string.Join(" | ", Enum.GetNames(ValueType))
                : ValueType == typeof(AbsolutePath) ? "path" : ValueType == typeof(bool) ? "bool" : ValueType.Name.ToLowerInvariant() switch
                {
                    "int32" => "int",
                    "int64" => "long",
                    var other => other,
                };
            return IsArray ? $"{name}..." : name;
        }
    }
}
