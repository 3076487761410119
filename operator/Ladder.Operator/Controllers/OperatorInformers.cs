using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Metrics;
using Ladder.Kubernetes.Models;
using Ladder.Operator.Builders;

namespace Ladder.Operator.Controllers;

/// <summary>
/// The operator's informers, one per resource it reads, in the watched namespace (or all): LiveStreams,
/// TranscodeProfiles, Templates, Secrets (owned ones and referenced stream keys), and the Deployments, Services and
/// runner Pods it owns (selected by <c>app.kubernetes.io/managed-by=ladder-operator</c>). Reconcilers read these caches, never the API.
/// </summary>
internal sealed class OperatorInformers
{
    /// <summary>Creates the informers and their indexes.</summary>
    public OperatorInformers(OperatorClients clients, string? @namespace, TimeProvider? time = null, ILogger? logger = null, ControllerRuntimeMetrics? metrics = null)
    {
        var all = new InformerOptions { Namespace = @namespace };
        var owned = all with { LabelSelector = "app.kubernetes.io/managed-by=" + RunnerLabels.FieldManager };
        Streams = new Informer<LiveStream>(clients.Streams.ToListWatch(), all, time, logger, metrics);
        Profiles = new Informer<TranscodeProfile>(clients.Profiles.ToListWatch(), all, time, logger, metrics);
        Templates = new Informer<Template>(clients.Templates.ToListWatch(), all, time, logger, metrics);
        Secrets = new Informer<Secret>(clients.Secrets.ToListWatch(), all, time, logger, metrics);
        Deployments = new Informer<Deployment>(clients.Deployments.ToListWatch(), owned, time, logger, metrics);
        Services = new Informer<Service>(clients.Services.ToListWatch(), owned, time, logger, metrics);
        Pods = new Informer<Pod>(clients.Pods.ToListWatch(), owned, time, logger, metrics);
        Pods.Store.AddIndexer(StreamIndex, p => RunnerLabels.StreamOf(p) is { } stream ? [stream] : []);
        StreamIndexes.AddTo(Streams.Store, Templates.Store);
    }

    /// <summary>LiveStreams.</summary>
    public Informer<LiveStream> Streams { get; }

    /// <summary>TranscodeProfiles.</summary>
    public Informer<TranscodeProfile> Profiles { get; }

    /// <summary>Templates.</summary>
    public Informer<Template> Templates { get; }

    /// <summary>Secrets: the stream Secrets the operator owns and the ones streams reference.</summary>
    public Informer<Secret> Secrets { get; }

    /// <summary>Runner Deployments.</summary>
    public Informer<Deployment> Deployments { get; }

    /// <summary>Runner Services.</summary>
    public Informer<Service> Services { get; }

    /// <summary>Runner Pods (created by the Deployments' ReplicaSets), indexed by stream name (<see cref="StreamIndex"/>).</summary>
    public Informer<Pod> Pods { get; }

    /// <summary>The <see cref="Pods"/> index holding each pod's <c>ladder.dev/livestream</c> label.</summary>
    public const string StreamIndex = "stream";

    /// <summary>The runner pods of the stream <paramref name="key"/>.</summary>
    public IEnumerable<Pod> PodsOf(ObjectKey key) => Pods.Store.ByIndex(StreamIndex, key.Name).Where(p => p.Metadata.NamespaceProperty == key.Namespace);

    /// <summary>Adds every informer to <paramref name="manager"/>.</summary>
    public void AddTo(ControllerManager manager) =>
        manager.AddInformer(Streams).AddInformer(Profiles).AddInformer(Templates).AddInformer(Secrets).AddInformer(Deployments).AddInformer(Services).AddInformer(Pods);
}
