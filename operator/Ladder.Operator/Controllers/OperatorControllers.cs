using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;
using Ladder.ControllerRuntime;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Events;
using Ladder.ControllerRuntime.Metrics;
using Ladder.Operator.Builders;
using Ladder.Operator.Hosting;
using Ladder.Operator.Metrics;
using Ladder.Operator.Runner;

namespace Ladder.Operator.Controllers;

/// <summary>
/// Wires the operator's three controllers to its informers and adds everything to a <see cref="ControllerManager"/>:
/// <c>livestream</c> (primary; owns Deployments, Services and Secrets; watches its runner Pods by label, and
/// TranscodeProfiles, Templates and referenced Secrets through the <see cref="StreamIndexes"/>, and each settled runner's
/// status changes through <see cref="RunnerStatusWatches"/>), and <c>transcodeprofile</c> and <c>template</c>, which
/// keep those kinds' <c>usedBy</c> and validity (separate small controllers, so a stream change never waits on them).
/// </summary>
internal static class OperatorControllers
{
    /// <summary>Adds informers and controllers to <paramref name="manager"/>.</summary>
    public static void AddTo(ControllerManager manager, OperatorInformers cache, OperatorClients clients, RunnerAdminClient runners, IRunnerAddresses addresses,
        IEventRecorder events, OperatorOptions options, TimeProvider time, ILoggerFactory loggers, ControllerRuntimeMetrics? runtimeMetrics, OperatorMetrics? metrics)
    {
        cache.AddTo(manager);
        metrics?.ObserveStreams(cache.Streams.Store.List);
        var streams = cache.Streams.Store;
        var templates = cache.Templates.Store;
        var watches = new RunnerStatusWatches(runners, options.StatusWait, options.StatusPollInterval, loggers.CreateLogger<RunnerStatusWatches>());
        var reconciler = new LiveStreamReconciler(cache, clients, runners, watches, addresses, events, options, time, loggers.CreateLogger<LiveStreamReconciler>(), metrics);
        manager.AddController(new ControllerBuilder("livestream", reconciler)
            .For(cache.Streams)
            .Owns(cache.Deployments)
            .Owns(cache.Services)
            .Owns(cache.Secrets)
            .Watches(cache.Pods, p => RunnerLabels.StreamOf(p) is { } stream ? [new ObjectKey(p.Metadata.NamespaceProperty, stream)] : [])
            .Watches(cache.Profiles, p => StreamIndexes.StreamsUsingProfile(streams, templates, p))
            .Watches(cache.Templates, t => StreamIndexes.StreamsUsingTemplate(streams, t))
            .Watches(cache.Secrets, s => StreamIndexes.StreamsUsingSecret(streams, templates, s))
            .WatchesSource(watches)
            .WithWorkers(options.Workers)
            .With(time, loggers.CreateLogger("Ladder.Operator.Controllers.livestream"), runtimeMetrics)
            .Build());

        var profileUsers = new UsageReconciler<TranscodeProfile>(cache.Profiles.Store, clients,
            p => StreamIndexes.StreamsUsingProfile(streams, templates, p).Select(k => k.Name),
            p => new TranscodeProfileValidator().Validate(p).ToFieldErrors(), time);
        manager.AddController(new ControllerBuilder("transcodeprofile", profileUsers)
            .For(cache.Profiles)
            .Watches(cache.Streams, s => StreamIndexes.References(s, templates, profiles: true))
            .Watches(cache.Templates, t => string.IsNullOrEmpty(t.Spec?.ProfileRef?.Name) ? [] : [new ObjectKey(t.Metadata.NamespaceProperty, t.Spec.ProfileRef.Name)])
            .With(time, loggers.CreateLogger("Ladder.Operator.Controllers.transcodeprofile"), runtimeMetrics)
            .Build());

        var templateUsers = new UsageReconciler<Template>(cache.Templates.Store, clients,
            t => StreamIndexes.StreamsUsingTemplate(streams, t).Select(k => k.Name),
            t => new TemplateValidator().Validate(t).ToFieldErrors(), time);
        manager.AddController(new ControllerBuilder("template", templateUsers)
            .For(cache.Templates)
            .Watches(cache.Streams, s => StreamIndexes.References(s, templates, profiles: false))
            .With(time, loggers.CreateLogger("Ladder.Operator.Controllers.template"), runtimeMetrics)
            .Build());
    }
}
