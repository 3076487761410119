using System.Text.Json.Nodes;
using Ladder.Operator.Controllers;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Chart;

/// <summary>The chart grants exactly what <see cref="OperatorClients.Rbac"/> lists (leases and events included), nothing more.</summary>
public sealed class ChartRbacTests
{
    private static HashSet<(string Group, string Resource, string Verb)> Needed() =>
        [.. OperatorClients.Rbac.SelectMany(r => r.Verbs.Select(v => (r.Group, r.Resource, v)))];

    private static IEnumerable<(string Group, string Resource, string Verb)> Rules(JsonObject role) =>
        from rule in role["rules"]!.AsArray()
        from g in rule!["apiGroups"]!.AsArray()
        from r in rule["resources"]!.AsArray()
        from v in rule["verbs"]!.AsArray()
        select (g!.GetValue<string>(), r!.GetValue<string>(), v!.GetValue<string>());

    private static List<JsonObject> Roles(List<JsonObject> objects) =>
        [.. objects.Where(o => o["kind"]!.GetValue<string>() is "Role" or "ClusterRole")];

    [Fact]
    public async Task Rbac_Should_GrantExactlyTheOperatorsRules_When_WatchingEveryNamespace()
    {
        var objects = await Helm.TemplateAsync();
        var granted = Roles(objects).SelectMany(Rules).ToList();

        Assert.Equal(Needed().Order(), granted.ToHashSet().Order());
        Assert.Equal(granted.Count, granted.Distinct().Count());
        Assert.DoesNotContain(granted, g => g.Group == "*" || g.Resource == "*" || g.Verb == "*");
        var leases = Helm.Single(objects, "Role");
        Assert.Equal("ladder-system", leases["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal([("coordination.k8s.io", "leases")], Rules(leases).Select(r => (r.Group, r.Resource)).Distinct());
    }

    [Fact]
    public async Task Rbac_Should_UseARoleInTheWatchedNamespace_When_WatchNamespaceIsSet()
    {
        var objects = await Helm.TemplateAsync("watchNamespace=media");

        Assert.DoesNotContain(objects, o => o["kind"]!.GetValue<string>() is "ClusterRole" or "ClusterRoleBinding");
        Assert.Equal(Needed().Order(), Roles(objects).SelectMany(Rules).ToHashSet().Order());
        var streamsRole = Roles(objects).Single(r => Rules(r).Any(x => x.Resource == "livestreams"));
        Assert.Equal("media", streamsRole["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bindings_Should_BindEveryRoleToTheOperatorsServiceAccount()
    {
        var objects = await Helm.TemplateAsync();
        var account = Helm.Single(objects, "ServiceAccount")["metadata"]!["name"]!.GetValue<string>();
        var bindings = objects.Where(o => o["kind"]!.GetValue<string>().EndsWith("Binding", StringComparison.Ordinal)).ToList();

        Assert.Equal(Roles(objects).Select(r => r["metadata"]!["name"]!.GetValue<string>()).Order(), bindings.Select(b => b["roleRef"]!["name"]!.GetValue<string>()).Order());
        Assert.All(bindings, b => Assert.Equal(account, b["subjects"]![0]!["name"]!.GetValue<string>()));
        Assert.Equal(account, Helm.Single(objects, "Deployment")["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
    }
}
