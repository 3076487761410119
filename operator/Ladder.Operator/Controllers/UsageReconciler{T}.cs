using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;
using Ladder.ControllerRuntime;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Conditions;
using Ladder.ControllerRuntime.Controllers;

namespace Ladder.Operator.Controllers;

/// <summary>
/// Keeps the status of a TranscodeProfile or a Template: <c>usedBy</c> (the LiveStreams using it, sorted) and kstatus
/// conditions from its validator (<c>Ready</c> True/<c>Valid</c>, or False with <c>Stalled</c> True/<c>InvalidSpec</c>
/// and the field errors). Both kinds share the status shape {observedGeneration, conditions, usedBy}, so one reconciler
/// works on the status as JSON. Writes <c>/status</c> only when it changes.
/// </summary>
/// <typeparam name="T">TranscodeProfile or Template.</typeparam>
internal sealed class UsageReconciler<T>(
    Store<T> store,
    OperatorClients clients,
    Func<T, IEnumerable<string>> usedBy,
    Func<T, IReadOnlyList<FieldError>> validate,
    TimeProvider time) : IReconciler
    where T : class, k8s.IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var obj = store.Get(key);
        if (obj is null || obj.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var json = JsonSerializer.SerializeToNode(obj, WireJson.Options)!.AsObject();
        var before = json["status"]?.ToJsonString() ?? "{}";
        var status = JsonSerializer.Deserialize<UsageStatus>(before, WireJson.Options)!;
        var generation = obj.Metadata.Generation ?? 1;
        var errors = validate(obj);
        var message = string.Join("; ", errors);
        var conditions = status.Conditions ??= [];
        status.ObservedGeneration = generation;
        Set(conditions, ConditionTypes.Ready, errors.Count == 0 ? ConditionStatus.True : ConditionStatus.False, errors.Count == 0 ? ConditionReasons.Valid : ConditionReasons.InvalidSpec, message, generation);
        Set(conditions, ConditionTypes.Stalled, errors.Count == 0 ? ConditionStatus.False : ConditionStatus.True, errors.Count == 0 ? ConditionReasons.Valid : ConditionReasons.InvalidSpec, message, generation);
        Set(conditions, ConditionTypes.Reconciling, ConditionStatus.False, errors.Count == 0 ? ConditionReasons.Valid : ConditionReasons.InvalidSpec, "", generation);
        var users = usedBy(obj).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(1000).ToList();
        status.UsedBy = users.Count == 0 ? null : users;
        var after = JsonSerializer.Serialize(status, WireJson.Options);
        if (after == before)
        {
            return ReconcileResult.Done;
        }

        json["status"] = JsonNode.Parse(after);
        var update = json.Deserialize<T>(WireJson.Options)!;
        await clients.ReplaceStatusAsync(update, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private void Set(IList<V1Condition> conditions, string type, string value, string reason, string message, long generation) =>
        ConditionSet.SetCondition(conditions, new V1Condition { Type = type, Status = value, Reason = reason, Message = message, ObservedGeneration = generation }, time);

    /// <summary>The status shape TranscodeProfileStatus and TemplateStatus share.</summary>
    private sealed class UsageStatus
    {
        public long? ObservedGeneration { get; set; }

        public IList<V1Condition>? Conditions { get; set; }

        public IList<string>? UsedBy { get; set; }
    }
}
