using System.Text.Json;

namespace Kiln.Serving.Tests.Fuzzing;

/// <summary>Where each value, key and member of a valid JSON body sits, so mutations can edit the bytes around them.</summary>
/// <param name="Values">Every value (scalars and whole containers), in document order.</param>
/// <param name="Keys">Every property name, quotes included.</param>
/// <param name="Members">Every object member.</param>
public sealed record JsonSpans(IReadOnlyList<JsonSpan> Values, IReadOnlyList<JsonSpan> Keys, IReadOnlyList<JsonMember> Members)
{
    /// <summary>Scans a valid body.</summary>
    /// <param name="json">The body.</param>
    public static JsonSpans Of(byte[] json)
    {
        var values = new List<JsonSpan>();
        var keys = new List<JsonSpan>();
        var members = new List<JsonMember>();
        var open = new Stack<(int Start, JsonTokenType Type, (JsonSpan Key, string Name)? Member)>();
        (JsonSpan Key, string Name)? pending = null;
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var key = new JsonSpan(start, start + reader.ValueSpan.Length + 2, reader.TokenType);
                    keys.Add(key);
                    pending = (key, reader.GetString()!);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open.Push((start, reader.TokenType, pending));
                    pending = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var container = open.Pop();
                    var whole = new JsonSpan(container.Start, start + 1, container.Type);
                    values.Add(whole);
                    if (container.Member is { } owner)
                    {
                        members.Add(new JsonMember(owner.Key, whole, owner.Name));
                    }

                    break;
                default:
                    var value = new JsonSpan(start, start + reader.ValueSpan.Length + (reader.TokenType == JsonTokenType.String ? 2 : 0), reader.TokenType);
                    values.Add(value);
                    if (pending is { } member)
                    {
                        members.Add(new JsonMember(member.Key, value, member.Name));
                    }

                    pending = null;
                    break;
            }
        }

        values.Sort((a, b) => a.Start.CompareTo(b.Start));
        members.Sort((a, b) => a.Key.Start.CompareTo(b.Key.Start));
        return new JsonSpans(values, keys, members);
    }
}
