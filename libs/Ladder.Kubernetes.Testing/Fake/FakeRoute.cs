namespace Ladder.Kubernetes.Testing;

/// <summary>A parsed API path: <c>/api/v1</c> or <c>/apis/{group}/{version}</c>, optional namespace, plural, name and subresource.</summary>
internal sealed record FakeRoute(string GroupVersion, string? Namespace, string Plural, string? Name, string? Subresource)
{
    public string Collection => $"{GroupVersion}/{Plural}";

    public static FakeRoute? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        int at;
        string groupVersion;
        if (parts is ["api", var v, ..])
        {
            (groupVersion, at) = (v, 2);
        }
        else if (parts is ["apis", var g, var v2, ..])
        {
            (groupVersion, at) = ($"{g}/{v2}", 3);
        }
        else
        {
            return null;
        }

        string? ns = null;
        if (parts.Length > at + 2 && parts[at] == "namespaces")
        {
            ns = parts[at + 1];
            at += 2;
        }

        if (parts.Length <= at)
        {
            return null;
        }

        return new FakeRoute(groupVersion, ns, parts[at], parts.ElementAtOrDefault(at + 1), parts.ElementAtOrDefault(at + 2));
    }
}
