using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Ladder.Api.Primitives;

/// <summary>
/// YamlDotNet converter for an <see cref="IWireValue{TSelf}"/> and its nullable form: reads the wire text
/// (a plain empty, <c>~</c> or <c>null</c> scalar is null for the nullable form), writes the canonical text.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public class WireValueYamlConverter<T> : IYamlTypeConverter where T : struct, IWireValue<T>
{
    /// <inheritdoc />
    public bool Accepts(Type type) => type == typeof(T) || type == typeof(T?);

    /// <inheritdoc />
    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (type == typeof(T?) && scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null")
        {
            return null;
        }
        if (!T.TryParse(scalar.Value, out var value, out var error))
        {
            throw new YamlException(scalar.Start, scalar.End, error);
        }
        return value;
    }

    /// <inheritdoc />
    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(value is null ? "null" : ((T)value).ToString()!));
}
