using System.Text;
using k8s;
using k8s.Models;

namespace Ladder.Api.Manifests;

/// <summary>A core/v1 Secret as found in a manifest: <c>data</c> (base64) and <c>stringData</c> (plain text).</summary>
public sealed class Secret : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Creates an object with apiVersion and kind set.</summary>
    public Secret()
    {
        ApiVersion = "v1";
        Kind = "Secret";
    }

    /// <summary><c>v1</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>Secret</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Standard object metadata: name and namespace are what a stream key reference matches.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Secret type, e.g. Opaque.</summary>
    public string? Type { get; set; }

    /// <summary>Base64-encoded values.</summary>
    public IDictionary<string, string>? Data { get; set; }

    /// <summary>Plain-text values; win over <see cref="Data"/> for the same key, as in Kubernetes.</summary>
    public IDictionary<string, string>? StringData { get; set; }

    /// <summary>True when the Secret is immutable.</summary>
    public bool? Immutable { get; set; }

    /// <summary>
    /// Decoded values: data decoded, then stringData over it. Throws <see cref="FormatException"/> naming a bad key
    /// (<c>data.key: message</c>): a value that is not base64, or no value at all (<c>key:</c> with nothing after it).
    /// </summary>
    public IReadOnlyDictionary<string, string> DecodedValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, b64) in Data ?? new Dictionary<string, string>())
        {
            try
            {
                values[key] = Encoding.UTF8.GetString(Convert.FromBase64String(b64 ?? throw new FormatException($"data.{key}: no value")));
            }
            catch (FormatException) when (b64 is not null)
            {
                throw new FormatException($"data.{key}: not valid base64 (use stringData for plain text)");
            }
        }
        foreach (var (key, value) in StringData ?? new Dictionary<string, string>())
        {
            values[key] = value ?? throw new FormatException($"stringData.{key}: no value");
        }
        return values;
    }
}
