using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Ladder.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ladder.CrdGen.Tests;

/// <summary>
/// A stand-in Kubernetes API server on 127.0.0.1 with what <c>kubectl apply --dry-run=client</c> asks for:
/// discovery (<c>/api</c>, <c>/apis</c> and the group versions, from recorded v1.26 bodies where they fit and
/// from the generated CRDs for ladder.dev), OpenAPI v2 with the CRD schemas (so kubectl validates every
/// object on the client), and 404 NotFound Status for GETs of objects, so every object is new. Anything else
/// is 404 and recorded in <see cref="Unanswered"/> (kubectl asks for /openapi/v3 first and falls back to v2).
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _documents;
    private readonly byte[] _openApiV2;

    private const string NotFoundStatus = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}""" + "\n";

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> Unanswered { get; } = new();

    public string Url { get; }

    private FakeApiServer(WebApplication app, Dictionary<string, string> documents, byte[] openApiV2, string url)
    {
        _app = app;
        _documents = documents;
        _openApiV2 = openApiV2;
        Url = url;
    }

    public static async Task<FakeApiServer> StartAsync(IReadOnlyList<JsonObject> crds)
    {
        var (documents, openApiV2) = BuildDocuments(crds);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeApiServer? self = null;
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            self!.Requests.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString}");
            if (context.Request.Method == "GET" && path == "/openapi/v2")
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = OpenApiV2Protobuf.ContentType;
                await context.Response.Body.WriteAsync(self._openApiV2);
                return;
            }
            if (context.Request.Method == "GET" && path == "/openapi/v3")
            {
                // Deliberately absent: a server without OpenAPI v3 does not advertise server-side field
                // validation, so kubectl falls back to /openapi/v2 and validates on the client.
                context.Response.StatusCode = 404;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(NotFoundStatus);
                return;
            }
            if (context.Request.Method == "GET" && self._documents.TryGetValue(path, out var body))
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
                return;
            }
            if (context.Request.Method == "GET" && NotFoundFor(path) is { } status)
            {
                context.Response.StatusCode = 404;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(status);
                return;
            }
            self.Unanswered.Enqueue($"{context.Request.Method} {path}");
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(NotFoundStatus);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        self = new FakeApiServer(app, documents, openApiV2, address);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // GET /api/v1/namespaces/NS/PLURAL/NAME or /apis/GROUP/VERSION[/namespaces/NS]/PLURAL/NAME: a NotFound
    // Status as the server writes it (10-get-widget-not-found).
    private static string? NotFoundFor(string path)
    {
        var parts = path.Trim('/').Split('/');
        string group;
        string[] rest;
        if (parts.Length >= 2 && parts[0] == "api")
        {
            (group, rest) = ("", parts[2..]);
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            (group, rest) = (parts[1], parts[3..]);
        }
        else
        {
            return null;
        }
        if (rest.Length >= 2 && rest[0] == "namespaces")
        {
            rest = rest[2..];
        }
        if (rest.Length != 2)
        {
            return null;
        }
        var (resource, name) = (rest[0], rest[1]);
        var qualified = group.Length == 0 ? resource : $"{resource}.{group}";
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = $"{qualified} \"{name}\" not found",
            ["reason"] = "NotFound",
            ["details"] = new JsonObject { ["name"] = name, ["group"] = group.Length == 0 ? null : group, ["kind"] = resource },
            ["code"] = 404,
        }.ToJsonString() + "\n";
    }

    private static (Dictionary<string, string> Documents, byte[] OpenApiV2) BuildDocuments(IReadOnlyList<JsonObject> crds)
    {
        var fixtures = RepoPaths.K8sFixtures;
        var docs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/version"] = FixtureBody(fixtures, "01-get-version.http"),
            ["/api"] = FixtureBody(fixtures, "63-get-api-core-versions.http"),
        };

        // /apis: the recorded APIGroupList, cut down to the groups this server serves, plus ladder.dev in the
        // same shape as the recorded example.com entry.
        var groups = JsonNode.Parse(FixtureBody(fixtures, "05-get-apis-discovery.http"))!.AsObject();
        var list = groups["groups"]!.AsArray();
        var apiextensions = list.Single(g => g!["name"]!.GetValue<string>() == "apiextensions.k8s.io")!.DeepClone();
        var ladder = list.Single(g => g!["name"]!.GetValue<string>() == "example.com")!.DeepClone();
        ladder["name"] = LadderApi.Group;
        ladder["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = LadderApi.ApiVersion, ["version"] = LadderApi.Version });
        ladder["preferredVersion"] = new JsonObject { ["groupVersion"] = LadderApi.ApiVersion, ["version"] = LadderApi.Version };
        groups["groups"] = new JsonArray(apiextensions, ladder);
        docs["/apis"] = groups.ToJsonString() + "\n";
        docs["/apis/" + LadderApi.Group] = new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = LadderApi.Group,
            ["versions"] = ladder["versions"]!.DeepClone(),
            ["preferredVersion"] = ladder["preferredVersion"]!.DeepClone(),
        }.ToJsonString() + "\n";

        // Core v1 (not recorded): the resources the samples use.
        string[] verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
        docs["/api/v1"] = ResourceList("v1",
            Resource("namespaces", "namespace", "Namespace", namespaced: false, ["create", "delete", "get", "list", "patch", "update", "watch"], ["ns"]),
            Resource("secrets", "secret", "Secret", namespaced: true, verbs, []),
            Resource("configmaps", "configmap", "ConfigMap", namespaced: true, verbs, ["cm"]));
        docs["/apis/apiextensions.k8s.io/v1"] = ResourceList("apiextensions.k8s.io/v1",
            Resource("customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", namespaced: false, verbs, ["crd", "crds"], ["api-extensions"]),
            Resource("customresourcedefinitions/status", "", "CustomResourceDefinition", namespaced: false, ["get", "patch", "update"], []));

        // ladder.dev/v1alpha1, built from the generated CRDs as the API server builds it (07-get-apis-example-com-v1alpha1).
        var resources = new List<JsonObject>();
        foreach (var crd in crds)
        {
            var names = crd["spec"]!["names"]!;
            var plural = names["plural"]!.GetValue<string>();
            var kind = names["kind"]!.GetValue<string>();
            resources.Add(Resource(plural, names["singular"]!.GetValue<string>(), kind, namespaced: crd["spec"]!["scope"]!.GetValue<string>() == "Namespaced", verbs,
                [.. names["shortNames"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []],
                [.. names["categories"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []]));
            if (crd["spec"]!["versions"]![0]!["subresources"]?["status"] is not null)
            {
                resources.Add(Resource(plural + "/status", "", kind, namespaced: true, ["get", "patch", "update"], []));
            }
        }
        docs[$"/apis/{LadderApi.ApiVersion}"] = ResourceList(LadderApi.ApiVersion, [.. resources]);

        // OpenAPI v2, as a server without server-side field validation (before 1.27) serves it: kubectl then
        // validates every object on the client against these schemas (unknown fields, missing required fields,
        // wrong types). The ladder.dev kinds carry their generated schemas; Secret gets the fields core/v1 has.
        var definitions = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var crd in crds)
        {
            var kind = crd["spec"]!["names"]!["kind"]!.GetValue<string>();
            var schema = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.DeepClone().AsObject();
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = LadderApi.Group, ["kind"] = kind, ["version"] = LadderApi.Version });
            // The server publishes metadata as ObjectMeta (labels, annotations...), whatever the CRD restricts of its name.
            schema["properties"]!["metadata"] = new JsonObject { ["type"] = "object" };
            definitions[$"dev.ladder.{LadderApi.Version}.{kind}"] = schema;
        }
        definitions["io.k8s.api.core.v1.Secret"] = SecretSchema();
        return (docs, OpenApiV2Protobuf.Encode(definitions));
    }

    private static JsonObject SecretSchema()
    {
        JsonObject Str(string description) => new() { ["type"] = "string", ["description"] = description };
        JsonObject StringMap(string description) => new() { ["type"] = "object", ["description"] = description, ["additionalProperties"] = new JsonObject { ["type"] = "string", ["format"] = "byte" } };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Secret holds secret data of a certain type.",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = Str("APIVersion defines the versioned schema of this representation of an object."),
                ["kind"] = Str("Kind is a string value representing the REST resource this object represents."),
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["data"] = StringMap("Data contains the secret data, base64 encoded."),
                ["stringData"] = new JsonObject { ["type"] = "object", ["description"] = "stringData allows specifying non-binary secret data in string form.", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
                ["immutable"] = new JsonObject { ["type"] = "boolean", ["description"] = "Immutable, if set to true, ensures that data stored in the Secret cannot be updated." },
                ["type"] = Str("Used to facilitate programmatic handling of secret data."),
            },
            ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = "", ["kind"] = "Secret", ["version"] = "v1" }),
        };
    }

    private static string ResourceList(string groupVersion, params JsonObject[] resources) => new JsonObject
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = groupVersion,
        ["resources"] = new JsonArray(resources),
    }.ToJsonString() + "\n";

    private static JsonObject Resource(string name, string singular, string kind, bool namespaced, string[] verbs, string[] shortNames, string[]? categories = null)
    {
        var r = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = singular,
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode)v!)]),
        };
        if (shortNames.Length > 0)
        {
            r["shortNames"] = new JsonArray([.. shortNames.Select(v => (JsonNode)v!)]);
        }
        if (categories is { Length: > 0 })
        {
            r["categories"] = new JsonArray([.. categories.Select(v => (JsonNode)v!)]);
        }
        return r;
    }

    /// <summary>The response body of a recorded exchange (README: split on the first "### response", body after the headers).</summary>
    internal static string FixtureBody(string directory, string file)
    {
        var text = File.ReadAllText(Path.Combine(directory, file));
        var response = text[(text.IndexOf("\n### response\n", StringComparison.Ordinal) + "\n### response\n".Length)..];
        return response[(response.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
    }
}
